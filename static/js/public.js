// Progressive enhancements for the reading pages; every page works without this file.
"use strict";

function setUpHighlightsToggle(button) {
  // Show or hide the annotation tints on the article text; the choice is remembered.
  const text = document.getElementById(button.dataset.target);
  if (!text) return;
  const apply = (visible) => {
    text.classList.toggle("highlights-off", !visible);
    button.setAttribute("aria-pressed", String(visible));
  };
  let visible = localStorage.getItem("annals-highlights") !== "off";
  apply(visible);
  button.hidden = false;
  button.addEventListener("click", () => {
    visible = !visible;
    localStorage.setItem("annals-highlights", visible ? "on" : "off");
    apply(visible);
  });
}

function setUpContextPreviews() {
  // On a pointer that hovers, a quote's context opens in place while hovered; a tap or click
  // on "context" (a <details>) works everywhere without this.
  if (!window.matchMedia("(hover: hover)").matches) return;
  document.querySelectorAll("details.context").forEach((details) => {
    const item = details.parentElement;
    let openedByHover = false;
    item.addEventListener("mouseenter", () => {
      if (!details.open) { details.open = true; openedByHover = true; }
    });
    item.addEventListener("mouseleave", () => {
      if (openedByHover) { details.open = false; openedByHover = false; }
    });
    details.querySelector("summary").addEventListener("click", (event) => {
      // A click on a preview the hover opened pins it open rather than closing it.
      if (openedByHover) { event.preventDefault(); openedByHover = false; }
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  // Bring a highlighted citation into view when the fragment alone did not (e.g. after a reload).
  const cited = document.querySelector("mark.cited");
  if (cited && !location.hash) {
    cited.scrollIntoView({ block: "center" });
  }
  document.querySelectorAll("button.toggle-highlights").forEach(setUpHighlightsToggle);
  setUpContextPreviews();
});
