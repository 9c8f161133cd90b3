// The codebook sidebar: type-ahead filter, arrows to move, Enter to apply, checkboxes to
// apply several codes at once. Built with textContent only.

import { el, t } from "./common.js";

export class Picker {
  constructor(input, list, applyButton, onApply) {
    this.input = input;
    this.list = list;
    this.applyButton = applyButton;
    this.onApply = onApply;
    this.codes = [];
    this.counts = new Map();
    this.shown = [];
    this.active = 0;
    this.checked = new Set();
    input.addEventListener("input", () => { this.active = 0; this.render(); });
    input.addEventListener("keydown", (event) => this.key(event));
    list.addEventListener("click", (event) => this.click(event));
    applyButton.addEventListener("click", () => {
      if (this.checked.size) this.onApply([...this.checked]);
    });
  }

  setCodes(codes, counts) {
    this.codes = codes;
    this.counts = counts;
    this.render();
  }

  /** Codes matching the typed text: names starting with it first, then containing it. */
  matches() {
    const query = this.input.value.trim().toLowerCase();
    if (!query) return this.codes;
    const starts = [];
    const contains = [];
    const elsewhere = [];
    for (const code of this.codes) {
      const name = code.name.toLowerCase();
      if (name.startsWith(query)) starts.push(code);
      else if (name.includes(query)) contains.push(code);
      else if ((code.category || "").toLowerCase().includes(query)) elsewhere.push(code);
    }
    return [...starts, ...contains, ...elsewhere];
  }

  render() {
    this.shown = this.matches();
    this.active = Math.min(this.active, Math.max(0, this.shown.length - 1));
    const fragment = document.createDocumentFragment();
    let category;
    const grouped = !this.input.value.trim();
    this.shown.forEach((code, i) => {
      if (grouped && code.category !== category) {
        category = code.category;
        fragment.append(el("li", { className: "cat", role: "presentation" },
          category || t("Without category")));
      }
      // A drawn box, not an <input>: the option itself carries the checked state
      // (aria-selected of a multi-select listbox), so no control is nested in another.
      const box = el("span", { className: "box", "aria-hidden": "true",
        title: t("Check to apply several codes at once") });
      box.dataset.code = code.name;
      const swatch = el("span", { className: "swatch" });
      swatch.style.backgroundColor = code.colour || "#888";
      const count = this.counts.get(code.name) || 0;
      const checked = this.checked.has(code.name);
      const item = el("li", { id: `code-opt-${i}`, className: "code-option", role: "option",
        "aria-selected": String(checked), title: code.definition || "" },
        box, swatch, el("span", { className: "name" }, code.name),
        count ? el("span", { className: "count" }, count) : null);
      item.dataset.code = code.name;
      if (i === this.active) item.classList.add("active");
      if (checked) item.classList.add("checked");
      fragment.append(item);
    });
    if (!this.shown.length) fragment.append(el("li", { className: "empty" }, t("No code matches.")));
    this.list.replaceChildren(fragment);
    this.input.setAttribute("aria-activedescendant", this.shown.length ? `code-opt-${this.active}` : "");
    this.applyButton.disabled = this.checked.size === 0;
    this.applyButton.textContent = this.checked.size
      ? t("Apply {n} checked code(s)", { n: this.checked.size }) : t("Apply checked codes");
  }

  move(step) {
    if (!this.shown.length) return;
    this.active = (this.active + step + this.shown.length) % this.shown.length;
    this.render();
    this.list.querySelector(".active")?.scrollIntoView({ block: "nearest" });
  }

  key(event) {
    if (event.key === "ArrowDown") { event.preventDefault(); this.move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); this.move(-1); }
    else if (event.key === "Enter") {
      event.preventDefault();
      const code = this.shown[this.active];
      if (event.shiftKey && code) { this.toggle(code.name); return; }
      if (code) this.onApply([code.name]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation(); // leave the picker, keep the selection
      this.input.value = "";
      this.render();
      this.onEscape?.();
    }
  }

  toggle(name) {
    if (this.checked.has(name)) this.checked.delete(name);
    else this.checked.add(name);
    this.render();
  }

  click(event) {
    const item = event.target.closest("li.code-option");
    if (!item) return;
    if (event.target.closest(".box")) { this.toggle(item.dataset.code); return; }
    this.onApply([item.dataset.code]);
  }

  clearChecked() {
    this.checked.clear();
    this.render();
  }

  focus() {
    this.input.focus();
    this.input.select();
  }
}

const RECENT_KEY = "stemmen-recent-codes";

/** The codes used last (newest first), kept in this browser: keys 1–9 apply them. */
export class RecentCodes {
  constructor(list, onApply) {
    this.list = list;
    this.onApply = onApply;
    this.names = [];
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-code]");
      if (button) this.onApply([button.dataset.code]);
    });
  }

  /** Start from this browser's list, else from ``seed`` (e.g. my codings here, newest
   * first); only codes of the codebook count. */
  load(codes, colours, seed) {
    this.codes = new Set(codes.map((c) => c.name));
    this.colours = colours;
    let stored = [];
    try { stored = JSON.parse(localStorage.getItem(RECENT_KEY) || "[]"); } catch { stored = []; }
    this.names = [...new Set([...(Array.isArray(stored) ? stored : []), ...seed])]
      .filter((name) => this.codes.has(name)).slice(0, 9);
    this.render();
  }

  used(names) {
    this.names = [...new Set([...names, ...this.names])].filter((n) => this.codes.has(n)).slice(0, 9);
    try { localStorage.setItem(RECENT_KEY, JSON.stringify(this.names)); } catch { /* private mode */ }
    this.render();
  }

  /** The Nth recent code (1-based), or undefined. */
  nth(n) { return this.names[n - 1]; }

  render() {
    const items = this.names.map((name, i) => {
      const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = this.colours.get(name) || "#888";
      const button = el("button", { type: "button", className: "secondary small recent-code",
        "aria-keyshortcuts": String(i + 1), title: t("Apply {code} (key {n})", { code: name, n: i + 1 }) },
      el("kbd", {}, i + 1), swatch, name);
      button.dataset.code = name;
      return el("li", {}, button);
    });
    if (!items.length) items.push(el("li", { className: "muted small" }, t("Codes you apply appear here, numbered 1–9.")));
    this.list.replaceChildren(...items);
  }
}
