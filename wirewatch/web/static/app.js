// wirewatch web: the little JavaScript the pages need (no build step, nothing from elsewhere).
// The board listens to /events (server-sent events) and, when the store changes, fetches its rows
// again from the server (already escaped HTML) and swaps them in: the page never reloads.
(function () {
  "use strict";
  var rows = document.getElementById("board-rows");
  var live = document.getElementById("live");
  if (rows && window.EventSource) {
    var busy = false, again = false;
    var refresh = function () {
      if (busy) { again = true; return; }
      busy = true;
      fetch(rows.getAttribute("data-src"), { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (r) {
          if (r.status === 401 || r.redirected) { window.location = "/login"; return null; }
          return r.ok ? r.text() : null;
        })
        .then(function (html) { if (html !== null) { rows.innerHTML = html; document.body.setAttribute("data-board-version", String(Date.now())); } })
        .finally(function () { busy = false; if (again) { again = false; refresh(); } });
    };
    var source = new EventSource("/events");
    source.addEventListener("board", refresh);
    source.addEventListener("hello", function () { if (live) { live.className = "live on"; } });
    source.onerror = function () { if (live) { live.className = "live off"; } };
  }
  // Filters apply as soon as a select changes.
  var form = document.querySelector("form[data-autosubmit]");
  if (form) {
    form.querySelectorAll("select").forEach(function (s) { s.addEventListener("change", function () { form.submit(); }); });
  }
})();
