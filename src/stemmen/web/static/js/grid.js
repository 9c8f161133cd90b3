// A spreadsheet-like grid over one sheet: arrow keys, Tab, Enter, Home/End move; typing or
// Enter/F2 edits a cell; Enter/Tab saves, Escape cancels; Delete clears; a pasted block of
// tab-separated lines fills the cells from the focused one (creating rows where the sheet
// allows). Every commit or paste becomes ONE list of row edits handed to `onSave`.

import { el, t } from "./common.js";

/** Tab-separated lines (as a spreadsheet copies them) → rows of cells. */
export function parseBlock(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => line.split("\t"));
}

export class Grid {
  /** `options`: {label, labels, onSave(edits) → Promise, onUndo()}. */
  constructor(root, sheet, options) {
    this.root = root;
    this.options = options;
    this.pos = { r: 0, c: 0 };
    this.draft = {};
    this.editing = null;
    this.typed = null;  // while a save runs: the keys typed meanwhile, replayed after it
    this.load(sheet);
  }

  load(sheet) {
    this.sheet = sheet;
    this.rows = [...sheet.rows];
    if (sheet.create) this.rows.push({ key: null, cells: { ...this.draft }, isNew: true });
    this.pos.r = Math.min(this.pos.r, Math.max(this.rows.length - 1, 0));
    this.pos.c = Math.min(this.pos.c, sheet.columns.length - 1);
    this.render();
  }

  label(text) { return this.options.labels[text] ?? text; }

  columnLabel(col) { return col.label ? this.label(col.label) : col.name; }

  display(col, value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return this.label(value ? "yes" : "no");
    return String(value);
  }

  render() {
    const head = el("tr", {}, ...this.sheet.columns.map((col) => el("th", { scope: "col" },
      this.columnLabel(col),
      col.type !== "text" || col.id.startsWith("a:") ? el("span", { className: "type" },
        ` ${this.label(col.type)}`) : null)));
    const body = this.rows.map((row, r) => el("tr", { className: row.isNew ? "new-row" : "" },
      ...this.sheet.columns.map((col, c) => {
        const cell = el("td", { role: "gridcell", tabIndex: -1, dataset: { r, c } },
          this.display(col, row.cells[col.id]));
        if (col.readonly) cell.setAttribute("aria-readonly", "true");
        if (row.isNew && c === 0) cell.setAttribute("aria-label", t("New row: {column}", { column: this.columnLabel(col) }));
        return cell;
      })));
    this.table = el("table", { className: "sheet", role: "grid", "aria-label": this.options.label },
      el("thead", {}, head), el("tbody", {}, ...body));
    this.table.addEventListener("keydown", (event) => this.onKey(event));
    this.table.addEventListener("paste", (event) => this.onPaste(event));
    this.table.addEventListener("click", (event) => {
      const cell = event.target.closest("td[role=gridcell]");
      if (cell && !this.editing) this.focus(+cell.dataset.r, +cell.dataset.c);
    });
    this.table.addEventListener("dblclick", (event) => {
      if (event.target.closest("td[role=gridcell]")) this.edit();
    });
    this.root.replaceChildren(this.table);
    this.editing = null;
    this.cell().tabIndex = 0;
  }

  cell(r = this.pos.r, c = this.pos.c) {
    return this.table.querySelector(`td[data-r="${r}"][data-c="${c}"]`);
  }

  focus(r, c) {
    r = Math.max(0, Math.min(r, this.rows.length - 1));
    c = Math.max(0, Math.min(c, this.sheet.columns.length - 1));
    this.cell().tabIndex = -1;
    this.pos = { r, c };
    const cell = this.cell();
    cell.tabIndex = 0;
    cell.focus();
  }

