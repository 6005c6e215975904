// "Print this lesson": shown only when JavaScript runs; the print stylesheet does the rest.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
