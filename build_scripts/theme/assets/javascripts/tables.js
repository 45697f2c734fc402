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

  // Measure every box first, then show or hide the cues: a change between two
  // measurements would make the browser lay the page out again for each table (on a
  // long indicator page, seconds of a phone's time).
  function update(wraps) {
    var found = wraps.map(function (wrap) {
      var cue = wrap.previousElementSibling;
      if (!cue || !cue.classList.contains("npf-table-cue")) return null;
      return { wrap: wrap, cue: cue, scrolls: wrap.scrollWidth > wrap.clientWidth + 1 };
    });
    found.forEach(function (f) {
      if (!f) return;
      if (f.cue.hidden === f.scrolls) f.cue.hidden = !f.scrolls;
      f.wrap.classList.toggle("npf-table-wrap--scrolls", f.scrolls);
    });
  }

  function start() {
    var wraps = Array.prototype.slice.call(document.querySelectorAll(".npf-table-wrap"));
    if (typeof window.ResizeObserver === "function") {
      // It reports every box once when first observed, just after the browser has laid
      // the page out, so the first check costs no layout of its own (measuring on
      // DOMContentLoaded instead cost a long indicator page about a second of a
      // phone's time in Lighthouse).
      var observer = new ResizeObserver(function (entries) {
        update(entries.map(function (entry) { return entry.target; }));
      });
      wraps.forEach(function (wrap) { observer.observe(wrap); });
    } else {
      update(wraps);
      window.addEventListener("resize", function () { update(wraps); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
