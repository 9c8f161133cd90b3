// The document view: turns selections into code point spans, applies codes from the
// sidebar or the keyboard, and removes or changes codings. Painting is in transcript.js.

import { api, setCookie, t, toast } from "./common.js";
import { Memos } from "./memos.js";
import { paragraphAt } from "./paint.js";
import { Picker } from "./picker.js";
import { closePopover, showPopover } from "./popover.js";
import { markPending, rangeOf, textSelection } from "./selection.js";
import { Transcript } from "./transcript.js";

const $ = (id) => document.getElementById(id);
const paras = $("paras");
const state = { sel: null, anchor: null, cursor: null, undo: [] };
window.__stemmen = { applyTimes: [], fetchTimes: [] };

const doc = new Transcript(paras, $("stripes"), painted);
const picker = new Picker($("code-filter"), $("code-list"), $("apply-checked"), apply);
picker.onEscape = () => $("doc").focus();
const memos = new Memos($("memo-list"), $("memo-form"), null,
  () => (state.sel ? { start: state.sel.start, end: state.sel.end } : null), goTo);

/** After any paint: selection marks, picker counts, the hidden-codings note. */
function painted() {
  showSelection();
  picker.setCodes(doc.view.codes, doc.counts());
  const hidden = doc.hiddenCount();
  $("hidden-note").textContent = hidden > 0
    ? t("{n} coding(s) by other coders hidden.", { n: hidden }) : "";
}

// Selection -------------------------------------------------------------------------

function selectText(s16, e16) {
  state.sel = { kind: "text", s16, e16, start: doc.conv.toCp(s16), end: doc.conv.toCp(e16) };
  showSelection();
}

function selectParagraphs(a, b) {
  const [first, last] = a <= b ? [a, b] : [b, a];
  const ps = doc.view.paragraphs;
  state.sel = { kind: "paras", first, last, s16: ps[first].s16, e16: ps[last].e16,
    start: ps[first].start, end: ps[last].end };
  state.cursor = b;
  showSelection();
  doc.rows[b]?.scrollIntoView({ block: "nearest" });
}

function clearSelection() {
  state.sel = null;
  state.anchor = null;
  window.getSelection()?.removeAllRanges();
  showSelection();
}

function showSelection() {
  for (const row of paras.querySelectorAll(".para.selected")) row.classList.remove("selected");
  const sel = state.sel;
  const info = $("selection-info");
  if (!sel) {
    markPending(null);
    info.textContent = t("Select text, or click a paragraph number.");
  } else if (sel.kind === "paras") {
    markPending(null);
    for (let i = sel.first; i <= sel.last; i++) doc.rows[i]?.classList.add("selected");
    const a = doc.view.paragraphs[sel.first].index;
    const b = doc.view.paragraphs[sel.last].index;
    info.textContent = a === b ? t("Paragraph {n} selected.", { n: a })
      : t("Paragraphs {a}–{b} selected.", { a, b });
  } else {
    markPending(rangeOf(doc.rows, doc.view, sel.s16, sel.e16));
    info.textContent = t("{n} characters selected.", { n: sel.end - sel.start });
  }
  memos.selectionChanged(Boolean(sel));
}

function goTo(start, end) {
  selectText(doc.conv.toU16(start), doc.conv.toU16(end));
  const row = doc.rows[paragraphAt(doc.view.paragraphs, start)];
  if (!row) return;
  row.scrollIntoView({ block: "center" });
  row.classList.add("flash");
  setTimeout(() => row.classList.remove("flash"), 2500);
}

paras.addEventListener("mouseup", () => {
  const span = textSelection(paras, doc.view);
  if (span) selectText(span.s16, span.e16);
});

paras.addEventListener("click", (event) => {
  const number = event.target.closest(".pnum");
  if (number) {
    const i = Number(number.dataset.i);
    if (event.shiftKey && state.anchor !== null) selectParagraphs(state.anchor, i);
    else { state.anchor = i; selectParagraphs(i, i); }
    return;
  }
  if (!window.getSelection().isCollapsed) return;
  const run = event.target.closest(".hl");
  if (run) openPopover(event.pageX, event.pageY, run.dataset.c.split(" "));
});

$("stripes").addEventListener("click", (event) => {
  const bar = event.target.closest(".stripe");
  if (bar) openPopover(event.pageX, event.pageY, [bar.dataset.id]);
});

$("stripes").addEventListener("mouseover", (event) => {
  const bar = event.target.closest(".stripe");
  for (const run of paras.querySelectorAll(".hl.focus")) run.classList.remove("focus");
  if (!bar) return;
  for (const run of paras.querySelectorAll(`.hl[data-c~="${bar.dataset.id}"]`)) {
    run.classList.add("focus");
  }
});

