// After a refused submit, the error summary is where the eye and the keyboard go: scrolled
// into view and focused, on a page load and after htmx swaps a section in place (WCAG 3.3.1:
// the summary links to each field).
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = (root || document).querySelector(".ds-error-summary");
    if (!summary) {
      return;
    }
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }
  document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  document.addEventListener("htmx:afterSwap", function (e) { focusSummary(e.target); });
})();
