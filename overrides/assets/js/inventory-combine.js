// The role inventory's view for facilitators: combine many respondents' CSV files into
// means, counts and spread flags, or compare an audit with the master copy.
// scripts/inventory.py does the same arithmetic in Python.
import { ImportRefused } from "./handbook-store.js";
import { element } from "./dom.js";
import { VERSIONS, COLUMNS } from "./role-inventory.js";

const MAX_FILE = 256 * 1024;
const RATING = /^(?:[1-3](?:\.\d)?|4(?:\.0)?)$/;
const WIDE_SPREAD_TENTHS = 20; // e.g. 1 and 3: worth discussing

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


// One respondent's file, checked against the page: every row an item of this
// inventory, of one version, with a rating the scale allows.
async function readInventoryFile(file, knownIds, version) {
  const refuse = (why) => { throw new ImportRefused(`${file.name}: ${why}. Nothing was combined.`); };
  if (file.size > MAX_FILE) refuse("the file is too large to be a role inventory export");
  const [header, ...records] = parseCsv(await file.text());
  if (!header || header.join(",") !== COLUMNS.join(",")) refuse("this is not a role inventory file from this handbook");
  let fileVersion = null;
  const rows = records.filter((r) => r.length > 1 || r[0]).map((record, index) => {
    const line = index + 2;
    if (record.length !== COLUMNS.length) refuse(`line ${line} does not have ${COLUMNS.length} columns`);
    const row = Object.fromEntries(COLUMNS.map((name, i) => [name, record[i]]));
    if (!knownIds.has(row.item_id)) refuse(`line ${line} names an item this inventory does not have (${JSON.stringify(row.item_id.slice(0, 40))})`);
    if (!VERSIONS.includes(row.version)) refuse(`line ${line} has the version ${JSON.stringify(row.version.slice(0, 40))}, which is not development or audit`);
    fileVersion ??= row.version;
    if (row.version !== fileVersion) refuse(`line ${line} is from the ${row.version} version, but the lines before it are from the ${fileVersion} version`);
    if (version && row.version !== version) refuse(`it is a ${row.version} file, not ${version}`);
    if (!["", "dont-know", "not-relevant"].includes(row.rating) && !RATING.test(row.rating)) {
      refuse(`line ${line} has the rating ${JSON.stringify(row.rating.slice(0, 40))}, which is not 1 to 4, dont-know or not-relevant`);
    }
    return row;
  });
  return { name: file.name, version: fileVersion, rows };
}

// Development ratings say how important an item is, audit ratings whether it happens:
// their means cannot be mixed in one summary.
function refuseMixedVersions(files) {
  const byVersion = VERSIONS.map((v) => [v, files.filter((f) => f.version === v).map((f) => f.name)]);
  if (byVersion.every(([, names]) => names.length)) {
    const list = byVersion.map(([v, names]) => `${v}: ${names.join(", ")}`).join("; ");
    throw new ImportRefused(`These files mix development and audit responses, which cannot be combined in one summary (${list}). Combine each version on its own. Nothing was combined.`);
  }
}

// A table of results; each row shows the page's own number and statement for its item.
function resultTable(className, caption, headings, rows) {
  return element("div", { class: `hb-table-wrap ${className}` }, element("table", {},
    element("caption", { text: caption }),
    element("thead", {}, element("tr", {}, ...headings.map((text) => element("th", { scope: "col", text })))),
    element("tbody", {}, ...rows.map(({ item, cells }) => element("tr", { "data-item": item.id },
      element("th", { scope: "row", text: item.number }), element("td", { text: item.text }),
      ...cells.map((text) => element("td", { text: String(text) })))))));
}

// The view's controls, added to its box (`view`) when a facilitator first opens it.
export function fillFacilitatorView(view, knownIds, byId) {
  const fileInput = (id, multiple) => element("input", { id, type: "file", accept: ".csv,text/csv", multiple });
  const combine = fileInput("hb-inv-combine", true);
  const masterInput = fileInput("hb-inv-master", false);
  const auditInput = fileInput("hb-inv-audits", true);
  const compare = element("button", { type: "button", class: "md-button", "data-action": "compare", text: "Compare" });
  const message = element("p", { class: "hb-facilitator__message", role: "alert" });
  const summary = element("div", { class: "hb-facilitator__summary", "aria-live": "polite" });
  const gapsView = element("div", { class: "hb-facilitator__gaps", "aria-live": "polite" });
  const labelled = (input, text) => element("p", {}, element("label", { for: input.id, text }), " ", input);
  view.append(
    element("p", { text: "Choose the CSV files people exported. The files are read in this browser only." }),
    labelled(combine, "Responses to combine (CSV files)"),
    message, summary,
    element("h3", { id: "hb-inv-compare-title", text: "Compare an audit with the master copy" }),
    labelled(masterInput, "Master copy (development CSV)"),
    labelled(auditInput, "Audit responses (CSV files)"),
    element("p", {}, compare), gapsView);
  const guard = async (work) => {
    message.textContent = "";
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      message.textContent = error.message;
    }
  };
  combine.addEventListener("change", (event) => guard(async () => {
    summary.replaceChildren();
    const files = await Promise.all([...event.target.files].map((f) => readInventoryFile(f, knownIds)));
    refuseMixedVersions(files);
    const rows = summarise(files.map((f) => f.rows)).map((e) => ({
      item: byId.get(e.item_id), cells: [e.responses, e.mean, e.dont_know, e.not_relevant, e.wide_spread ? "Wide spread: discuss" : ""],
    }));
    const version = files.find((f) => f.version)?.version;
    summary.replaceChildren(resultTable("hb-summary",
      `Combined ${version ? `${version} ` : ""}ratings from ${files.length} response${files.length === 1 ? "" : "s"} (mean on the 1 to 4 scale; don't know and not relevant left out)`,
      ["Item", "Statement", "Ratings", "Mean", "Don't know", "Not relevant", "Spread"], rows));
  }));
  compare.addEventListener("click", () => guard(async () => {
    gapsView.replaceChildren();
    const [masterFile] = masterInput.files;
    const auditFiles = [...auditInput.files];
    if (!masterFile || !auditFiles.length) throw new ImportRefused("Choose a master copy and at least one audit file first.");
    const master = await readInventoryFile(masterFile, knownIds, "development");
    const audits = await Promise.all(auditFiles.map((f) => readInventoryFile(f, knownIds, "audit")));
    const found = gaps(master.rows, audits.map((f) => f.rows));
    gapsView.replaceChildren(found.length
      ? resultTable("hb-gaps", "Rated important in the master copy, but the audit says they happen only occasionally or never",
        ["Item", "Statement", "Master copy", "Audit mean"], found.map((g) => ({ item: byId.get(g.item_id), cells: [g.rating, g.audit_mean] })))
      : element("p", { text: "No item rated important in the master copy falls to occasionally or never in the audit." }));
  }));
}
