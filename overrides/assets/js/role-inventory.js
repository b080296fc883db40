// The role inventory: rate each item (development or audit version) and export a CSV;
// for facilitators, a view that combines many CSVs (inventory-combine.js, loaded when
// the view is first opened).
import * as store from "./handbook-store.js";
import { answersToolbar, Review } from "./answers-toolbar.js";
import { element } from "./dom.js";

const TOOL = "inventory";
// The CSV files the page writes and the facilitator's view reads.
export const VERSIONS = ["development", "audit"];
export const COLUMNS = ["item_id", "number", "statement", "version", "stakeholder_group", "rating"];
const MAX_GROUP = 200;

// --- the page ---
function scale(version) {
  const list = document.querySelector(version === "audit" ? "#happening-scale + ul" : "#importance-scale + ul");
  return [...list.querySelectorAll("li[data-value]")].map((li) => [li.dataset.value, li.textContent.trim()]);
}

// Imported answers: a version, a stakeholder group and ratings on that version's scale.
function answersRule(ids) {
  return (check) => (answers, where) => {
    const values = scale(answers?.version === "audit" ? "audit" : "development").map(([value]) => value);
    return check.fields({
      version: check.oneOf(VERSIONS, "development or audit"),
      group: check.text(MAX_GROUP),
      ratings: check.items(ids, { value: check.oneOf(values, `one of the ratings ${values.join(", ")}`) }),
    })(answers, where);
  };
}

export function initInventory(root = document) {
  const tables = [...root.querySelectorAll(".hb-inventory table")];
  const guide = root.querySelector("#inventory-guidance");
  if (!tables.length || !guide || guide.dataset.enhanced) return;
  guide.dataset.enhanced = "true";
  const rows = tables.flatMap((table) => [...table.querySelectorAll("tr[data-item]")]);
  const items = rows.map((tr) => ({
    id: tr.dataset.item, hash: tr.dataset.hash, number: tr.querySelector("th").textContent.trim(),
    text: tr.querySelector("td").textContent.trim(), row: tr, element: tr,
  }));
  const byId = new Map(items.map((item) => [item.id, item]));

  const versionChoice = (value, label) => element("label", {},
    element("input", { type: "radio", name: "hb-inv-version", value, checked: value === "development" }), ` ${label}`);
  // Its suggestions are the page's list of groups, made from the data.
  const group = element("input", { id: "hb-inv-group", list: "hb-inv-groups", autocomplete: "off", maxlength: String(MAX_GROUP) });
  const csvButton = element("button", { type: "button", class: "md-button", text: "Download your answers as CSV" });
  const formMessage = element("p", { class: "hb-toolbar__message", role: "status" });
  const form = element("div", { class: "hb-inventory-form" },
    element("fieldset", {}, element("legend", { text: "Which version are you filling in?" }),
      versionChoice("development", "Development: how important is this?"), versionChoice("audit", "Audit: is this happening here?")),
    element("p", {}, element("label", { for: group.id, text: "Your stakeholder group" }), group),
    element("p", {}, csvButton), formMessage);
  guide.nextElementSibling.after(form);
  const version = () => form.querySelector("input[name=hb-inv-version]:checked").value;

  for (const table of tables) {
    table.parentElement.classList.add("hb-inventory--interactive");
    const head = document.createElement("th");
    head.scope = "col";
    head.textContent = "Your rating";
    table.querySelector("thead tr").append(head);
  }
  const selects = new Map(items.map((item) => {
    const cell = document.createElement("td");
    const select = document.createElement("select");
    select.setAttribute("aria-label", `Your rating for item ${item.number}`);
    cell.append(select);
    item.row.append(cell);
    select.addEventListener("change", () => { review.reviewed(item.id); persist(); });
    return [item.id, select];
  }));
  const fillOptions = () => {
    const choices = [["", "Not answered"], ...scale(version())];
    for (const select of selects.values()) {
      const current = select.value;
      select.replaceChildren(...choices.map(([value, label]) => element("option", { value, text: label })));
      select.value = choices.some(([value]) => value === current) ? current : "";
    }
  };

  const answers = () => ({
    version: version(), group: group.value,
    ratings: Object.fromEntries(items.filter((item) => selects.get(item.id).value)
      .map((item) => [item.id, { value: selects.get(item.id).value, hash: review.hash(item), text: item.text }])),
  });
  const persist = () => {
    const current = answers();
    store.save(TOOL, current);
    bar.status(`${Object.keys(current.ratings).length} of ${items.length} rated`);
  };
  const apply = (saved, announce, carried = false) => {
    const chosen = VERSIONS.includes(saved.version) ? saved.version : "development";
    form.querySelector(`input[value="${chosen}"]`).checked = true;
    group.value = typeof saved.group === "string" ? saved.group : "";
    fillOptions();
    const { kept, mustSave } = review.restore(saved.ratings || {}, announce);
    for (const item of items) selects.get(item.id).value = kept[item.id] ? kept[item.id].value : "";
    if (!announce || carried || mustSave) persist();
    else bar.status(`${Object.keys(kept).length} of ${items.length} rated`);
  };
  form.querySelectorAll("input[name=hb-inv-version]").forEach((radio) => radio.addEventListener("change", () => { fillOptions(); persist(); }));
  group.addEventListener("input", () => persist());
  csvButton.addEventListener("click", async () => {
    const { toCsv } = await import("./csv.js");
    const { version: v, group: g, ratings } = answers();
    const rows = [COLUMNS, ...items.map((item) => [item.id, item.number, item.text, v, g, ratings[item.id] ? ratings[item.id].value : ""])];
    formMessage.textContent = store.offerFile(new Blob([toCsv(rows)], { type: "text/csv" }), `role-inventory-${v}.csv`);
  });

  const bar = answersToolbar({
    tool: TOOL, label: "Role inventory tools", filename: "role-inventory-answers", rule: answersRule(new Set(byId.keys())), apply,
    table: () => {
      const { version: v, group: g, ratings } = answers();
      const words = new Map(scale(v).map(([value, label]) => [value, label]));
      return [["Item", "Statement", "Your rating", "Version", "Stakeholder group"],
        ...items.map((item) => [item.number, item.text, ratings[item.id] ? words.get(ratings[item.id].value) : "Not answered", v, g])];
    },
  });
  const review = new Review(items, bar, "inventory items");
  form.after(bar.element);
  const { answers: saved, carried } = store.loadRecord(TOOL);
  apply(saved, true, carried);
  const facilitator = element("details", { class: "hb-facilitator" },
    element("summary", { text: "For facilitators: combine responses" }));
  facilitator.addEventListener("toggle", async () => {
    const { fillFacilitatorView } = await import("./inventory-combine.js");
    fillFacilitatorView(facilitator, new Set(byId.keys()), byId);
  }, { once: true });
  bar.element.after(facilitator);
}

