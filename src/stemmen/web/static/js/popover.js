// The coding popover: which codings cover the clicked place, by whom and when; remove one
// or give it another code, or remove all of them at once.

import { el, lang, t } from "./common.js";

const box = () => document.getElementById("popover");

export function closePopover() {
  const node = box();
  if (node && !node.hidden) {
    node.hidden = true;
    node.replaceChildren();
    return true;
  }
  return false;
}

function when(at) {
  if (!at) return "";
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString(lang);
}

function row(coding, codes, colours, actions) {
  const swatch = el("span", { className: "swatch" });
  swatch.style.backgroundColor = colours.get(coding.code) || "#888";
  const select = el("select", { "aria-label": t("Change to another code") },
    ...codes.map((code) => el("option", { value: code.name, selected: code.name === coding.code },
      code.name)));
  const remove = el("button", { type: "button", className: "danger small" }, t("Remove"));
  const change = el("button", { type: "button", className: "secondary small" }, t("Change code"));
  remove.addEventListener("click", () => actions.remove(coding));
  change.addEventListener("click", () => {
    if (select.value !== coding.code) actions.change(coding, select.value);
  });
  return el("li", { className: "pop-coding" },
    el("p", {}, swatch, el("strong", {}, coding.code)),
    el("p", { className: "muted small" }, t("by {coder}, {when}", { coder: coding.coder, when: when(coding.at) }),
      " · ", coding.where || ""),
    el("div", { className: "row" }, remove, select, change));
}

/** Show the codings at a place; ``actions`` has remove(coding), removeAll(codings) and
 * change(coding, code). */
export function showPopover(x, y, codings, codes, colours, actions) {
  const node = box();
  const close = el("button", { type: "button", className: "link close", "aria-label": t("Close") }, "×");
  close.addEventListener("click", closePopover);
  const all = codings.length > 1
    ? el("button", { type: "button", className: "danger small remove-all" },
      t("Remove all {n} here", { n: codings.length }))
    : null;
  all?.addEventListener("click", () => actions.removeAll(codings));
  node.replaceChildren(
    el("div", { className: "pop-head" }, el("h2", {}, t("Codings here")), close),
    el("ul", {}, ...codings.map((c) => row(c, codes, colours, actions))));
  if (all) node.append(el("div", { className: "row pop-foot" }, all));
  node.hidden = false;
  const width = node.offsetWidth;
  const left = Math.min(x, window.scrollX + document.documentElement.clientWidth - width - 12);
  node.style.left = `${Math.max(window.scrollX + 8, left)}px`;
  node.style.top = `${y + 12}px`;
  node.querySelector("button.danger")?.focus();
}
