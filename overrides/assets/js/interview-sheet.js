// Interview sheet builder: choose questions from the bank, order them, fill in the
// sheet's details, print a panel or candidate copy, and share the sheet as a link.
// The whole sheet and the builder are already on the page, painted as an empty sheet
// (handbook.css); this script only picks, orders and fills.
import * as store from "./handbook-store.js";
import { element } from "./dom.js";
import { longDate } from "./print.js";

const TOOL = "interview-sheet";
const FIELDS = ["role", "organisation", "date", "panel", "candidate"];
// The candidate's name is personal data: it stays in this browser, never in a link.
const SHARED_FIELDS = FIELDS.filter((field) => field !== "candidate");
const MAX_FIELD = 500;

function emptySheet() {
  return { questions: [], details: {} };
}

// Keep only what a sheet may hold: known question ids (once each) and short text.
function cleanSheet(raw, known) {
  const sheet = emptySheet();
  const unknown = [];
  for (const id of Array.isArray(raw?.questions) ? raw.questions : []) {
    if (typeof id !== "string") continue;
    if (!known.has(id)) unknown.push(id);
    else if (!sheet.questions.includes(id)) sheet.questions.push(id);
  }
  for (const field of FIELDS) {
    const value = raw?.details?.[field];
    if (typeof value === "string" && value) sheet.details[field] = value.slice(0, MAX_FIELD);
  }
  return { sheet, unknown };
}

function sheetFromLink(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  if (!params.has("questions")) return null;
  const details = {};
  for (const field of SHARED_FIELDS) if (params.get(field)) details[field] = params.get(field);
  return { questions: params.get("questions").split(",").filter(Boolean), details };
}

function linkToSheet(sheet) {
  const params = new URLSearchParams({ questions: sheet.questions.join(",") });
  for (const field of SHARED_FIELDS) if (sheet.details[field]) params.set(field, sheet.details[field]);
  const url = new URL(location.href);
  url.hash = params.toString();
  return url.href;
}

function formatDate(value) {
  const date = new Date(`${value}T12:00:00`);
  return Number.isNaN(date.getTime()) ? value : longDate(date);
}