// Actions ---------------------------------------------------------------------------

const key = (c) => `${c.code}\u0000${c.coder}\u0000${c.start}\u0000${c.end}`;

async function apply(codes) {
  const sel = state.sel;
  if (!sel) { toast(t("Select text or paragraphs first.")); return; }
  const body = { document: doc.view.name, codes };
  if (sel.kind === "paras") {
    body.paragraph = doc.view.paragraphs[sel.first].index;
    body.last_paragraph = doc.view.paragraphs[sel.last].index;
  } else Object.assign(body, { start: sel.start, end: sel.end });
  const known = new Set(doc.view.codings.map(key));
  const started = performance.now();
  try {
    const answer = await api("POST", "/api/codings", body);
    window.__stemmen.fetchTimes.push(performance.now() - started);
    const fresh = answer.codings.filter((c) => !known.has(key(c)) && !doc.byId.has(c.id));
    doc.add(fresh);
    window.__stemmen.applyTimes.push(performance.now() - started);
    if (fresh.length) state.undo.push(fresh.map((c) => c.id));
    $("undo-button").disabled = !state.undo.length;
    picker.clearChecked();
    toast(t("Applied {codes}.", { codes: codes.join(", ") }));
  } catch (error) { toast(error.message, "error"); }
}

async function remove(coding) {
  try {
    await api("DELETE", `/api/codings/${coding.id}`);
    doc.drop(coding);
    closePopover();
    toast(t("Removed {code}.", { code: coding.code }));
  } catch (error) { toast(error.message, "error"); }
}

async function change(coding, code) {
  try {
    const answer = await api("POST", `/api/codings/${coding.id}/code`, { code });
    doc.drop(coding);
    doc.add([answer.coding]);
    closePopover();
    toast(t("Changed {old} to {code}.", { old: coding.code, code }));
  } catch (error) { toast(error.message, "error"); }
}

async function undo() {
  const ids = state.undo.pop();
  $("undo-button").disabled = !state.undo.length;
  if (!ids) { toast(t("Nothing to undo.")); return; }
  for (const id of ids) {
    const coding = doc.byId.get(id);
    try {
      await api("DELETE", `/api/codings/${id}`);
      if (coding) doc.drop(coding);
    } catch (error) { toast(error.message, "error"); }
  }
  toast(t("Undone."));
}

function openPopover(x, y, ids) {
  const codings = ids.map((id) => doc.byId.get(Number(id))).filter(Boolean);
  for (const c of codings) c.where = doc.where(c);
  if (codings.length) showPopover(x, y, codings, doc.view.codes, doc.colours, { remove, change });
}

async function switchView(choice) {
  setCookie("stemmen_view", choice);
  const query = new URLSearchParams({ name: doc.view.name, view: choice });
  try {
    const answer = await api("GET", `/api/documents/view?${query}`);
    doc.load(answer.document);
  } catch (error) { toast(error.message, "error"); }
}

// Keyboard --------------------------------------------------------------------------

function step(delta, extend) {
  const n = doc.view.paragraphs.length;
  const from = state.cursor ?? (delta > 0 ? -1 : n);
  const next = Math.max(0, Math.min(n - 1, from + delta));
  if (!extend || state.anchor === null) state.anchor = extend ? Math.max(0, from) : next;
  selectParagraphs(state.anchor, next);
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    if (!closePopover()) clearSelection();
    return;
  }
  const typing = event.target.closest?.("input, textarea, select, dialog");
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const k = event.key.toLowerCase();
  if (k === "enter" && event.target.closest?.("button, a, summary")) return;
  if (k === "j" || (k === "arrowdown" && state.cursor !== null)) step(1, event.shiftKey);
  else if (k === "k" || (k === "arrowup" && state.cursor !== null)) step(-1, event.shiftKey);
  else if (k === "c" || k === "/" || (k === "enter" && state.sel)) picker.focus();
  else if (k === "u") undo();
  else if (k === "m") memos.focus();
  else if (event.key === "?") $("help").showModal();
  else return;
  event.preventDefault();
});

$("help-button").addEventListener("click", () => $("help").showModal());
$("undo-button").addEventListener("click", undo);
$("view-select").addEventListener("change", (event) => switchView(event.target.value));
document.addEventListener("click", (event) => {
  if (!event.target.closest("#popover, .hl, .stripe")) closePopover();
});

const data = JSON.parse($("doc-data").textContent);
memos.documentName = data.name;
doc.load(data);
memos.render(data.memos);
const at = /^(\d+)-(\d+)$/.exec(new URLSearchParams(location.search).get("at") || "");
if (at) goTo(Number(at[1]), Number(at[2]));
performance.mark("stemmen-ready");
window.__stemmen.ready = true;
paras.dataset.ready = "true";
