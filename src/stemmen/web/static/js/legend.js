// The document's legend (the codes painted, with colour and count; a click picks out one
// code) and the coder filter (all coders, only mine, or chosen coders).

import { el, t } from "./common.js";

// The codes' labels in the page's language (project.labels.lookup), else their names.
const LABELS = JSON.parse(document.getElementById("code-labels")?.textContent || "{}");

export class Legend {
  constructor(list, onSpot) {
    this.list = list;
    this.onSpot = onSpot;
    this.spot = null;
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-code]");
      if (!button) return;
      this.spot = this.spot === button.dataset.code ? null : button.dataset.code;
      this.onSpot(this.spot);
      this.mark();
    });
  }

  /** ``codes``: the codebook (its order); ``counts``: Map code → painted codings. */
  render(codes, counts, colours) {
    const items = codes.filter((code) => counts.get(code.name)).map((code) => {
      const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = colours.get(code.name) || "#888";
      const button = el("button", { type: "button", className: "legend-code",
        title: code.definition || "", "aria-pressed": "false" },
      swatch, el("span", { className: "name" }, LABELS[code.name] || code.name),
      el("span", { className: "count" }, counts.get(code.name)));
      button.dataset.code = code.name;
      return el("li", {}, button);
    });
    if (this.spot && !counts.get(this.spot)) { this.spot = null; this.onSpot(null); }
    if (!items.length) items.push(el("li", { className: "muted small" }, t("No codings shown.")));
    this.list.replaceChildren(...items);
    const total = document.getElementById("legend-total");
    if (total) total.textContent = `(${codes.filter((code) => counts.get(code.name)).length})`;
    this.mark();
  }

  mark() {
    for (const button of this.list.querySelectorAll("button[data-code]")) {
      button.setAttribute("aria-pressed", String(button.dataset.code === this.spot));
    }
  }
}

export class CoderFilter {
  /** ``form`` holds the radios (view: all / mine / coders) and a list for the coders. */
  constructor(form, list, note, onChange) {
    this.form = form;
    this.list = list;
    this.note = note;
    this.onChange = onChange;
    this.chosen = new Set();
    form.addEventListener("change", (event) => {
      if (event.target.name === "coder") {
        const boxes = [...list.querySelectorAll("input[name=coder]")];
        this.chosen = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
        form.elements.view.value = "coders";
      } else if (event.target.value === "coders" && !this.chosen.size) {
        this.chosen = new Set([...list.querySelectorAll("input[name=coder]")].map((b) => b.value));
      }
      this.changed();
    });
  }

  /** Start from a choice as the server read it from the URL: all, mine, coders:a,b. */
  start(choice, counts) {
    const [mode, names] = choice.startsWith("coders:") ? ["coders", choice.slice(7).split(",")]
      : [choice === "mine" ? "mine" : "all", [...counts.keys()]];
    this.chosen = new Set(names);
    this.form.elements.view.value = mode;
    return { mode, coders: [...this.chosen] };
  }

  changed() {
    const mode = this.form.elements.view.value;
    const choice = mode === "coders" ? `coders:${[...this.chosen].join(",")}` : mode;
    const url = new URL(location.href);
    if (choice === "all") url.searchParams.delete("view");
    else url.searchParams.set("view", choice);
    history.replaceState(null, "", url);
    this.onChange(mode, [...this.chosen]);
  }

  /** The coders' checkboxes with their counts, and the note on hidden codings. */
  render(counts, me, hidden) {
    const names = [...new Set([...counts.keys(), me])].sort();
    const mode = this.form.elements.view.value;
    this.list.replaceChildren(...names.map((name) => {
      const box = el("input", { type: "checkbox", name: "coder", value: name,
        checked: mode === "all" || (mode === "mine" ? name === me : this.chosen.has(name)) });
      return el("li", {}, el("label", { className: "check" }, box,
        t("{coder} ({n})", { coder: name, n: counts.get(name) || 0 })));
    }));
    this.note.textContent = hidden > 0 ? t("{n} coding(s) by other coders hidden.", { n: hidden }) : "";
  }
}
