// The questionnaire: after htmx swaps a question in place, move focus to its error summary or its
// heading, so screen readers announce the new question (htmx alone leaves focus on the old form).
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function () {
    var step = document.getElementById("step");
    if (!step) return;
    var target = step.querySelector(".error-summary") || step.querySelector("h1");
    if (target) target.focus();
  });
})();
