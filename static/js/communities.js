// Live discussion channel: progressive enhancement of the server-rendered page.
//
// Without JavaScript the page works as plain HTML (forms post, links page back).
// With it, messages arrive over a WebSocket, older history loads on scroll, and
// a dropped connection comes back by itself: the page asks the server for every
// message after the newest id it has (and for changes since the last one it saw),
// and keeps messages by id, so nothing is lost and nothing shows twice.
//
// Security: user text is only ever put into the page with textContent; links are
// built as <a> elements whose href passed a http(s) check.
(function () {
    "use strict";

    var configNode = document.getElementById("chat-config");
    var root = document.querySelector("[data-chat]");
    if (!configNode || !root || !("WebSocket" in window)) { return; }
    var config = JSON.parse(configNode.textContent);
    if (!config.live) { return; }
    var S = config.strings;

    var log = root.querySelector("[data-chat-log]");
    var scroller = root.querySelector("[data-chat-scroller]");
    var statusNode = root.querySelector("[data-chat-status]");
    var errorNode = root.querySelector("[data-chat-error]");
    var form = root.querySelector("[data-chat-form]");
    var input = root.querySelector("[data-chat-input]");
    var counter = root.querySelector("[data-chat-counter]");
    var replyBox = root.querySelector("[data-chat-reply]");
    var replyText = root.querySelector("[data-chat-reply-text]");
    var replyInput = root.querySelector("[data-chat-reply-input]");
    var onlineSection = root.querySelector("[data-chat-online-section]");
    var onlineList = root.querySelector("[data-chat-online]");
    var onlineCount = root.querySelector("[data-chat-online-count]");
    var pinnedSection = root.querySelector("[data-chat-pinned-section]");
    var pinnedList = root.querySelector("[data-chat-pinned]");
    var emptyNode = root.querySelector("[data-chat-empty]");
    var refusalNode = root.querySelector(".chat__refusal");

    var messages = new Map();   // id -> message data
    var elements = new Map();   // id -> <li>
    var newestId = 0;           // the newest message id this page holds
    var oldestId = 0;
    var watermark = null;       // newest updated_at seen: «what changed since»
    var hasMore = !!config.hasMore;
    var canPost = !!config.canPost;
    var canModerate = !!config.canModerate;
    var socket = null;
    var attempts = 0;
    var reconnectTimer = null;
    var heartbeatTimer = null;
    var stopped = false;        // the server said no: do not retry
    var pending = new Map();    // client_id -> timeout
    var readTimer = null;
    var online = new Map();
    var pinnedMap = new Map();  // pinned messages, loaded or not
    (config.pinned || []).forEach(function (data) { pinnedMap.set(data.id, data); });

    function format(template, values) {
        return template.replace(/\{(\w+)\}/g, function (_m, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : "";
        });
    }

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined && text !== null) { node.textContent = text; }
        return node;
    }

    // ---- Text: links and mentions, built node by node -------------------------

    var WORD = "[\\p{L}\\p{N}_]";
    var TOKEN = new RegExp(
        "(https?:\\/\\/[^\\s<>\"']+|www\\.[^\\s<>\"']+)" +
        "|(?<![\\p{L}\\p{N}_@\\/:.+\\-])@(" + WORD + "(?:[\\p{L}\\p{N}_.+\\-]*" + WORD + ")?)",
        "gu"
    );
    var TRAILING = /[.,;:!?»"')\]]+$/;

    function safeHref(raw) {
        var candidate = /^www\./i.test(raw) ? "http://" + raw : raw;
        try {
            var url = new URL(candidate);
            if (url.protocol === "http:" || url.protocol === "https:") { return url.href; }
        } catch (error) { /* not a URL: stays text */ }
        return null;
    }

    function renderText(text, mentions) {
        var fragment = document.createDocumentFragment();
        var known = new Map((mentions || []).map(function (m) { return [m.username, m.name]; }));
        var position = 0;
        var match;
        TOKEN.lastIndex = 0;
        while ((match = TOKEN.exec(text)) !== null) {
            if (match.index > position) {
                fragment.appendChild(document.createTextNode(text.slice(position, match.index)));
            }
            if (match[1]) {
                var raw = match[1];
                var tail = "";
                var trailing = raw.match(TRAILING);
                // Keep a closing bracket that belongs to the address: …/Наставник_(педагогика)
                if (trailing && !(trailing[0] === ")" && raw.split("(").length > raw.split(")").length - 1)) {
                    tail = trailing[0];
                    raw = raw.slice(0, raw.length - tail.length);
                }
                var href = safeHref(raw);
                if (href) {
                    var link = el("a", null, raw);
                    link.href = href;
                    link.rel = "nofollow noopener noreferrer";
                    fragment.appendChild(link);
                } else {
                    fragment.appendChild(document.createTextNode(raw));
                }
                if (tail) { fragment.appendChild(document.createTextNode(tail)); }
            } else {
                var username = match[2];
                if (known.has(username)) {
                    var mention = el("span", "mention", "@" + username);
                    mention.title = known.get(username);
                    if (username === config.username) { mention.classList.add("mention--me"); }
                    fragment.appendChild(mention);
                } else {
                    fragment.appendChild(document.createTextNode(match[0]));
                }
            }
            position = match.index + match[0].length;
        }
        if (position < text.length) { fragment.appendChild(document.createTextNode(text.slice(position))); }
        return fragment;
    }

    // ---- Messages --------------------------------------------------------------

    var timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || "ru", {
        day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Moscow"
    });
    var fullFormat = new Intl.DateTimeFormat(document.documentElement.lang || "ru", {
        dateStyle: "long", timeStyle: "short", timeZone: "Europe/Moscow"
    });

    function authorName(data) { return data.author ? data.author.name : S.formerMember; }

    function isOwn(data) { return data.author && config.user && data.author.id === config.user; }

    function canStillEdit(data) {
        return isOwn(data) && canPost && Date.now() < Date.parse(data.editable_until);
    }

    function actionButton(label, action, id) {
        var button = el("button", "link-button", label);
        button.type = "button";
        button.dataset.action = action;
        button.dataset.id = String(id);
        return button;
    }

    function buildMessage(data) {
        var item = el("li", "chat-message");
        item.id = "message-" + data.id;
        item.dataset.id = String(data.id);
        if (data.pinned) { item.classList.add("chat-message--pinned"); }
        if (data.deleted) { item.classList.add("chat-message--deleted"); }
        if (isOwn(data)) { item.classList.add("chat-message--own"); }

        var head = el("p", "chat-message__head");
        head.appendChild(el("span", "chat-message__author", authorName(data)));
        var created = new Date(data.created_at);
        var timeLink = el("a", "chat-message__time");
        timeLink.href = "#message-" + data.id;
        var time = el("time", null, timeFormat.format(created));
        time.dateTime = data.created_at;
        time.title = fullFormat.format(created);
        timeLink.appendChild(time);
        head.appendChild(timeLink);
        if (data.edited && !data.deleted) { head.appendChild(el("span", "chat-message__flag", S.edited)); }
        if (data.pinned) { head.appendChild(el("span", "badge badge--pinned", S.pinned)); }
        item.appendChild(head);

        if (data.reply_to) {
            var reply = el("p", "chat-message__reply");
            var replyLink = el("a", null, format(S.replyTo, { name: data.reply_to.author || S.formerMember }));
            replyLink.href = "#message-" + data.reply_to.id;
            reply.appendChild(replyLink);
            reply.appendChild(document.createTextNode(": "));
            reply.appendChild(el("span", null, data.reply_to.excerpt));
            item.appendChild(reply);
        }

        if (data.deleted) {
            item.appendChild(el("p", "chat-message__text chat-message__text--deleted", S.deleted));
        } else {
            var body = el("div", "chat-message__text");
            body.appendChild(renderText(data.text, data.mentions));
            item.appendChild(body);
            var actions = el("div", "chat-message__actions no-print");
            if (canPost) { actions.appendChild(actionButton(S.reply, "reply", data.id)); }
            if (canStillEdit(data)) { actions.appendChild(actionButton(S.edit, "edit", data.id)); }
            if (canModerate || canStillEdit(data)) { actions.appendChild(actionButton(S.delete, "delete", data.id)); }
            if (canModerate) { actions.appendChild(actionButton(data.pinned ? S.unpin : S.pin, "pin", data.id)); }
            if (actions.childNodes.length) { item.appendChild(actions); }
        }
        return item;
    }

    function noteWatermark(data) {
        if (data.updated_at && (!watermark || data.updated_at > watermark)) { watermark = data.updated_at; }
    }

    function nearBottom() {
        return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    }

    function scrollToBottom() { scroller.scrollTop = scroller.scrollHeight; }

    // Put a message in its place by id; replace it when it is already there.
    function place(data) {
        noteWatermark(data);
        if (data.pinned && !data.deleted) { pinnedMap.set(data.id, data); } else { pinnedMap.delete(data.id); }
        var existing = elements.get(data.id);
        var node = buildMessage(data);
        messages.set(data.id, data);
        elements.set(data.id, node);
        if (existing) {
            existing.replaceWith(node);
            return false;
        }
        if (emptyNode) { emptyNode.remove(); emptyNode = null; }
        if (data.id > newestId) {
            log.appendChild(node);
            newestId = data.id;
        } else {
            var after = null;
            elements.forEach(function (other, id) {
                if (id > data.id && other !== node && other.isConnected && (!after || id < Number(after.dataset.id))) { after = other; }
            });
            log.insertBefore(node, after);
        }
        if (!oldestId || data.id < oldestId) { oldestId = data.id; }
        return true;
    }

    function refreshPinned() {
        var pinned = Array.from(pinnedMap.values());
        pinned.sort(function (a, b) { return b.id - a.id; });
        pinnedList.textContent = "";
        pinned.slice(0, 10).forEach(function (data) {
            var item = el("li");
            var link = el("a", null, authorName(data) + ": " + data.text.replace(/\s+/g, " ").slice(0, 120));
            link.href = "#message-" + data.id;
            item.appendChild(link);
            pinnedList.appendChild(item);
        });
        pinnedSection.hidden = pinnedList.childNodes.length === 0;
    }

    function receiveNew(list) {
        var stick = nearBottom();
        var added = false;
        list.forEach(function (data) { added = place(data) || added; });
        if (added) {
            if (stick) { scrollToBottom(); } else { showNewMessagesButton(); }
            scheduleRead();
        }
        refreshPinned();
    }

    // ---- Older history on scroll ---------------------------------------------

    var olderBox = root.querySelector("[data-chat-older]");
    var loadingOlder = false;
    if (!olderBox) {
        olderBox = el("p", "chat__older");
        olderBox.dataset.chatOlder = "";
        scroller.insertBefore(olderBox, scroller.firstChild);
    }
    olderBox.textContent = "";
    var olderButton = el("button", "button button--small button--secondary", S.loadOlder);
    olderButton.type = "button";
    olderBox.appendChild(olderButton);

    function updateOlder() {
        olderButton.hidden = !hasMore;
        if (!hasMore && messages.size) {
            olderBox.dataset.state = "start";
            if (!olderBox.querySelector(".chat__start")) { olderBox.appendChild(el("span", "chat__start muted", S.channelStart)); }
        }
    }

    function loadOlder() {
        if (loadingOlder || !hasMore || !oldestId) { return; }
        loadingOlder = true;
        olderButton.textContent = S.loadingOlder;
        olderButton.disabled = true;
        fetch(config.history + "?before=" + encodeURIComponent(oldestId), {
            credentials: "same-origin", headers: { "Accept": "application/json" }
        }).then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
        }).then(function (payload) {
            var before = scroller.scrollHeight - scroller.scrollTop;
            payload.messages.forEach(place);
            hasMore = payload.has_more;
            scroller.scrollTop = scroller.scrollHeight - before;
            refreshPinned();
            olderButton.textContent = S.loadOlder;
        }).catch(function () {
            olderButton.textContent = S.olderFailed;
        }).finally(function () {
            loadingOlder = false;
            olderButton.disabled = false;
            updateOlder();
        });
    }

    olderButton.addEventListener("click", loadOlder);
    if ("IntersectionObserver" in window) {
        new IntersectionObserver(function (entries) {
            if (entries.some(function (entry) { return entry.isIntersecting; })) { loadOlder(); }
        }, { root: scroller, rootMargin: "200px 0px 0px 0px" }).observe(olderBox);
    }

    // ---- "New messages" button when reading older ones ------------------------

    var newButton = el("button", "button button--small chat__new", S.newMessages);
    newButton.type = "button";
    newButton.hidden = true;
    scroller.parentNode.insertBefore(newButton, scroller.nextSibling);
    newButton.addEventListener("click", function () { scrollToBottom(); newButton.hidden = true; scheduleRead(); });
    scroller.addEventListener("scroll", function () {
        if (nearBottom()) { newButton.hidden = true; scheduleRead(); }
    });
    function showNewMessagesButton() { newButton.hidden = false; }

    // ---- Presence --------------------------------------------------------------

    function renderOnline() {
        onlineList.textContent = "";
        var people = Array.from(online.values()).sort(function (a, b) { return a.name.localeCompare(b.name, "ru"); });
        people.forEach(function (person) {
            var item = el("li", "online-list__item", person.name);
            if (person.id === config.user) { item.appendChild(el("span", "muted", " (" + S.you + ")")); }
            onlineList.appendChild(item);
        });
        onlineCount.textContent = "(" + people.length + ")";
        onlineSection.hidden = false;
    }

    // ---- Connection -------------------------------------------------------------

    function setStatus(text) { statusNode.textContent = text; }

    function showError(text) {
        errorNode.textContent = text || "";
    }

    function send(frame) {
        if (socket && socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify(frame));
            return true;
        }
        return false;
    }

    function scheduleRead() {
        if (!config.user || document.visibilityState !== "visible" || !nearBottom()) { return; }
        clearTimeout(readTimer);
        readTimer = setTimeout(function () { if (newestId) { send({ type: "read", id: newestId }); } }, 800);
    }

    function applyRights(frame) {
        var changed = canPost !== !!frame.can_post || canModerate !== !!frame.can_moderate;
        canPost = !!frame.can_post;
        canModerate = !!frame.can_moderate;
        if (form) { form.hidden = !canPost; }
        if (refusalNode) { refusalNode.hidden = canPost; }
        if (changed) {
            // Rights changed while the page was open (muted, removed, restored).
            if (!canPost && frame.post_refusal) { setStatus(frame.post_refusal); }
            messages.forEach(function (data) { place(data); });
        }
    }

    function connect() {
        clearTimeout(reconnectTimer);
        if (stopped) { return; }
        setStatus(S.connecting);
        var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
        socket = new WebSocket(scheme + window.location.host + config.ws);
        socket.addEventListener("open", function () {
            attempts = 0;
            // Ask for everything after the newest message this page has.
            send({ type: "sync", after: newestId, since: watermark });
            clearInterval(heartbeatTimer);
            heartbeatTimer = setInterval(function () { send({ type: "ping" }); }, 25000);
        });
        socket.addEventListener("message", function (event) {
            var frame;
            try { frame = JSON.parse(event.data); } catch (error) { return; }
            handle(frame);
        });
        socket.addEventListener("close", function (event) {
            clearInterval(heartbeatTimer);
            socket = null;
            pending.forEach(function (timer) { clearTimeout(timer); });
            pending.clear();
            if (form) { form.querySelector("[type=submit]").disabled = false; }
            if (event.code === 4401 || event.code === 4403 || event.code === 4404) {
                stopped = true;
                if (form) { form.hidden = true; }
                return;
            }
            scheduleReconnect();
        });
    }

    function scheduleReconnect() {
        if (stopped) { return; }
        if (!navigator.onLine) { setStatus(S.offline); return; }
        attempts += 1;
        var seconds = Math.min(30, Math.pow(2, Math.min(attempts - 1, 5)));
        var delay = seconds * 1000 * (0.75 + Math.random() * 0.5);
        setStatus(format(S.reconnecting, { seconds: Math.round(delay / 1000) || 1 }));
        reconnectTimer = setTimeout(connect, delay);
    }

    window.addEventListener("online", function () { if (!socket) { attempts = 0; connect(); } });
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") {
            if (!socket && !stopped) { attempts = 0; connect(); }
            scheduleRead();
        }
    });

    function handle(frame) {
        switch (frame.type) {
        case "ready":
            setStatus(S.connected);
            online.clear();
            frame.online.forEach(function (person) { online.set(person.id, person); });
            renderOnline();
            applyRights(frame);
            break;
        case "sync":
            receiveNew(frame.messages);
            frame.changed.forEach(place);
            refreshPinned();
            if (frame.has_more) { send({ type: "sync", after: newestId, since: watermark }); }
            break;
        case "message":
            receiveNew([frame.message]);
            break;
        case "update":
            if (messages.has(frame.message.id)) {
                place(frame.message);
            } else {
                noteWatermark(frame.message);
                if (frame.message.pinned && !frame.message.deleted) { pinnedMap.set(frame.message.id, frame.message); } else { pinnedMap.delete(frame.message.id); }
            }
            refreshPinned();
            break;
        case "ack":
            if (pending.has(frame.client_id)) {
                clearTimeout(pending.get(frame.client_id));
                pending.delete(frame.client_id);
                input.value = "";
                updateCounter();
                clearReply();
                showError("");
                form.querySelector("[type=submit]").disabled = false;
                scrollToBottom();
            }
            break;
        case "error":
            if (frame.client_id && pending.has(frame.client_id)) {
                clearTimeout(pending.get(frame.client_id));
                pending.delete(frame.client_id);
                form.querySelector("[type=submit]").disabled = false;
            }
            showError(frame.message);
            if (frame.code === "refused") { setStatus(frame.message); }
            break;
        case "presence":
            if (frame.joined) { online.set(frame.joined.id, frame.joined); }
            if (frame.left) { online.delete(frame.left); }
            renderOnline();
            break;
        case "access":
            applyRights(frame);
            break;
        case "mention":
            if (frame.message.channel !== config.channel) {
                var note = format(S.mention, { author: authorName(frame.message), channel: frame.channel.name });
                setStatus(note);
            }
            break;
        default:
            break;
        }
    }

    // ---- Composer ---------------------------------------------------------------

    function updateCounter() {
        if (!counter) { return; }
        var length = input.value.length;
        counter.textContent = length > config.maxLength * 0.8
            ? format(S.counter, { count: length, max: config.maxLength }) : "";
    }

    function clearReply() {
        replyInput.value = "";
        replyBox.hidden = true;
        replyText.textContent = "";
    }

    function startReply(id) {
        var data = messages.get(id);
        if (!data) { return; }
        replyInput.value = String(id);
        replyText.textContent = format(S.replyingTo, {
            name: authorName(data), excerpt: data.text.replace(/\s+/g, " ").slice(0, 80)
        });
        replyBox.hidden = false;
        input.focus();
    }

    if (form) {
        var hint = form.querySelector("#composer-help");
        if (hint) { hint.appendChild(document.createTextNode(" " + S.hint)); }
        input.addEventListener("input", updateCounter);
        input.addEventListener("keydown", function (event) {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                form.requestSubmit();
            }
        });
        root.querySelector("[data-chat-reply-cancel]").addEventListener("click", function () { clearReply(); input.focus(); });
        form.addEventListener("submit", function (event) {
            // No live connection: the form posts as plain HTML and the server answers.
            if (!socket || socket.readyState !== WebSocket.OPEN) { return; }
            event.preventDefault();
            var text = input.value;
            if (!text.trim()) { showError(""); }
            var clientId = String(Date.now()) + "-" + Math.random().toString(36).slice(2);
            var frame = { type: "post", text: text, client_id: clientId };
            if (replyInput.value) { frame.reply_to = Number(replyInput.value); }
            form.querySelector("[type=submit]").disabled = true;
            pending.set(clientId, setTimeout(function () {
                pending.delete(clientId);
                form.querySelector("[type=submit]").disabled = false;
                showError(S.sendTimeout);
            }, 10000));
            send(frame);
        });
        if (replyInput.value && messages.size === 0) { clearReply(); }
    }

    // ---- Actions on messages -------------------------------------------------------

    function startEdit(id) {
        var data = messages.get(id);
        var node = elements.get(id);
        if (!data || !node) { return; }
        var body = node.querySelector(".chat-message__text");
        var editor = el("form", "chat-message__editor");
        var label = el("label", "visually-hidden", S.editLabel);
        var area = el("textarea");
        area.id = "edit-" + id;
        label.htmlFor = area.id;
        area.value = data.text;
        area.maxLength = config.maxLength;
        area.rows = 3;
        var save = el("button", "button button--small", S.save);
        save.type = "submit";
        var cancel = el("button", "button button--small button--secondary", S.cancel);
        cancel.type = "button";
        editor.append(label, area, save, cancel);
        body.replaceWith(editor);
        area.focus();
        cancel.addEventListener("click", function () { place(data); });
        editor.addEventListener("submit", function (event) {
            event.preventDefault();
            if (!send({ type: "edit", id: id, text: area.value })) { showError(S.offline); }
        });
    }

    log.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-action]");
        if (!button) { return; }
        var id = Number(button.dataset.id);
        switch (button.dataset.action) {
        case "reply": startReply(id); break;
        case "edit": startEdit(id); break;
        case "delete":
            if (window.confirm(S.confirmDelete)) { send({ type: "delete", id: id }); }
            break;
        case "pin":
            send({ type: "pin", id: id, pinned: !(messages.get(id) || {}).pinned });
            break;
        default: break;
        }
    });

    // ---- Start: the server-rendered list is replaced by the same messages, live -----

    log.textContent = "";
    config.messages.forEach(place);
    if (replyInput && replyInput.value) { startReply(Number(replyInput.value)); }
    refreshPinned();
    updateOlder();
    updateCounter();
    scrollToBottom();
    if (window.location.hash && document.querySelector(window.location.hash.replace(/[^#\w-]/g, ""))) {
        document.querySelector(window.location.hash.replace(/[^#\w-]/g, "")).scrollIntoView();
    }
    connect();
})();
