// Answers typed into the handbook's tools live only in this browser (localStorage).
// Keys are namespaced by site path, edition and tool; each answer carries its item's
// id, a fingerprint of the item's text and the text itself, so a later edition can
// keep unchanged answers, flag changed items and list removed ones.

const FORMAT = "peer-roles-handbook/answers";
const MAX_IMPORT_BYTES = 256 * 1024;

export function edition() {
  return document.querySelector('meta[name="hb-edition"]')?.content || "draft";
}

function sitePath() {
  return (window.__md_scope || new URL(".", location)).pathname;
}

function prefix() {
  return `${sitePath()}hb:`;
}

export function storageKey(tool, forEdition = edition()) {
  return `${prefix()}${forEdition}:${tool}`;
}

function read(key) {
  try {
    const record = JSON.parse(localStorage.getItem(key));
    return record && record.format === FORMAT ? record : null;
  } catch {
    return null;
  }
}

// This edition's answers; failing that, the newest answers saved under another
// edition of the same site, so a new edition starts from the reader's work.
export function load(tool) {
  return loadRecord(tool).answers;
}

// As load(), also saying whether the answers came from another edition.
export function loadRecord(tool) {
  const own = read(storageKey(tool));
  if (own) return { answers: own.answers, carried: false };
  let newest = null;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key.startsWith(prefix()) && key.endsWith(`:${tool}`)) {
      const record = read(key);
      if (record && (!newest || record.saved > newest.saved)) newest = record;
    }
  }
  return newest ? { answers: newest.answers, carried: true } : { answers: {}, carried: false };
}

export function save(tool, answers) {
  const record = { format: FORMAT, tool, edition: edition(), saved: new Date().toISOString(), answers };
  localStorage.setItem(storageKey(tool), JSON.stringify(record));
}

// An empty record, not a missing one: clearing must not bring back an older edition's answers.
export function clear(tool) {
  save(tool, {});
}

// Split saved answers against the items on the page (id -> {hash, text}).
export function reconcile(answers, items) {
  const kept = {};
  const changed = new Set();
  const removed = [];
  for (const [id, answer] of Object.entries(answers)) {
    if (!items.has(id)) {
      removed.push(answer.text || id);
    } else {
      kept[id] = answer;
      if (answer.hash && answer.hash !== items.get(id).hash) changed.add(id);
    }
  }
  return { kept, changed, removed };
}

// Follows answered items whose text changed since they were answered (in an earlier
// edition), until the reader reviews them, and lists removed items once.
export class Review {
  constructor(items, bar, noun) {
    this.items = new Map(items.map((item) => [item.id, item]));
    this.stale = new Map();
    this.bar = bar;
    this.noun = noun;
  }

  // Returns the answers to show, and whether they must be saved (to drop removed ones).
  restore(answers, announce) {
    const { kept, changed, removed } = reconcile(answers, this.items);
    this.stale = new Map([...changed].map((id) => [id, kept[id].hash]));
    for (const item of this.items.values()) item.element.classList.toggle("hb-changed", this.stale.has(item.id));
    if (announce && removed.length) {
      this.bar.notice(`Some ${this.noun} you had answered are no longer here: ${removed.join("; ")}`);
    } else if (announce && this.stale.size) {
      this.bar.notice(`${this.stale.size} of the ${this.noun} you answered changed since then. They are marked for review.`);
    }
    return { kept, mustSave: removed.length > 0 };
  }

  // The fingerprint to save: the old one until the reader has reviewed the item.
  hash(item) {
    return this.stale.get(item.id) || item.hash;
  }

  reviewed(id) {
    if (this.stale.delete(id)) this.items.get(id).element.classList.remove("hb-changed");
  }
}

export function download(tool, answers, filename) {
  const record = { format: FORMAT, tool, edition: edition(), saved: new Date().toISOString(), answers };
  const blob = new Blob([JSON.stringify(record, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export class ImportRefused extends Error {}

// Read an exported file; throw ImportRefused with a reader-facing reason if it is
// not a valid answers file for this tool. The caller changes nothing until it passes.
export async function readImport(file, tool, checkAnswers) {
  const nothingChanged = "Your saved answers have not been changed.";
  if (file.size > MAX_IMPORT_BYTES) {
    throw new ImportRefused(`This file is too large (${Math.round(file.size / 1024)} KB) to be an answers file from this handbook. ${nothingChanged}`);
  }
  let record;
  try {
    record = JSON.parse(await file.text());
  } catch {
    throw new ImportRefused(`This file could not be read: it is not an answers file exported from this handbook. ${nothingChanged}`);
  }
  if (!record || record.format !== FORMAT || typeof record.answers !== "object" || record.answers === null) {
    throw new ImportRefused(`This file is not an answers file exported from this handbook. ${nothingChanged}`);
  }
  if (record.tool !== tool) {
    throw new ImportRefused(`This file holds answers for another tool ("${String(record.tool)}"), not this one. ${nothingChanged}`);
  }
  const problem = checkAnswers(record.answers);
  if (problem) throw new ImportRefused(`This file is damaged: ${problem}. ${nothingChanged}`);
  return record.answers;
}

// The usual toolbar: export and import this tool's answers as a file, or clear them.
// apply(answers, announce) shows answers on the page and saves them.
export function answersToolbar({ tool, label, filename, checkAnswers, apply }) {
  return toolbar({
    label,
    onExport: () => download(tool, load(tool), filename),
    onImport: async (file) => apply(await readImport(file, tool, checkAnswers), false),
    onReset: () => { clear(tool); apply({}, false); },
  });
}

// The controls every tool shares: progress, export, import, reset, messages.
export function toolbar({ label, onExport, onImport, onReset }) {
  const bar = document.createElement("div");
  bar.className = "hb-toolbar";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", label);
  bar.innerHTML = `
    <p class="hb-toolbar__privacy">Your answers are saved only in this browser. Nothing is sent anywhere.</p>
    <p class="hb-toolbar__status" role="status" aria-live="polite"></p>
    <div class="hb-toolbar__buttons">
      <button type="button" class="md-button" data-action="export">Export answers</button>
      <button type="button" class="md-button" data-action="import">Import answers</button>
      <button type="button" class="md-button" data-action="reset">Clear answers</button>
      <input type="file" accept="application/json,.json" hidden>
    </div>
    <p class="hb-toolbar__message" role="alert"></p>`;
  const input = bar.querySelector("input[type=file]");
  const message = bar.querySelector(".hb-toolbar__message");
  bar.querySelector('[data-action="export"]').addEventListener("click", onExport);
  bar.querySelector('[data-action="import"]').addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const [file] = input.files;
    input.value = "";
    if (!file) return;
    try {
      await onImport(file);
      message.textContent = "Answers imported.";
      message.dataset.kind = "ok";
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      message.textContent = error.message;
      message.dataset.kind = "error";
    }
  });
  bar.querySelector('[data-action="reset"]').addEventListener("click", () => {
    if (window.confirm("Clear all your answers for this tool? This cannot be undone. Export them first if you want to keep a copy.")) {
      onReset();
      message.textContent = "Answers cleared.";
      message.dataset.kind = "ok";
    }
  });
  return {
    element: bar,
    status: (text) => { bar.querySelector(".hb-toolbar__status").textContent = text; },
    notice: (text) => { message.textContent = text; message.dataset.kind = "notice"; },
  };
}
