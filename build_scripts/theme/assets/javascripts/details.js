/* A link to a section that is a closed <details> (a breakdown of an indicator page,
 * reached from "On this page" or from another page) opens it, so the reader lands on
 * its content rather than on a closed summary. Without JavaScript the link still scrolls
 * to the summary, which the reader opens.
 */
(function () {
  "use strict";

  function openTarget() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return; // a fragment that is not UTF-8 names no section
    }
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var details = target.tagName === "DETAILS" ? target : target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openTarget);
  } else {
    openTarget();
  }
})();
