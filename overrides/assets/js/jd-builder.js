// Job description builder: edit a draft part by part (one part per component the
// sources describe), add statements from the sample library and the tasks the role
// leaves out, check the language, print, or download a Word file. The draft is kept
// in this browser.
import * as store from "./handbook-store.js";
import { element } from "./dom.js";
import { LanguageCheck } from "./language-check.js";

const TOOL = "job-description";
const EXCLUDED_HEADING = "What this role does not include";
const MAX_TEXT = 20000;

let uid = 0;

function field(label, control, help) {
  const id = `hb-jd-${++uid}`;
  control.id = id;
  const wrapper = element("p", { class: "hb-field" }, element("label", { for: id, text: label }), control);
  if (help) {
    control.setAttribute("aria-describedby", `${id}-help`);
    wrapper.append(element("span", { class: "hb-help", id: `${id}-help`, text: help }));
  }
  return wrapper;
}

// What the points of some components are, in the sources' words.
const pointsLabel = {
  responsibilities: "Duties, one per line",
  qualifications: "Qualifications, one per line, most important first",
};

const emptySection = () => ({ heading: "", text: "", points: [] });

const lines = (text) => text.split("\n").map((line) => line.trim()).filter(Boolean);

// A draft in the builder's shape: one part per component, in the components' order,
// each with at least one section, so an empty part opens with fields to type into.
function normalise(draft, components) {
  const text = (value) => (typeof value === "string" ? value.slice(0, MAX_TEXT) : "");
  const list = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === "string").map(text) : []);
  const parts = Array.isArray(draft?.parts) ? draft.parts : [];
  return {
    title: text(draft?.title),
    parts: components.map((component) => ({
      component: component.id,
      heading: component.name,
      sections: parts.filter((part) => part?.component === component.id)
        .flatMap((part) => (Array.isArray(part.sections) ? part.sections : []))
        .map((section) => ({ heading: text(section?.heading), text: text(section?.text), points: list(section?.points) })),
    })).map((part) => (part.sections.length ? part : { ...part, sections: [emptySection()] })),
    excluded: list(draft?.excluded),
  };
}

