// The role-clarity exercise: answer factors (a) to (h) for an activity yourself, then
// compare with the Centre's answers. Answers are kept like checklist answers.
import * as store from "./handbook-store.js";

const TOOL = "role-clarity";
const CHOICES = ["Yes", "No", "Maybe", "Not sure"];

function checkAnswers(answers) {
  for (const [id, answer] of Object.entries(answers)) {
    if (typeof answer !== "object" || answer === null || typeof answer.factors !== "object" || answer.factors === null) {
      return `the answers for "${id}" are not valid`;
    }
    for (const value of Object.values(answer.factors)) {
      if (!CHOICES.includes(value)) return `an answer for "${id}" is not one of ${CHOICES.join(", ")}`;
    }
  }
  return null;
}

export function initRoleClarity(root = document) {
  const sections = [...root.querySelectorAll("section.hb-clarity[data-item]")];
  const heading = root.querySelector("#role-clarity-activities");
  if (!sections.length || !heading || heading.dataset.enhanced) return;
  heading.dataset.enhanced = "true";
  const factors = [...root.querySelectorAll(".hb-factors-legend dt")].map((dt) => ({
    letter: dt.id.replace("factor-", ""), question: dt.nextElementSibling.textContent.replace(/Sources:.*/s, "").trim(),
  }));

  const items = sections.map((section) => {
    const id = section.dataset.item;
    const reference = section.querySelector("dl.hb-factors");
    reference.hidden = true;
    const form = document.createElement("fieldset");
    form.className = "hb-clarity__mine";
    form.innerHTML = `<legend>Your answers</legend>` + factors.map(({ letter, question }) => `
      <p><label for="hb-rc-${id}-${letter}">(${letter}) ${question}</label>
      <select id="hb-rc-${id}-${letter}" data-factor="${letter}"><option value="">Not answered</option>
      ${CHOICES.map((c) => `<option>${c}</option>`).join("")}</select></p>`).join("");
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "md-button hb-clarity__compare";
    toggle.textContent = "Compare with the Centre's answers";
    toggle.setAttribute("aria-expanded", "false");
    reference.id = reference.id || `hb-rc-ref-${id}`;
    toggle.setAttribute("aria-controls", reference.id);
    toggle.addEventListener("click", () => {
      reference.hidden = !reference.hidden;
      toggle.setAttribute("aria-expanded", String(!reference.hidden));
    });
    reference.before(form, toggle);
    const selects = [...form.querySelectorAll("select")];
    selects.forEach((select) => select.addEventListener("change", () => { review.reviewed(id); persist(); }));
    return {
      id, hash: section.dataset.hash, text: section.querySelector("h4").textContent.trim(), element: section,
      get: () => Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.dataset.factor, s.value])),
      set: (answer) => selects.forEach((s) => { s.value = (answer && answer.factors[s.dataset.factor]) || ""; }),
    };
  });

  const picker = document.createElement("p");
  picker.innerHTML = `<label for="hb-rc-pick">Go to an activity</label>
    <select id="hb-rc-pick"><option value="">Choose an activity</option>
    ${items.map((item) => `<option value="${item.id}">${item.text}</option>`).join("")}</select>`;
  picker.querySelector("select").addEventListener("change", (event) => {
    const target = document.getElementById(`${event.target.value}-title`);
    if (target) { target.setAttribute("tabindex", "-1"); target.scrollIntoView(); target.focus(); }
  });

  const persist = () => {
    const answers = {};
    for (const item of items) {
      const factorsAnswered = item.get();
      if (Object.keys(factorsAnswered).length) answers[item.id] = { factors: factorsAnswered, hash: review.hash(item), text: item.text };
    }
    store.save(TOOL, answers);
    bar.status(`${Object.keys(answers).length} of ${items.length} activities answered`);
  };
  const apply = (answers, announce, carried = false) => {
    const { kept, mustSave } = review.restore(answers, announce);
    for (const item of items) item.set(kept[item.id]);
    if (!announce || carried || mustSave) persist();
    else bar.status(`${Object.keys(kept).length} of ${items.length} activities answered`);
  };
  const bar = store.answersToolbar({
    tool: TOOL, label: "Role-clarity exercise tools", filename: "role-clarity-answers.json", checkAnswers, apply,
  });
  const review = new store.Review(items, bar, "activities");
  heading.after(bar.element, picker);
  const { answers, carried } = store.loadRecord(TOOL);
  apply(answers, true, carried);
}