  onKey(event) {
    if (this.typed) {  // a save is running: keep the keys for the cell it moves to
      const typing = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (typing || event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        this.typed.push({ key: event.key, shiftKey: event.shiftKey });
      }
      return;
    }
    if (this.editing) return;
    const { r, c } = this.pos;
    const last = this.sheet.columns.length - 1;
    const moves = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1], Home: [r, 0], End: [r, last] };
    if (moves[event.key]) { event.preventDefault(); this.focus(...moves[event.key]); return; }
    if (event.key === "Tab" && (event.shiftKey ? c > 0 : c < last)) {
      event.preventDefault();
      this.focus(r, c + (event.shiftKey ? -1 : 1));
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      this.edit();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      this.commit("", null);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
      event.preventDefault();
      this.options.onUndo?.();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.edit(event.key);
    }
  }

  column() { return this.sheet.columns[this.pos.c]; }

  row() { return this.rows[this.pos.r]; }

  /** Open the editor in the focused cell, with `start` typed or the current value. */
  edit(start) {
    const col = this.column();
    if (col.readonly) { this.options.onMessage?.(t("This column cannot be edited here.")); return; }
    const cell = this.cell();
    const current = this.display(col, this.row().cells[col.id]);
    const input = el("input", { value: start ?? current, className: "cell-editor",
      "aria-label": `${this.columnLabel(col)}, ${this.rowLabel(this.pos.r)}` });
    const list = col.list ? `list-${col.list}` : col.choices?.length || col.type === "boolean" ? `choices-${col.id}` : "";
    if (list) input.setAttribute("list", list);
    if (col.type === "date") input.placeholder = "YYYY-MM-DD";
    this.editing = { input, original: current };
    cell.replaceChildren(input);
    cell.classList.add("editing");
    input.focus();
    if (start === undefined) input.select();
    input.addEventListener("keydown", (event) => {
      if (this.editing?.input !== input) return;  // saved already: onKey keeps the key
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); this.cancel(); }
      else if (event.key === "Enter") { event.preventDefault(); event.stopPropagation(); this.commit(input.value, [1, 0]); }
      else if (event.key === "Tab") { event.preventDefault(); event.stopPropagation(); this.commit(input.value, [0, event.shiftKey ? -1 : 1]); }
    });
    input.addEventListener("blur", () => { if (this.editing?.input === input) this.commit(input.value, null, true); });
  }

  rowLabel(r) {
    const row = this.rows[r];
    return row.isNew ? t("new row") : row.key.join(" / ");
  }

  cancel() {
    const { r, c } = this.pos;
    this.editing = null;
    const cell = this.cell();
    cell.classList.remove("editing");
    cell.textContent = this.display(this.sheet.columns[c], this.rows[r].cells[this.sheet.columns[c].id]);
    this.focus(r, c);
  }

  /** Save one cell (or keep it in the new row's draft until its required cells are filled). */
  async commit(value, move, quiet = false) {
    const col = this.column();
    const { r, c } = this.pos;
    const row = this.row();
    const unchanged = this.editing ? value === this.editing.original : false;
    if (col.readonly || (unchanged && !row.isNew)) { if (this.editing) this.cancel(); this.after(move); return; }
    if (row.isNew) {
      this.draft[col.id] = value;
      row.cells[col.id] = value;
      const missing = this.sheet.columns.filter((x) => x.required && !String(this.draft[x.id] ?? "").trim());
      if (missing.length) {
        this.editing = null;
        this.cell().classList.remove("editing");
        this.cell().textContent = value;
        this.options.onMessage?.(t("Fill in {column} to add the row.", { column: this.columnLabel(missing[0]) }));
        if (!quiet) this.after(move);
        return;
      }
      const edit = this.newEdit(this.draft);
      this.draft = {};
      await this.save([edit], move, r, c);
      return;
    }
    const edit = { key: row.key, fields: {}, attributes: {} };
    this.put(edit, col, value);
    await this.save([edit], move, r, c, quiet ? null : value);
  }

  after(move) { if (move) this.focus(this.pos.r + move[0], this.pos.c + move[1]); }

  put(edit, col, value) {
    (col.id.startsWith("a:") ? edit.attributes : edit.fields)[col.name] = value;
  }

  newEdit(cells) {
    const edit = { key: null, fields: {}, attributes: {} };
    for (const col of this.sheet.columns) if (col.id in cells) this.put(edit, col, cells[col.id]);
    return edit;
  }

  async save(edits, move, r, c, retry) {
    this.editing = null;
    this.typed = [];
    try {
      await this.options.onSave(edits);
      const typed = this.typed;
      this.typed = null;
      this.focus(r + (move?.[0] || 0), c + (move?.[1] || 0));
      this.replay(typed);
    } catch (error) {
      this.typed = null;
      this.focus(r, c);
      if (retry !== null && retry !== undefined && edits.length === 1) this.edit(retry);
      this.options.onError?.(error, edits);
    }
  }

  /** Keys typed during a save, as if typed now: text opens the editor, Enter or Tab commits
   * it (a fast typist's next cell is not lost, nor written into the cell just saved). */
  replay(keys) {
    if (!keys.length) return;
    const stop = keys.findIndex((k) => k.key.length !== 1);
    const text = keys.slice(0, stop < 0 ? keys.length : stop).map((k) => k.key).join("");
    if (text) this.edit(text);
    if (stop < 0) return;
    const [next, ...later] = keys.slice(stop);
    const target = this.editing ? this.editing.input : this.cell();
    target.dispatchEvent(new KeyboardEvent("keydown", { key: next.key, shiftKey: next.shiftKey,
      bubbles: true, cancelable: true }));
    if (this.typed) this.typed.push(...later);  // that key started another save
    else this.replay(later);
  }

  onPaste(event) {
    if (this.editing) return;
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (!text) return;
    event.preventDefault();
    const block = parseBlock(text);
    const { r, c } = this.pos;
    const columns = this.sheet.columns;
    const width = Math.max(...block.map((line) => line.length));
    if (c + width > columns.length) { this.options.onMessage?.(t("The pasted block is wider than the table."), true); return; }
    const locked = columns.slice(c, c + width).find((col) => col.readonly);
    if (locked) { this.options.onMessage?.(t("Column {column} cannot be edited here.", { column: this.columnLabel(locked) }), true); return; }
    const existing = this.sheet.rows.length;
    if (!this.sheet.create && r + block.length > existing) {
      this.options.onMessage?.(t("The pasted block has more rows than the table."), true);
      return;
    }
    const edits = block.map((line, i) => {
      const target = r + i;
      const cells = {};
      line.forEach((value, j) => { cells[columns[c + j].id] = value; });
      if (target >= existing) return this.newEdit(cells);
      const edit = { key: this.sheet.rows[target].key, fields: {}, attributes: {} };
      for (const col of columns) if (col.id in cells) this.put(edit, col, cells[col.id]);
      return edit;
    });
    this.save(edits, null, r, c);
  }

  /** Mark the cell an error names (edit index of the last save, column name). */
  markError(edits, where) {
    if (!where) return;
    const edit = edits[where.edit];
    if (!edit) return;
    let r = edit.key ? this.sheet.rows.findIndex((row) => row.key.join("\u0000") === edit.key.join("\u0000")) : this.rows.length - 1;
    if (r < 0) r = this.pos.r;
    const inAttributes = edit.attributes && where.column in edit.attributes;
    const id = `${inAttributes ? "a" : "f"}:${where.column}`;
    const c = this.sheet.columns.findIndex((col) => col.id === id || col.name === where.column);
    if (c < 0) return;
    const cell = this.cell(r, c);
    cell.classList.add("bad");
    cell.setAttribute("aria-invalid", "true");
    if (!this.editing) this.focus(r, c);
  }
}
