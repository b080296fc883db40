// The readiness quiz: answer true or false; the score and its advice update as you go.
import * as store from "./handbook-store.js";
import { answersToolbar, Review } from "./answers-toolbar.js";
import { element } from "./dom.js";

const TOOL = "quiz:readiness";
const words = (value) => (value === null ? "Not answered" : value ? "True" : "False");

export function initQuiz(root = document) {
  const quiz = root.querySelector('ol[data-tool="quiz"]');
  if (!quiz || quiz.dataset.enhanced) return;
  quiz.dataset.enhanced = "true";
  const bands = [...root.querySelectorAll("tr[data-min]")];
  const items = [...quiz.querySelectorAll(":scope > li[data-item]")].map((li, index) => {
    const id = li.dataset.item;
    const choice = (value, label) => element("label", {}, element("input", { type: "radio", name: `hb-quiz-${id}`, value }), ` ${label}`);
    const group = element("fieldset", { class: "hb-quiz__choice" },
      element("legend", { class: "hb-visually-hidden", text: `Statement ${index + 1}` }),
      choice("true", "True"), choice("false", "False"));
    // Paper shows the answer in words: a printed radio button is easy to misread.
    const printed = element("p", { class: "hb-print-answer" });
    li.querySelector(".hb-quiz__answers").replaceWith(group, printed);
    group.addEventListener("change", () => { review.reviewed(id); update(true); });
    const text = li.querySelector(".hb-quiz__statement").textContent.trim();
    return {
      id, hash: li.dataset.hash, text, element: li, scoresWhen: li.dataset.scores === "true",
      get: () => {
        const picked = group.querySelector("input:checked");
        return picked ? picked.value === "true" : null;
      },
      set: (value) => group.querySelectorAll("input").forEach((input) => {
        input.checked = value !== null && value !== undefined && input.value === String(value);
      }),
      printed,
    };
  });

  const result = document.createElement("div");
  result.className = "hb-quiz__result";
  result.setAttribute("role", "status");
  result.setAttribute("aria-live", "polite");
  quiz.after(result);

  function update(persist) {
    const answered = items.filter((item) => item.get() !== null);
    const score = items.filter((item) => item.get() === item.scoresWhen).length;
    const band = bands.find((row) => score >= Number(row.dataset.min) && score <= Number(row.dataset.max));
    bands.forEach((row) => row.classList.toggle("hb-band--current", row === band));
    result.textContent = answered.length
      ? `Your score: ${score} of ${items.length} (${answered.length} answered). ${band ? band.querySelector("th").textContent.trim() + ": " + band.querySelector("td").dataset.advice : ""}`
      : "Answer the statements to see your score.";
    for (const item of items) item.printed.textContent = `Your answer: ${words(item.get())}`;
    if (persist) {
      const answers = {};
      for (const item of items) {
        if (item.get() !== null) answers[item.id] = { value: item.get(), hash: review.hash(item), text: item.text };
      }
      store.save(TOOL, answers);
    }
    bar.status(`${answered.length} of ${items.length} answered`);
  }

  const apply = (answers, announce, carried = false) => {
    const { kept, mustSave } = review.restore(answers, announce);
    for (const item of items) item.set(kept[item.id] ? kept[item.id].value : null);
    update(!announce || carried || mustSave);
  };
  const rule = (check) => check.items(new Set(items.map((item) => item.id)), { value: check.trueOrFalse });
  const bar = answersToolbar({
    tool: TOOL, label: "Quiz tools", filename: "readiness-quiz-answers", rule, apply,
    table: () => [["Statement", "Text", "Your answer"],
      ...items.map((item, index) => [index + 1, item.text, words(item.get())]), [], ["", result.textContent]],
  });
  const review = new Review(items, bar, "statements");
  result.after(bar.element);
  const { answers, carried } = store.loadRecord(TOOL);
  apply(answers, true, carried);
}
