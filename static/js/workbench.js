/* Annotation workbench: map a text selection to offsets in a paragraph and talk to the JSON
   endpoints. Offsets count Unicode code points, as Python does, so a character outside the BMP
   counts once. No inline scripts: data comes from json_script blocks and data- attributes. */
(function () {
  "use strict";
  const root = document.getElementById("workbench");
  if (!root) return;
  const data = (id) => JSON.parse(document.getElementById(id).textContent);
  const annotations = data("wb-annotations");
  const urls = data("wb-endpoints");
  const statuses = data("wb-statuses");
  const $ = (id) => document.getElementById(id);
  const chosen = { person: null, role: null, event: null, organization: null, roleOrg: null };
  let selection = null;
  let lastParagraph = null;
  let parts = null;  // the loader of the article's later parts (workbench_parts.js)

  function say(text, ok) {
    const box = $("wb-message");
    box.textContent = text;
    box.className = "wb-message " + (ok ? "wb-ok" : "wb-error");
    box.hidden = false;
  }

  async function call(url, body) {
    const options = body === undefined ? {} : {
      method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
    };
    const response = await fetch(url, Object.assign({ credentials: "same-origin" }, options));
    let payload = {};
    try { payload = await response.json(); } catch (e) { payload = { error: response.status + " " + response.statusText }; }
    if (!response.ok) throw new Error(payload.error || response.statusText);
    return payload;
  }

  const codePoints = (text) => Array.from(text).length;

  function offsetIn(container, node, offset) {
    // The text from the paragraph's start to (node, offset), counted in code points.
    const range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function readSelection() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const para = range.commonAncestorContainer.nodeType === Node.TEXT_NODE
      ? range.commonAncestorContainer.parentElement.closest(".wb-text")
      : range.commonAncestorContainer.closest && range.commonAncestorContainer.closest(".wb-text");
    if (!para) { say(root.dataset.msgCross, false); return; }
    const start = offsetIn(para, range.startContainer, range.startOffset);
    const end = offsetIn(para, range.endContainer, range.endOffset);
    if (end <= start) return;
    const text = Array.from(para.textContent);
    selection = { paragraph: para.dataset.paragraphId, version: para.dataset.version, position: para.dataset.position,
                  start: start, end: end, quote: text.slice(start, end).join("") };
    lastParagraph = para;
    $("wb-selection").textContent = "¶" + selection.position + " [" + start + "–" + end + "] “" + selection.quote + "”";
    if ($("wb-kind").value === "role") prefillRole();
  }

  function clearSelection() {
    selection = null;
    $("wb-selection").textContent = root.dataset.msgNothing;
  }

  function selectWords() {
    // Keyboard path: select the typed words in the focused (or last used) paragraph.
    const para = lastParagraph || document.querySelector(".wb-text");
    const words = $("wb-find").value;
    const index = para.textContent.indexOf(words);
    if (!words || index < 0) { say(root.dataset.msgNotFound.replace("%(words)s", words).replace("%(position)s", para.dataset.position), false); return; }
    const range = document.createRange();
    const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
    let seen = 0, t, startSet = false;
    while ((t = walker.nextNode())) {
      const len = t.data.length;
      if (!startSet && index < seen + len) { range.setStart(t, index - seen); startSet = true; }
      if (startSet && index + words.length <= seen + len) { range.setEnd(t, index + words.length - seen); break; }
      seen += len;
    }
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    readSelection();
  }

  function showKind() {
    const kind = $("wb-kind").value;
    document.querySelectorAll(".wb-kind-box").forEach((box) => { box.hidden = !box.dataset.kind.split(" ").includes(kind); });
  }

  function searchBox(input, list, url, key, onPick, label) {
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const found = await call(url + "?q=" + encodeURIComponent(input.value));
          list.replaceChildren(...found.results.map((item) => {
            const li = document.createElement("li");
            const button = document.createElement("button");
            button.type = "button";
            button.className = "wb-pick-result";
            button.textContent = label(item);
            button.addEventListener("click", () => { onPick(item); list.replaceChildren(); });
            li.append(button);
            return li;
          }));
        } catch (e) { say(e.message, false); }
      }, 200);
    });
  }

  const personLabel = (p) => p.name + (p.aliases.length ? " (" + p.aliases.join(", ") + ")" : "") + (p.description ? " — " + p.description.slice(0, 30) : "");

  async function pickPerson(person) {
    chosen.person = person.id;
    $("wb-person-chosen").textContent = person.name;
    try {
      const roles = await call(urls.roles + "?person=" + person.id);
      const select = $("wb-role");
      select.replaceChildren(new Option("—", ""), ...roles.results.map((r) => new Option(r.label + (r.start ? " (" + r.start + "–" + (r.end || "") + ")" : ""), r.id)));
    } catch (e) { say(e.message, false); }
  }

  function pickOrg(which) {
    return (org) => {
      if (which === "role") { chosen.roleOrg = org.id; $("wb-org-chosen-role").textContent = org.label; }
      else { chosen.organization = org.id; $("wb-org-chosen").textContent = org.label; }
    };
  }

  async function suggestDate(input) {
    if (!input.value.trim()) return;
    const params = "?phrase=" + encodeURIComponent(input.value) + (selection ? "&paragraph=" + selection.paragraph + "&offset=" + selection.start : "");
    try {
      const found = await call(urls.dates + params);
      $(input.dataset.edtf).value = found.edtf;
      $(input.dataset.how).textContent = found.edtf ? found.label + " — " + found.resolution : found.resolution;
    } catch (e) { $(input.dataset.how).textContent = e.message; }
  }

  async function create(url, body, done) {
    try { done(await call(url, body)); } catch (e) { say(e.message, false); }
  }

  function annotationBody() {
    const kind = $("wb-kind").value;
    const body = { kind: kind, paragraph: selection.paragraph, paragraph_version: selection.version,
                   start: selection.start, end: selection.end, status: $("wb-status").value };
    if (kind === "note") body.note = $("wb-note").value;
    else if (kind === "role") body.role = $("wb-role").value || null;
    else body[kind] = chosen[kind];
    return body;
  }

  async function save() {
    // Marked in place from the server's answer: the parts loaded and the form stay as they are.
    if (!selection) { say(root.dataset.msgNoSelection, false); return; }
    try {
      const answer = await call(urls.annotations, annotationBody());
      applyRendered({ paragraphs: answer.paragraphs || [] });
      say("✓ “" + answer.annotation.quote + "”", true);
      window.getSelection().removeAllRanges();
      clearSelection();
    } catch (e) { say(e.message, false); }
  }

  function openEditor(mark) {
    showEditor(mark.dataset.ids.split(" ").filter(Boolean).map(Number));
  }

  let editing = [];

  function showEditor(ids) {
    editing = ids;
    const list = $("wb-edit-list");
    const found = annotations.filter((a) => ids.includes(a.id));
    list.replaceChildren(...found.map(editItem));
    $("wb-edit").hidden = !found.length;
    if (found.length) $("wb-edit").scrollIntoView({ block: "nearest" });
  }

  const one = (template, id) => urls[template].replace(/\/0\//, "/" + id + "/");

  async function changeInPlace(promise, message) {
    // Write, re-mark the paragraph from the server's answer and keep the editor open on it.
    try {
      const answer = await promise;
      applyRendered({ paragraphs: answer.paragraphs || [] });
      if (answer.deleted) editing = editing.filter((id) => id !== answer.deleted);
      showEditor(editing);
      say(message(answer), true);
      return answer;
    } catch (e) { say(e.message, false); return null; }
  }

  function spanBody(a, start, end) { return { version: a.version, start: start, end: end }; }

  function resize(a, start, end) {
    return changeInPlace(call(one("span", a.id), spanBody(a, start, end)), (r) =>
      fmt(root.dataset.msgSpanChanged, { quote: r.annotation.quote, start: r.annotation.start, end: r.annotation.end }));
  }

  function retargetBody(a) {
    const kind = $("wb-kind").value;
    const body = { version: a.version, kind: kind };
    if (kind === "note") body.note = $("wb-note").value;
    else if (kind === "role") body.role = $("wb-role").value || null;
    else body[kind] = chosen[kind];
    const target = kind === "note" ? body.note : body[kind];
    return target ? body : null;
  }

  function editItem(a) {
    const item = $("wb-edit-item").content.firstElementChild.cloneNode(true);
    item.dataset.id = a.id;
    item.querySelector(".wb-edit-quote").textContent = "“" + a.quote + "”";
    item.querySelector(".wb-edit-label").textContent = a.label + " · " + a.status_label + (a.editor ? " · " + a.editor : "");
    item.querySelector(".wb-edit-range").textContent = "[" + a.start + "–" + a.end + "]";
    item.querySelector(".wb-edit-admin").href = a.admin_url;
    const status = item.querySelector(".wb-edit-status");
    const options = statuses.some((s) => s.value === a.status) ? statuses : statuses.concat([{ value: a.status, label: a.status_label }]);
    status.replaceChildren(...options.map((s) => new Option(s.label, s.value, false, s.value === a.status)));
    const comment = item.querySelector(".wb-edit-comment");
    comment.value = a.comment;
    item.querySelectorAll(".wb-span").forEach((button) => button.addEventListener("click", () => {
      const step = Number(button.dataset.step);
      const start = a.start + (button.dataset.move === "start" ? step : 0);
      const end = a.end + (button.dataset.move === "end" ? step : 0);
      resize(a, start, end);
    }));
    item.querySelector(".wb-span-selection").addEventListener("click", () => {
      if (!selection) { say(root.dataset.msgNoSelection, false); return; }
      if (Number(selection.paragraph) !== a.paragraph) { say(root.dataset.msgSpanOther, false); return; }
      resize(a, selection.start, selection.end);
    });
    item.querySelector(".wb-edit-retarget").addEventListener("click", () => {
      const body = retargetBody(a);
      if (!body) { say(root.dataset.msgRetargetFirst, false); return; }
      changeInPlace(call(one("annotation", a.id), body), (r) => fmt(root.dataset.msgRetargeted, { label: r.annotation.label }));
    });
    item.querySelector(".wb-edit-save").addEventListener("click", () => changeInPlace(
      call(one("annotation", a.id), { version: a.version, status: status.value, comment: comment.value }),
      (r) => fmt(root.dataset.msgSaved, { label: r.annotation.label + " · " + r.annotation.status_label })));
    item.querySelector(".wb-edit-delete").addEventListener("click", () => {
      if (!window.confirm(root.dataset.msgConfirmDelete)) return;
      changeInPlace(call(urls.delete.replace(/0\/delete\/$/, a.id + "/delete/"), { version: a.version }),
        () => fmt(root.dataset.msgDeleted, { quote: a.quote }));
    });
    return item;
  }

  async function reloadHere(promise) {
    // Reload on the paragraph at the top of the screen: the page loads the parts up to it again.
    try { await promise; } catch (e) { say(e.message, false); return; }
    const shown = Array.from(document.querySelectorAll(".wb-paragraph")).find((s) => s.getBoundingClientRect().bottom > 0);
    if (shown) history.replaceState(null, "", "#" + shown.id);
    location.reload();
  }

  /* Suggestions: accepted or rejected in place, listed for the paragraphs loaded so far. */
  function updateSuggestions() {
    const count = document.querySelectorAll("#wb-suggestion-list .wb-suggestion").length;
    $("wb-suggestion-count").textContent = count;
    $("wb-suggestion-bulk").hidden = !count;
  }

  async function decide(url, ids, message) {
    if (!ids.length) return;
    try {
      const answer = await call(url, { ids: ids });
      applyRendered({ paragraphs: answer.paragraphs || [] });
      ids.forEach((id) => { const li = document.querySelector('.wb-suggestion[data-id="' + id + '"]'); if (li) li.remove(); });
      updateSuggestions();
      say(fmt(message, { count: ids.length }), true);
    } catch (e) { say(e.message, false); }
  }

  const acceptSuggestions = (ids) => decide(urls.accept, ids, root.dataset.msgSuggestionsAccepted);
  const rejectSuggestions = (ids) => decide(urls.reject, ids, root.dataset.msgSuggestionsRejected);

  /* Candidate names: one row per name, its paragraphs gathered across the parts loaded. */
  function mergeCandidates(found) {
    const list = $("wb-candidate-list");
    const rows = new Map(Array.from(list.querySelectorAll("li[data-name]")).map((li) => [li.dataset.name, li.dataset.positions.split(" ").map(Number)]));
    found.forEach((c) => rows.set(c.name, (rows.get(c.name) || []).concat(c.positions)));
    const sorted = Array.from(rows.entries()).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const items = sorted.map(([name, positions]) => {
      const li = document.createElement("li");
      li.dataset.name = name;
      li.dataset.positions = positions.join(" ");
      li.textContent = name + " — ¶" + positions.join(", ¶");
      return li;
    });
    if (!items.length) { const li = document.createElement("li"); li.textContent = list.dataset.none; items.push(li); }
    list.replaceChildren(...items);
    $("wb-candidate-count").textContent = sorted.length;
  }

  function addPart(part, sections) {
    // What the panel lists of the new paragraphs; an accept may already have told of some.
    const ids = new Set(sections.map((s) => Number(s.querySelector(".wb-text").dataset.paragraphId)));
    for (let i = annotations.length - 1; i >= 0; i--) if (ids.has(annotations[i].paragraph)) annotations.splice(i, 1);
    annotations.push(...part.annotations);
    $("wb-suggestion-list").insertAdjacentHTML("beforeend", part.suggestions_html);
    updateSuggestions();
    mergeCandidates(part.candidates);
    $("wb-date-rows").insertAdjacentHTML("beforeend", part.dates_html);
    $("wb-date-count").textContent = $("wb-date-rows").rows.length;
  }

  /* The role form, filled from the selected words by the curation assistant's own patterns. */
  const prefilled = {};

  function fillField(input, value) {
    // Never overwrite what the editor typed; replace only an empty field or an earlier fill.
    if (input.value && input.value !== prefilled[input.id]) return false;
    input.value = value || "";
    prefilled[input.id] = input.value;
    return Boolean(value);
  }

  async function prefillRole() {
    if (!selection) { say(root.dataset.msgNoSelection, false); return; }
    const query = "?paragraph=" + selection.paragraph + "&start=" + selection.start + "&end=" + selection.end;
    let found;
    try { found = await call(urls["role-prefill"] + query); } catch (e) { say(e.message, false); return; }
    const filled = [];
    if (found.person_id && !chosen.person) { await pickPerson({ id: found.person_id, name: found.person }); filled.push(found.person); }
    if (fillField($("wb-role-title"), found.title)) filled.push(found.title);
    if (found.organization_id) {
      chosen.roleOrg = found.organization_id;
      $("wb-org-chosen-role").textContent = found.organization;
      filled.push(found.organization);
    } else if (fillField($("wb-org-q-role"), found.organization)) {
      $("wb-org-q-role").dispatchEvent(new Event("input"));  // list the matches to pick from
      filled.push(found.organization);
    }
    if (fillField($("wb-role-start-text"), found.start_text)) {
      $("wb-role-start-edtf").value = found.start_edtf;
      suggestDate($("wb-role-start-text"));
      filled.push(found.start_text);
    }
    $("wb-role-new").open = true;
    say(filled.length ? fmt(root.dataset.msgPrefilled, { fields: filled.join(" · ") }) : root.dataset.msgPrefillNone, Boolean(filled.length));
  }

  const picked = () => Array.from(document.querySelectorAll(".wb-pick:checked")).map((box) => Number(box.value));

  /* Proposals: review the curation assistant's claims with the keyboard, accepted in place. */
  const fmt = (text, values) => Object.keys(values).reduce((t, k) => t.split("%(" + k + ")s").join(values[k]), text);
  const review = { items: [], current: -1 };
  const EDITABLE = { person: ["name"], organization: ["name"], role: ["person", "title", "organization", "start"], event: ["title", "date"] };

  function claimLabel(item) {
    const c = item.claim;
    if (item.kind === "role") {
      const span = c.start || c.end ? " (" + (c.start || "?") + "–" + (c.end || (c.current ? root.dataset.labelCurrent : "")) + ")" : "";
      return c.person + " · " + c.title + (c.organization ? " @ " + c.organization : "") + span;
    }
    if (item.kind === "event") return (c.date ? c.date + " " : "") + c.title;
    return c.name + (c.aliases && c.aliases.length ? " (" + c.aliases.join(", ") + ")" : "");
  }

  function proposalItem(item) {
    const li = $("wb-proposal-item").content.firstElementChild.cloneNode(true);
    li.dataset.id = item.id;
    li.querySelector(".wb-proposal-kind").textContent = root.dataset["label" + item.kind[0].toUpperCase() + item.kind.slice(1)];
    li.querySelector(".wb-proposal-label").textContent = claimLabel(item);
    const where = item.evidence.map((e) => "¶" + e.paragraph).filter((v, i, all) => all.indexOf(v) === i);
    li.querySelector(".wb-proposal-where").textContent = (item.evidence.length > 1 ? fmt(root.dataset.labelMentions, { count: item.evidence.length }) + " · " : "") + where.slice(0, 6).join(" ") + (where.length > 6 ? " …" : "");
    li.querySelector(".wb-proposal-reason").textContent = (item.claim.reason || "") + (item.claim.confidence ? " · " + Math.round(item.claim.confidence * 100) + "%" : "");
    li.querySelector(".wb-proposal-accept").addEventListener("click", () => { focusItem(item); acceptItem(item); });
    li.querySelector(".wb-proposal-reject").addEventListener("click", () => { focusItem(item); rejectItem(item); });
    li.querySelector(".wb-proposal-edit-open").addEventListener("click", () => { focusItem(item); editItemOpen(item); });
    li.addEventListener("focus", () => { review.current = review.items.indexOf(item); markCurrent(); });
    item.li = li;
    return li;
  }

  function renderProposals(payload) {
    const list = $("wb-proposal-list");
    $("wb-proposal-notices").replaceChildren(...payload.notices.map((n) => { const li = document.createElement("li"); li.textContent = n; return li; }));
    review.items = [];
    const sections = payload.groups.map((group) => {
      const section = document.createElement("section");
      section.className = "wb-pgroup";
      const h = document.createElement("h3");
      h.textContent = group.label || root.dataset.labelOthers;
      const ul = document.createElement("ul");
      ul.className = "wb-proposal-group";
      group.items.forEach((item) => { review.items.push(item); ul.append(proposalItem(item)); });
      section.append(h, ul);
      return section;
    });
    list.replaceChildren(...sections);
    review.current = review.items.length ? 0 : -1;
    updateCount();
    markCurrent();
  }

  function updateCount() {
    $("wb-proposal-count").textContent = review.items.length;
    if (!review.items.length) {
      const p = document.createElement("p");
      p.className = "wb-help";
      p.textContent = root.dataset.msgNoProposals;
      $("wb-proposal-list").replaceChildren(p);
    }
  }

  function markCurrent(moved, loaded) {
    // moved: the editor went to this item, so show its evidence, loading the parts up to it;
    // on the first drawing the text stays where the page opened (at the top, or on #wb-pN).
    document.querySelectorAll(".wb-proposal.wb-current").forEach((li) => li.classList.remove("wb-current"));
    document.querySelectorAll(".wb-evidence-current").forEach((p) => p.classList.remove("wb-evidence-current"));
    const item = review.items[review.current];
    if (!item) return;
    item.li.classList.add("wb-current");
    const para = document.querySelector('.wb-text[data-paragraph-id="' + item.evidence[0].paragraph_id + '"]');
    if (para) para.classList.add("wb-evidence-current");
    if (para && moved) para.scrollIntoView({ block: "nearest" });
    else if (moved && !loaded) parts.until(item.evidence[0].paragraph).then(() => { if (review.items[review.current] === item) markCurrent(true, true); });
    item.li.scrollIntoView({ block: "nearest" });
  }

  function focusItem(item) {
    review.current = review.items.indexOf(item);
    if (item.li) item.li.focus({ preventScroll: true });
    markCurrent(true);
  }

  function move(step) {
    if (!review.items.length) return;
    review.current = Math.max(0, Math.min(review.items.length - 1, review.current + step));
    focusItem(review.items[review.current]);
  }

  function dropItem(item) {
    const at = review.items.indexOf(item);
    review.items.splice(at, 1);
    const group = item.li.closest(".wb-pgroup");
    item.li.remove();
    if (group && !group.querySelector(".wb-proposal")) group.remove();
    review.current = Math.min(at, review.items.length - 1);
    updateCount();
    if (review.items.length) focusItem(review.items[review.current]);
  }

  function editedClaim(item) {
    const claim = Object.assign({}, item.claim);
    item.li.querySelectorAll(".wb-proposal-edit input").forEach((input) => { claim[input.name] = input.value.trim(); });
    return claim;
  }

  function applyRendered(rendered) {
    rendered.paragraphs.forEach((p) => {
      const para = document.querySelector('.wb-text[data-paragraph-id="' + p.id + '"]');
      if (para) para.innerHTML = p.html;  // server-rendered and escaped by format_html
      for (let i = annotations.length - 1; i >= 0; i--) if (annotations[i].paragraph === p.id) annotations.splice(i, 1);
      annotations.push(...p.annotations);
    });
  }

  async function acceptItem(item) {
    if (item.busy) return;
    item.busy = true;
    try {
      const answer = await call(urls["proposal-accept"], { kind: item.kind, claim: editedClaim(item), evidence: item.evidence, proposed: item.claim });
      applyRendered(answer.annotations);
      say(fmt(root.dataset.msgAccepted, { label: answer.target.label, count: answer.annotations.created.length }), true);
      dropItem(item);
    } catch (e) { item.busy = false; say(e.message, false); }
  }

  async function rejectItem(item) {
    if (item.busy) return;
    item.busy = true;
    try {
      await call(urls["proposal-reject"], { kind: item.kind, claim: item.claim });
      say(fmt(root.dataset.msgRejected, { label: claimLabel(item) }), true);
      dropItem(item);
    } catch (e) { item.busy = false; say(e.message, false); }
  }

  function editItemOpen(item) {
    const box = item.li.querySelector(".wb-proposal-edit");
    if (!box.hidden) { box.querySelector("input").focus(); return; }
    box.replaceChildren(...EDITABLE[item.kind].map((field) => {
      const label = document.createElement("label");
      label.textContent = root.dataset["field" + field[0].toUpperCase() + field.slice(1)] + " ";
      const input = document.createElement("input");
      input.type = "text";
      input.name = field;
      input.value = item.claim[field] || "";
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") { e.preventDefault(); acceptItem(item); }
        if (e.key === "Escape") { e.preventDefault(); box.hidden = true; box.replaceChildren(); focusItem(item); }
      });
      label.append(input);
      return label;
    }));
    box.hidden = false;
    box.querySelector("input").focus();
  }

  function onReviewKey(e) {
    const tag = (e.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || e.target.isContentEditable) return;
    if (e.ctrlKey || e.metaKey || e.altKey || !review.items.length) return;
    const item = review.items[review.current];
    const actions = { j: () => move(1), k: () => move(-1), a: () => acceptItem(item), x: () => rejectItem(item), e: () => editItemOpen(item) };
    const action = actions[e.key.toLowerCase()];
    if (action) { e.preventDefault(); action(); }
  }

  async function quickRole(e) {
    if (e.key !== "Enter") return;
    e.preventDefault();
    if (!selection) { say(root.dataset.msgNoSelection, false); return; }
    try {
      const answer = await call(urls["quick-role"], { line: $("wb-quick").value, paragraph: selection.paragraph, start: selection.start, end: selection.end });
      applyRendered(answer.annotations);
      say(fmt(root.dataset.msgQuickDone, { label: answer.role.label }), true);
      $("wb-quick").value = "";
    } catch (err) { say(err.message, false); }
  }

  async function wireProposals() {
    document.addEventListener("keydown", onReviewKey);
    $("wb-quick").addEventListener("keydown", quickRole);
    try { renderProposals(await call(urls.proposals)); } catch (e) {
      $("wb-proposal-count").textContent = "0";
      $("wb-proposal-list").replaceChildren();
      say(e.message, false);
    }
  }

  function wireText() {
    // Delegated from the paragraphs' container, so paragraphs of later parts and marks re-rendered
    // after a change work like the first ones.
    const texts = $("wb-paragraphs");
    const textOf = (e) => e.target.closest && e.target.closest(".wb-text");
    // A drag may start on a highlight: forget the old selection at once, read the new one on mouseup.
    texts.addEventListener("mousedown", (e) => { if (textOf(e)) clearSelection(); });
    texts.addEventListener("keyup", (e) => { if (textOf(e)) readSelection(); });
    texts.addEventListener("focusin", (e) => { const para = textOf(e); if (para) lastParagraph = para; });
    texts.addEventListener("click", (e) => {
      const mark = e.target.closest("mark.wb-ann[data-ids]");
      if (mark && window.getSelection().isCollapsed) openEditor(mark);
    });
    texts.addEventListener("keydown", (e) => {
      // Enter on a focused paragraph lists the annotations under the caret, or all of its own.
      const para = textOf(e);
      if (!para || e.key !== "Enter") return;
      const sel = window.getSelection();
      const at = sel && sel.anchorNode ? sel.anchorNode.parentElement.closest("mark.wb-ann[data-ids]") : null;
      const marks = at && para.contains(at) ? [at] : Array.from(para.querySelectorAll("mark.wb-ann[data-ids]"));
      if (marks.length) { e.preventDefault(); openEditor({ dataset: { ids: marks.map((m) => m.dataset.ids).join(" ") } }); }
    });
  }

  function wireSuggestions() {
    $("wb-generate").addEventListener("click", () => reloadHere(call(urls.generate, {})));
    $("wb-suggestion-list").addEventListener("click", (e) => {
      const button = e.target.closest("button[data-id]");
      if (!button) return;
      const ids = [Number(button.dataset.id)];
      if (button.classList.contains("wb-accept")) acceptSuggestions(ids);
      if (button.classList.contains("wb-reject")) rejectSuggestions(ids);
    });
    const all = $("wb-all");
    all.addEventListener("change", () => document.querySelectorAll(".wb-pick").forEach((box) => { box.checked = all.checked; }));
    $("wb-accept-selected").addEventListener("click", () => acceptSuggestions(picked()));
    $("wb-reject-selected").addEventListener("click", () => rejectSuggestions(picked()));
  }

  function wire() {
    wireText();
    document.addEventListener("mouseup", (e) => { if (e.target.closest && e.target.closest(".wb-text")) readSelection(); });
    $("wb-find-go").addEventListener("click", selectWords);
    $("wb-find").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); selectWords(); } });
    $("wb-kind").addEventListener("change", () => { showKind(); if ($("wb-kind").value === "role" && selection) prefillRole(); });
    $("wb-role-prefill").addEventListener("click", prefillRole);
    searchBox($("wb-person-q"), $("wb-person-results"), urls.people, "person", pickPerson, personLabel);
    searchBox($("wb-org-q"), $("wb-org-results"), urls.organizations, "organization", pickOrg("annotation"), (o) => o.label);
    searchBox($("wb-org-q-role"), $("wb-org-results-role"), urls.organizations, "organization", pickOrg("role"), (o) => o.label);
    searchBox($("wb-event-q"), $("wb-event-results"), urls.events, "event", (ev) => { chosen.event = ev.id; $("wb-event-chosen").textContent = ev.label; }, (ev) => ev.label);
    document.querySelectorAll(".wb-phrase").forEach((input) => input.addEventListener("change", () => suggestDate(input)));
    $("wb-person-create").addEventListener("click", () => create(urls.people,
      { name: $("wb-person-name").value, alias: $("wb-person-alias").value, description: $("wb-person-description").value },
      (r) => pickPerson(r.person)));
    $("wb-role-create").addEventListener("click", () => create(urls.roles, {
      person: chosen.person, title: $("wb-role-title").value, organization: chosen.roleOrg,
      start_text: $("wb-role-start-text").value, start_edtf: $("wb-role-start-edtf").value,
      end_text: $("wb-role-end-text").value, end_edtf: $("wb-role-end-edtf").value,
    }, (r) => { const select = $("wb-role"); select.add(new Option(r.role.label, r.role.id)); select.value = r.role.id; }));
    $("wb-event-create").addEventListener("click", () => create(urls.events, {
      title: $("wb-event-title").value, category: "other", date_text: $("wb-event-date-text").value, date_edtf: $("wb-event-date-edtf").value,
    }, (r) => { chosen.event = r.event.id; $("wb-event-chosen").textContent = r.event.label; }));
    $("wb-save").addEventListener("click", save);
    wireSuggestions();
    showKind();
    parts = window.WorkbenchParts({
      url: urls.part, call: call, say: say, fmt: fmt, onPart: addPart,
      messages: { status: root.dataset.msgMoreStatus, loading: root.dataset.msgLoading, noParagraph: root.dataset.msgNoParagraph },
    });
    wireProposals();
  }

  wire();
})();
