// The practice bank: small enhancements of pages that work without JavaScript.
// User data is only ever written with textContent.
(function () {
    "use strict";

    // Filters: leave empty choices out of the address, so a filtered list has the same
    // clean URL whether it was reached through the form or a link.
    document.querySelectorAll("[data-filter-form]").forEach(function (form) {
        form.addEventListener("submit", function () {
            form.querySelectorAll("select, input").forEach(function (field) {
                if (field.name && field.type !== "checkbox" && field.value === "") {
                    field.disabled = true;
                }
            });
        });
    });

    // On a phone the filters start folded, unless some are chosen.
    var panel = document.querySelector("[data-filters-panel]");
    if (panel && !panel.hasAttribute("data-active") && window.matchMedia("(max-width: 59.99rem)").matches) {
        panel.open = false;
    }

    // «Распечатать»: the button exists only where printing can be started from the page.
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });

    // «Применил(а) в своей работе» without leaving the page.
    document.querySelectorAll("[data-apply-form]").forEach(function (form) {
        var count = document.querySelector("[data-apply-count]");
        var status = document.querySelector("[data-apply-status]");
        form.addEventListener("submit", function (event) {
            if (!window.fetch || !window.FormData) { return; }
            event.preventDefault();
            var button = form.querySelector("button[type=submit]");
            button.disabled = true;
            fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                headers: { "Accept": "application/json" },
                credentials: "same-origin"
            }).then(function (response) {
                return response.json().then(function (data) { return { ok: response.ok, data: data }; });
            }).then(function (result) {
                if (count && typeof result.data.count === "number") {
                    count.textContent = String(result.data.count);
                }
                if (status) {
                    status.textContent = result.data.message || "";
                    status.classList.toggle("apply__status--error", !result.ok);
                }
                // A second send only updates the comment, so the form stays usable.
                button.disabled = false;
            }).catch(function () {
                // The network failed: let the browser send the form the ordinary way.
                form.submit();
            });
        });
    });

    // Proposal form: show step slots one by one; focus the error summary after a failed send.
    var proposal = document.querySelector("[data-proposal-form]");
    if (proposal) {
        var addButton = proposal.querySelector("[data-add-step]");
        var emptySteps = Array.prototype.slice.call(proposal.querySelectorAll("[data-step][data-empty]"));
        emptySteps.forEach(function (step) { step.hidden = true; });
        if (addButton && emptySteps.length) {
            addButton.hidden = false;
            addButton.addEventListener("click", function () {
                var next = emptySteps.shift();
                if (!next) { return; }
                next.hidden = false;
                var first = next.querySelector("input:not([type=hidden]), textarea");
                if (first) { first.focus(); }
                if (!emptySteps.length) { addButton.hidden = true; }
            });
        }
    }
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
})();
