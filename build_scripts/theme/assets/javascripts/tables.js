/* Tables wider than their box say so.
 *
 * Every table is in a box of its own that scrolls sideways (.npf-table-wrap, written by
 * the table macro of pages/templates/_macros.md.j2), with a cue before it
 * (.npf-table-cue, its words from the message catalogue) that stays hidden unless
 * this script finds the table wider than its box. It checks again whenever a box
 * changes size: a turned phone, or a table in a <details> that is opened. Without
 * JavaScript the box's edge shadows (the stylesheet) still show that it scrolls.
 */
(function () {
  "use strict";

  function update(wrap) {
    var cue = wrap.previousElementSibling;
    if (!cue || !cue.classList.contains("npf-table-cue")) return;
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    cue.hidden = !scrolls;
    wrap.classList.toggle("npf-table-wrap--scrolls", scrolls);
  }

  function start() {
    var wraps = Array.prototype.slice.call(document.querySelectorAll(".npf-table-wrap"));
    wraps.forEach(update);
    if (typeof window.ResizeObserver === "function") {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
      });
      wraps.forEach(function (wrap) { observer.observe(wrap); });
    } else {
      window.addEventListener("resize", function () { wraps.forEach(update); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
