// On every page: start the tools the page has, loading a tool's modules only where
// one is shown. Instant navigation announces each new page through document$.
import { preparePrint } from "./print.js";

// What marks each tool, its module, the function that starts it, and whether it waits
// for its box to open: the one list of which page needs which module (the offline
// bundle joins every module named here).
const TOOLS = [
  ['[data-tool="checklist"]', () => import("./checklist.js"), "initChecklists"],
  ['[data-tool="quiz"]', () => import("./quiz.js"), "initQuiz"],
  [".hb-inventory table", () => import("./role-inventory.js"), "initInventory"],
  ["section.hb-clarity[data-item]", () => import("./role-clarity.js"), "initRoleClarity"],
  [".hb-star-component[data-item]", () => import("./role-star.js"), "initRoleStar"],
  ['[data-tool="interview-sheet"]', () => import("./interview-sheet.js"), "initInterviewSheets"],
  ['[data-tool="job-description"]', () => import("./jd-builder.js"), "initJobDescriptionBuilders"],
  [".hb-embed-code", () => import("./embed-code.js"), "initEmbedCode", "when opened"],
];

// A tool whose module arrives after the reader has moved on is not started on the
// next page, which starts its own.
let shown = 0;
const root = document.documentElement;

// Instant navigation adds the stylesheets of the new page's tools to the head as it
// swaps the page in, before this runs. Until they have loaded (or failed, or a few
// seconds have passed) the page's content waits unseen (handbook.css), so nothing
// shows unstyled or moves when they arrive.
const STYLES = 'link[rel="stylesheet"]';
let stylesSeen = new Set(document.querySelectorAll(STYLES));

function newStylesLoaded() {
  const added = [...document.querySelectorAll(STYLES)].filter((link) => !stylesSeen.has(link) && !link.sheet);
  stylesSeen = new Set(document.querySelectorAll(STYLES));
  if (!added.length) return Promise.resolve();
  root.dataset.stylesLoading = "";
  const loaded = added.map((link) => new Promise((done) => {
    link.addEventListener("load", done, { once: true });
    link.addEventListener("error", done, { once: true });
  }));
  return Promise.race([Promise.all(loaded), new Promise((done) => setTimeout(done, 3000))])
    .then(() => { delete root.dataset.stylesLoading; });
}

function enhance() {
  const page = ++shown;
  const started = new Set();
  const starting = [];
  delete root.dataset.toolsStarted;
  const styled = newStylesLoaded();
  const start = (load, name) => {
    if (started.has(name)) return;
    started.add(name);
    starting.push(Promise.all([load(), styled]).then(([module]) => { if (page === shown) module[name](); }));
  };
  preparePrint();
  for (const [selector, load, name, whenOpened] of TOOLS) {
    for (const box of document.querySelectorAll(selector)) {
      if (whenOpened && box.open === false) box.addEventListener("toggle", () => start(load, name), { once: true });
      else start(load, name);
    }
  }
  // For scripts/pdf.py, which prints a page once its tools have filled it.
  Promise.all(starting).then(() => { if (page === shown) root.dataset.toolsStarted = ""; });
}

if (window.document$) {
  window.document$.subscribe(enhance);
} else {
  enhance();
}
