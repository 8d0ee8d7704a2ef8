// Progressive enhancements for the reading pages; every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Bring a highlighted citation into view when the fragment alone did not (e.g. after a reload).
  const cited = document.querySelector("mark.cited");
  if (cited && !location.hash) {
    cited.scrollIntoView({ block: "center" });
  }
});
