// The document view: paints the transcript, turns selections into code point spans,
// applies codes from the sidebar or the keyboard, and removes or changes codings.

import { api, setCookie, t, toast } from "./common.js";
import { Memos } from "./memos.js";
import { converter } from "./offsets.js";
import { bucket, drawStripes, paragraphAt, paragraphElement, prepare, prepareCoding } from "./paint.js";
import { Picker } from "./picker.js";
import { closePopover, showPopover } from "./popover.js";
import { markPending, rangeOf, textSelection } from "./selection.js";

const $ = (id) => document.getElementById(id);
const paras = $("paras");
const stripes = $("stripes");
const state = { view: null, conv: null, rows: [], colours: new Map(), byId: new Map(),
  sel: null, anchor: null, cursor: null, undo: [] };
window.__stemmen = { applyTimes: [] };

function load(view) {
  state.view = view;
  state.conv = converter(view.text);
  prepare(view, state.conv);
  state.colours = new Map(view.codes.map((c) => [c.name, c.colour]));
  state.byId = new Map(view.codings.map((c) => [c.id, c]));
  paintAll();
  picker.setCodes(view.codes, counts());
  memos.render(view.memos);
  hiddenNote();
}

function paintAll() {
  const buckets = bucket(state.view);
  const fragment = document.createDocumentFragment();
  state.rows = state.view.paragraphs.map((p, i) => {
    const row = paragraphElement(state.view, p, i, buckets[i], state.colours);
    fragment.append(row);
    return row;
  });
  paras.replaceChildren(fragment);
  showSelection();
  redrawStripes();
}

function repaint(first, last) {
  const buckets = bucket(state.view);
  for (let i = first; i <= last && i < state.rows.length; i++) {
    const row = paragraphElement(state.view, state.view.paragraphs[i], i, buckets[i], state.colours);
    state.rows[i].replaceWith(row);
    state.rows[i] = row;
  }
  showSelection();
  redrawStripes();
  picker.setCodes(state.view.codes, counts());
  hiddenNote();
}

function repaintSpan(start, end) {
  const ps = state.view.paragraphs;
  const first = paragraphAt(ps, start);
  let last = first;
  while (last + 1 < ps.length && ps[last + 1].start < end) last++;
  repaint(first, last);
}

const label = (c) => t("{code} · {coder}", { code: c.code, coder: c.coder });
const redrawStripes = () => drawStripes(stripes, state.rows, state.view.codings, state.colours, label);

function counts() {
  const result = new Map();
  for (const c of state.view.codings) result.set(c.code, (result.get(c.code) || 0) + 1);
  return result;
}

function hiddenNote() {
  const total = Object.values(state.view.coder_counts).reduce((a, b) => a + b, 0);
  const hidden = total - state.view.codings.length;
  $("hidden-note").textContent = hidden > 0
    ? t("{n} coding(s) by other coders hidden.", { n: hidden }) : "";
}

// Selection -------------------------------------------------------------------------

function selectText(s16, e16) {
  state.sel = { kind: "text", s16, e16, start: state.conv.toCp(s16), end: state.conv.toCp(e16) };
  showSelection();
}

function selectParagraphs(a, b) {
  const [first, last] = a <= b ? [a, b] : [b, a];
  const ps = state.view.paragraphs;
  state.sel = { kind: "paras", first, last, s16: ps[first].s16, e16: ps[last].e16,
    start: ps[first].start, end: ps[last].end };
  state.cursor = b;
  showSelection();
  state.rows[b]?.scrollIntoView({ block: "nearest" });
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
    for (let i = sel.first; i <= sel.last; i++) state.rows[i]?.classList.add("selected");
    const a = state.view.paragraphs[sel.first].index;
    const b = state.view.paragraphs[sel.last].index;
    info.textContent = a === b ? t("Paragraph {n} selected.", { n: a })
      : t("Paragraphs {a}–{b} selected.", { a, b });
  } else {
    markPending(rangeOf(state.rows, state.view, sel.s16, sel.e16));
    info.textContent = t("{n} characters selected.", { n: sel.end - sel.start });
  }
  memos.selectionChanged(Boolean(sel));
}

