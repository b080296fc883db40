// Answers typed into the handbook's tools live only in this browser (localStorage).
// Keys are namespaced by site path, edition and tool; each answer carries its item's
// id, a fingerprint of the item's text and the text itself, so a later edition can
// keep unchanged answers, flag changed items and list removed ones.

// The toolbar of the tools whose answers can be exported and imported is in
// answers-toolbar.js.
import { element, saveFile } from "./dom.js";

export const FORMAT = "peer-roles-handbook/answers";

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

// A line saying when the tool's answers were last saved in this browser: hidden until
// then, and again for good once storage fails.
export function savedLine(tool) {
  const line = element("p", { class: "hb-toolbar__saved", hidden: true });
  line.dataset.tool = tool;
  savedLines.add(line);
  return line;
}

// Refused imports: the reason, in words for the reader.
export class ImportRefused extends Error {}

// An empty record, not a missing one: clearing must not bring back an older edition's answers.
export function clear(tool) {
  save(tool, {});
}

// Download a file and return the sentence that tells the reader where it went.
export function offerFile(blob, filename) {
  saveFile(blob, filename);
  return `Saved ${filename} to your downloads folder.`;
}