function initSheet(tool) {
  if (tool.dataset.enhanced) return;
  tool.dataset.enhanced = "true";
  const builder = tool.querySelector(".hb-builder");
  const sheetElement = tool.querySelector(".hb-sheet");
  const list = sheetElement.querySelector(".hb-sheet__questions");
  const sheetQuestions = new Map([...list.children].map((li) => [li.dataset.question, li]));
  // The score summary has a row per question, shown and ordered as the sheet's questions.
  const scores = sheetElement.querySelector(".hb-sheet__scores tbody");
  const scoreRows = new Map([...scores.children].map((tr) => [tr.dataset.question, tr]));
  const signatures = sheetElement.querySelector(".hb-sheet__signatures tbody");
  const plain = builder.querySelector("#hb-sheet-plain");
  const bank = new Map([...tool.querySelectorAll(".hb-bank__entry")].map((li) => [li.dataset.question, li]));
  const questionText = (id) => {
    const label = bank.get(id).querySelector("label").cloneNode(true);
    label.querySelector(".hb-tag").remove();
    return label.textContent.trim();
  };
  const order = tool.querySelector(".hb-order");
  const orderStatus = tool.querySelector(".hb-order__status");
  orderStatus.tabIndex = -1;
  const message = tool.querySelector(".hb-toolbar__message");
  // Said first, where the reader starts, if the sheet cannot be kept in this browser.
  builder.prepend(store.storageWarning({ noun: "Your sheet and its details", advice: "Copy the link to this sheet, or print it, to keep it." }));
  const shareLink = tool.querySelector("#hb-share-link");
  const empty = sheetElement.querySelector(".hb-sheet__empty");

  let sheet = emptySheet();

  // A signature line for each panel member named, or three blank ones.
  const showSignatures = (panel) => {
    const names = panel.split(",").map((name) => name.trim()).filter(Boolean);
    signatures.replaceChildren(...(names.length ? names : ["", "", ""]).map((name) =>
      element("tr", {}, element("td", { text: name }), element("td"), element("td"))));
  };

  // A detail as the printed sheet shows it: dates written out in words.
  const showDetail = (field, value) => {
    sheetElement.querySelector(`[data-show="${field}"]`).textContent =
      field === "date" && value ? formatDate(value) : value;
    if (field === "panel") showSignatures(value);
  };

  const say = (text, kind = "notice") => { message.textContent = text; message.dataset.kind = kind; };

  const persist = () => {
    store.save(TOOL, sheet);
    shareLink.value = linkToSheet(sheet);
  };

  // Show the sheet: the chosen questions in order, the details filled in.
  const render = (focus) => {
    for (const [id, entry] of bank) entry.querySelector("input").checked = sheet.questions.includes(id);
    for (const [rows, parent] of [[sheetQuestions, list], [scoreRows, scores]]) {
      for (const row of rows.values()) row.hidden = true;
      for (const id of sheet.questions) {
        rows.get(id).hidden = false;
        parent.append(rows.get(id));
      }
    }
    empty.hidden = sheet.questions.length > 0;
    for (const field of FIELDS) {
      const value = sheet.details[field] || "";
      builder.querySelector(`[data-field="${field}"]`).value = value;
      showDetail(field, value);
    }
    order.replaceChildren(...sheet.questions.map((id, index) => orderEntry(id, index)));
    const count = sheet.questions.length;
    orderStatus.textContent = count ? `${count} question${count === 1 ? "" : "s"} on the sheet.` : "No questions on the sheet yet.";
    if (focus) order.querySelector(`[data-question="${focus.id}"] [data-move="${focus.action}"]`)?.focus();
  };

  const orderEntry = (id, index) => {
    const li = document.createElement("li");
    li.dataset.question = id;
    const text = questionText(id);
    const span = document.createElement("span");
    span.className = "hb-order__text";
    span.textContent = text;
    li.append(span);
    const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
    for (const [action, label, disabled] of [
      ["up", "Move up", index === 0],
      ["down", "Move down", index === sheet.questions.length - 1],
      ["remove", "Remove", false],
    ]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "hb-order__button";
      button.dataset.move = action;
      button.textContent = label;
      button.setAttribute("aria-label", `${label}: ${short}`);
      button.disabled = disabled;
      li.append(button);
    }
    return li;
  };

  order.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-move]");
    if (!button) return;
    const id = button.closest("li").dataset.question;
    const from = sheet.questions.indexOf(id);
    const action = button.dataset.move;
    if (action === "remove") {
      sheet.questions.splice(from, 1);
      persist();
      render();
      orderStatus.textContent = `Removed: ${questionText(id)}. ${sheet.questions.length} left.`;
      (order.querySelectorAll("button[data-move=remove]")[Math.min(from, sheet.questions.length - 1)] || orderStatus).focus();
      return;
    }
    const to = action === "up" ? from - 1 : from + 1;
    sheet.questions.splice(to, 0, ...sheet.questions.splice(from, 1));
    persist();
    // Keep focus on the moved question; if it reached an end, on its other button.
    const edge = (action === "up" && to === 0) || (action === "down" && to === sheet.questions.length - 1);
    render({ id, action: edge ? (action === "up" ? "down" : "up") : action });
    orderStatus.textContent = `Moved to position ${to + 1} of ${sheet.questions.length}.`;
  });

  for (const [id, entry] of bank) {
    entry.querySelector("input").addEventListener("change", (event) => {
      if (event.target.checked) sheet.questions.push(id);
      else sheet.questions = sheet.questions.filter((chosen) => chosen !== id);
      persist();
      render();
    });
  }

  for (const input of builder.querySelectorAll("[data-field]")) {
    input.addEventListener("input", () => {
      const value = input.value.slice(0, MAX_FIELD);
      if (value) sheet.details[input.dataset.field] = value;
      else delete sheet.details[input.dataset.field];
      persist();
      showDetail(input.dataset.field, value);
    });
  }

  // Filters narrow the list of questions to choose from; chosen ones stay chosen.
  const filters = [...builder.querySelectorAll("[data-filter]")];
  const count = builder.querySelector(".hb-bank__count");
  const applyFilters = () => {
    let shown = 0;
    for (const entry of bank.values()) {
      const visible = filters.every((select) => {
        if (!select.value) return true;
        const tags = (entry.dataset[select.dataset.filter] || "").split(" ").filter(Boolean);
        if (select.dataset.filter === "group") return entry.dataset.group === select.value;
        // A question with no setting suits any job.
        if (select.dataset.filter === "settings" && !tags.length) return true;
        return tags.includes(select.value);
      });
      entry.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = `Showing ${shown} of ${bank.size} questions.`;
  };
  for (const select of filters) select.addEventListener("change", applyFilters);

  // The candidate copy may go on paper without the handbook's running headers and
  // addresses: the print styles give such a page a plain page box.
  const showPlain = () => document.documentElement.classList.toggle(
    "hb-print-plain", sheetElement.dataset.copy === "candidate" && plain.checked);
  plain.addEventListener("change", showPlain);
  const setCopy = (copy) => {
    sheetElement.dataset.copy = copy;
    sheetElement.querySelector(".hb-sheet__copy").textContent = `${copy} copy`;
    builder.querySelector(`input[name="hb-sheet-copy"][value="${copy}"]`).checked = true;
    showPlain();
  };
  for (const radio of builder.querySelectorAll('input[name="hb-sheet-copy"]')) {
    radio.addEventListener("change", () => setCopy(radio.value));
  }
  for (const copy of ["panel", "candidate"]) {
    builder.querySelector(`[data-action="print-${copy}"]`).addEventListener("click", () => {
      setCopy(copy);
      window.print();
    });
  }

  builder.querySelector('[data-action="share"]').addEventListener("click", async () => {
    shareLink.value = linkToSheet(sheet);
    try {
      await navigator.clipboard.writeText(shareLink.value);
      say("Link copied. Anyone who opens it sees this sheet, without the candidate's name.", "ok");
    } catch {
      shareLink.focus();
      shareLink.select();
      say("Copy the selected link below.", "notice");
    }
  });

  builder.querySelector('[data-action="clear"]').addEventListener("click", () => {
    if (!window.confirm("Start a new sheet? The questions and details on this one will be cleared.")) return;
    sheet = emptySheet();
    store.clear(TOOL);
    render();
    say("Started a new sheet.", "ok");
  });

  // A shared link wins over the saved sheet, which can always be brought back unless it
  // is exactly the link's sheet (or empty: nothing to bring back).
  const known = new Set(bank.keys());
  const saved = cleanSheet(store.load(TOOL), known);
  sheet = saved.sheet;
  const linked = sheetFromLink(location.hash);
  if (linked) {
    const previous = structuredClone(sheet);
    const opened = cleanSheet(linked, known);
    sheet = opened.sheet;
    history.replaceState(history.state, "", location.pathname + location.search);
    persist();
    const skipped = opened.unknown.length ? ` ${opened.unknown.length} question(s) in the link are not in this edition and were left out.` : "";
    const hadSheet = previous.questions.length || Object.keys(previous.details).length;
    if (hadSheet && JSON.stringify(previous) !== JSON.stringify(sheet)) {
      say(`This is the sheet from the link you opened.${skipped} Your previous sheet was replaced; you can bring it back.`);
      const restore = element("button", { type: "button", class: "md-button", text: "Bring back my previous sheet" });
      restore.addEventListener("click", () => {
        sheet = previous;
        persist();
        render();
        restore.remove();
        say("Your previous sheet is back.", "ok");
      });
      message.after(restore);
    } else {
      say(`This is the sheet from the link you opened.${skipped}`);
    }
  } else if (saved.unknown.length) {
    persist();
    say(`${saved.unknown.length} question(s) on your saved sheet are no longer in the handbook and were removed.`);
  }
  shareLink.value = linkToSheet(sheet);
  builder.hidden = false;
  builder.inert = false;
  tool.querySelector(".hb-js-off-note").hidden = true;
  setCopy("panel");
  applyFilters();
  render();
}

export function initInterviewSheets(root = document) {
  root.querySelectorAll('[data-tool="interview-sheet"]').forEach(initSheet);
}
