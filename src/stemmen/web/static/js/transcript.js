// The painted transcript: one document's view data, its paragraph rows and margin stripes.
// It holds EVERY coder's codings; a coder filter decides which are painted (all coders by
// default), and a spotlight can pick out one code. Changes repaint only the paragraphs they
// touch; stripes follow in the next frame.

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
    this.filter = { mode: "all", coders: new Set() };
    this.spot = null;
    this.memoStarts = new Map();
    // Paragraph heights change only when the text column is resized: measure again then.
    new ResizeObserver(() => this.resized()).observe(paras);
  }

  load(view) {
    this.view = view;
    this.conv = converter(view.text);
    prepare(view, this.conv);
    this.colours = new Map(view.codes.map((c) => [c.name, c.colour]));
    this.all = [...view.codings].sort(order);
    this.byId = new Map(this.all.map((c) => [c.id, c]));
    this.paint();
  }

  /** Paint every paragraph again (after loading, or when the coder filter changes). */
  paint() {
    this.view.codings = this.all.filter((c) => this.visible(c));
    const buckets = bucket(this.view.paragraphs, this.view.codings);
    const fragment = document.createDocumentFragment();
    this.rows = this.view.paragraphs.map((p, i) => {
      const row = this.row(p, i, buckets[i]);
      fragment.append(row);
      return row;
    });
    this.paras.replaceChildren(fragment);
    this.geometry = null;
    this.drawStripes();
    this.onPaint();
  }

  row(p, i, codings) {
    return paragraphElement(this.view, p, i, codings, this.colours, this.memoStarts.get(i) || 0);
  }

  /** Repaint the paragraphs that [start, end) touches (code points). */
  repaintSpan(start, end) {
    const ps = this.view.paragraphs;
    const first = paragraphAt(ps, start);
    let last = first;
    while (last + 1 < ps.length && ps[last + 1].start < end) last++;
    const indexes = [];
    for (let i = first; i <= last && i < this.rows.length; i++) indexes.push(i);
    this.repaintRows(indexes);
  }

  /** Repaint some paragraphs (array indexes). */
  repaintRows(indexes) {
    const ps = this.view.paragraphs;
    const buckets = bucket(ps, this.view.codings);
    for (const i of indexes) {
      const row = this.row(ps[i], i, buckets[i]);
      this.rows[i].replaceWith(row);
      this.rows[i] = row;
    }
    this.geometry = null; // a paragraph with overlaps gets a taller line
    this.laterStripes();
    this.onPaint();
  }

  drawStripes() {
    this.geometry ??= measure(this.rows);
    drawStripes(this.stripes, this.rows, this.geometry, this.view.codings, this.colours, label);
    this.showSpot();
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

  // Coder filter and spotlight -------------------------------------------------------

  /** Is this coding shown under the current coder filter? */
  visible(c) {
    const { mode, coders } = this.filter;
    return mode === "all" || (mode === "mine" && c.coder === this.view.coder)
      || (mode === "coders" && coders.has(c.coder));
  }

  setFilter(mode, coders = []) {
    this.filter = { mode, coders: new Set(coders) };
    this.paint();
  }

  /** Pick out one code's codings (null: none). */
  setSpot(code) {
    this.spot = code;
    this.showSpot();
  }

  showSpot() {
    const spot = this.spot;
    this.paras.classList.toggle("spotlight", Boolean(spot));
    this.stripes.classList.toggle("spotlight", Boolean(spot));
    for (const run of this.paras.querySelectorAll(".hl.lit")) run.classList.remove("lit");
    for (const bar of this.stripes.querySelectorAll(".stripe.lit")) bar.classList.remove("lit");
    if (!spot) return;
    for (const run of this.paras.querySelectorAll(".hl")) {
      if (run.dataset.c.split(" ").some((id) => this.byId.get(Number(id))?.code === spot)) {
        run.classList.add("lit");
      }
    }
    for (const bar of this.stripes.children) {
      if (bar.dataset.code === spot) bar.classList.add("lit");
    }
  }

  /** Paragraphs (array indexes) where memos on a segment start: they get a mark. */
  setMemos(memos) {
    const before = new Set(this.memoStarts.keys());
    this.memoStarts = new Map();
    for (const m of memos) {
      if (m.start === null || m.start === undefined) continue;
      const i = paragraphAt(this.view.paragraphs, m.start);
      this.memoStarts.set(i, (this.memoStarts.get(i) || 0) + 1);
    }
    const changed = [...new Set([...before, ...this.memoStarts.keys()])].filter((i) => this.rows[i]
      && Boolean(this.memoStarts.get(i)) !== Boolean(this.rows[i].querySelector(".memo-mark")));
    if (changed.length) this.repaintRows(changed);
  }

  // Changes ---------------------------------------------------------------------------

  add(list) {
    if (!list.length) return;
    for (const c of list) {
      prepareCoding(c, this.conv);
      this.all.push(c);
      this.byId.set(c.id, c);
    }
    this.all.sort(order);
    this.view.codings = this.all.filter((c) => this.visible(c));
    this.repaintSpan(Math.min(...list.map((c) => c.start)), Math.max(...list.map((c) => c.end)));
  }

  drop(list) {
    if (!list.length) return;
    const gone = new Set(list.map((c) => c.id));
    this.all = this.all.filter((c) => !gone.has(c.id));
    this.view.codings = this.view.codings.filter((c) => !gone.has(c.id));
    for (const id of gone) this.byId.delete(id);
    this.repaintSpan(Math.min(...list.map((c) => c.start)), Math.max(...list.map((c) => c.end)));
  }

  /** The coding with this id now has another code (same span, same coder). */
  recode(id, code) {
    const coding = this.byId.get(id);
    if (!coding) return;
    coding.code = code;
    this.repaintSpan(coding.start, coding.end);
  }

  // Facts for the legend, the coder filter and the picker -----------------------------

  /** Painted codings per code. */
  counts() {
    const result = new Map();
    for (const c of this.view.codings) result.set(c.code, (result.get(c.code) || 0) + 1);
    return result;
  }

  /** Codings per coder in the document, whatever the filter. */
  coderCounts() {
    const result = new Map();
    for (const c of this.all) result.set(c.coder, (result.get(c.coder) || 0) + 1);
    return result;
  }

  hiddenCount() {
    return this.all.length - this.view.codings.length;
  }

  /** "paragraph 3" or "paragraphs 3–5" for a painted coding. */
  where(c) {
    const ps = this.view.paragraphs;
    const first = c.first ?? paragraphAt(ps, c.start);
    const last = c.last ?? first;
    const a = ps[first]?.index;
    const b = ps[last]?.index;
    return a === b ? t("paragraph {n}", { n: a }) : t("paragraphs {a}–{b}", { a, b });
  }
}
