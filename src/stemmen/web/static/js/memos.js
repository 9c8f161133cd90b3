// Memos on the document or on a selected segment.

import { api, el, lang, t, toast } from "./common.js";

export class Memos {
  constructor(list, form, documentName, getSpan, goTo) {
    this.list = list;
    this.form = form;
    this.documentName = documentName;
    this.getSpan = getSpan;
    this.goTo = goTo;
    form.addEventListener("submit", (event) => { event.preventDefault(); this.submit(); });
  }

  render(memos) {
    this.memos = memos;
    const items = memos.map((memo) => this.item(memo));
    if (!items.length) items.push(el("li", { className: "muted" }, t("No memos yet.")));
    this.list.replaceChildren(...items);
  }

  item(memo) {
    const head = el("p", { className: "memo-head" });
    if (memo.title) head.append(el("strong", {}, memo.title), " ");
    const date = memo.at ? new Date(memo.at).toLocaleDateString(lang) : "";
    head.append(el("span", { className: "muted small" }, [memo.author, date].filter(Boolean).join(" · ")));
    if (memo.start !== null && memo.start !== undefined) {
      const link = el("button", { type: "button", className: "link small" }, t("Go to segment"));
      link.addEventListener("click", () => this.goTo(memo.start, memo.end));
      head.append(" ", link);
    }
    return el("li", { className: "memo" }, head, el("p", { className: "memo-text" }, memo.text));
  }

  /** Keep the "on the selected text" box in step with the selection. */
  selectionChanged(hasSelection) {
    const box = this.form.elements.on_selection;
    box.disabled = !hasSelection;
    if (!hasSelection) box.checked = false;
  }

  async submit() {
    const fields = this.form.elements;
    const data = { document: this.documentName, title: fields.title.value, text: fields.text.value };
    const span = fields.on_selection.checked ? this.getSpan() : null;
    if (span) Object.assign(data, span);
    try {
      const answer = await api("POST", "/api/memos", data);
      this.render([...this.memos, answer.memo]);
      this.form.reset();
      this.selectionChanged(Boolean(this.getSpan()));
      toast(t("Memo saved."));
    } catch (error) { toast(error.message, "error"); }
  }

  focus() { this.form.elements.text.focus(); }
}
