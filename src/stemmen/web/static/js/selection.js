// Selections in the transcript: mouse text selections and paragraph ranges, as offsets.
// DOM positions are UTF-16 offsets inside paragraph text; spans sent to the server are
// converted to code points by the caller.

/** The UTF-16 offset of a DOM position inside the painted paragraphs, or null. */
export function offsetOf(paras, view, node, offset) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const row = element?.closest(".para");
  if (!row || !paras.contains(row)) return null;
  const p = view.paragraphs[Number(row.dataset.i)];
  const body = row.querySelector(".ptext");
  if (!body.contains(node)) {  // on the row itself: before or after the paragraph's text
    return node === row && offset > [...row.childNodes].indexOf(body) ? p.e16 : p.s16;
  }
  const range = document.createRange();
  range.setStart(body, 0);
  range.setEnd(node, offset);
  return p.s16 + range.toString().length;
}

/** The current mouse selection as a trimmed UTF-16 span [s, e), or null. */
export function textSelection(paras, view) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  let s = offsetOf(paras, view, range.startContainer, range.startOffset);
  let e = offsetOf(paras, view, range.endContainer, range.endOffset);
  if (s === null || e === null) return null;
  const text = view.text;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return s < e ? { s16: s, e16: e } : null;
}

/** A DOM position for a UTF-16 offset (snapping into the nearest paragraph text). */
export function positionOf(rows, view, u16) {
  const ps = view.paragraphs;
  let lo = 0;
  let hi = ps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid].e16 < u16) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= ps.length) lo = ps.length - 1;
  const p = ps[lo];
  const body = rows[lo].querySelector(".ptext");
  let left = Math.max(0, Math.min(u16, p.e16) - p.s16);
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (left <= node.length) return [node, left];
    left -= node.length;
    last = node;
  }
  return last ? [last, last.length] : [body, 0];
}

/** A DOM Range covering a UTF-16 span, for the pending-selection highlight. */
export function rangeOf(rows, view, s16, e16) {
  const range = document.createRange();
  const [startNode, startOffset] = positionOf(rows, view, s16);
  const [endNode, endOffset] = positionOf(rows, view, e16);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

/** Show (or clear) the pending selection with the CSS Custom Highlight API where present. */
export function markPending(range) {
  if (!window.CSS?.highlights) return;
  if (range) CSS.highlights.set("pending", new Highlight(range));
  else CSS.highlights.delete("pending");
}
