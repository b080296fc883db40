// Entry point: enhance the tools on each page. Material's instant navigation swaps
// pages without reloading, and announces each new page through document$.
import { initChecklists } from "./checklist.js";
import { initQuiz } from "./quiz.js";

function enhance() {
  initChecklists();
  initQuiz();
}

if (window.document$) {
  window.document$.subscribe(enhance);
} else {
  enhance();
}
