// Answers typed into the handbook's tools live only in this browser (localStorage).
// Keys are namespaced by site path, edition and tool; each answer carries its item's
// id, a fingerprint of the item's text and the text itself, so a later edition can
// keep unchanged answers, flag changed items and list removed ones.

import { element, saveFile } from "./dom.js";
import { readableCsv } from "./csv.js";

const FORMAT = "peer-roles-handbook/answers";
const MAX_IMPORT_BYTES = 256 * 1024;

export function edition() {
  return document.querySelector('meta[name="hb-edition"]')?.content || "draft";
}

function sitePath() {
  return (window.__md_scope || new URL(".", location)).pathname;
}

// The organisation whose edition this is (overrides/main.html), or "" for the shared
// handbook.
export function organisation() {
  return document.querySelector('meta[name="hb-organisation"]')?.content || "";
}

// An organisation's edition keeps its answers apart from the shared handbook's served
// from the same path ("/hb@example-health:" beside "/hb:"), and carries them over
// between its own editions as the shared handbook does.
function prefix() {
  const name = organisation().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-");
  return `${sitePath()}${name ? `hb@${name}` : "hb"}:`;
}

export function storageKey(tool, forEdition = edition()) {
  return `${prefix()}${forEdition}:${tool}`;
}

// --- Storage can be full, blocked (cookies off) or missing. Every access is wrapped: the
// tools keep working for the visit from `memory`, say so on the page, and once storage
// has failed nothing more is written, so answers saved earlier are never overwritten.
const memory = new Map();
let failure = null;
const warnings = new Set();
// The toolbars' "Saved in this browser at ..." lines; the storage warning replaces them.
const savedLines = new Set();

const PROBLEMS = {
  blocked: "it does not let the handbook store anything (its storage is blocked, for example because cookies are off)",
  full: "its storage for the handbook is full",
};

function failed(error) {
  if (failure) return;
  failure = error?.name === "QuotaExceededError" ? "full" : "blocked";
  for (const warning of warnings) show(warning);
  for (const line of savedLines) line.hidden = true;
}

function show(warning) {
  const { noun, advice } = warning.dataset;
  warning.textContent = `${noun} cannot be saved in this browser: ${PROBLEMS[failure]}. They stay on this page until you leave it. ${advice}`;
  warning.hidden = false;
}

// A message for the page, shown when (or as soon as) answers cannot be saved. `noun`
// names what cannot be saved; `advice` says how to keep a copy with this tool.
export function storageWarning({ noun = "Your answers", advice = "Export them to keep a copy." } = {}) {
  // Warnings of pages that instant navigation has replaced are no longer needed.
  for (const old of warnings) if (!old.isConnected) warnings.delete(old);
  const warning = element("p", { class: "hb-storage-warning", role: "alert", hidden: true });
  Object.assign(warning.dataset, { noun, advice });
  warnings.add(warning);
  if (failure) show(warning);
  return warning;
}

function storage() {
  try {
    const store = window.localStorage;
    if (store) return store;
  } catch (error) {
    failed(error);
    return null;
  }
  failed(null);
  return null;
}

function storedKeys() {
  const store = storage();
  if (!store) return [];
  try {
    return Array.from({ length: store.length }, (_, i) => store.key(i));
  } catch (error) {
    failed(error);
    return [];
  }
}

