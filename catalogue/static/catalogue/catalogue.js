// The catalogue, enhanced: every control below works without this file (forms post and reload).
(function () {
  "use strict";

  // Live counts: a tick in the filter panel asks the same filters' "counts" address and updates
  // every option's number, the disabled options and the submit button ("Show 12 tools").
  document.querySelectorAll("form[data-live-counts]").forEach(function (form) {
    var timer = null;
    var button = form.querySelector("[data-show-label]");
    var status = form.querySelector("[data-live-status]");
    function update() {
      var query = new URLSearchParams(new FormData(form)).toString();
      fetch(form.dataset.liveCounts + "?" + query, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
        .then(function (data) {
          Object.keys(data.facets).forEach(function (name) {
            Object.keys(data.facets[name]).forEach(function (value) {
              var input = document.getElementById("f-" + name + "-" + value);
              if (!input) return;
              var count = data.facets[name][value];
              var option = input.closest(".facet__option");
              option.querySelector(".facet__count [aria-hidden]").textContent = count;
              var spoken = option.querySelector(".facet__count .visually-hidden");
              if (spoken && data.texts[count]) spoken.textContent = data.texts[count];
              input.disabled = count === 0 && !input.checked;
              option.classList.toggle("facet__option--empty", input.disabled);
            });
          });
          if (button) button.textContent = data.label;
          if (status) status.textContent = data.label;
        })
        .catch(function () { /* the counts stay as they were; submitting still works */ });
    }
    form.addEventListener("change", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    });
  });

  // Shortlist buttons: sent with fetch, the button turns into its opposite without a reload.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-shortlist]") || !window.fetch) return;
    event.preventDefault();
    // getAttribute: the form's hidden input named "action" hides the form.action property.
    fetch(form.getAttribute("action"), { method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
      .then(function (data) {
        var action = form.querySelector('input[name="action"]');
        var button = form.querySelector("button");
        if (data.message) window.alert(data.message);
        action.value = data.in_shortlist ? "remove" : "add";
        button.textContent = data.button_label;
        button.classList.toggle("button--secondary", !data.in_shortlist);
        document.querySelectorAll("[data-shortlist-link]").forEach(function (link) {
          link.textContent = data.link_label;
          link.hidden = data.count === 0;
        });
      })
      .catch(function () { HTMLFormElement.prototype.submit.call(form); });
  });

  // Print and copy buttons are shown only when they can work.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.dataset.copy);
    if (!input || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () { button.textContent = button.dataset.copied; });
    });
  });
})();
