// Interactive checklists: a tick and a note per entry, kept in this browser.
// Without JavaScript the list still reads and prints with empty boxes.
import * as store from "./handbook-store.js";
import { answersToolbar, Review } from "./answers-toolbar.js";
import { element } from "./dom.js";

const MAX_NOTE = 5000;

function enhanceEntry(li, onChange) {
  const id = li.dataset.item;
  const text = li.querySelector(".hb-check__text");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = `hb-check-${id}`;
  box.className = "hb-check__input";
  li.querySelector(".hb-check__box").replaceWith(box);
  const label = document.createElement("label");
  label.htmlFor = box.id;
  label.className = "hb-check__text";
  label.append(...text.childNodes);
  text.replaceWith(label);

  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "hb-check__note-toggle";
  toggle.textContent = "Note";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", `hb-note-${id}`);
  toggle.setAttribute("aria-label", `Note on: ${label.textContent.trim().slice(0, 80)}`);
  const area = document.createElement("div");
  area.id = `hb-note-${id}`;
  area.className = "hb-check__note";
  area.hidden = true;
  const note = element("textarea", { id: `hb-note-text-${id}`, rows: "3", maxlength: String(MAX_NOTE) });
  area.append(element("label", { for: note.id, text: "Your note" }), note);
  label.after(toggle, area);
  const open = (show) => { area.hidden = !show; toggle.setAttribute("aria-expanded", String(show)); };
  toggle.addEventListener("click", () => { open(area.hidden); if (!area.hidden) note.focus(); });
  box.addEventListener("change", onChange);
  note.addEventListener("input", onChange);
  return {
    id,
    hash: li.dataset.hash,
    text: label.textContent.trim(),
    get: () => ({ checked: box.checked, note: note.value }),
    set: (answer) => {
      box.checked = Boolean(answer && answer.checked);
      note.value = (answer && answer.note) || "";
      open(note.value !== "");
    },
    element: li,
  };
}

function initChecklist(intro) {
  const list = intro.dataset.list;
  const tool = `checklist:${list}`;
  const entries = [...document.querySelectorAll(`ul.hb-checklist[data-list="${list}"] > li.hb-check`)];
  if (!entries.length || intro.dataset.enhanced) return;
  intro.dataset.enhanced = "true";

  const items = [];
  const persist = () => {
    const answers = {};
    for (const item of items) {
      const answer = item.get();
      if (answer.checked || answer.note) answers[item.id] = { ...answer, hash: review.hash(item), text: item.text };
    }
    store.save(tool, answers);
    showProgress();
  };
  const showProgress = () => {
    const done = items.filter((item) => item.get().checked).length;
    bar.status(`${done} of ${items.length} done`);
  };
  for (const li of entries) {
    const item = enhanceEntry(li, () => {
      // Answering an item that changed since it was first answered counts as review.
      review.reviewed(item.id);
      persist();
    });
    items.push(item);
  }

  // Show answers; save them unless this is a plain page load with nothing to migrate.
  const apply = (answers, announce, carried = false) => {
    const { kept, mustSave } = review.restore(answers, announce);
    for (const item of items) item.set(kept[item.id]);
    if (!announce || carried || mustSave) persist();
    else showProgress();
  };

  const rule = (check) => check.items(new Set(items.map((item) => item.id)), {
    checked: check.trueOrFalse, note: check.optional(check.text(MAX_NOTE)),
  });
  const bar = answersToolbar({
    tool, label: "Checklist tools", filename: `checklist-${list}-answers`, rule, apply,
    table: () => [["Item", "Checklist entry", "Done?", "Notes"],
      ...items.map((item, index) => [index + 1, item.text, item.get().checked ? "Done" : "Not done", item.get().note])],
  });
  const review = new Review(items, bar, "checklist entries");
  intro.after(bar.element);
  const { answers, carried } = store.loadRecord(tool);
  apply(answers, true, carried);
}

export function initChecklists(root = document) {
  root.querySelectorAll('[data-tool="checklist"]').forEach(initChecklist);
}
