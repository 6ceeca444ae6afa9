// Site-wide behaviour. Each feature below only enhances what already works
// without JavaScript (forms submit, links navigate).
(function () {
    "use strict";

    // Selects that submit their form on change (e.g. the language switcher)
    // keep their button for keyboard and no-JS users.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
        select.addEventListener("change", function () { select.form.requestSubmit(); });
    });
})();
