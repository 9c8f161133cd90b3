// The report outline editor: the numbered tree of sections, one section open with its title
// and Markdown narrative in the chosen language and a live preview in which {{quote N}} and
// {{finding N}} show as the report prints them; broken references and quotes lacking a
// translation below, with a form to translate each. Everything goes through the JSON API
// (project.outline, project.reports.preview/check, project.translations).
import { api, confirmBox, el, t, toast } from "./common.js";

const initial = JSON.parse(document.getElementById("outline-data").textContent);
const lang = initial.lang;
let state = initial;
let current = null; // the open section's id

const tree = document.getElementById("outline-tree");
const editor = document.getElementById("editor");
const editForm = document.getElementById("edit-section");
const preview = document.getElementById("preview");
const previewProblems = document.getElementById("preview-problems");

function title(s) {
  return s.titles[lang] || Object.values(s.titles).find((x) => x) || s.objective || s.case
    || s.level || t("(untitled)");
}

function renderTree() {
  tree.replaceChildren(...state.sections.map((s) => {
    const open = el("button", { type: "button", className: "link",
      "aria-current": current === s.id ? "true" : "false" }, `${s.number} ${title(s)}`);
    open.addEventListener("click", () => openSection(s.id));
    return el("li", { dataset: { depth: String(Math.min(s.depth, 3)), id: String(s.id) } },
      open, el("span", { className: "kind" }, s.kind.replace("_", " ")));
  }));
  const parent = document.getElementById("add-parent");
  const keep = parent.value;
  parent.replaceChildren(el("option", { value: "" }, t("(a new chapter)")),
    ...state.sections.map((s) => el("option", { value: String(s.id) }, `${s.number} ${title(s)}`)));
  parent.value = keep;
  renderChecks();
}

function renderChecks() {
  const problems = document.getElementById("problems");
  problems.replaceChildren(...(state.problems.length ? state.problems.map((p) => el("li", {}, "⚠ " + p))
    : [el("li", { className: "ok-line" }, t("Every reference resolves."))]));
  const box = document.getElementById("untranslated");
  box.replaceChildren(...state.untranslated.map((q) => {
    const form = el("form", { className: "stack translate-form" },
      el("label", {}, t("Translation into {language}", { language: lang }),
        el("textarea", { name: "text", rows: 2, required: true })),
      el("label", {}, t("Translator"), el("input", { name: "translator" })),
      el("div", { className: "row" }, el("button", {}, t("Save translation"))));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      try {
        await api("POST", "/api/quotes/translate", { coding: q.coding_id, lang,
          text: data.get("text"), translator: data.get("translator") || null });
        toast(t("Translation saved."));
        await reload();
      } catch (error) { toast(error.message, "error"); }
    });
    return el("li", { className: "segment" },
      el("blockquote", {}, q.text, " ", el("span", { className: "who" }, q.attribution)),
      el("p", { className: "muted small" }, `#${q.coding_id} · ${q.document}`), form);
  }));
}

async function reload() {
  state = { ...state, ...(await api("GET", `/api/outline?lang=${lang}`)) };
  renderTree();
  renderMore();
  if (current !== null && !state.sections.some((s) => s.id === current)) closeSection();
}

function closeSection() {
  current = null;
  editor.hidden = true;
}

function openSection(id) {
  current = id;
  const s = state.sections.find((x) => x.id === id);
  editForm.title.value = s.titles[lang] || "";
  editForm.title.placeholder = title(s);
  editForm.narrative.value = s.narratives[lang] || "";
  document.getElementById("editor-title").textContent = `${s.number} ${title(s)}`;
  editor.hidden = false;
  renderTree();
  showPreview();
  document.getElementById("editor-title").focus();
}

// --- the live preview ------------------------------------------------------------------
let timer = 0;
let asked = 0;

function paragraphs(text) {
  const out = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split("\n").filter((line) => line.trim());
    if (!lines.length) continue;
    if (lines.every((line) => /^\s*[-*]\s+/.test(line))) {
      out.push(el("ul", {}, ...lines.map((line) => el("li", {}, strip(line.replace(/^\s*[-*]\s+/, ""))))));
    } else {
      out.push(el("p", {}, strip(lines.map((line) => line.replace(/^#{1,6}\s+/, "")).join(" "))));
    }
  }
  return out;
}

function strip(text) {
  return text.replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, "$2");
}

function pieceNodes(piece) {
  if (piece.kind === "text") return paragraphs(piece.text);
  if (piece.kind === "quote") {
    const q = piece.quote;
    return [el("blockquote", {}, q.text, " ", el("span", { className: "who" }, q.attribution),
      q.original ? el("span", { className: "original" }, t("Original: {text}", { text: q.original })) : null)];
  }
  if (piece.kind === "finding") {
    const f = piece.finding;
    return [el("div", { className: "finding" }, el("strong", {}, f.statement),
      el("div", { className: "muted small" }, t("{segments} segments from {interviews} interviews",
        { segments: f.segments, interviews: f.interviews })))];
  }
  return [el("p", { className: "missing" }, "⚠ " + piece.text)];
}

async function showPreview() {
  const mine = ++asked;
  try {
    const found = await api("POST", "/api/outline/preview", { text: editForm.narrative.value, lang });
    if (mine !== asked) return;
    preview.replaceChildren(...found.pieces.flatMap(pieceNodes));
    previewProblems.replaceChildren(...found.problems.map((p) => el("li", {}, "⚠ " + p)));
  } catch (error) { toast(error.message, "error"); }
}

editForm.narrative.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(showPreview, 250);
});

// --- actions ---------------------------------------------------------------------------
editForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("POST", "/api/outline/edit", { id: current, lang, title: editForm.title.value,
      narrative: editForm.narrative.value });
    toast(t("Section saved."));
    await reload();
  } catch (error) { toast(error.message, "error"); }
});

