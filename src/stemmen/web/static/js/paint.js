// Painting a document: paragraphs split into runs where the set of codings is constant, and
// NVivo-style margin stripes. Every coded word stays readable: a run gets one light, opaque
// background (the tints of its codings blended over white, lightened until the text keeps a
// contrast of at least 7:1) and one underline per coding layer, drawn as shadows BELOW the
// text in the code's colour, never through it. Paragraphs with several layers get a taller
// line so the underlines never reach the next line.
// Work is linear in text + codings: codings are bucketed per paragraph once.

import { t } from "./common.js";

const LANE = 8;
const MAX_LANES = 28;
const MAX_UNDERLINES = 4;
const LINE = 3; // px per underline
const TINT = 0.2; // opacity of one coding layer's tint
const INK = [31, 35, 40]; // --ink

/** "#rrggbb" → [r, g, b] (grey when the colour is missing or malformed). */
export function rgb(colour) {
  const hex = /^#[0-9a-fA-F]{6}$/.test(colour || "") ? colour : "#888888";
  const n = parseInt(hex.slice(1), 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

/** "#rrggbb" → "rgba(r, g, b, a)". */
export function tint(colour, alpha) {
  const [r, g, b] = rgb(colour);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

function luminance([r, g, b]) {
  const lin = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours given as [r, g, b]. */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const blendCache = new Map();
/** The opaque background of a run: each layer's tint over white, kept light enough. */
export function blend(colours) {
  const key = colours.join();
  let found = blendCache.get(key);
  if (found) return found;
  let bg = [255, 255, 255];
  for (const colour of colours.slice(0, 3)) {
    const c = rgb(colour);
    bg = bg.map((v, i) => v * (1 - TINT) + c[i] * TINT);
  }
  while (contrast(bg, INK) < 7) bg = bg.map((v) => v + (255 - v) * 0.25);
  found = `rgb(${bg.map(Math.round).join(", ")})`;
  blendCache.set(key, found);
  return found;
}

/** Add UTF-16 offsets to paragraphs and codings (the server sends code points). */
export function prepare(view, conv) {
  for (const p of view.paragraphs) {
    p.s16 = conv.toU16(p.start);
    p.e16 = conv.toU16(p.end);
    p.l16 = conv.toU16(p.label_end);
  }
  for (const c of view.codings) prepareCoding(c, conv);
}

export function prepareCoding(c, conv) {
  c.s16 = conv.toU16(c.start);
  c.e16 = conv.toU16(c.end);
}

/** First paragraph (array index) whose end lies after ``cp``: binary search. */
export function paragraphAt(paragraphs, cp) {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid].end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bucket codings per paragraph; each coding learns its first and last paragraph index. */
export function bucket(paragraphs, codings) {
  const buckets = paragraphs.map(() => []);
  for (const c of codings) {
    let i = paragraphAt(paragraphs, c.start);
    c.first = i;
    c.last = i;
    while (i < paragraphs.length && paragraphs[i].start < c.end) {
      buckets[i].push(c);
      c.last = i;
      i++;
    }
  }
  return buckets;
}

/** The element of one paragraph: number gutter, memo marks and text runs. */
export function paragraphElement(view, p, index, codings, colours, memoCount = 0) {
  const row = document.createElement("div");
  row.className = "para";
  row.id = `p${p.index}`;
  row.dataset.i = index;
  if (p.speaker) row.classList.add("turn");
  const number = document.createElement("span");
  number.className = "pnum";
  number.textContent = p.index;
  number.dataset.i = index;
  const body = document.createElement("div");
  body.className = "ptext";
  const layers = fillRuns(body, view.text, p, codings, colours);
  if (layers > 1) body.dataset.layers = Math.min(layers, MAX_UNDERLINES);
  row.append(number, body);
  if (memoCount) {
    const mark = document.createElement("button");
    mark.type = "button";
    mark.className = "memo-mark";
    mark.dataset.i = index;
    mark.textContent = "✎";
    mark.setAttribute("aria-label", t("Memos on paragraph {n}", { n: p.index }));
    row.append(mark);
  }
  return row;
}

const layerOrder = (a, b) => a.start - b.start || b.end - a.end || a.id - b.id;

function fillRuns(body, text, p, codings, colours) {
  const cuts = new Set([p.s16, p.e16]);
  if (p.speaker) cuts.add(p.l16);
  for (const c of codings) {
    cuts.add(Math.max(c.s16, p.s16));
    cuts.add(Math.min(c.e16, p.e16));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const ordered = [...codings].sort(layerOrder);
  const fragment = document.createDocumentFragment();
  let most = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const span = document.createElement("span");
    span.textContent = text.slice(a, b);
    if (p.speaker && a < p.l16) span.classList.add("speaker");
    const active = ordered.filter((c) => c.s16 < b && c.e16 > a);
    if (active.length) styleRun(span, active, colours);
    most = Math.max(most, active.length);
    fragment.append(span);
  }
  body.append(fragment);
  return most;
}

function styleRun(span, active, colours) {
  span.classList.add("hl");
  span.dataset.c = active.map((c) => c.id).join(" ");
  const shown = active.map((c) => colours.get(c.code));
  span.style.backgroundColor = blend(shown);
  span.style.boxShadow = shown.slice(0, MAX_UNDERLINES)
    .map((colour, i) => `0 ${LINE * (i + 1)}px 0 0 ${colour || "#888888"}`).join(", ");
  if (active.length > 1) span.classList.add("overlap");
}

/** Where each paragraph row sits (one layout read; highlights never change it). */
export function measure(rows) {
  return { tops: rows.map((row) => row.offsetTop), heights: rows.map((row) => row.offsetHeight) };
}

/** Margin stripes: one bar per coding spanning its paragraphs, one lane per overlapping
 * coding. Each bar carries its label (code · coder) for the hover tooltip. */
export function drawStripes(container, rows, geometry, codings, colours, labelFor) {
  const { tops, heights } = geometry;
  const ordered = [...codings].sort((a, b) => a.first - b.first || b.last - a.last || a.id - b.id);
  const laneEnds = [];
  const fragment = document.createDocumentFragment();
  let hidden = 0;
  for (const c of ordered) {
    if (c.first >= rows.length) continue;
    let lane = laneEnds.findIndex((end) => end < c.first);
    if (lane === -1) {
      if (laneEnds.length >= MAX_LANES) { hidden++; continue; }
      lane = laneEnds.length;
      laneEnds.push(c.last);
    } else {
      laneEnds[lane] = c.last;
    }
    const last = Math.min(c.last, rows.length - 1);
    const bar = document.createElement("span");
    bar.className = "stripe";
    bar.dataset.id = c.id;
    bar.dataset.code = c.code;
    bar.dataset.label = labelFor(c);
    bar.style.top = `${tops[c.first] + 2}px`;
    bar.style.height = `${tops[last] + heights[last] - tops[c.first] - 4}px`;
    bar.style.left = `${lane * LANE}px`;
    bar.style.backgroundColor = colours.get(c.code) || "#888";
    fragment.append(bar);
  }
  container.replaceChildren(fragment);
  container.style.width = `${Math.max(1, laneEnds.length) * LANE}px`;
  container.dataset.hidden = hidden;
}