function read(key) {
  const store = storage();
  if (!store) return null;
  try {
    const record = JSON.parse(store.getItem(key));
    return record && record.format === FORMAT && typeof record.answers === "object" && record.answers !== null ? record : null;
  } catch (error) {
    if (error instanceof DOMException) failed(error);
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
  if (failure && memory.has(tool)) return { answers: memory.get(tool), carried: false };
  const own = read(storageKey(tool));
  if (own) return { answers: own.answers, carried: false };
  let newest = null;
  for (const key of storedKeys()) {
    if (key.startsWith(prefix()) && key.endsWith(`:${tool}`)) {
      const record = read(key);
      if (record && (!newest || record.saved > newest.saved)) newest = record;
    }
  }
  return newest ? { answers: newest.answers, carried: true } : { answers: {}, carried: false };
}

// Keep the answers for this visit, and in this browser if it lets us.
export function save(tool, answers) {
  memory.set(tool, answers);
  const store = failure ? null : storage();
  if (!store) return;
  const record = { format: FORMAT, tool, edition: edition(), saved: new Date().toISOString(), answers };
  try {
    store.setItem(storageKey(tool), JSON.stringify(record));
  } catch (error) {
    failed(error);
    return;
  }
  const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  for (const line of savedLines) {
    if (!line.isConnected) savedLines.delete(line);
    else if (line.dataset.tool === tool) { line.textContent = `Saved in this browser at ${time}`; line.hidden = false; }
  }
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
    if (typeof answer !== "object" || answer === null) continue;
    if (!items.has(id)) {
      removed.push(answer.text || id);
    } else {
      kept[id] = answer;
      // Only a text fingerprint is one (a file imported before imports were checked may hold anything).
      if (typeof answer.hash === "string" && answer.hash && answer.hash !== items.get(id).hash) changed.add(id);
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

export class ImportRefused extends Error {}

// Read an exported file; throw ImportRefused with a reader-facing reason if it is not
// an answers file for this tool whose answers `rule` (answers-check.js) allows on this
// page. The caller changes nothing until it passes.
export async function readImport(file, tool, rule) {
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
  if (typeof record !== "object" || record === null || record.format !== FORMAT || !("answers" in record)) {
    throw new ImportRefused(`This file is not an answers file exported from this handbook. ${nothingChanged}`);
  }
  if (record.tool !== tool) {
    const named = typeof record.tool === "string" ? `("${record.tool.slice(0, 60)}")` : "(unnamed)";
    throw new ImportRefused(`This file holds answers for another tool ${named}, not this one. ${nothingChanged}`);
  }
  const problem = rule(record.answers, "");
  if (problem) throw new ImportRefused(`This file was not imported: ${problem}. ${nothingChanged}`);
  return record.answers;
}

function answersFile(tool, answers) {
  const record = { format: FORMAT, tool, edition: edition(), saved: new Date().toISOString(), answers };
  return new Blob([JSON.stringify(record, null, 2)], { type: "application/json" });
}

// The controls every tool shares: progress, saved status, print, export as a
// spreadsheet and for importing later, import, clear, messages. apply(answers, announce)
// shows answers on the page and saves them; `rule` says what answers this page allows
// (answers-check.js); table() gives the rows of the spreadsheet, headings first;
// `filename` is the exports' name without its extension.
export function answersToolbar({ tool, label, filename, rule, apply, table }) {
  const button = (action, text) => element("button", { type: "button", class: "md-button", "data-action": action, text });
  const printButton = button("print", "Print my answers");
  const csvButton = button("csv", "Save as a spreadsheet (CSV)");
  const exportButton = button("export", "Export for importing later (JSON)");
  const importButton = button("import", "Import answers");
  const resetButton = button("reset", "Clear answers");
  const input = element("input", { type: "file", accept: "application/json,.json", hidden: true });
  const status = element("p", { class: "hb-toolbar__status", role: "status", "aria-live": "polite" });
  const saved = element("p", { class: "hb-toolbar__saved", hidden: true });
  saved.dataset.tool = tool;
  savedLines.add(saved);
  const message = element("p", { class: "hb-toolbar__message", role: "alert" });
  const bar = element("div", { class: "hb-toolbar", role: "group", "aria-label": label },
    element("p", { class: "hb-toolbar__privacy", text: "Your answers are saved only in this browser. Nothing is sent anywhere." }),
    storageWarning(),
    status, saved,
    element("div", { class: "hb-toolbar__buttons" }, printButton, csvButton, exportButton, importButton, resetButton, input),
    message);
  const say = (text, kind) => { message.textContent = text; message.dataset.kind = kind; };
  printButton.addEventListener("click", () => window.print());
  csvButton.addEventListener("click", () => say(offerFile(readableCsv(table()), `${filename}.csv`), "ok"));
  exportButton.addEventListener("click", () => say(`${offerFile(answersFile(tool, load(tool)), `${filename}.json`)} Use "Import answers" to bring them back, here or in another browser.`, "ok"));
  importButton.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const [file] = input.files;
    input.value = "";
    if (!file) return;
    try {
      await apply(await readImport(file, tool, rule), false);
      say("Answers imported.", "ok");
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      say(error.message, "error");
    }
  });
  resetButton.addEventListener("click", () => {
    if (window.confirm("Clear all your answers for this tool? This cannot be undone. Export them first if you want to keep a copy.")) {
      clear(tool);
      apply({}, false);
      say("Answers cleared.", "ok");
    }
  });
  return {
    element: bar,
    status: (text) => { status.textContent = text; },
    notice: (text) => say(text, "notice"),
  };
}

// Download a file and return the sentence that tells the reader where it went.
export function offerFile(blob, filename) {
  saveFile(blob, filename);
  return `Saved ${filename} to your downloads folder.`;
}
