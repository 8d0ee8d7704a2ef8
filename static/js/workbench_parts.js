/* Workbench parts: a long article's paragraphs after the first part arrive on demand, as the
   editor scrolls near the end or presses "Load the next paragraphs", always in reading order
   (each part carries the last year its text named, which the next one's date phrases lean on).
   A link to #wb-pN loads the parts up to paragraph N and lands there. workbench.js creates one
   loader with WorkbenchParts(options) and is told of every part through options.onPart. */
(function () {
  "use strict";
  const AHEAD = "0px 0px 800px 0px";  // start loading when the end is less than this below the screen

  window.WorkbenchParts = function (options) {
    const more = document.getElementById("wb-more");
    const list = document.getElementById("wb-paragraphs");
    const button = document.getElementById("wb-more-button");
    const status = document.getElementById("wb-more-status");
    let next = more.dataset.next === "" ? null : Number(more.dataset.next);
    let year = more.dataset.year;  // "" while the text has named no year
    let pending = null;

    const lastPosition = () => {
      const texts = list.querySelectorAll(".wb-text");
      return texts.length ? Number(texts[texts.length - 1].dataset.position) : 0;
    };

    function showStatus() {
      status.textContent = options.fmt(options.messages.status, { last: lastPosition(), total: more.dataset.total });
      more.hidden = next === null;
    }

    function insert(part) {
      const before = list.lastElementChild;
      list.insertAdjacentHTML("beforeend", part.html);
      const added = [];
      for (let el = before ? before.nextElementSibling : list.firstElementChild; el; el = el.nextElementSibling) added.push(el);
      next = part.next;
      year = part.year === null ? "" : String(part.year);
      options.onPart(part, added);
      return added;
    }

    function loadNext() {
      // One request at a time; a second caller waits for the same part.
      if (next === null) return Promise.resolve([]);
      if (pending) return pending;
      // Busy, not disabled: a disabled button would drop the keyboard focus it holds.
      more.setAttribute("aria-busy", "true");
      status.textContent = options.messages.loading;
      pending = options.call(options.url + "?after=" + next + "&year=" + encodeURIComponent(year))
        .then(insert)
        .catch((e) => { options.say(e.message, false); return null; })
        .finally(() => { pending = null; more.removeAttribute("aria-busy"); showStatus(); });
      return pending;
    }

    async function until(position) {
      // Load part after part until paragraph `position` is on the page; return its section or null.
      while (lastPosition() < position && next !== null) {
        if (!(await loadNext())) break;
      }
      return document.getElementById("wb-p" + position);
    }

    async function land() {
      const wanted = /^#wb-p(\d+)$/.exec(location.hash);
      if (!wanted) return;
      const section = await until(Number(wanted[1]));
      if (!section) { options.say(options.fmt(options.messages.noParagraph, { position: wanted[1] }), false); return; }
      section.scrollIntoView({ block: "start" });
      section.querySelector(".wb-text").focus({ preventScroll: true });
    }

    function nearEnd() {
      return !more.hidden && more.getBoundingClientRect().top < window.innerHeight + 800;
    }

    async function keepAhead() {
      // A short part may leave the end in sight: go on until it is out of reach or all is loaded.
      while (next !== null && nearEnd()) {
        if (!(await loadNext())) break;
      }
    }

    button.addEventListener("click", async () => {
      // The keyboard path: focus moves to the first new paragraph, where reading goes on.
      const added = await loadNext();
      const text = added && added.length ? added[0].querySelector(".wb-text") : null;
      if (text) text.focus();
    });
    if ("IntersectionObserver" in window) {
      new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) keepAhead(); }, { rootMargin: AHEAD }).observe(more);
    }
    window.addEventListener("hashchange", land);
    land();
    return { until: until, loadNext: loadNext, lastPosition: lastPosition };
  };
})();
