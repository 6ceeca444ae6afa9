// The portal's search: suggestions as one types, on every input with
// [data-suggest-url] (the header box and the search page's box).
//
// ARIA 1.2 combobox with a listbox popup: role="combobox", aria-expanded,
// aria-controls, aria-activedescendant; Arrow keys move through suggestions,
// Enter opens the chosen one (or submits the search), Escape closes the list.
// Without JavaScript the boxes are ordinary search forms. Visitors' text is
// only ever set with textContent.
(function () {
    "use strict";

    var DEBOUNCE_MS = 200;
    var MIN_LENGTH = 2;
    var instances = 0;

    function Combobox(input) {
        this.input = input;
        this.url = input.getAttribute("data-suggest-url");
        var sectionSelector = input.getAttribute("data-suggest-section");
        this.sectionField = sectionSelector ? document.querySelector(sectionSelector) : null;
        this.options = [];
        this.results = [];
        this.active = -1;
        this.timer = null;
        this.controller = null;
        this.cache = new Map();
        this.build();
        this.bind();
    }

    Combobox.prototype.build = function () {
        instances += 1;
        var base = this.input.id || "search-suggest-" + instances;
        var host = this.input.parentNode;
        host.classList.add("search-suggest-host");

        this.listbox = document.createElement("ul");
        this.listbox.id = base + "-listbox";
        this.listbox.className = "search-suggest";
        this.listbox.setAttribute("role", "listbox");
        this.listbox.hidden = true;
        var label = this.input.labels && this.input.labels[0];
        if (label) {
            if (!label.id) { label.id = base + "-label"; }
            this.listbox.setAttribute("aria-labelledby", label.id);
        }

        // Announces how many suggestions there are; the list itself is silent.
        this.status = document.createElement("div");
        this.status.className = "visually-hidden";
        this.status.setAttribute("role", "status");
        this.status.setAttribute("aria-live", "polite");

        host.appendChild(this.listbox);
        host.appendChild(this.status);

        this.input.setAttribute("role", "combobox");
        this.input.setAttribute("aria-autocomplete", "list");
        this.input.setAttribute("aria-expanded", "false");
        this.input.setAttribute("aria-controls", this.listbox.id);
    };

    Combobox.prototype.bind = function () {
        var self = this;
        this.input.addEventListener("input", function () { self.schedule(); });
        this.input.addEventListener("keydown", function (event) { self.onKey(event); });
        this.input.addEventListener("blur", function () { self.close(); });
        // Keep the focus in the box while a suggestion is clicked.
        this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
        this.listbox.addEventListener("click", function (event) {
            var option = event.target.closest("[role='option']");
            if (option) { self.go(self.options.indexOf(option)); }
        });
        if (this.sectionField) {
            this.sectionField.addEventListener("change", function () { self.cache.clear(); });
        }
    };

    Combobox.prototype.query = function () {
        return this.input.value.trim();
    };

    Combobox.prototype.section = function () {
        return this.sectionField ? this.sectionField.value : "";
    };

    Combobox.prototype.schedule = function () {
        var self = this;
        window.clearTimeout(this.timer);
        if (this.query().length < MIN_LENGTH) {
            this.abort();
            this.close();
            return;
        }
        this.timer = window.setTimeout(function () { self.fetch(); }, DEBOUNCE_MS);
    };

    Combobox.prototype.abort = function () {
        if (this.controller) { this.controller.abort(); this.controller = null; }
    };

    Combobox.prototype.fetch = function () {
        var self = this;
        var query = this.query();
        var section = this.section();
        var key = section + "\u0000" + query;
        if (this.cache.has(key)) {
            this.render(this.cache.get(key));
            return;
        }
        this.abort();
        this.controller = new AbortController();
        var params = new URLSearchParams({ q: query });
        if (section) { params.set("section", section); }
        fetch(this.url + "?" + params.toString(), {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
            signal: this.controller.signal
        }).then(function (response) {
            if (!response.ok) { throw new Error("HTTP " + response.status); }
            return response.json();
        }).then(function (data) {
            self.cache.set(key, data);
            // An answer to an older query is not shown.
            if (self.query() === query && self.section() === section) { self.render(data); }
        }).catch(function (error) {
            if (error.name !== "AbortError") { self.close(); }
        });
    };

    Combobox.prototype.render = function (data) {
        var self = this;
        this.results = data.results || [];
        this.options = this.results.map(function (result, index) {
            var option = document.createElement("li");
            option.id = self.listbox.id + "-" + index;
            option.className = "search-suggest__option";
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");

            var title = document.createElement("span");
            title.className = "search-suggest__title";
            (result.parts || [[result.title, false]]).forEach(function (part) {
                var piece = document.createElement(part[1] ? "mark" : "span");
                piece.textContent = part[0];
                title.appendChild(piece);
            });
            var type = document.createElement("span");
            type.className = "search-suggest__type";
            type.textContent = result.type;

            option.appendChild(title);
            option.appendChild(type);
            return option;
        });
        this.listbox.replaceChildren.apply(this.listbox, this.options);
        this.active = -1;
        this.input.removeAttribute("aria-activedescendant");
        this.status.textContent = data.status || "";
        if (this.options.length && document.activeElement === this.input) {
            this.open();
        } else {
            this.close();
        }
    };

    Combobox.prototype.open = function () {
        this.listbox.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
    };

    Combobox.prototype.close = function () {
        window.clearTimeout(this.timer);
        this.listbox.hidden = true;
        this.input.setAttribute("aria-expanded", "false");
        this.input.removeAttribute("aria-activedescendant");
        this.setActive(-1);
    };

    Combobox.prototype.isOpen = function () {
        return !this.listbox.hidden;
    };

    Combobox.prototype.setActive = function (index) {
        if (this.active >= 0 && this.options[this.active]) {
            this.options[this.active].setAttribute("aria-selected", "false");
        }
        this.active = index;
        if (index < 0 || !this.options[index]) {
            this.input.removeAttribute("aria-activedescendant");
            return;
        }
        var option = this.options[index];
        option.setAttribute("aria-selected", "true");
        this.input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
    };

    Combobox.prototype.move = function (step) {
        if (!this.options.length) { return; }
        if (!this.isOpen()) { this.open(); }
        var count = this.options.length;
        var next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
        this.setActive(next);
    };

    Combobox.prototype.go = function (index) {
        var result = this.results[index];
        if (result && result.url) { window.location.assign(result.url); }
    };

    Combobox.prototype.onKey = function (event) {
        switch (event.key) {
        case "ArrowDown":
            if (event.altKey) {
                if (this.options.length) { this.open(); }
            } else {
                this.move(1);
            }
            event.preventDefault();
            break;
        case "ArrowUp":
            this.move(-1);
            event.preventDefault();
            break;
        case "Enter":
            if (this.isOpen() && this.active >= 0) {
                event.preventDefault();
                this.go(this.active);
            }
            break;
        case "Escape":
            if (this.isOpen()) {
                event.preventDefault();
                this.close();
            }
            break;
        case "Tab":
            this.close();
            break;
        default:
            break;
        }
    };

    document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
        if ("fetch" in window && "AbortController" in window) { new Combobox(input); }
    });

    // The facets start folded on phones; on a wide screen they sit open beside the results.
    if (window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
        document.querySelectorAll("details.search-facets__panel").forEach(function (details) {
            details.open = true;
        });
    }
})();
