// Progressive enhancement only: the result page works and prints without this file.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  // After a refused step, take the keyboard and screen readers to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
