// Painting a document: paragraphs split into runs where the set of codings is constant
// (coloured highlights, overlaps as stacked underlines) and NVivo-style margin stripes.
// Work is linear in text + codings: codings are bucketed per paragraph once.

const LANE = 8;
const MAX_LANES = 28;

/** "#rrggbb" → "rgba(r, g, b, a)". */
export function tint(colour, alpha) {
  const hex = /^#[0-9a-fA-F]{6}$/.test(colour || "") ? colour : "#888888";
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
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
export function bucket(view) {
  const buckets = view.paragraphs.map(() => []);
  for (const c of view.codings) {
    let i = paragraphAt(view.paragraphs, c.start);
    c.first = i;
    c.last = i;
    while (i < view.paragraphs.length && view.paragraphs[i].start < c.end) {
      buckets[i].push(c);
      c.last = i;
      i++;
    }
  }
  return buckets;
}

/** The element of one paragraph: number gutter and text runs. */
export function paragraphElement(view, p, index, codings, colours) {
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
  fillRuns(body, view.text, p, codings, colours);
  row.append(number, body);
  return row;
}

function fillRuns(body, text, p, codings, colours) {
  const cuts = new Set([p.s16, p.e16]);
  if (p.speaker) cuts.add(p.l16);
  for (const c of codings) {
    cuts.add(Math.max(c.s16, p.s16));
    cuts.add(Math.min(c.e16, p.e16));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const span = document.createElement("span");
    span.textContent = text.slice(a, b);
    if (p.speaker && a < p.l16) span.classList.add("speaker");
    const active = codings.filter((c) => c.s16 < b && c.e16 > a);
    if (active.length) styleRun(span, active, colours);
    fragment.append(span);
  }
  body.append(fragment);
}

function styleRun(span, active, colours) {
  span.classList.add("hl");
  span.dataset.c = active.map((c) => c.id).join(" ");
  span.style.backgroundColor = tint(colours.get(active[0].code), 0.28);
  if (active.length > 1) {
    span.classList.add("overlap");
    span.style.boxShadow = active.slice(1, 5)
      .map((c, i) => `inset 0 -${3 * (i + 1)}px 0 ${tint(colours.get(c.code), 0.95)}`).join(", ");
  }
}

/** Where each paragraph row sits (one layout read; highlights never change it). */
export function measure(rows) {
  return { tops: rows.map((row) => row.offsetTop), heights: rows.map((row) => row.offsetHeight) };
}

/** Margin stripes: one bar per coding spanning its paragraphs, in non-overlapping lanes. */
export function drawStripes(container, rows, geometry, codings, colours, labelFor) {
  const { tops, heights } = geometry;
  const ordered = [...codings].sort((a, b) => a.first - b.first || b.last - a.last);
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
    bar.title = labelFor(c);
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
