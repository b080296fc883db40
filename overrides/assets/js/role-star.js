// The peer worker role star: choose core, desirable or not part of the role for each of
// the eight components; an SVG star draws the choices. A facilitator can combine
// several people's stars to see counts and where the group disagrees.
import * as store from "./handbook-store.js";
import { answersToolbar, Review } from "./answers-toolbar.js";
import { element, svgElement } from "./dom.js";

const TOOL = "role-star";
const LENGTH = { core: 1, desirable: 0.6, "not-part-of-role": 0.2 };
const MAX_NOTE = 5000;

// Each choice is drawn with its own line (solid, dashed, dotted) and end shape (disc,
// square, hollow diamond), so the star reads without telling colours apart.
const SHAPE = {
  core: (x, y) => svgElement("circle", { cx: x, cy: y, r: 8 }),
  desirable: (x, y) => svgElement("rect", { x: x - 7, y: y - 7, width: 14, height: 14 }),
  "not-part-of-role": (x, y) => svgElement("polygon", { points: `${x},${y - 9} ${x + 9},${y} ${x},${y + 9} ${x - 9},${y}` }),
};

function drawStar(svg, items) {
  svg.replaceChildren();
  const centre = 150, radius = 110;
  items.forEach((item, index) => {
    const angle = (Math.PI * 2 * index) / items.length - Math.PI / 2;
    const x = (r) => centre + Math.cos(angle) * r;
    const y = (r) => centre + Math.sin(angle) * r;
    svg.append(svgElement("line", { x1: centre, y1: centre, x2: x(radius), y2: y(radius), class: "hb-star__guide" }));
    const choice = item.get().choice;
    if (choice) {
      const end = radius * LENGTH[choice];
      svg.append(svgElement("g", { class: `hb-star__arm hb-star__arm--${choice}`, "data-choice": choice },
        svgElement("line", { x1: centre, y1: centre, x2: x(end), y2: y(end) }), SHAPE[choice](x(end), y(end))));
    }
    svg.append(svgElement("text", { x: x(radius + 22), y: y(radius + 22) + 5, "text-anchor": "middle", class: "hb-star__label", text: item.number }));
  });
}

// The key to the star: each choice's line and end shape (drawn by CSS) beside its name.
function legend(choices) {
  return element("ul", { class: "hb-star__legend" }, ...choices.map((c) => element("li", {},
    element("span", { class: `hb-star__key hb-star__key--${c.id}`, "aria-hidden": "true" }), ` ${c.label}`)));
}

