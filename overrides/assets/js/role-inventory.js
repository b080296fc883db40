// The role inventory: rate each item (development or audit version), export a CSV, and,
// for facilitators, combine many CSVs into means, counts and spread flags, or compare an
// audit with the master copy. scripts/inventory.py does the same arithmetic in Python.
import * as store from "./handbook-store.js";

const TOOL = "inventory";
const COLUMNS = ["item_id", "number", "statement", "version", "stakeholder_group", "rating"];
const MAX_FILE = 256 * 1024;
const RATING = /^(?:[1-3](?:\.\d)?|4(?:\.0)?)$/;
const WIDE_SPREAD_TENTHS = 20; // e.g. 1 and 3: worth discussing
const GROUPS = ["Peer worker", "Co-worker", "Person who uses the service", "Carer",
  "Team or line manager", "Strategic manager", "Commissioner", "Other"];

// --- arithmetic, kept in whole tenths so results match the Python command exactly ---
const tenths = (text) => Math.round(Number(text) * 10);
function oneDecimal(sumTenths, count) {
  const rounded = Math.floor((2 * sumTenths + count) / (2 * count)); // half up
  return `${Math.floor(rounded / 10)}.${rounded % 10}`;
}

export function summarise(files) {
  const order = [];
  const byItem = new Map();
  for (const rows of files) {
    for (const row of rows) {
      if (!byItem.has(row.item_id)) {
        order.push(row.item_id);
        byItem.set(row.item_id, { item_id: row.item_id, number: row.number, ratings: [], dont_know: 0, not_relevant: 0 });
      }
      const entry = byItem.get(row.item_id);
      if (row.rating === "dont-know") entry.dont_know += 1;
      else if (row.rating === "not-relevant") entry.not_relevant += 1;
      else if (row.rating) entry.ratings.push(tenths(row.rating));
    }
  }
  return order.map((id) => {
    const { ratings, ...entry } = byItem.get(id);
    const sum = ratings.reduce((a, b) => a + b, 0);
    return {
      ...entry,
      responses: ratings.length,
      mean: ratings.length ? oneDecimal(sum, ratings.length) : "",
      wide_spread: ratings.length > 0 && Math.max(...ratings) - Math.min(...ratings) >= WIDE_SPREAD_TENTHS,
      sum_tenths: sum,
    };
  });
}

export function gaps(master, audits) {
  const audit = new Map(summarise(audits).map((entry) => [entry.item_id, entry]));
  return master.filter((row) => {
    if (!RATING.test(row.rating) || tenths(row.rating) < 30) return false;
    const entry = audit.get(row.item_id);
    return entry && entry.responses > 0 && entry.sum_tenths <= 20 * entry.responses;
  }).map((row) => ({ ...row, audit_mean: audit.get(row.item_id).mean }));
}

