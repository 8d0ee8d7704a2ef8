// Progressive enhancements for the reading pages; every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Switch language as soon as one is chosen (the form's button still works without JS).
  const select = document.getElementById("language-select");
  if (select) {
    select.addEventListener("change", () => select.form.submit());
  }
  // Bring a highlighted citation into view when the fragment alone did not (e.g. after a reload).
  const cited = document.querySelector("mark.cited");
  if (cited && !location.hash) {
    cited.scrollIntoView({ block: "center" });
  }
});
