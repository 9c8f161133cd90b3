// Live updates of the document page: every few seconds (while the page is visible) ask what
// changed since the last answer (GET /api/codings/since); other coders' new, removed or
// recoded codings are painted without reloading. The server answers only what this person
// may see, so a blind round stays blind.
import { api } from "./common.js";

const EVERY_MS = 3000;

/** Follow the codings of the document shown by ``doc`` (a Transcript). */
export function follow(doc, name) {
  let mark = "";
  let busy = false;
  async function poll() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const url = `/api/codings/since?document=${encodeURIComponent(name)}&since=${encodeURIComponent(mark)}`;
      const before = new Set(doc.byId.keys()); // what this page held when it asked
      const answer = await api("GET", url);
      mark = answer.mark;
      if (answer.codings) merge(doc, answer.codings, before);
    } catch {
      // offline or the document is gone: try again at the next tick
    } finally {
      busy = false;
    }
  }
  poll();
  window.setInterval(poll, EVERY_MS);
  document.addEventListener("visibilitychange", poll);
}

/** Paint the server's list: only codings the page held before asking can go (one applied
 * meanwhile stays), only codings it never held come (one removed meanwhile stays gone). */
function merge(doc, codings, before) {
  const now = new Map(codings.map((c) => [c.id, c]));
  const gone = doc.all.filter((c) => before.has(c.id) && !now.has(c.id));
  if (gone.length) doc.drop(gone);
  const fresh = codings.filter((c) => !doc.byId.has(c.id) && !before.has(c.id));
  if (fresh.length) doc.add(fresh);
  for (const c of codings) {
    const held = doc.byId.get(c.id);
    if (held && held.code !== c.code) doc.recode(c.id, c.code);
  }
  if (gone.length || fresh.length) window.__stemmen.live = (window.__stemmen.live || 0) + 1;
}
