// Entry point: enhance the tools on each page. Material's instant navigation swaps
// pages without reloading, and announces each new page through document$.
import { initChecklists } from "./checklist.js";
import { initQuiz } from "./quiz.js";
import { initInventory } from "./role-inventory.js";
import { initRoleClarity } from "./role-clarity.js";
import { initRoleStar } from "./role-star.js";
import { initInterviewSheets } from "./interview-sheet.js";
import { initJobDescriptionBuilders } from "./jd-builder.js";
import { preparePrint } from "./print.js";
import { initEmbedCode } from "./embed-code.js";

function enhance() {
  initChecklists();
  initQuiz();
  initInventory();
  initRoleClarity();
  initRoleStar();
  initInterviewSheets();
  initJobDescriptionBuilders();
  preparePrint();
  initEmbedCode();
}

if (window.document$) {
  window.document$.subscribe(enhance);
} else {
  enhance();
}
