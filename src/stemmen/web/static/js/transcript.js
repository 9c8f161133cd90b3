// The painted transcript: one document's view data, its paragraph rows and margin stripes.
// Changes repaint only the paragraphs they touch; stripes follow in the next frame.

import { t } from "./common.js";
import { converter } from "./offsets.js";
import { bucket, drawStripes, measure, paragraphAt, paragraphElement, prepare, prepareCoding }
  from "./paint.js";

const label = (c) => t("{code} · {coder}", { code: c.code, coder: c.coder });
const order = (a, b) => a.start - b.start || a.end - b.end || a.id - b.id;

export class Transcript {
  constructor(paras, stripes, onPaint) {
    this.paras = paras;
    this.stripes = stripes;
    this.onPaint = onPaint;
    this.rows = [];
    this.geometry = null;
    this.size = "";
    this.stripesPending = false;
    // Paragraph heights change only when the text column is resized: measure again then.
    new ResizeObserver(() => this.resized()).observe(paras);
  }

  load(view) {
    this.view = view;
    this.conv = converter(view.text);
    prepare(view, this.conv);
    this.colours = new Map(view.codes.map((c) => [c.name, c.colour]));
    this.byId = new Map(view.codings.map((c) => [c.id, c]));
    const buckets = bucket(view);
    const fragment = document.createDocumentFragment();
    this.rows = view.paragraphs.map((p, i) => {
      const row = paragraphElement(view, p, i, buckets[i], this.colours);
      fragment.append(row);
      return row;
    });
    this.paras.replaceChildren(fragment);
    this.geometry = null;
    this.drawStripes();
    this.onPaint();
  }

  /** Repaint the paragraphs that [start, end) touches (code points). */
  repaintSpan(start, end) {
    const ps = this.view.paragraphs;
    const first = paragraphAt(ps, start);
    let last = first;
    while (last + 1 < ps.length && ps[last + 1].start < end) last++;
    const buckets = bucket(this.view);
    for (let i = first; i <= last && i < this.rows.length; i++) {
      const row = paragraphElement(this.view, ps[i], i, buckets[i], this.colours);
      this.rows[i].replaceWith(row);
      this.rows[i] = row;
    }
    this.laterStripes();
    this.onPaint();
  }

  drawStripes() {
    this.geometry ??= measure(this.rows);
    drawStripes(this.stripes, this.rows, this.geometry, this.view.codings, this.colours, label);
  }

  laterStripes() {
    if (this.stripesPending) return;
    this.stripesPending = true;
    requestAnimationFrame(() => { this.stripesPending = false; this.drawStripes(); });
  }

  resized() {
    const size = `${this.paras.clientWidth}x${this.paras.clientHeight}`;
    if (!this.view || size === this.size) return;
    const first = !this.size;
    this.size = size;
    if (!first) { this.geometry = null; this.drawStripes(); }
  }

  /** Is this coding shown under the current coder filter? */
  visible(c) {
    const view = this.view.view;
    return view === "all" || (view === "mine" && c.coder === this.view.coder)
      || view === `coder:${c.coder}`;
  }

  add(list) {
    if (!list.length) return;
    for (const c of list) {
      this.view.coder_counts[c.coder] = (this.view.coder_counts[c.coder] || 0) + 1;
      if (!this.visible(c)) continue;
      prepareCoding(c, this.conv);
      this.view.codings.push(c);
      this.byId.set(c.id, c);
    }
    this.view.codings.sort(order);
    this.repaintSpan(Math.min(...list.map((c) => c.start)), Math.max(...list.map((c) => c.end)));
  }

  drop(coding) {
    this.view.codings = this.view.codings.filter((c) => c.id !== coding.id);
    this.byId.delete(coding.id);
    const counts = this.view.coder_counts;
    counts[coding.coder] = Math.max(0, (counts[coding.coder] || 1) - 1);
    this.repaintSpan(coding.start, coding.end);
  }

  /** Codings per code in the view, for the picker's counts. */
  counts() {
    const result = new Map();
    for (const c of this.view.codings) result.set(c.code, (result.get(c.code) || 0) + 1);
    return result;
  }

  hiddenCount() {
    const total = Object.values(this.view.coder_counts).reduce((a, b) => a + b, 0);
    return total - this.view.codings.length;
  }

  /** "paragraph 3" or "paragraphs 3–5" for a painted coding. */
  where(c) {
    const ps = this.view.paragraphs;
    const a = ps[c.first]?.index;
    const b = ps[c.last]?.index;
    return a === b ? t("paragraph {n}", { n: a }) : t("paragraphs {a}–{b}", { a, b });
  }
}
