// Events: enhancements on top of forms and links that work without JavaScript.
(function () {
    "use strict";

    // Forms that undo something (cancel a registration, replace the calendar address)
    // ask first; without JavaScript the server-side confirmation page does the same job.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (!window.confirm(form.getAttribute("data-confirm"))) {
                event.preventDefault();
            }
        });
    });

    // «Скопировать» next to the personal calendar address.
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
        var input = document.querySelector(button.getAttribute("data-copy"));
        if (!input || !navigator.clipboard) {
            return;
        }
        var label = button.textContent;
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(input.value).then(function () {
                button.textContent = button.getAttribute("data-copied");
                window.setTimeout(function () { button.textContent = label; }, 2000);
            }, function () {
                input.select();
            });
        });
    });

    // After registering, move focus to the registration box the page scrolled to,
    // so screen-reader users hear the outcome.
    if (window.location.hash === "#registration") {
        var box = document.getElementById("registration");
        if (box) {
            box.focus();
        }
    }
})();
