// The peer worker role star: choose core, desirable or not part of the role for each of
// the eight components; an SVG star draws the choices. A facilitator can combine
// several people's stars to see counts and where the group disagrees.
import * as store from "./handbook-store.js";

const TOOL = "role-star";
const LENGTH = { core: 1, desirable: 0.6, "not-part-of-role": 0.2 };
const SVG = "http://www.w3.org/2000/svg";

function checkAnswers(answers) {
  for (const [id, answer] of Object.entries(answers)) {
    if (typeof answer !== "object" || answer === null || !(answer.choice in LENGTH)) {
      return `the choice for "${id}" is not core, desirable or not part of the role`;
    }
    if (answer.note !== undefined && typeof answer.note !== "string") return `the note for "${id}" is not text`;
  }
  return null;
}

function drawStar(svg, items) {
  svg.replaceChildren();
  const centre = 150, radius = 110;
  items.forEach((item, index) => {
    const angle = (Math.PI * 2 * index) / items.length - Math.PI / 2;
    const x = (r) => centre + Math.cos(angle) * r;
    const y = (r) => centre + Math.sin(angle) * r;
    const guide = document.createElementNS(SVG, "line");
    Object.entries({ x1: centre, y1: centre, x2: x(radius), y2: y(radius), class: "hb-star__guide" }).forEach(([k, v]) => guide.setAttribute(k, v));
    svg.append(guide);
    const choice = item.get().choice;
    if (choice) {
      const arm = document.createElementNS(SVG, "line");
      Object.entries({ x1: centre, y1: centre, x2: x(radius * LENGTH[choice]), y2: y(radius * LENGTH[choice]), class: `hb-star__arm hb-star__arm--${choice}` }).forEach(([k, v]) => arm.setAttribute(k, v));
      svg.append(arm);
    }
    const label = document.createElementNS(SVG, "text");
    Object.entries({ x: x(radius + 22), y: y(radius + 22) + 5, "text-anchor": "middle", class: "hb-star__label" }).forEach(([k, v]) => label.setAttribute(k, v));
    label.textContent = item.number;
    svg.append(label);
  });
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
    const group = document.createElement("fieldset");
    group.className = "hb-star__choice";
    group.innerHTML = `<legend>Your choice for ${name}</legend>` + choices.map((c) => `
      <label><input type="radio" name="hb-star-${id}" value="${c.id}"> ${c.label}</label>`).join("") + `
      <p><label for="hb-star-note-${id}">Note (optional)</label><textarea id="hb-star-note-${id}" rows="2"></textarea></p>`;
    div.querySelector(".hb-choice-boxes").replaceWith(group);
    const changed = () => { review.reviewed(id); persist(); };
    group.addEventListener("change", changed);
    group.querySelector("textarea").addEventListener("input", changed);
    return {
      id, name, number: div.dataset.number, hash: div.dataset.hash, text: name, element: div,
      get: () => ({ choice: group.querySelector("input:checked")?.value || "", note: group.querySelector("textarea").value }),
      set: (answer) => {
        group.querySelectorAll("input").forEach((input) => { input.checked = Boolean(answer) && input.value === answer.choice; });
        group.querySelector("textarea").value = (answer && answer.note) || "";
      },
    };
  });

  const figure = document.createElement("figure");
  figure.className = "hb-star";
  figure.innerHTML = `<svg viewBox="0 0 300 300" width="300" height="300" role="img" aria-labelledby="hb-star-caption"></svg>
    <figcaption id="hb-star-caption"><p class="hb-star__title">Your role star</p><ul class="hb-star__summary" aria-live="polite"></ul></figcaption>`;
  const svg = figure.querySelector("svg");
  const summary = figure.querySelector(".hb-star__summary");
  const describe = () => {
    drawStar(svg, items);
    const lines = [...choices.map((c) => [c.label, items.filter((item) => item.get().choice === c.id)]),
      ["Not chosen yet", items.filter((item) => !item.get().choice)]]
      .filter(([, chosen]) => chosen.length)
      .map(([label, chosen]) => `<li><strong>${label}:</strong> ${chosen.map((item) => `${item.number}. ${item.name}`).join("; ")}</li>`);
    summary.innerHTML = lines.join("");
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
  const bar = store.answersToolbar({
    tool: TOOL, label: "Role star tools", filename: "role-star.json", checkAnswers, apply,
  });
  const review = new store.Review(items, bar, "components");
  anchor.before(figure, bar.element, groupView(items, choices, checkAnswers));
  const { answers: saved, carried } = store.loadRecord(TOOL);
  apply(saved, true, carried);
}

// Facilitator view: several exported stars, counted per component.
function groupView(items, choices, checkAnswers) {
  const view = document.createElement("details");
  view.className = "hb-facilitator";
  view.innerHTML = `<summary>For facilitators: compare several stars</summary>
    <p><label for="hb-star-files">Role star files people exported</label>
    <input id="hb-star-files" type="file" accept="application/json,.json" multiple></p>
    <p class="hb-facilitator__message" role="alert"></p><div class="hb-star-group" aria-live="polite"></div>`;
  const message = view.querySelector(".hb-facilitator__message");
  view.querySelector("input").addEventListener("change", async (event) => {
    message.textContent = "";
    let stars;
    try {
      stars = await Promise.all([...event.target.files].map(async (file) => {
        try {
          return await store.readImport(file, TOOL, checkAnswers);
        } catch (error) {
          if (error instanceof store.ImportRefused) throw new store.ImportRefused(`${file.name}: ${error.message.replace("Your saved answers have not been changed.", "Nothing was combined.")}`);
          throw error;
        }
      }));
    } catch (error) {
      if (!(error instanceof store.ImportRefused)) throw error;
      message.textContent = error.message;
      view.querySelector(".hb-star-group").replaceChildren();
      return;
    }
    const rows = items.map((item) => {
      const counts = choices.map((c) => stars.filter((star) => star[item.id]?.choice === c.id).length);
      const answered = counts.reduce((a, b) => a + b, 0);
      // The group disagrees if someone says core and someone says not part of the role,
      // or if no choice is held by more than half of those who chose.
      const disagree = answered > 1 && ((counts[0] > 0 && counts[counts.length - 1] > 0) || Math.max(...counts) * 2 <= answered);
      return `<tr data-item="${item.id}"><th scope="row">${item.number}. ${item.name}</th>${counts.map((n) => `<td>${n}</td>`).join("")}<td>${disagree ? "Group disagrees: discuss" : ""}</td></tr>`;
    });
    view.querySelector(".hb-star-group").innerHTML = `<div class="hb-table-wrap hb-star-counts"><table>
      <caption>Choices from ${stars.length} star${stars.length === 1 ? "" : "s"}</caption>
      <thead><tr><th scope="col">Component</th>${choices.map((c) => `<th scope="col">${c.label}</th>`).join("")}<th scope="col">Agreement</th></tr></thead>
      <tbody>${rows.join("")}</tbody></table></div>`;
  });
  return view;
}
