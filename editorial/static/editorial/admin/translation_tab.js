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
