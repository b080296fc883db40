// Entry point on every page: start the tools this page has, loading a tool's modules
// only on pages that show it. Material's instant navigation swaps pages without
// reloading, and announces each new page through document$.
import { preparePrint } from "./print.js";

// What marks each tool on a page, the module that runs it, the function that starts it,
// and whether it waits until its box is opened (the "Embed this section" box at the
// foot of most pages): the one list of which page needs which module (the offline
// copy's bundle joins every module named here).
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

// Each page shown counts once: a tool whose module arrives after the reader has moved
// on is not started on the next page, which starts its own.
let shown = 0;

function enhance() {
  const page = ++shown;
  const started = new Set();
  const start = (load, name) => {
    if (started.has(name)) return;
    started.add(name);
    load().then((module) => { if (page === shown) module[name](); });
  };
  preparePrint();
  for (const [selector, load, name, whenOpened] of TOOLS) {
    for (const box of document.querySelectorAll(selector)) {
      if (whenOpened && box.open === false) box.addEventListener("toggle", () => start(load, name), { once: true });
      else start(load, name);
    }
  }
}

if (window.document$) {
  window.document$.subscribe(enhance);
} else {
  enhance();
}
