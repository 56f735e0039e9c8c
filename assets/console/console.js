// Live updates for the console's pages: new lines on a case page, a changed queue on the
// inbox. Pages work without this file; it only saves a reload. Texts come from the page.
"use strict";

(function () {
  function announce(text) {
    var status = document.getElementById("live-status");
    if (status && text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  function lineItem(line) {
    var item = document.createElement("li");
    item.className = line["class"];
    item.setAttribute("data-id", String(line.id));
    var meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = line.who + ", " + line.at;
    var body = document.createElement("div");
    body.className = "body";
    body.textContent = line.text;
    item.appendChild(meta);
    item.appendChild(body);
    return item;
  }

  function followCase(list) {
    var source = new EventSource(list.getAttribute("data-live"));
    var status = document.getElementById("live-status");
    source.addEventListener("line", function (event) {
      var line = JSON.parse(event.data);
      if (list.querySelector('[data-id="' + line.id + '"]')) {
        return;
      }
      list.appendChild(lineItem(line));
      if (line["class"] === "from-citizen" && status) {
        announce(status.getAttribute("data-new-line"));
      }
    });
    source.addEventListener("case", function (event) {
      var change = JSON.parse(event.data);
      var shown = document.getElementById("case-status");
      if (shown) {
        shown.textContent = change.status;
      }
      announce(change.status);
    });
  }

  function followInbox(cases) {
    var source = new EventSource(cases.getAttribute("data-live"));
    var status = document.getElementById("live-status");
    source.addEventListener("changed", function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) {
            return;
          }
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("cases");
          if (fresh) {
            cases.innerHTML = fresh.innerHTML;
            if (status) {
              announce(status.getAttribute("data-changed"));
            }
          }
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.getElementById("transcript");
    if (list && list.getAttribute("data-live")) {
      followCase(list);
    }
    var cases = document.getElementById("cases");
    if (cases && cases.getAttribute("data-live")) {
      followInbox(cases);
    }
  });
})();

// The dashboard: the table again every `data-refresh` seconds.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var board = document.getElementById("dashboard");
    if (!board) {
      return;
    }
    var seconds = Number(board.getAttribute("data-refresh")) || 15;
    window.setInterval(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("dashboard");
          if (fresh) {
            board.innerHTML = fresh.innerHTML;
          }
        });
    }, seconds * 1000);
  });
})();
