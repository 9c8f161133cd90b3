// Undo for the document view: each step restores what one action changed, with ONE call of
// the project API (one transaction): applied codings are removed, removed codings are
// created again (same span, code and coder), a changed code is changed back.

import { api } from "./common.js";

const plain = (c) => ({ id: c.id, code: c.code, coder: c.coder, start: c.start, end: c.end,
  at: c.at });

export class Undo {
  /** ``doc`` is the Transcript; ``onChange(size)`` keeps the button in step. */
  constructor(doc, onChange) {
    this.doc = doc;
    this.onChange = onChange;
    this.steps = [];
    this.chain = Promise.resolve();
  }

  applied(codings) { this.push({ kind: "apply", codings: codings.map(plain) }); }

  removed(codings) { this.push({ kind: "remove", codings: codings.map(plain) }); }

  changed(id, from, to) { this.push({ kind: "change", id, from, to }); }

  push(step) {
    this.steps.push(step);
    this.onChange(this.steps.length);
  }

  get size() { return this.steps.length; }

  /** Undo the last step; resolves with its kind, or null when there is nothing to undo.
   * Undos run one after another: pressing u twice quickly undoes two steps. */
  undo() {
    const run = this.chain.then(() => this.undoNow());
    this.chain = run.catch(() => {});
    return run;
  }

  async undoNow() {
    const step = this.steps.at(-1);
    if (!step) return null;
    const doc = this.doc;
    if (step.kind === "apply") {
      const ids = step.codings.map((c) => c.id);
      if (ids.length === 1) await api("DELETE", `/api/codings/${ids[0]}`);
      else await api("POST", "/api/codings/remove", { ids });
      doc.drop(ids.map((id) => doc.byId.get(id)).filter(Boolean));
    } else if (step.kind === "remove") {
      const answer = await api("POST", "/api/codings/restore",
        { document: doc.view.name, codings: step.codings });
      this.renumber(step.codings, answer.codings);
      doc.add(answer.codings);
    } else {
      await api("POST", `/api/codings/${step.id}/code`, { code: step.from });
      doc.recode(step.id, step.from);
    }
    this.steps.pop();
    this.onChange(this.steps.length);
    return step.kind;
  }

  /** Restored codings have new ids: earlier steps that name the old ones follow them. */
  renumber(before, after) {
    const ids = new Map(before.map((c, i) => [c.id, after[i]?.id]));
    for (const step of this.steps) {
      if (step.codings) for (const c of step.codings) c.id = ids.get(c.id) ?? c.id;
      if (step.id !== undefined) step.id = ids.get(step.id) ?? step.id;
    }
  }
}
