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

  // Each activity's form is built when the activity nears the screen, when the reader
  // picks it from the list, and for all at once when the page is printed: built at
  // start, the thousands of controls of dozens of activities kept a phone busy for a
  // second. Until then the activity keeps its answers as they were saved (or imported),
  // so they are counted, saved and exported all the same.
  const build = (item) => {
    const form = blank.cloneNode(true);
    const selects = [...form.querySelectorAll("select")];
    const labels = form.querySelectorAll("label");
    const printed = form.querySelectorAll(".hb-print-answer");
    selects.forEach((select, i) => {
      select.id = `hb-rc-${item.id}-${select.dataset.factor}`;
      labels[i].htmlFor = select.id;
    });
    const toggle = blankToggle.cloneNode(true);
    const reference = item.element.querySelector("dl.hb-factors");
    reference.id = reference.id || `hb-rc-ref-${item.id}`;
    toggle.setAttribute("aria-controls", reference.id);
    toggle.addEventListener("click", () => {
      reference.hidden = !reference.hidden;
      toggle.setAttribute("aria-expanded", String(!reference.hidden));
    });
    reference.before(form, toggle);
    const show = (answered) => selects.forEach((s, i) => {
      s.value = answered[s.dataset.factor] || "";
      printed[i].textContent = `Your answer: ${s.value || "Not answered"}`;
    });
    const read = () => Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.dataset.factor, s.value]));
    form.addEventListener("change", () => { review.reviewed(item.id); show(read()); persist(); });
    return { show, read };
  };

  const items = sections.map((section) => {
    section.querySelector("dl.hb-factors").hidden = true;
    let form = null;
    // The answers of an activity whose form is not built yet.
    let answered = {};
    const item = {
      id: section.dataset.item, hash: section.dataset.hash, text: section.querySelector("h4").textContent.trim(), element: section,
      build: () => {
        if (form) return;
        form = build(item);
        form.show(answered);
      },
      get: () => (form ? form.read() : { ...answered }),
      set: (answer) => {
        const given = (answer && answer.factors) || {};
        // Only answers the drop-downs offer, as a drop-down keeps no other.
        answered = Object.fromEntries(factors.filter(({ letter }) => CHOICES.includes(given[letter])).map(({ letter }) => [letter, given[letter]]));
        if (form) form.show(answered);
      },
    };
    return item;
  });
  const bySection = new Map(items.map((item) => [item.element, item]));
  const near = new IntersectionObserver((entries) => {
    for (const { isIntersecting, target } of entries) {
      if (!isIntersecting) continue;
      near.unobserve(target);
      bySection.get(target).build();
    }
    // A screen ahead: built while the browser still skips laying the activity out
    // (content-visibility in role-clarity.css), so nothing on screen moves.
  }, { rootMargin: "100% 0px" });
  // An activity the address leads to is on screen from the first paint: its form is
  // there before that paint.
  const led = decodeURIComponent(location.hash.slice(1));
  items.find((item) => item.id === led || `${item.id}-title` === led)?.build();
  for (const item of items) near.observe(item.element);
  // Paper shows every activity with the reader's answers.
  const buildAll = () => { near.disconnect(); for (const item of items) item.build(); };
  window.addEventListener("beforeprint", buildAll, { once: true });
  window.matchMedia("print").addEventListener("change", buildAll, { once: true });

  const pick = element("select", { id: "hb-rc-pick" }, element("option", { value: "", text: "Choose an activity" }),
    ...items.map((item) => element("option", { value: item.id, text: item.text })));
  const picker = element("p", {}, element("label", { for: pick.id, text: "Go to an activity" }), pick);
  pick.addEventListener("change", (event) => {
    items.find((item) => item.id === event.target.value)?.build();
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
