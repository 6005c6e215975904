// Opens the translation tab named in the address (#tab_id_summary_it), as the translation
// status page links to it, once django-modeltranslation has built its tabs.
"use strict";
window.addEventListener("load", function () {
  var hash = window.location.hash;
  if (!/^#tab_id_[\w-]+$/.test(hash)) {
    return;
  }
  var link = document.querySelector('a[href="' + hash + '"]');
  if (link) {
    link.click();
    link.scrollIntoView({block: "center"});
    var field = document.getElementById(hash.slice(5));
    if (field && field.focus) {
      field.focus({preventScroll: true});
    }
  }
});

// django-modeltranslation puts a bare menu of language codes ("EN") into the page title to switch
// every tab at once: give it a label and the languages' names, and move it below the title.
function labelLanguageSwitch(menu) {
  var data = JSON.parse(document.getElementById("wise-language-names").textContent);
  Array.prototype.forEach.call(menu.options, function (option) {
    var name = data.names[option.textContent.trim().toLowerCase()];
    if (name) {
      option.textContent = name;
    }
  });
  var row = document.createElement("p");
  var label = document.createElement("label");
  row.className = "wise-language-switch";
  label.htmlFor = menu.id;
  label.textContent = data.label;
  row.appendChild(label);
  row.appendChild(menu);
  document.querySelector("#content h1").insertAdjacentElement("afterend", row);
}

document.addEventListener("DOMContentLoaded", function () {
  var content = document.getElementById("content");
  if (!content || !document.getElementById("wise-language-names") || !content.querySelector("h1")) {
    return;
  }
  // modeltranslation adds the menu when jQuery is ready, which may come after this.
  var observer = new MutationObserver(function () {
    var menu = document.getElementById("modeltranslation-main-switch");
    if (menu) {
      observer.disconnect();
      labelLanguageSwitch(menu);
    }
  });
  observer.observe(content, {childList: true, subtree: true});
});
