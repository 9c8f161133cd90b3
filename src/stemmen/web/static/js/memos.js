// Memos on the document or on a selected segment: written from the side panel, listed in
// the order of the text (memos on the whole document first), each with its paragraph, and
// editable and deletable in place. Segment memos are marked in the margin of their paragraph.

import { api, confirmBox, el, lang, t, toast } from "./common.js";

const position = (m) => (m.start === null || m.start === undefined ? -1 : m.start);

export class Memos {
  /** ``where(memo)`` names a memo's paragraph; ``goTo(start, end)`` shows its segment;
   * ``onChange(memos)`` follows every change (the margin marks). */
  constructor(list, form, { documentName, getSpan, goTo, where, onChange }) {
    this.list = list;
    this.form = form;
    this.documentName = documentName;
    this.getSpan = getSpan;
    this.goTo = goTo;
    this.where = where;
    this.onChange = onChange;
    this.memos = [];
    form.addEventListener("submit", (event) => { event.preventDefault(); this.submit(); });
  }

  render(memos) {
    this.memos = [...memos].sort((a, b) => position(a) - position(b) || a.id - b.id);
    const items = this.memos.map((memo) => this.item(memo));
    if (!items.length) items.push(el("li", { className: "muted" }, t("No memos yet.")));
    this.list.replaceChildren(...items);
    this.onChange(this.memos);
  }

  item(memo) {
    const head = el("p", { className: "memo-head" });
    if (memo.title) head.append(el("strong", {}, memo.title), " ");
    const date = memo.at ? new Date(memo.at).toLocaleDateString(lang) : "";
    head.append(el("span", { className: "muted small" }, [memo.author, date].filter(Boolean).join(" · ")));
    const actions = el("div", { className: "row memo-actions" });
    if (memo.start !== null && memo.start !== undefined) {
      const link = el("button", { type: "button", className: "link small" },
        t("Go to {where}", { where: this.where(memo) }));
      link.addEventListener("click", () => this.goTo(memo.start, memo.end));
      actions.append(link);
    } else {
      actions.append(el("span", { className: "muted small" }, t("On the whole document")));
    }
    const edit = el("button", { type: "button", className: "secondary small" }, t("Edit"));
    const remove = el("button", { type: "button", className: "secondary small" }, t("Delete"));
    edit.addEventListener("click", () => this.edit(memo));
    remove.addEventListener("click", () => this.remove(memo));
    actions.append(edit, remove);
    const item = el("li", { className: "memo", id: `memo-${memo.id}`, tabIndex: -1 }, head,
      el("p", { className: "memo-text" }, memo.text), actions);
    item.dataset.id = memo.id;
    return item;
  }

  /** Turn a memo into a small form: title and text, Save or Cancel. */
  edit(memo) {
    const item = this.list.querySelector(`#memo-${memo.id}`);
    const title = el("input", { name: "title", value: memo.title || "", maxLength: 300 });
    const text = el("textarea", { name: "text", rows: 4, required: true, value: memo.text });
    const cancel = el("button", { type: "button", className: "secondary small" }, t("Cancel"));
    const form = el("form", { className: "stack memo-edit" },
      el("label", {}, t("Title"), title), el("label", {}, t("Memo"), text),
      el("div", { className: "row" }, el("button", { className: "small" }, t("Save")), cancel));
    cancel.addEventListener("click", () => this.render(this.memos));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const answer = await api("POST", `/api/memos/${memo.id}`,
          { title: title.value, text: text.value });
        this.render(this.memos.map((m) => (m.id === memo.id ? answer.memo : m)));
        toast(t("Memo saved."));
      } catch (error) { toast(error.message, "error"); }
    });
    item.replaceChildren(form);
    text.focus();
  }

  async remove(memo) {
    if (!await confirmBox(t("Delete this memo?"), t("Delete"))) return;
    try {
      await api("DELETE", `/api/memos/${memo.id}`);
      this.render(this.memos.filter((m) => m.id !== memo.id));
      toast(t("Memo deleted."));
    } catch (error) { toast(error.message, "error"); }
  }

  /** Show the memos that start in a paragraph: focus the first of them in the panel. */
  reveal(start, end) {
    const found = this.memos.find((m) => m.start !== null && m.start >= start && m.start < end);
    const item = found && this.list.querySelector(`#memo-${found.id}`);
    if (!item) return;
    item.scrollIntoView({ block: "nearest" });
    item.focus();
    item.classList.add("flash");
    setTimeout(() => item.classList.remove("flash"), 2000);
  }

  /** Keep the "on the selected text" box in step with the selection (checked when there
   * is one: select text, then write the memo). */
  selectionChanged(hasSelection) {
    const box = this.form.elements.on_selection;
    box.disabled = !hasSelection;
    box.checked = hasSelection;
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