paras.addEventListener("mouseup", () => {
  const span = textSelection(paras, state.view);
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

stripes.addEventListener("click", (event) => {
  const bar = event.target.closest(".stripe");
  if (bar) openPopover(event.pageX, event.pageY, [bar.dataset.id]);
});

stripes.addEventListener("mouseover", (event) => {
  const bar = event.target.closest(".stripe");
  for (const run of paras.querySelectorAll(".hl.focus")) run.classList.remove("focus");
  if (bar) for (const run of paras.querySelectorAll(`.hl[data-c~="${bar.dataset.id}"]`)) run.classList.add("focus");
});

// Actions ---------------------------------------------------------------------------

const mine = () => state.view.coder;
function visible(c) {
  const view = state.view.view;
  return view === "all" || (view === "mine" && c.coder === mine()) || view === `coder:${c.coder}`;
}
const key = (c) => `${c.code}\u0000${c.coder}\u0000${c.start}\u0000${c.end}`;

async function apply(codes) {
  const sel = state.sel;
  if (!sel) { toast(t("Select text or paragraphs first.")); return; }
  const body = { document: state.view.name, codes };
  if (sel.kind === "paras") {
    body.paragraph = state.view.paragraphs[sel.first].index;
    body.last_paragraph = state.view.paragraphs[sel.last].index;
  } else Object.assign(body, { start: sel.start, end: sel.end });
  const known = new Set(state.view.codings.map(key));
  const started = performance.now();
  try {
    const answer = await api("POST", "/api/codings", body);
    const fresh = answer.codings.filter((c) => !known.has(key(c)) && !state.byId.has(c.id));
    addCodings(fresh);
    window.__stemmen.applyTimes.push(performance.now() - started);
    if (fresh.length) state.undo.push(fresh.map((c) => c.id));
    $("undo-button").disabled = !state.undo.length;
    picker.clearChecked();
    toast(t("Applied {codes}.", { codes: codes.join(", ") }));
  } catch (error) { toast(error.message, "error"); }
}

function addCodings(list) {
  if (!list.length) return;
  for (const c of list) {
    state.view.coder_counts[c.coder] = (state.view.coder_counts[c.coder] || 0) + 1;
    if (!visible(c)) continue;
    prepareCoding(c, state.conv);
    state.view.codings.push(c);
    state.byId.set(c.id, c);
  }
  state.view.codings.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  repaintSpan(Math.min(...list.map((c) => c.start)), Math.max(...list.map((c) => c.end)));
}

function dropCoding(coding) {
  state.view.codings = state.view.codings.filter((c) => c.id !== coding.id);
  state.byId.delete(coding.id);
  state.view.coder_counts[coding.coder] = Math.max(0, (state.view.coder_counts[coding.coder] || 1) - 1);
  repaintSpan(coding.start, coding.end);
}

async function remove(coding) {
  try {
    await api("DELETE", `/api/codings/${coding.id}`);
    dropCoding(coding);
    closePopover();
    toast(t("Removed {code}.", { code: coding.code }));
  } catch (error) { toast(error.message, "error"); }
}

async function change(coding, code) {
  try {
    const answer = await api("POST", `/api/codings/${coding.id}/code`, { code });
    dropCoding(coding);
    addCodings([answer.coding]);
    closePopover();
    toast(t("Changed {old} to {code}.", { old: coding.code, code }));
  } catch (error) { toast(error.message, "error"); }
}

async function undo() {
  const ids = state.undo.pop();
  $("undo-button").disabled = !state.undo.length;
  if (!ids) { toast(t("Nothing to undo.")); return; }
  for (const id of ids) {
    const coding = state.byId.get(id);
    try {
      await api("DELETE", `/api/codings/${id}`);
      if (coding) dropCoding(coding);
    } catch (error) { toast(error.message, "error"); }
  }
  toast(t("Undone."));
}

function openPopover(x, y, ids) {
  const codings = ids.map((id) => state.byId.get(Number(id))).filter(Boolean);
  if (codings.length) showPopover(x, y, codings, state.view.codes, state.colours, { remove, change });
}

async function switchView(choice) {
  setCookie("stemmen_view", choice);
  try {
    const url = `/api/documents/view?name=${encodeURIComponent(state.view.name)}&view=${encodeURIComponent(choice)}`;
    const answer = await api("GET", url);
    const sel = state.sel;
    load(answer.document);
    if (sel) state.sel = sel;
    showSelection();
  } catch (error) { toast(error.message, "error"); }
}

// Keyboard --------------------------------------------------------------------------

function step(delta, extend) {
  const n = state.view.paragraphs.length;
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

const picker = new Picker($("code-filter"), $("code-list"), $("apply-checked"), apply);
picker.onEscape = () => $("doc").focus();
const memos = new Memos($("memo-list"), $("memo-form"), null, () => state.sel
  ? { start: state.sel.start, end: state.sel.end } : null, goTo);

function goTo(start, end) {
  const conv = state.conv;
  selectText(conv.toU16(start), conv.toU16(end));
  const i = paragraphAt(state.view.paragraphs, start);
  const row = state.rows[i];
  if (!row) return;
  row.scrollIntoView({ block: "center" });
  row.classList.add("flash");
  setTimeout(() => row.classList.remove("flash"), 2500);
}

const data = JSON.parse($("doc-data").textContent);
memos.documentName = data.name;
load(data);
const at = /^(\d+)-(\d+)$/.exec(new URLSearchParams(location.search).get("at") || "");
if (at) goTo(Number(at[1]), Number(at[2]));
performance.mark("stemmen-ready");
window.__stemmen.ready = true;
