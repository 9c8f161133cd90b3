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

renderTree();
