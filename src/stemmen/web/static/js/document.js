// The document view: turns selections into code point spans, applies codes from the
// sidebar, the recent-code keys (1–9) or the picker, removes or changes codings, undoes the
// last action, and keeps the legend, the coder filter and the memos in step.
// Painting is in transcript.js and paint.js; every action is one call of the API.

import { api, t, toast } from "./common.js";
import { CoderFilter, Legend } from "./legend.js";
import { Memos } from "./memos.js";
import { paragraphAt } from "./paint.js";
import { Picker, RecentCodes } from "./picker.js";
import { closePopover, showPopover } from "./popover.js";
import { markPending, rangeOf, textSelection } from "./selection.js";
import { Transcript } from "./transcript.js";
import { Undo } from "./undo.js";
import { follow } from "./live.js";

const $ = (id) => document.getElementById(id);
const paras = $("paras");
const state = { sel: null, anchor: null, cursor: null };
window.__stemmen = { applyTimes: [], fetchTimes: [] };

const doc = new Transcript(paras, $("stripes"), painted);
const picker = new Picker($("code-filter"), $("code-list"), $("apply-checked"), apply);
picker.onEscape = () => $("doc").focus();
const recent = new RecentCodes($("recent-codes"), apply);
const legend = new Legend($("legend-list"), (code) => doc.setSpot(code));
const filter = new CoderFilter($("coder-filter"), $("coder-list"), $("hidden-note"),
  (mode, coders) => doc.setFilter(mode, coders));
const undo = new Undo(doc, (size) => { $("undo-button").disabled = size === 0; });
const memos = new Memos($("memo-list"), $("memo-form"), {
  documentName: null,
  getSpan: () => (state.sel ? { start: state.sel.start, end: state.sel.end } : null),
  goTo,
  where: (memo) => doc.where({ start: memo.start }),
  onChange: (list) => { if (doc.view) doc.setMemos(list); },
});

