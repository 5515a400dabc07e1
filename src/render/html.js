(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  // A speaker button picks out that speaker's claims in its document; pressed again, it clears.
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button.speaker");
    if (!b) return;
    var doc = b.closest(".doc");
    var sid = b.getAttribute("data-sid");
    var on = b.getAttribute("aria-pressed") !== "true";
    doc.querySelectorAll("button.speaker").forEach(function (x) { x.setAttribute("aria-pressed", "false"); });
    doc.querySelectorAll("mark.q").forEach(function (m) {
      m.classList.toggle("focus-speaker", on && m.getAttribute("data-sid") === sid);
    });
    doc.classList.toggle("focusing", on);
    if (on) b.setAttribute("aria-pressed", "true");
  });
  // Keep a tooltip inside the window.
  function place(e) {
    var m = e.target.closest && e.target.closest("mark[tabindex]");
    if (!m) return;
    var t = m.querySelector(":scope > .tip");
    if (!t) return;
    t.style.marginLeft = "";
    var r = t.getBoundingClientRect(), w = root.clientWidth;
    if (r.width && r.right > w - 8) t.style.marginLeft = Math.max(8 - r.left, w - 8 - r.right) + "px";
  }
  document.addEventListener("mouseover", place);
  document.addEventListener("focusin", place);
  // Escape dismisses the tooltip of the focused highlight until focus moves.
  document.addEventListener("keydown", function (e) {
    var a = document.activeElement;
    if (e.key === "Escape" && a && a.matches && a.matches("mark[tabindex]")) a.classList.add("tip-hidden");
  });
  document.addEventListener("focusout", function (e) {
    if (e.target.classList) e.target.classList.remove("tip-hidden");
  });
})();
