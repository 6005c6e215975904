// Progressive enhancement only: every control on the site works without this file.
(function () {
  "use strict";

  // A filter panel (<details data-open-wide>) is a sidebar on wide screens: keep it open there.
  // On a phone it stays as the page sent it (closed, or open when filters are set).
  var wide = window.matchMedia("(min-width: 56rem)");
  function openWidePanels() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      if (wide.matches && !panel.open) {
        panel.open = true;
        panel.dataset.openedForWide = "";
      } else if (!wide.matches && "openedForWide" in panel.dataset) {
        // Back on a narrow screen (a turned tablet): fold again what only the wide layout opened.
        panel.open = false;
        delete panel.dataset.openedForWide;
      }
    });
  }
  openWidePanels();
  wide.addEventListener("change", openWidePanels);

  // Menus made of <details> (the language switcher): Escape closes them and puts focus back on
  // their button; a click elsewhere closes them.
  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (menu !== except) menu.open = false;
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = event.target.closest && event.target.closest("details[data-menu][open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest && event.target.closest("details[data-menu]"));
  });

  // A wide table in a text scrolls sideways on a phone: let the keyboard reach and scroll it too.
  function focusableScrollers() {
    document.querySelectorAll(".prose table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  }
  focusableScrollers();
  window.addEventListener("resize", focusableScrollers);

  // Compare forms (<form data-compare data-min="2" data-max="4">): show how many tools are ticked
  // in the element [data-compare-status], whose data-template-* attributes hold the translated
  // sentences ("{n}" is replaced by the number).
  document.querySelectorAll("form[data-compare]").forEach(function (form) {
    var status = form.querySelector("[data-compare-status]");
    if (!status) return;
    var max = parseInt(form.dataset.max || "4", 10);
    function update() {
      var n = form.querySelectorAll('input[name="tools"]:checked').length;
      var key = n === 0 ? "none" : n === 1 ? "one" : n > max ? "toomany" : "many";
      status.textContent = (status.dataset["template" + key.charAt(0).toUpperCase() + key.slice(1)] || "").replace("{n}", n);
    }
    form.addEventListener("change", update);
    update();
  });
})();
