// newsledger pages: mark the statement an anchor points to, and link the pieces of one statement on hover.
(function () {
  "use strict";
  function pieces(id) {
    return document.querySelectorAll('[data-st~="' + CSS.escape(id) + '"]');
  }
  function focusFromHash() {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    var m = /^#st-(.+)$/.exec(decodeURIComponent(location.hash));
    if (!m) { return; }
    pieces(m[1]).forEach(function (el) { el.classList.add("focus"); });
    var row = document.getElementById("row-" + m[1]);
    if (row) { row.classList.add("focus"); }
  }
  function hover(on) {
    return function (ev) {
      var el = ev.target.closest && ev.target.closest("[data-st]");
      if (!el) { return; }
      el.getAttribute("data-st").split(" ").forEach(function (id) {
        pieces(id).forEach(function (p) { p.classList.toggle("linked", on); });
      });
    };
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusFromHash();
    var text = document.getElementById("article-text");
    if (text) {
      text.addEventListener("mouseover", hover(true));
      text.addEventListener("mouseout", hover(false));
    }
  });
  window.addEventListener("hashchange", focusFromHash);
})();