function initBuilder(tool) {
  if (tool.dataset.enhanced) return;
  tool.dataset.enhanced = "true";
  const data = JSON.parse(tool.querySelector(".hb-jd-data").textContent);
  const builder = tool.querySelector(".hb-builder");
  const checker = new LanguageCheck(data.language);
  const tasks = data.excluded.map((point) => point.task);
  const saved = store.load(TOOL);
  let draft = normalise(saved.draft || data.drafts[0], data.components);
  // The starting point the draft came from, to tell an untouched draft from an edited one.
  let startedFrom = saved.draft ? saved.from : data.drafts[0].id;

  // Scrolls on its own beside the form on wide screens, so it takes keyboard focus.
  const preview = element("section", { class: "hb-jd-preview", id: "hb-jd-preview", tabindex: "0", "aria-labelledby": "hb-jd-preview-label" });
  const sampleNote = element("aside", { class: "hb-jd-sample-note", "aria-labelledby": "hb-jd-sample-note-title" });
  const findings = element("ul", { class: "hb-jd-findings" });
  const checkStatus = element("p", { class: "hb-jd-check__status" });
  const summaryCount = element("p", { class: "hb-jd-summary__count", role: "status" });
  const summaryLinks = element("ul", { class: "hb-jd-summary__links" });
  const summary = element("div", { class: "hb-jd-summary" }, summaryCount, summaryLinks);
  const message = element("p", { class: "hb-toolbar__message", role: "alert" });
  const say = (text, kind = "ok") => { message.textContent = text; message.dataset.kind = kind; };

  const save = () => {
    store.save(TOOL, { draft, from: startedFrom });
    showPreview();
    checkLanguage();
  };

  // --- Starting point ---
  const start = element("select");
  data.drafts.forEach((option, index) => start.append(element("option", {
    value: String(index), text: option.id === "blank" ? "Blank" : `Sample: ${option.title}`,
  })));
  const startButton = element("button", { type: "button", class: "md-button", text: "Start from this" });
  startButton.addEventListener("click", () => {
    const choice = data.drafts[Number(start.value)];
    if (!untouched() && !window.confirm(`Replace your current draft with ${choice.id === "blank" ? "a blank one" : `the sample "${choice.title}"`}? Your current draft will be lost.`)) return;
    draft = normalise(choice, data.components);
    startedFrom = choice.id;
    save();
    showSampleNote();
    renderEditor();
    say(choice.id === "blank" ? "Started a blank draft." : `Started from the sample "${choice.title}".`);
    editor.querySelector("input, textarea")?.focus();
  });
  const startSet = element("fieldset", { class: "hb-fieldset" }, element("legend", { text: "Start from" }),
    field("Starting point", start, "Replaces your current draft."), startButton);

  // Nothing would be lost: the draft is blank, or the sample it started from as it came.
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(normalise(b, data.components));
  const untouched = () => same(draft, data.drafts[0])
    || data.drafts.some((option) => option.id === startedFrom && same(draft, option));

  // What the handbook advises about the sample the draft started from, beside the draft
  // and never inside it, so none of it reaches the printed or downloaded job description.
  const showSampleNote = () => {
    const choice = data.drafts.find((option) => option.id === startedFrom);
    const advice = data.guidance[startedFrom] || [];
    sampleNote.hidden = !advice.length;
    sampleNote.replaceChildren(
      element("h2", { id: "hb-jd-sample-note-title", text: `Before you use the sample "${choice?.title}"` }),
      element("ul", {}, ...advice.map((text) => element("li", { text }))));
  };

  // --- The editor: title, then each component ---
  const editor = element("div", { class: "hb-jd-editor" });
  const renderEditor = () => {
    const title = element("input", { type: "text", maxlength: "300" });
    title.value = draft.title;
    title.dataset.where = "Job title";
    title.addEventListener("input", () => { draft.title = title.value; save(); });
    editor.replaceChildren(field("Job title", title), ...draft.parts.map(partEditor), excludedEditor());
  };

  const partEditor = (part) => {
    const component = data.components.find((c) => c.id === part.component);
    const set = element("fieldset", { class: "hb-fieldset hb-jd-part", "data-component": part.component },
      element("legend", { text: component.name }),
      element("p", { class: "hb-help", text: component.description }));
    const advice = element("details", {}, element("summary", { text: "What the sources advise" }),
      element("ul", {}, ...component.guidance.map((g) => element("li", { text: g }))));
    set.append(advice);
    const isResponsibilities = part.component === "responsibilities";
    part.sections.forEach((section, index) => set.append(sectionEditor(part, section, index, component, isResponsibilities)));
    if (isResponsibilities) {
      const count = part.sections.length;
      set.append(element("p", { class: "hb-help", text: `${count} responsibilit${count === 1 ? "y" : "ies"}. The sources suggest four to six, each with its duties.` }));
    }
    const add = element("button", { type: "button", class: "hb-order__button", text: isResponsibilities ? "Add a responsibility" : "Add a section" });
    add.addEventListener("click", () => {
      part.sections.push(emptySection());
      save();
      renderEditor();
      editor.querySelector(`[data-component="${part.component}"] .hb-jd-section:last-of-type input`)?.focus();
    });
    set.append(add);
    const statements = data.statements.filter((s) => s.component === part.component);
    if (statements.length) {
      const list = element("ul", { class: "hb-jd-statements" });
      for (const statement of statements) {
        const button = element("button", {
          type: "button", class: "hb-order__button", text: "Add",
          "aria-label": `Add to ${component.name}: ${statement.text.slice(0, 70)}`,
        });
        button.addEventListener("click", () => {
          const target = part.sections[part.sections.length - 1];
          if (target.points.includes(statement.text)) {
            say("That statement is already in this part.", "notice");
            return;
          }
          target.points.push(statement.text);
          save();
          const points = editor.querySelectorAll(`[data-component="${part.component}"] .hb-jd-points`);
          points[points.length - 1].value = target.points.join("\n");
          say(`Added to ${component.name}.`);
        });
        list.append(element("li", {}, element("span", { text: statement.text }), " ", button));
      }
      set.append(element("details", { class: "hb-jd-library" },
        element("summary", { text: `Sample statements for ${component.name.toLowerCase()} (${statements.length})` }), list));
    }
    return set;
  };

  const sectionEditor = (part, section, index, component, isResponsibilities) => {
    const name = isResponsibilities ? `Responsibility ${index + 1}` : `Section ${index + 1}`;
    const where = `${component.name}, ${name.toLowerCase()}`;
    const heading = element("input", { type: "text", maxlength: "300" });
    const text = element("textarea", { rows: "3", maxlength: String(MAX_TEXT) });
    const points = element("textarea", { rows: "5", class: "hb-jd-points", maxlength: String(MAX_TEXT) });
    heading.value = section.heading;
    text.value = section.text;
    points.value = section.points.join("\n");
    heading.dataset.where = `${where}: heading`;
    text.dataset.where = `${where}: text`;
    points.dataset.where = `${where}: points`;
    heading.addEventListener("input", () => { section.heading = heading.value; save(); });
    text.addEventListener("input", () => { section.text = text.value; save(); });
    points.addEventListener("input", () => { section.points = lines(points.value); save(); });
    const remove = element("button", { type: "button", class: "hb-order__button", text: `Remove ${name.toLowerCase()}`, "aria-label": `Remove ${where}` });
    remove.addEventListener("click", () => {
      part.sections.splice(index, 1);
      if (!part.sections.length) part.sections.push(emptySection());
      save();
      renderEditor();
      say(`Removed ${where}.`);
      editor.querySelector(`[data-component="${part.component}"] legend`)?.closest("fieldset").querySelector("button, input")?.focus();
    });
    return element("div", { class: "hb-jd-section", role: "group", "aria-label": where },
      field(isResponsibilities ? "Responsibility" : "Heading", heading),
      field("Text", text),
      field(pointsLabel[part.component] || "Points, one per line", points),
      remove);
  };

  const excludedEditor = () => {
    const set = element("fieldset", { class: "hb-fieldset" }, element("legend", { text: EXCLUDED_HEADING }),
      element("p", { class: "hb-help", text: "Tick the tasks to list. The sources say these do not fit peer roles." }));
    data.excluded.forEach((point, index) => {
      const box = element("input", { type: "checkbox", id: `hb-jd-excluded-${index}` });
      box.checked = draft.excluded.includes(point.task);
      box.addEventListener("change", () => {
        const own = draft.excluded.filter((task) => !tasks.includes(task));
        draft.excluded = [...tasks.filter((task, i) => (i === index ? box.checked : draft.excluded.includes(task))), ...own];
        save();
      });
      const label = element("label", { for: box.id, text: point.task });
      set.append(element("p", { class: "hb-jd-task" }, box, " ", label,
        ...(point.why ? [element("span", { class: "hb-help", text: point.why })] : [])));
    });
    const others = element("textarea", { rows: "3", maxlength: String(MAX_TEXT) });
    others.value = draft.excluded.filter((task) => !tasks.includes(task)).join("\n");
    others.dataset.where = `${EXCLUDED_HEADING}: other tasks`;
    others.addEventListener("input", () => {
      draft.excluded = [...draft.excluded.filter((task) => tasks.includes(task)), ...lines(others.value)];
      save();
    });
    set.append(field("Other tasks it does not include, one per line", others));
    return set;
  };

  // --- Language check over every field ---
  const checkLanguage = () => {
    const hits = [];
    for (const control of editor.querySelectorAll("[data-where]")) {
      for (const hit of checker.find(control.value)) hits.push({ ...hit, control });
    }
    const count = `${hits.length} phrase${hits.length === 1 ? "" : "s"}`;
    findings.replaceChildren(...hits.map((hit, index) => {
      const go = element("button", { type: "button", class: "hb-order__button", text: "Go to it", "aria-label": `Go to “${hit.phrase}” in ${hit.control.dataset.where}` });
      go.addEventListener("click", () => {
        hit.control.focus();
        hit.control.setSelectionRange?.(hit.start, hit.end);
      });
      const why = element("a", { href: `${tool.dataset.languagePage}#${hit.pair.id}`, text: "Why" });
      return element("li", { class: "hb-jd-finding", id: `hb-jd-finding-${index + 1}`, tabindex: "-1" },
        element("strong", { text: `“${hit.phrase}”` }), ` in ${hit.control.dataset.where}. Try: `,
        element("span", { class: "hb-jd-suggest", text: hit.pair.suggest.join("; ") }), ". ", why, " ", go);
    }));
    checkStatus.textContent = hits.length ? `${count} to reconsider.` : "No closed or clinical wording found.";
    // The same findings summed up above the form, each a link to its entry in the check.
    summaryCount.textContent = hits.length ? `Language check: ${count} to review.` : "Language check: no closed or clinical wording found.";
    summaryLinks.replaceChildren(...hits.map((hit, index) => element("li", {},
      jumpLink(`#hb-jd-finding-${index + 1}`, `“${hit.phrase}” in ${hit.control.dataset.where}`))));
  };
  // A link within the builder that moves focus, not only the view, to where it points.
  const jumpLink = (href, text, attributes = {}) => {
    const link = element("a", { href, text, ...attributes });
    link.addEventListener("click", (event) => {
      const target = tool.querySelector(href);
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "start" });
    });
    return link;
  };
  const check = element("section", { class: "hb-fieldset hb-jd-check", "aria-labelledby": "hb-jd-check-title" },
    element("h2", { id: "hb-jd-check-title", text: "Language check" }),
    element("p", { class: "hb-help", text: "Looks for closed or clinical words that the language guidance names, and suggests open ones." }),
    checkStatus, findings);

  // --- Preview (what prints) and output ---
  const showPreview = () => {
    const children = [element("h2", { id: "hb-jd-preview-label", class: "hb-jd-preview__label", text: "Preview of your job description" }),
      element("h3", { class: "hb-jd-preview__title", text: draft.title || "Job title" })];
    const filledParts = draft.parts.filter((part) => part.sections.some((s) => s.heading || s.text || s.points.length));
    // An empty draft prints as a form to fill in by hand, one box per component.
    if (!filledParts.length && !draft.excluded.length) {
      for (const component of [...data.components, { name: EXCLUDED_HEADING, description: `Tasks that do not fit a peer role, for example: ${tasks.slice(0, 2).join(" ")}` }]) {
        children.push(element("h4", { text: component.name }),
          element("p", { class: "hb-help", text: component.description }),
          element("div", { class: "hb-jd-blank", "aria-hidden": "true" }));
      }
      preview.replaceChildren(...children);
      return;
    }
    for (const part of filledParts) {
      const filled = part.sections.filter((s) => s.heading || s.text || s.points.length);
      children.push(element("h4", { text: part.heading }));
      for (const section of filled) {
        if (section.heading) children.push(element("h5", { text: section.heading }));
        if (section.text) children.push(element("p", { text: section.text }));
        if (section.points.length) children.push(element("ul", {}, ...section.points.map((p) => element("li", { text: p }))));
      }
    }
    if (draft.excluded.length) {
      children.push(element("h4", { text: EXCLUDED_HEADING }),
        element("ul", {}, ...draft.excluded.map((task) => element("li", { text: task }))));
    }
    preview.replaceChildren(...children);
  };

  const print = element("button", { type: "button", class: "md-button", text: "Print" });
  print.addEventListener("click", () => window.print());
  const download = element("button", { type: "button", class: "md-button", text: "Download for Word (.docx)" });
  download.addEventListener("click", async () => {
    try {
      // The Word writer is loaded only when a reader asks for a Word file.
      const { downloadDraft } = await import("./docx.js");
      await downloadDraft(exportable(), tool.dataset.template, EXCLUDED_HEADING);
      say("Word file downloaded.");
    } catch (error) {
      say(`The Word file could not be made: ${error.message}. Your draft is unchanged.`, "error");
    }
  });
  // Only filled-in sections go into the file.
  const exportable = () => ({
    ...draft,
    parts: draft.parts.map((part) => ({ ...part, sections: part.sections.filter((s) => s.heading || s.text || s.points.length) }))
      .filter((part) => part.sections.length),
  });

  const output = element("fieldset", { class: "hb-fieldset" }, element("legend", { text: "Print and download" }),
    element("div", { class: "hb-toolbar__buttons" }, print, download),
    element("p", { class: "hb-toolbar__privacy", text: "Your draft is saved only in this browser. Nothing is sent anywhere." }),
    message);

  // Said first, where the reader starts, if the draft cannot be kept in this browser.
  const warning = store.storageWarning({ noun: "Your draft and its changes", advice: "Download it for Word, or print it, to keep it." });
  // On phones the preview follows the form; this link leads there from the top.
  const toPreview = jumpLink("#hb-jd-preview", "Jump to preview", { class: "hb-jd-to-preview" });
  builder.append(warning, toPreview, summary, startSet, editor, check, output);
  renderEditor();
  builder.after(element("div", { class: "hb-jd-side" }, sampleNote, preview));
  showSampleNote();
  builder.hidden = false;
  tool.querySelector(".hb-js-off-note").hidden = true;
  showPreview();
  checkLanguage();
}

export function initJobDescriptionBuilders(root = document) {
  root.querySelectorAll('[data-tool="job-description"]').forEach(initBuilder);
}
