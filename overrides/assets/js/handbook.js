// On every page: start the tools the page has, loading a tool's modules only where
// one is shown.
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

function enhance() {
  const started = new Set();
  const starting = [];
  const start = (load, name) => {
    if (started.has(name)) return;
    started.add(name);
    starting.push(load().then((module) => module[name]()));
  };
  preparePrint();
  for (const [selector, load, name, whenOpened] of TOOLS) {
    for (const box of document.querySelectorAll(selector)) {
      if (whenOpened && box.open === false) box.addEventListener("toggle", () => start(load, name), { once: true });
      else start(load, name);
    }
  }
  // For scripts/pdf.py, which prints a page once its tools have filled it.
  Promise.all(starting).then(() => { document.documentElement.dataset.toolsStarted = ""; });
}

// Once Material has set up the page (document$ tells), or at once where its script
// did not load.
if (window.document$) {
  window.document$.subscribe(enhance);
} else {
  enhance();
}