// --- CSV ---
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const csvField = (value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
export const toCsv = (rows) => rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";

async function readInventoryFile(file, knownIds, version) {
  const refuse = (why) => { throw new store.ImportRefused(`${file.name}: ${why}. Nothing was combined.`); };
  if (file.size > MAX_FILE) refuse("the file is too large to be a role inventory export");
  const [header, ...records] = parseCsv(await file.text());
  if (!header || header.join(",") !== COLUMNS.join(",")) refuse("this is not a role inventory file from this handbook");
  return records.filter((r) => r.length > 1 || r[0]).map((record, index) => {
    if (record.length !== COLUMNS.length) refuse(`line ${index + 2} does not have ${COLUMNS.length} columns`);
    const row = Object.fromEntries(COLUMNS.map((name, i) => [name, record[i]]));
    if (!knownIds.has(row.item_id)) refuse(`line ${index + 2} names an item this inventory does not have ("${row.item_id}")`);
    if (version && row.version !== version) refuse(`it is a ${row.version} file, not ${version}`);
    if (!["", "dont-know", "not-relevant"].includes(row.rating) && !RATING.test(row.rating)) {
      refuse(`line ${index + 2} has the rating "${row.rating}", which is not 1 to 4, dont-know or not-relevant`);
    }
    return row;
  });
}

// --- the page ---
function scale(version) {
  const list = document.querySelector(version === "audit" ? "#happening-scale + ul" : "#importance-scale + ul");
  return [...list.querySelectorAll("li[data-value]")].map((li) => [li.dataset.value, li.textContent.trim()]);
}

function checkAnswers(answers) {
  if (!["development", "audit"].includes(answers.version)) return "the version is not development or audit";
  if (typeof answers.group !== "string") return "the stakeholder group is not text";
  if (typeof answers.ratings !== "object" || answers.ratings === null) return "the ratings are missing";
  for (const [id, answer] of Object.entries(answers.ratings)) {
    if (typeof answer !== "object" || answer === null || typeof answer.value !== "string") return `the rating for "${id}" is not valid`;
  }
  return null;
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

  const form = document.createElement("div");
  form.className = "hb-inventory-form";
  form.innerHTML = `
    <fieldset><legend>Which version are you filling in?</legend>
      <label><input type="radio" name="hb-inv-version" value="development" checked> Development: how important is this?</label>
      <label><input type="radio" name="hb-inv-version" value="audit"> Audit: is this happening here?</label>
    </fieldset>
    <p><label for="hb-inv-group">Your stakeholder group</label>
      <input id="hb-inv-group" list="hb-inv-groups" autocomplete="off">
      <datalist id="hb-inv-groups">${GROUPS.map((g) => `<option value="${g}"></option>`).join("")}</datalist></p>
    <p><button type="button" class="md-button" data-action="csv">Download your answers as CSV</button></p>`;
  guide.nextElementSibling.after(form);
  const group = form.querySelector("#hb-inv-group");
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
      select.innerHTML = choices.map(([value, label]) => `<option value="${value}">${label}</option>`).join("");
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
    const radio = form.querySelector(`input[value="${saved.version || "development"}"]`);
    radio.checked = true;
    group.value = saved.group || "";
    fillOptions();
    const { kept, mustSave } = review.restore(saved.ratings || {}, announce);
    for (const item of items) selects.get(item.id).value = kept[item.id] ? kept[item.id].value : "";
    if (!announce || carried || mustSave) persist();
    else bar.status(`${Object.keys(kept).length} of ${items.length} rated`);
  };
  form.querySelectorAll("input[name=hb-inv-version]").forEach((radio) => radio.addEventListener("change", () => { fillOptions(); persist(); }));
  group.addEventListener("input", () => persist());
  form.querySelector('[data-action="csv"]').addEventListener("click", () => {
    const { version: v, group: g, ratings } = answers();
    const rows = [COLUMNS, ...items.map((item) => [item.id, item.number, item.text, v, g, ratings[item.id] ? ratings[item.id].value : ""])];
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv" }));
    link.download = `role-inventory-${v}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
  });

  const bar = store.answersToolbar({
    tool: TOOL, label: "Role inventory tools", filename: "role-inventory-answers.json", checkAnswers, apply,
  });
  const review = new store.Review(items, bar, "inventory items");
  form.after(bar.element);
  const { answers: saved, carried } = store.loadRecord(TOOL);
  apply(saved, true, carried);
  bar.element.after(facilitatorView(new Set(byId.keys()), byId));
}

function facilitatorView(knownIds, byId) {
  const view = document.createElement("details");
  view.className = "hb-facilitator";
  view.innerHTML = `
    <summary>For facilitators: combine responses</summary>
    <p>Choose the CSV files people exported. The files are read in this browser only.</p>
    <p><label for="hb-inv-combine">Responses to combine (CSV files)</label>
      <input id="hb-inv-combine" type="file" accept=".csv,text/csv" multiple></p>
    <p class="hb-facilitator__message" role="alert"></p>
    <div class="hb-facilitator__summary" aria-live="polite"></div>
    <h3 id="hb-inv-compare-title">Compare an audit with the master copy</h3>
    <p><label for="hb-inv-master">Master copy (development CSV)</label> <input id="hb-inv-master" type="file" accept=".csv,text/csv"></p>
    <p><label for="hb-inv-audits">Audit responses (CSV files)</label> <input id="hb-inv-audits" type="file" accept=".csv,text/csv" multiple></p>
    <p><button type="button" class="md-button" data-action="compare">Compare</button></p>
    <div class="hb-facilitator__gaps" aria-live="polite"></div>`;
  const message = view.querySelector(".hb-facilitator__message");
  const guard = async (work) => {
    message.textContent = "";
    try {
      await work();
    } catch (error) {
      if (!(error instanceof store.ImportRefused)) throw error;
      message.textContent = error.message;
    }
  };
  view.querySelector("#hb-inv-combine").addEventListener("change", (event) => guard(async () => {
    const files = await Promise.all([...event.target.files].map((f) => readInventoryFile(f, knownIds)));
    const rows = summarise(files).map((e) => `<tr data-item="${e.item_id}"><th scope="row">${e.number}</th><td>${byId.get(e.item_id).text}</td>
      <td>${e.responses}</td><td>${e.mean}</td><td>${e.dont_know}</td><td>${e.not_relevant}</td><td>${e.wide_spread ? "Wide spread: discuss" : ""}</td></tr>`);
    view.querySelector(".hb-facilitator__summary").innerHTML = `<div class="hb-table-wrap hb-summary"><table>
      <caption>Combined ratings from ${files.length} response${files.length === 1 ? "" : "s"} (mean on the 1 to 4 scale; don't know and not relevant left out)</caption>
      <thead><tr><th scope="col">Item</th><th scope="col">Statement</th><th scope="col">Ratings</th><th scope="col">Mean</th><th scope="col">Don't know</th><th scope="col">Not relevant</th><th scope="col">Spread</th></tr></thead>
      <tbody>${rows.join("")}</tbody></table></div>`;
  }));
  view.querySelector('[data-action="compare"]').addEventListener("click", () => guard(async () => {
    const [masterFile] = view.querySelector("#hb-inv-master").files;
    const auditFiles = [...view.querySelector("#hb-inv-audits").files];
    if (!masterFile || !auditFiles.length) throw new store.ImportRefused("Choose a master copy and at least one audit file first.");
    const master = await readInventoryFile(masterFile, knownIds, "development");
    const audits = await Promise.all(auditFiles.map((f) => readInventoryFile(f, knownIds, "audit")));
    const found = gaps(master, audits);
    view.querySelector(".hb-facilitator__gaps").innerHTML = found.length
      ? `<div class="hb-table-wrap hb-gaps"><table><caption>Rated important in the master copy, but the audit says they happen only occasionally or never</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">Statement</th><th scope="col">Master copy</th><th scope="col">Audit mean</th></tr></thead>
        <tbody>${found.map((g) => `<tr data-item="${g.item_id}"><th scope="row">${g.number}</th><td>${byId.get(g.item_id).text}</td><td>${g.rating}</td><td>${g.audit_mean}</td></tr>`).join("")}</tbody></table></div>`
      : "<p>No item rated important in the master copy falls to occasionally or never in the audit.</p>";
  }));
  return view;
}