export function initRoleStar(root = document) {
  const components = [...root.querySelectorAll(".hb-star-component[data-item]")];
  const anchor = root.querySelector("#role-star-components");
  if (!components.length || !anchor || anchor.dataset.enhanced) return;
  anchor.dataset.enhanced = "true";
  const choices = [...root.querySelectorAll(".hb-choices dt")].map((dt) => ({ id: dt.id, label: dt.textContent.trim() }));

  const items = components.map((div) => {
    const id = div.dataset.item;
    const name = div.dataset.name;
    const note = element("textarea", { id: `hb-star-note-${id}`, rows: "2", maxlength: String(MAX_NOTE) });
    // Paper shows the choice in words: a printed radio button is easy to misread.
    const printed = element("p", { class: "hb-print-answer" });
    const group = element("fieldset", { class: "hb-star__choice" }, element("legend", { text: `Your choice for ${name}` }),
      ...choices.map((c) => element("label", {}, element("input", { type: "radio", name: `hb-star-${id}`, value: c.id }), ` ${c.label}`)),
      printed,
      element("p", {}, element("label", { for: note.id, text: "Note (optional)" }), note));
    div.querySelector(".hb-choice-boxes").replaceWith(group);
    const changed = () => { review.reviewed(id); persist(); };
    group.addEventListener("change", changed);
    note.addEventListener("input", changed);
    return {
      id, name, number: div.dataset.number, hash: div.dataset.hash, text: name, element: div, printed,
      get: () => ({ choice: group.querySelector("input:checked")?.value || "", note: note.value }),
      set: (answer) => {
        group.querySelectorAll("input").forEach((input) => { input.checked = Boolean(answer) && input.value === answer.choice; });
        note.value = (answer && answer.note) || "";
      },
    };
  });

  // The star and its key stay in view while the reader chooses (CSS makes the figure
  // sticky); the longer list of choices in words follows it.
  const svg = svgElement("svg", { viewBox: "0 0 300 300", width: "300", height: "300", role: "img", "aria-labelledby": "hb-star-title hb-star-summary" });
  const summary = element("ul", { id: "hb-star-summary", class: "hb-star__summary", "aria-live": "polite" });
  const figure = element("figure", { class: "hb-star" }, svg,
    element("figcaption", {}, element("p", { id: "hb-star-title", class: "hb-star__title", text: "Your role star" }), legend(choices)));
  const label = new Map(choices.map((c) => [c.id, c.label]));
  const describe = () => {
    drawStar(svg, items);
    for (const item of items) item.printed.textContent = `Your choice: ${label.get(item.get().choice) || "Not chosen yet"}`;
    const lines = [...choices.map((c) => [c.label, items.filter((item) => item.get().choice === c.id)]),
      ["Not chosen yet", items.filter((item) => !item.get().choice)]]
      .filter(([, chosen]) => chosen.length)
      .map(([label, chosen]) => element("li", {}, element("strong", { text: `${label}:` }),
        ` ${chosen.map((item) => `${item.number}. ${item.name}`).join("; ")}`));
    summary.replaceChildren(...lines);
  };

  const answers = () => Object.fromEntries(items.filter((item) => item.get().choice)
    .map((item) => [item.id, { ...item.get(), hash: review.hash(item), text: item.text }]));
  const persist = () => {
    const current = answers();
    store.save(TOOL, current);
    bar.status(`${Object.keys(current).length} of ${items.length} components chosen`);
    describe();
  };
  const apply = (saved, announce, carried = false) => {
    const { kept, mustSave } = review.restore(saved, announce);
    for (const item of items) item.set(kept[item.id]);
    if (!announce || carried || mustSave) persist();
    else { bar.status(`${Object.keys(kept).length} of ${items.length} components chosen`); describe(); }
  };
  const rule = (check) => check.items(new Set(items.map((item) => item.id)), {
    choice: check.oneOf(choices.map((c) => c.id), `one of the choices ${choices.map((c) => c.id).join(", ")}`),
    note: check.optional(check.text(MAX_NOTE)),
  });
  const bar = answersToolbar({
    tool: TOOL, label: "Role star tools", filename: "role-star-answers", rule, apply,
    table: () => [["Component", "Name", "Your choice", "Notes"],
      ...items.map((item) => [item.number, item.name, label.get(item.get().choice) || "Not chosen yet", item.get().note])],
  });
  const review = new Review(items, bar, "components");
  anchor.before(figure, summary, bar.element, groupView(items, choices, rule));
  const { answers: saved, carried } = store.loadRecord(TOOL);
  apply(saved, true, carried);
}

// Facilitator view: several exported stars, counted per component.
function groupView(items, choices, rule) {
  const files = element("input", { id: "hb-star-files", type: "file", accept: "application/json,.json", multiple: true });
  const message = element("p", { class: "hb-facilitator__message", role: "alert" });
  const result = element("div", { class: "hb-star-group", "aria-live": "polite" });
  const view = element("details", { class: "hb-facilitator" },
    element("summary", { text: "For facilitators: compare several stars" }),
    element("p", {}, element("label", { for: files.id, text: "Role star files people exported" }), " ", files),
    message, result);
  files.addEventListener("change", async (event) => {
    message.textContent = "";
    const { readImport } = await import("./answers-file.js");
    let stars;
    try {
      stars = await Promise.all([...event.target.files].map(async (file) => {
        try {
          return await readImport(file, TOOL, rule);
        } catch (error) {
          if (error instanceof store.ImportRefused) throw new store.ImportRefused(`${file.name}: ${error.message.replace("Your saved answers have not been changed.", "Nothing was combined.")}`);
          throw error;
        }
      }));
    } catch (error) {
      if (!(error instanceof store.ImportRefused)) throw error;
      message.textContent = error.message;
      result.replaceChildren();
      return;
    }
    const rows = items.map((item) => {
      const counts = choices.map((c) => stars.filter((star) => star[item.id]?.choice === c.id).length);
      const answered = counts.reduce((a, b) => a + b, 0);
      // The group disagrees if someone says core and someone says not part of the role,
      // or if no choice is held by more than half of those who chose.
      const disagree = answered > 1 && ((counts[0] > 0 && counts[counts.length - 1] > 0) || Math.max(...counts) * 2 <= answered);
      return element("tr", { "data-item": item.id }, element("th", { scope: "row", text: `${item.number}. ${item.name}` }),
        ...counts.map((n) => element("td", { text: String(n) })), element("td", { text: disagree ? "Group disagrees: discuss" : "" }));
    });
    const column = (text) => element("th", { scope: "col", text });
    result.replaceChildren(element("div", { class: "hb-table-wrap hb-star-counts" }, element("table", {},
      element("caption", { text: `Choices from ${stars.length} star${stars.length === 1 ? "" : "s"}` }),
      element("thead", {}, element("tr", {}, column("Component"), ...choices.map((c) => column(c.label)), column("Agreement"))),
      element("tbody", {}, ...rows))));
  });
  return view;
}
