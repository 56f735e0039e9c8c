/* Sportello: the chat of the Comune, for any page of its website, with one script tag.
   No framework, no cookies, no request to anyone but the Comune's own server. The citizen is
   an anonymous id kept in this browser (localStorage) and replaced with one button; what the
   conversation showed is kept for the tab only (sessionStorage). The server fills CONFIG in
   (texts in every language, the allowed sites, the longest message). */
(function () {
  "use strict";
  var CONFIG = /*CONFIG*/null;
  var script = document.currentScript;
  if (!CONFIG || !script || !window.fetch || !document.body || !document.body.attachShadow) {
    return;
  }
  var base = new URL(script.src, location.href).origin;
  if (CONFIG.origins.indexOf(location.origin) < 0) {
    // The server refuses this page's calls anyway: show nothing rather than a broken chat.
    window.console.warn("Sportello: " + location.origin + " is not among webchat_origins");
    return;
  }
  var lang = [script.getAttribute("data-lang"), document.documentElement.lang, navigator.language]
    .map(function (tag) { return (tag || "").slice(0, 2).toLowerCase(); })
    .filter(function (code) { return CONFIG.texts[code]; })[0] || "it";
  var T = CONFIG.texts[lang];
  var ID = "sportello-webchat-id";
  var LAST = "sportello-webchat-last";
  var LOG = "sportello-webchat-log";

  // ---- storage (a private window may refuse it: then memory only) ----
  var memory = {};
  function store(name) {
    try {
      var s = window[name];
      s.getItem(ID);
      return s;
    } catch (e) {
      return null;
    }
  }
  var local = store("localStorage");
  var session = store("sessionStorage");
  function get(s, key) { return s ? s.getItem(key) : memory[key] || null; }
  function put(s, key, value) {
    try {
      if (s) { s.setItem(key, value); return; }
    } catch (e) { /* full: keep it in memory */ }
    memory[key] = value;
  }
  function drop(s, key) {
    if (s) { s.removeItem(key); }
    delete memory[key];
  }
  function randomId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
  }
  function citizen() {
    var id = get(local, ID);
    if (!id) {
      id = randomId();
      put(local, ID, id);
    }
    return id;
  }
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  // ---- the elements, in a shadow root so the page's styles and ours stay apart ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attrs.text; } else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  var host = el("div", { "data-sportello-webchat": "" });
  var root = host.attachShadow({ mode: "open" });
  var sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS());
  root.adoptedStyleSheets = [sheet];

  var launcher = el("button", {
    type: "button", "class": "btn btn-primary launcher", "aria-haspopup": "dialog",
    "aria-expanded": "false", text: T.open
  });
  var closeButton = el("button", { type: "button", "class": "btn btn-outline", text: T.close });
  var rotateButton = el("button", { type: "button", "class": "btn btn-outline rotate", text: T["new-id"] });
  var log = el("div", {
    "class": "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-labelledby": "sportello-title", tabindex: "0"
  });
  var intro = el("p", { id: "sportello-intro", "class": "intro", text: T.intro });
  log.appendChild(intro);
  var status = el("p", { "class": "status", role: "status" });
  var input = el("textarea", {
    id: "sportello-message", "class": "field", rows: "2", maxlength: String(CONFIG.maxChars),
    autocomplete: "off"
  });
  var send = el("button", { type: "submit", "class": "btn btn-primary", text: T.send });
  var form = el("form", { "class": "compose" }, [
    el("label", { "for": "sportello-message", text: T["input-label"] }),
    el("div", { "class": "row" }, [input, send])
  ]);
  var dialog = el("dialog", {
    "class": "chat", "aria-labelledby": "sportello-title", "aria-describedby": "sportello-intro",
    lang: lang
  }, [
    el("div", { "class": "head" }, [
      el("h2", { id: "sportello-title", text: T.title }),
      el("div", { "class": "tools" }, [rotateButton, closeButton])
    ]),
    log, status, form
  ]);
  root.appendChild(el("div", { lang: lang }, [launcher, dialog]));
  document.body.appendChild(host);

  // ---- the dialog: focus goes in, stays in, and returns to the launcher ----
  function focusable() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("button, a[href], textarea, [tabindex='0']"),
      function (node) { return !node.disabled && node.getClientRects().length > 0; }
    );
  }
  function open() {
    dialog.showModal();
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    connect();
  }
  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") { return; }
    var nodes = focusable();
    var first = nodes[0];
    var last = nodes[nodes.length - 1];
    var active = root.activeElement;
    if (event.shiftKey && (active === first || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  });

  // ---- what the conversation shows, kept for this tab ----
  var shown = [];
  try { shown = JSON.parse(get(session, LOG) || "[]"); } catch (e) { shown = []; }
  function keep() { put(session, LOG, JSON.stringify(shown.slice(-200))); }
  function say(text) {
    status.classList.remove("error");
    status.textContent = text;
  }
  function warn(text) {
    status.classList.add("error");
    status.textContent = text;
  }
  function scroll(node) {
    node.scrollIntoView({ block: "end", behavior: reduced && !reduced.matches ? "smooth" : "auto" });
  }
  function linked(parent, text) {
    // Addresses in a reply become links; the rest stays text.
    var parts = text.split(/(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])/);
    parts.forEach(function (part, i) {
      if (i % 2) {
        parent.appendChild(el("a", { href: part, target: "_blank", rel: "noopener noreferrer" }, [
          document.createTextNode(part), el("span", { "class": "sr", text: " " + T["new-window"] })
        ]));
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }
  function render(entry, latest) {
    var body = el("p", { "class": "text" });
    linked(body, entry.text || "");
    var node = el("div", { "class": "msg " + entry.who }, [
      el("span", { "class": "sr", text: entry.who === "you" ? T.you : T.comune }), body
    ]);
    if (entry.download) {
      var save = el("button", { type: "button", "class": "btn btn-outline", text: T.download });
      save.addEventListener("click", function () { fetchDownload(entry.download); });
      node.appendChild(save);
    }
    if (entry.expired) {
      node.appendChild(el("p", { "class": "text", text: T["download-expired"] }));
    }
    if (latest && entry.choices && entry.choices.length) {
      var group = el("div", { "class": "choices", role: "group", "aria-label": T.choices });
      entry.choices.forEach(function (choice) {
        if (choice.url) {
          group.appendChild(el("a", {
            "class": "btn btn-outline", href: choice.url, target: "_blank", rel: "noopener noreferrer"
          }, [document.createTextNode(choice.label),
            el("span", { "class": "sr", text: " " + T["new-window"] })]));
          return;
        }
        var button = el("button", { type: "button", "class": "btn btn-outline", text: choice.label });
        button.addEventListener("click", function () {
          post({ choice: choice.id, at: entry.at }, choice.label, null);
        });
        group.appendChild(button);
      });
      node.appendChild(group);
    }
    log.appendChild(node);
    scroll(node);
    return node;
  }
  function dropChoices() {
    var old = log.querySelectorAll(".choices");
    var hadFocus = false;
    Array.prototype.forEach.call(old, function (group) {
      hadFocus = hadFocus || group.contains(root.activeElement);
      group.remove();
    });
    if (hadFocus) { input.focus(); }
  }
  function add(entry) {
    if (entry.who === "bot") { dropChoices(); }
    shown.push(entry);
    keep();
    return render(entry, true);
  }
  shown.forEach(function (entry, i) { render(entry, i === shown.length - 1); });

  // ---- replies: server-sent events read with fetch, so the id travels in a header ----
  var stream = null;
  var ready = false;
  var backoff = 1000;
  function order(id) {
    var parts = String(id || "0-0").split("-");
    return [Number(parts[0]) || 0, Number(parts[1]) || 0];
  }
  function newer(id) {
    var last = order(get(session, LAST));
    var next = order(id);
    return next[0] > last[0] || (next[0] === last[0] && next[1] > last[1]);
  }
  function handle(block) {
    var type = "message";
    var id = null;
    var data = [];
    block.split("\n").forEach(function (line) {
      var colon = line.indexOf(":");
      if (colon === 0) { return; }
      var field = colon < 0 ? line : line.slice(0, colon);
      var value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") { type = value; } else if (field === "id") { id = value; } else if (field === "data") { data.push(value); }
    });
    if (type === "ready") {
      if (!get(session, LAST)) { put(session, LAST, id); }
      ready = true;
      say("");
      drain();
    } else if (type === "reply" && id && newer(id)) {
      var reply = JSON.parse(data.join("\n"));
      add({
        who: "bot", text: reply.text, choices: reply.choices, at: reply.at,
        download: reply.download, expired: reply.expired
      });
      put(session, LAST, id);
    }
  }
  function connect() {
    if (stream) { return; }
    var control = new AbortController();
    stream = control;
    say(T.connecting);
    var headers = { "X-Sportello-Id": citizen(), Accept: "text/event-stream" };
    var last = get(session, LAST);
    if (last) { headers["Last-Event-ID"] = last; }
    fetch(base + "/webchat/events", {
      headers: headers, signal: control.signal, cache: "no-store", credentials: "omit"
    }).then(function (response) {
      if (!response.ok || !response.body) { throw new Error("HTTP " + response.status); }
      backoff = 1000;
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { throw new Error("the stream ended"); }
          buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, "\n");
          var end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            handle(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      if (control.signal.aborted) { return; }
      stream = null;
      ready = false;
      warn(T.offline);
      window.setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10000);
    });
  }

  // ---- what the citizen writes: posted in order, retried with the same id ----
  var queue = [];
  var posting = false;
  function post(body, text, restore) {
    body.id = randomId();
    body.lang = lang;
    var entry = { who: "you", text: text };
    queue.push({ body: body, restore: restore, entry: entry, node: add(entry) });
    drain();
  }
  function refused(item, answer) {
    queue.shift();
    item.node.remove();
    shown = shown.filter(function (entry) { return entry !== item.entry; });
    keep();
    if (item.restore !== null && !input.value) { input.value = item.restore; }
    warn(answer.message || T.invalid);
    input.focus();
  }
  function drain() {
    if (posting || !ready || !queue.length) { return; }
    posting = true;
    var item = queue[0];
    fetch(base + "/webchat/messages?lang=" + lang, {
      method: "POST", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Sportello-Id": citizen() },
      body: JSON.stringify(item.body)
    }).then(function (response) {
      if (response.status === 202) {
        queue.shift();
        say("");
        return;
      }
      if (response.status >= 500) { throw new Error("HTTP " + response.status); }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        refused(item, answer);
      });
    }).then(function () {
      posting = false;
      drain();
    }, function () {
      posting = false;
      say(T.sending);
      window.setTimeout(drain, 2000);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    post({ text: text }, text, text);
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // ---- a data export: fetched with the id in a header, saved by the browser ----
  function fetchDownload(download) {
    fetch(base + "/webchat/download/" + encodeURIComponent(download.key) + "?lang=" + lang, {
      headers: { "X-Sportello-Id": citizen() }, credentials: "omit", cache: "no-store"
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (answer) { warn(answer.message || T["download-expired"]); });
      }
      return response.blob().then(function (blob) {
        var link = el("a", { href: URL.createObjectURL(blob), download: download.filename });
        root.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      });
    }).catch(function () { warn(T.offline); });
  }

  // ---- a new anonymous id: this browser forgets the conversation ----
  rotateButton.addEventListener("click", function () {
    if (stream) { stream.abort(); }
    stream = null;
    ready = false;
    queue = [];
    put(local, ID, randomId());
    drop(session, LAST);
    drop(session, LOG);
    shown = [];
    log.textContent = "";
    log.appendChild(intro);
    connect();
    say(T["new-id-done"]);
    input.focus();
  });

  // A conversation under way on an earlier page goes on at once.
  if (get(session, LAST)) { connect(); }

  function CSS() {
    return [
      ":host{all:initial}",
      "*{box-sizing:border-box}",
      "div[lang]{font-family:'Titillium Web',Geneva,Tahoma,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a}",
      ".btn{display:inline-flex;align-items:center;justify-content:center;font:inherit;font-weight:600;",
      "min-height:2.75rem;min-width:2.75rem;padding:.5rem 1rem;border:2px solid #0066cc;border-radius:4px;",
      "cursor:pointer;text-decoration:none;text-align:center}",
      ".btn-primary{background:#0066cc;color:#fff}",
      ".btn-primary:hover{background:#004d99;border-color:#004d99}",
      ".btn-outline{background:#fff;color:#0066cc}",
      ".btn-outline:hover{background:#e5f0fa;color:#004d99}",
      ":focus-visible{outline:3px solid #ff9900;outline-offset:2px;box-shadow:0 0 0 2px #fff}",
      ".launcher{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;box-shadow:0 2px 8px rgba(0,0,0,.3)}",
      "dialog.chat{position:fixed;inset:auto 1rem 1rem auto;margin:0;padding:0;width:min(30rem,calc(100vw - 2rem));",
      "height:min(40rem,calc(100vh - 2rem));height:min(40rem,calc(100dvh - 2rem));max-width:none;max-height:none;border:1px solid #5c6f82;border-radius:4px;",
      "background:#fff;color:#1a1a1a;overflow:auto;box-shadow:0 4px 16px rgba(0,0,0,.3)}",
      "dialog.chat[open]{display:flex;flex-direction:column}",
      "dialog.chat::backdrop{background:rgba(23,50,77,.4)}",
      ".head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;",
      "padding:.75rem 1rem;background:#0066cc;color:#fff}",
      ".head h2{margin:0;font-size:1.125rem;line-height:1.3;font-weight:700}",
      ".tools{display:flex;flex-wrap:wrap;gap:.5rem}",
      ".head{padding:.5rem 1rem}.head .btn-outline{padding:.25rem .75rem;border-color:#fff;font-size:.875rem}",
      ".intro{margin:.25rem 0 .75rem;color:#3d4d5c}",
      ".log{flex:1 1 auto;min-height:8rem;overflow-y:auto;padding:.5rem 1rem}",
      ".msg{margin:.5rem 0;padding:.5rem .75rem;border-radius:4px;max-width:92%}",
      ".msg.bot{background:#f2f7fc;border-left:4px solid #0066cc}",
      ".msg.you{background:#0066cc;color:#fff;margin-left:auto}",
      ".text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}",
      ".msg a{color:#004d99}",
      ".msg .btn{margin-top:.5rem}",
      ".choices{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}",
      ".choices .btn{margin-top:0;white-space:normal}",
      ".status{min-height:1.5rem;margin:0 1rem;color:#3d4d5c}",
      ".status.error{color:#a61f35;font-weight:600}",
      ".compose{padding:.5rem 1rem 1rem;border-top:1px solid #d9dadb}",
      ".compose label{display:block;font-weight:600;margin-bottom:.25rem}",
      ".row{display:flex;gap:.5rem;align-items:flex-end}",
      ".field{flex:1 1 auto;min-width:0;min-height:2.75rem;font:inherit;color:#1a1a1a;background:#fff;",
      "padding:.5rem;border:1px solid #5c6f82;border-radius:4px;resize:vertical}",
      ".sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}",
      "@media (max-width:40rem),(max-height:30rem){dialog.chat{inset:0;width:100vw;height:100vh;height:100dvh;border:0;border-radius:0}",
      ".launcher{right:.5rem;bottom:.5rem}}",
      "@media (prefers-reduced-motion:no-preference){dialog.chat[open]{animation:sportello-in .2s ease-out}",
      "@keyframes sportello-in{from{opacity:0;transform:translateY(1rem)}to{opacity:1;transform:none}}}"
    ].join("");
  }
})();