/** After any paint: selection marks, picker counts, legend, coder filter. */
function painted() {
  showSelection();
  const counts = doc.counts();
  picker.setCodes(doc.view.codes, counts);
  legend.render(doc.view.codes, counts, doc.colours);
  filter.render(doc.coderCounts(), doc.view.coder, doc.hiddenCount());
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
  const mark = event.target.closest(".memo-mark");
  if (mark) {
    const p = doc.view.paragraphs[Number(mark.dataset.i)];
    memos.reveal(p.start, p.end);
    return;
  }
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

// Stripes: a click opens the coding, hovering names its code and marks its text.
const tip = $("stripe-tip");
$("stripes").addEventListener("click", (event) => {
  const bar = event.target.closest(".stripe");
  if (bar) openPopover(event.pageX, event.pageY, [bar.dataset.id]);
});
$("stripes").addEventListener("mouseover", (event) => {
  const bar = event.target.closest(".stripe");
  for (const run of paras.querySelectorAll(".hl.focus")) run.classList.remove("focus");
  if (!bar) { tip.hidden = true; return; }
  for (const run of paras.querySelectorAll(`.hl[data-c~="${bar.dataset.id}"]`)) {
    run.classList.add("focus");
  }
  tip.textContent = bar.dataset.label;
  tip.hidden = false;
  const box = bar.getBoundingClientRect();
  tip.style.left = `${box.right + window.scrollX + 6}px`;
  tip.style.top = `${Math.max(box.top, 0) + window.scrollY}px`;
});
$("stripes").addEventListener("mouseleave", () => {
  tip.hidden = true;
  for (const run of paras.querySelectorAll(".hl.focus")) run.classList.remove("focus");
});

// Memos: hovering or focusing a memo on a segment marks its text.
function markMemo(event) {
  const item = event.target.closest?.(".memo");
  const memo = item && memos.memos.find((m) => String(m.id) === item.dataset.id);
  if (!window.CSS?.highlights) return;
  if (!memo || memo.start === null || memo.start === undefined) { CSS.highlights.delete("memo"); return; }
  const range = rangeOf(doc.rows, doc.view, doc.conv.toU16(memo.start), doc.conv.toU16(memo.end));
  CSS.highlights.set("memo", new Highlight(range));
}
$("memo-list").addEventListener("mouseover", markMemo);
$("memo-list").addEventListener("focusin", markMemo);
$("memo-list").addEventListener("mouseleave", () => window.CSS?.highlights?.delete("memo"));

// Actions: each one call of the API (one transaction) ----------------------------------

const key = (c) => `${c.code}\u0000${c.coder}\u0000${c.start}\u0000${c.end}`;

async function apply(codes) {
  const sel = state.sel;
  if (!sel) { toast(t("Select text or paragraphs first.")); return; }
  const body = { document: doc.view.name, codes };
  if (sel.kind === "paras") {
    body.paragraph = doc.view.paragraphs[sel.first].index;
    body.last_paragraph = doc.view.paragraphs[sel.last].index;
  } else Object.assign(body, { start: sel.start, end: sel.end });
  recent.used(codes); // at once: the next number key already counts this code
  const known = new Set(doc.all.map(key));
  const started = performance.now();
  try {
    const answer = await api("POST", "/api/codings", body);
    window.__stemmen.fetchTimes.push(performance.now() - started);
    const fresh = answer.codings.filter((c) => !known.has(key(c)) && !doc.byId.has(c.id));
    doc.add(fresh);
    window.__stemmen.applyTimes.push(performance.now() - started);
    if (fresh.length) undo.applied(fresh);
    picker.clearChecked();
    toast(t("Applied {codes}.", { codes: codes.join(", ") }));
  } catch (error) { toast(error.message, "error"); }
}

async function removeCodings(codings) {
  try {
    if (codings.length === 1) await api("DELETE", `/api/codings/${codings[0].id}`);
    else await api("POST", "/api/codings/remove", { ids: codings.map((c) => c.id) });
    doc.drop(codings);
    undo.removed(codings);
    closePopover();
    toast(codings.length === 1 ? t("Removed {code}.", { code: codings[0].code })
      : t("Removed {n} codings.", { n: codings.length }));
  } catch (error) { toast(error.message, "error"); }
}

async function change(coding, code) {
  const from = coding.code;
  try {
    await api("POST", `/api/codings/${coding.id}/code`, { code });
    doc.recode(coding.id, code);
    undo.changed(coding.id, from, code);
    recent.used([code]);
    closePopover();
    toast(t("Changed {old} to {code}.", { old: from, code }));
  } catch (error) { toast(error.message, "error"); }
}

async function undoLast() {
  try {
    const kind = await undo.undo();
    if (!kind) { toast(t("Nothing to undo.")); return; }
    closePopover();
    toast({ apply: t("Undone: the codes are removed again."),
      remove: t("Undone: the codings are back."),
      change: t("Undone: the code is changed back.") }[kind]);
  } catch (error) { toast(error.message, "error"); }
}

function openPopover(x, y, ids) {
  const codings = ids.map((id) => doc.byId.get(Number(id))).filter(Boolean);
  for (const c of codings) c.where = doc.where(c);
  if (codings.length) {
    showPopover(x, y, codings, doc.view.codes, doc.colours,
      { remove: (c) => removeCodings([c]), removeAll: removeCodings, change });
  }
}

// Keyboard --------------------------------------------------------------------------

function step(delta, extend) {
  const n = doc.view.paragraphs.length;
  const from = state.cursor ?? (delta > 0 ? -1 : n);
  const next = Math.max(0, Math.min(n - 1, from + delta));
  if (!extend || state.anchor === null) state.anchor = extend ? Math.max(0, from) : next;
  selectParagraphs(state.anchor, next);
}

function applyRecent(n) {
  const code = recent.nth(n);
  if (!code) { toast(t("No recent code {n} yet.", { n })); return; }
  if (!state.sel && state.cursor !== null) selectParagraphs(state.cursor, state.cursor);
  apply([code]);
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    if (!closePopover()) clearSelection();
    return;
  }
  const typing = event.target.closest?.("input, textarea, select, dialog");
  if (typing) return;
  const k = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && k === "z" && !event.shiftKey && !event.altKey) {
    event.preventDefault();
    undoLast();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (k === "enter" && event.target.closest?.("button, a, summary")) return;
  if (/^[1-9]$/.test(event.key)) applyRecent(Number(event.key));
  else if (k === "j" || (k === "arrowdown" && state.cursor !== null)) step(1, event.shiftKey);
  else if (k === "k" || (k === "arrowup" && state.cursor !== null)) step(-1, event.shiftKey);
  else if (k === "c" || k === "/" || (k === "enter" && state.sel)) picker.focus();
  else if (k === "u") undoLast();
  else if (k === "m") memos.focus();
  else if (event.key === "?") $("help").showModal();
  else return;
  event.preventDefault();
});

$("help-button").addEventListener("click", () => $("help").showModal());
$("undo-button").addEventListener("click", undoLast);
document.addEventListener("click", (event) => {
  if (!event.target.closest("#popover, .hl, .stripe")) closePopover();
});

const data = JSON.parse($("doc-data").textContent);
memos.documentName = data.name;
const start = filter.start(data.view || "all", new Map(Object.entries(data.coder_counts)));
doc.filter = { mode: start.mode, coders: new Set(start.coders) };
doc.load(data);
memos.render(data.memos);
const mine = [...doc.all].filter((c) => c.coder === data.coder)
  .sort((a, b) => String(b.at).localeCompare(String(a.at))).map((c) => c.code);
recent.load(data.codes, doc.colours, mine);
const at = /^(\d+)-(\d+)$/.exec(new URLSearchParams(location.search).get("at") || "");
if (at) goTo(Number(at[1]), Number(at[2]));
follow(doc, data.name); // other coders' codings appear without reloading
performance.mark("stemmen-ready");
window.__stemmen.ready = true;
paras.dataset.ready = "true";