async function move(step) {
  const s = state.sections.find((x) => x.id === current);
  const siblings = state.sections.filter((x) => x.parent === s.parent);
  const position = siblings.indexOf(s) + 1 + step;
  if (position < 1 || position > siblings.length) return;
  try {
    await api("POST", "/api/outline/move", { id: current, position });
    await reload();
  } catch (error) { toast(error.message, "error"); }
}
document.getElementById("section-up").addEventListener("click", () => move(-1));
document.getElementById("section-down").addEventListener("click", () => move(1));

document.getElementById("remove-section").addEventListener("click", async () => {
  const s = state.sections.find((x) => x.id === current);
  if (!(await confirmBox(t("Remove section {number} and its subsections?", { number: s.number }),
    t("Remove section")))) return;
  try {
    await api("POST", "/api/outline/remove", { id: current });
    closeSection();
    await reload();
  } catch (error) { toast(error.message, "error"); }
});

document.getElementById("add-section").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  const parent = data.get("parent");
  try {
    const found = await api("POST", "/api/outline/add", { title: data.get("title"),
      kind: data.get("kind"), parent: parent ? Number(parent) : null,
      case: data.get("case") || null, objective: data.get("objective") || null,
      level: data.get("level") || "", lang });
    form.reset();
    await reload();
    openSection(found.section.id);
  } catch (error) { toast(error.message, "error"); }
});

// --- title page, case descriptions and objectives, labels (stemmen outline title/describe/
// objective/label/labels) ----------------------------------------------------------------
const titleForm = document.getElementById("title-page");

function renderTitlePage() {
  for (const key of ["title", "subtitle", "authors", "commissioner", "date"]) {
    titleForm[key].value = (state.title_page || {})[key] || "";
  }
}

titleForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(titleForm));
  try {
    await api("POST", "/api/outline/title", { ...data, lang });
    await reload();
    toast(t("Title page saved."));
  } catch (error) { toast(error.message, "error"); }
});

async function post(url, payload, message) {
  try {
    await api("POST", url, payload);
    await reload(); // the cards and table drawn again, then the word that it is done
    toast(message);
  } catch (error) { toast(error.message, "error"); }
}

function caseCard(name, index) {
  const id = `case-${index}`;
  const describe = el("form", { className: "stack" },
    el("label", {}, t("Description ({language})", { language: lang }),
      el("textarea", { name: "text", rows: 4, value: (state.descriptions || {})[name] || "" })),
    el("div", { className: "row" }, el("button", {}, t("Save description"))));
  describe.addEventListener("submit", (event) => {
    event.preventDefault();
    post("/api/outline/describe", { case: name, lang, text: describe.text.value },
      t("Described {case}.", { case: name }));
  });
  const mine = state.objectives.filter((o) => o.case === name);
  const list = el("ul", { className: "objectives" }, ...mine.map((o) => {
    const remove = el("button", { type: "button", className: "secondary small-button",
      "aria-label": t("Remove objective {name}", { name: o.name }) }, t("Remove"));
    remove.addEventListener("click", () => post("/api/outline/objective",
      { case: name, name: o.name, remove: true }, t("Removed objective {name}.", { name: o.name })));
    return el("li", {}, el("strong", {}, o.name), o.description ? ` — ${o.description}` : "", " ",
      remove);
  }));
  const add = el("form", { className: "row add-objective" },
    el("label", {}, t("Objective or module"), el("input", { name: "name", required: true, maxLength: 200 })),
    el("label", {}, t("What it is"), el("input", { name: "description", maxLength: 500 })),
    el("button", {}, t("Add objective")));
  add.addEventListener("submit", (event) => {
    event.preventDefault();
    post("/api/outline/objective", { case: name, name: add.name.value,
      description: add.description.value }, t("Added objective {name}.", { name: add.name.value }));
  });
  return el("details", { className: "case-card", id, dataset: { case: name } },
    el("summary", {}, name, " ", el("span", { className: "muted small" },
      t("{n} objective(s)", { n: mine.length }))),
    describe, el("h3", {}, t("Objectives and modules")), list, add);
}

function renderCases() {
  const box = document.getElementById("case-cards");
  const open = new Set([...box.querySelectorAll("details[open]")].map((d) => d.dataset.case));
  box.replaceChildren(...state.cases.map(caseCard));
  for (const card of box.querySelectorAll("details")) card.open = open.has(card.dataset.case);
}

function renderLabels() {
  const rows = (state.labels || []).filter((x) => x.lang === lang);
  document.getElementById("labels-body").replaceChildren(...rows.map((x) => {
    const input = el("input", { value: x.label, maxLength: 200,
      "aria-label": t("Label of {name} ({kind})", { name: x.name, kind: x.kind }) });
    const save = el("button", { type: "button", className: "secondary" }, t("Save"));
    save.addEventListener("click", () => post("/api/outline/label",
      { kind: x.kind, name: x.name, lang, label: input.value }, t("Label saved.")));
    return el("tr", {}, el("td", {}, x.kind), el("td", {}, x.name), el("td", {}, input),
      el("td", {}, save));
  }));
}

document.getElementById("add-label").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const data = Object.fromEntries(new FormData(form));
  await post("/api/outline/label", { ...data, lang }, t("Label saved."));
  form.name.value = ""; form.label.value = "";
});

function renderMore() {
  renderTitlePage();
  renderCases();
  renderLabels();
}

renderTree();
renderMore();
