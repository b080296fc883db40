// The role-clarity exercise: answer factors (a) to (h) for an activity yourself, then
// compare with the Centre's answers. Answers are kept like checklist answers.
import * as store from "./handbook-store.js";
import { answersToolbar, Review } from "./answers-toolbar.js";
import { element } from "./dom.js";

const TOOL = "role-clarity";
const CHOICES = ["Yes", "No", "Maybe", "Not sure"];

export function initRoleClarity(root = document) {
  const sections = [...root.querySelectorAll("section.hb-clarity[data-item]")];
  const heading = root.querySelector("#role-clarity-activities");
  if (!sections.length || !heading || heading.dataset.enhanced) return;
  heading.dataset.enhanced = "true";
  const factors = [...root.querySelectorAll(".hb-factors-legend dt")].map((dt) => ({
    letter: dt.id.replace("factor-", ""), question: dt.nextElementSibling.textContent.replace(/Sources:.*/s, "").trim(),
  }));

  // One activity's form, built once and cloned for each of the dozens of activities:
  // cloning is far quicker than building thousands of elements one by one, and the
  // page is ready sooner on a slow phone.
  const blank = element("fieldset", { class: "hb-clarity__mine" }, element("legend", { text: "Your answers" }),
    ...factors.map(({ letter, question }) => element("p", {},
      element("label", { text: `(${letter}) ${question}` }),
      element("select", { "data-factor": letter },
        element("option", { value: "", text: "Not answered" }), ...CHOICES.map((c) => element("option", { text: c }))),
      // Paper shows each answer in words beside its question, in place of the drop-down.
      element("span", { class: "hb-print-answer" }))));
  const blankToggle = element("button", {
    type: "button", class: "md-button hb-clarity__compare", text: "Compare with the Centre's answers", "aria-expanded": "false",
  });

  const items = sections.map((section) => {
    const id = section.dataset.item;
    const reference = section.querySelector("dl.hb-factors");
    reference.hidden = true;
    const form = blank.cloneNode(true);
    const selects = [...form.querySelectorAll("select")];
    const labels = form.querySelectorAll("label");
    const printed = form.querySelectorAll(".hb-print-answer");
    selects.forEach((select, i) => {
      select.id = `hb-rc-${id}-${select.dataset.factor}`;
      labels[i].htmlFor = select.id;
    });
    const showPrinted = () => selects.forEach((s, i) => { printed[i].textContent = `Your answer: ${s.value || "Not answered"}`; });
    const toggle = blankToggle.cloneNode(true);
    reference.id = reference.id || `hb-rc-ref-${id}`;
    toggle.setAttribute("aria-controls", reference.id);
    toggle.addEventListener("click", () => {
      reference.hidden = !reference.hidden;
      toggle.setAttribute("aria-expanded", String(!reference.hidden));
    });
    reference.before(form, toggle);
    form.addEventListener("change", () => { review.reviewed(id); showPrinted(); persist(); });
    return {
      id, hash: section.dataset.hash, text: section.querySelector("h4").textContent.trim(), element: section,
      get: () => Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.dataset.factor, s.value])),
      set: (answer) => {
        selects.forEach((s) => { s.value = (answer && answer.factors[s.dataset.factor]) || ""; });
        showPrinted();
      },
    };
  });

  const pick = element("select", { id: "hb-rc-pick" }, element("option", { value: "", text: "Choose an activity" }),
    ...items.map((item) => element("option", { value: item.id, text: item.text })));
  const picker = element("p", {}, element("label", { for: pick.id, text: "Go to an activity" }), pick);
  pick.addEventListener("change", (event) => {
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
  const rule = (check) => check.items(new Set(items.map((item) => item.id)), {
    factors: check.keyed(factors.map((f) => f.letter), "factor", check.oneOf(CHOICES, `one of the answers ${CHOICES.join(", ")}`)),
  });
  const bar = answersToolbar({
    tool: TOOL, label: "Role-clarity exercise tools", filename: "role-clarity-answers", rule, apply,
    table: () => [["Activity", "Factor", "Question", "Your answer"],
      ...items.flatMap((item) => factors.map(({ letter, question }) => [item.text, letter, question, item.get()[letter] || "Not answered"]))],
  });
  const review = new Review(items, bar, "activities");
  heading.after(bar.element, picker);
  const { answers, carried } = store.loadRecord(TOOL);
  apply(answers, true, carried);
}
