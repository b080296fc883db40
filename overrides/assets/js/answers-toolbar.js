// The controls every tool with answers shares: progress, saved status, print, export,
// import and clear, and the review of answers whose items changed since an earlier
// edition. What reads and writes answers files loads on the first export or import.
import * as store from "./handbook-store.js";
import { element } from "./dom.js";

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

// The toolbar: progress, saved status, print, export as a spreadsheet and for importing
// later, import, clear, messages. apply(answers, announce) shows answers on the page and
// saves them; rule(check) says what answers this page allows, with the rules of
// answers-check.js; table() gives the rows of the spreadsheet, headings first;
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
  const saved = store.savedLine(tool);
  const message = element("p", { class: "hb-toolbar__message", role: "alert" });
  const bar = element("div", { class: "hb-toolbar", role: "group", "aria-label": label },
    element("p", { class: "hb-toolbar__privacy", text: "Your answers are saved only in this browser. Nothing is sent anywhere." }),
    store.storageWarning(),
    status, saved,
    element("div", { class: "hb-toolbar__buttons" }, printButton, csvButton, exportButton, importButton, resetButton, input),
    message);
  const say = (text, kind) => { message.textContent = text; message.dataset.kind = kind; };
  printButton.addEventListener("click", () => window.print());
  csvButton.addEventListener("click", async () => {
    const { readableCsv } = await import("./csv.js");
    say(store.offerFile(readableCsv(table()), `${filename}.csv`), "ok");
  });
  exportButton.addEventListener("click", async () => {
    const { answersFile } = await import("./answers-file.js");
    say(`${store.offerFile(answersFile(tool, store.load(tool)), `${filename}.json`)} Use "Import answers" to bring them back, here or in another browser.`, "ok");
  });
  importButton.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const [file] = input.files;
    input.value = "";
    if (!file) return;
    const { readImport } = await import("./answers-file.js");
    try {
      await apply(await readImport(file, tool, rule), false);
      say("Answers imported.", "ok");
    } catch (error) {
      if (!(error instanceof store.ImportRefused)) throw error;
      say(error.message, "error");
    }
  });
  resetButton.addEventListener("click", () => {
    if (window.confirm("Clear all your answers for this tool? This cannot be undone. Export them first if you want to keep a copy.")) {
      store.clear(tool);
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

