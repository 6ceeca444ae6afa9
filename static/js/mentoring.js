// The mentoring app: enhancements of the honour board and the profile form.
// Everything works without this script; it only saves clicks and round trips.
(function () {
    "use strict";

    // Honour board: apply a filter as soon as it changes (the «Показать» button stays
    // for keyboard users who move through the selects, and for browsers without JS).
    document.querySelectorAll("form[data-board-filter]").forEach(function (form) {
        // Coming back through the history restores the page as it was left, disabled
        // selects included: give them back to the visitor.
        window.addEventListener("pageshow", function () {
            form.querySelectorAll("select").forEach(function (select) {
                select.disabled = false;
            });
        });
        form.querySelectorAll("select").forEach(function (select) {
            select.addEventListener("change", function () {
                // Empty selects are left out of the address: /doska-pochyota/?year=2024.
                form.querySelectorAll("select").forEach(function (other) {
                    other.disabled = other.value === "";
                });
                form.submit();
            });
        });
    });

    // Profile form: show the chosen photo before upload and catch the obvious mistakes early.
    // The server checks again (by content, not by name) and has the last word.
    var form = document.querySelector("form[data-profile-form]");
    if (!form) {
        return;
    }
    var input = form.querySelector("input[type=file]");
    var preview = form.querySelector("[data-photo-preview]");
    var error = form.querySelector("[data-photo-error]");
    var maxBytes = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    var previewUrl = null;

    function showError(message) {
        error.textContent = message;
        error.hidden = !message;
    }

    if (input && preview && error) {
        input.addEventListener("change", function () {
            if (previewUrl) {
                URL.revokeObjectURL(previewUrl);
                previewUrl = null;
            }
            preview.hidden = true;
            showError("");
            var file = input.files && input.files[0];
            if (!file) {
                return;
            }
            var allowed = (input.getAttribute("accept") || "").split(",");
            // Some systems give no type (an empty string): let the server judge those.
            if (file.type && allowed.indexOf(file.type) === -1) {
                showError(form.getAttribute("data-msg-type"));
                return;
            }
            if (maxBytes && file.size > maxBytes) {
                showError(form.getAttribute("data-msg-size"));
                return;
            }
            previewUrl = URL.createObjectURL(file);
            preview.src = previewUrl;
            preview.hidden = false;
        });
    }

    // «О себе»: how many characters are left, announced politely.
    form.querySelectorAll("textarea[data-charcount]").forEach(function (textarea) {
        var limit = parseInt(textarea.getAttribute("data-charcount"), 10);
        var counter = form.querySelector('[data-charcount-for="' + textarea.id + '"]');
        if (!counter || !limit) {
            return;
        }
        var template = form.getAttribute("data-msg-left") || "";
        function update() {
            counter.textContent = template.replace("{left}", String(limit - textarea.value.length));
        }
        textarea.addEventListener("input", update);
        update();
    });
    // Programme: ask before an action that cannot be undone (finishing a pair's work).
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (!window.confirm(form.getAttribute("data-confirm"))) {
                event.preventDefault();
            }
        });
    });
})();
