// Retrieval results: show or hide the paragraphs around a segment, fetched on demand.

import { api, el, t, toast } from "./common.js";

function paragraphs(list) {
  return list.map((p) => el("p", {}, el("span", { className: "pnum-inline" }, `¶${p.index}`), " ", p.text));
}

async function toggle(button) {
  const item = button.closest(".segment");
  const before = item.querySelector(".context.before");
  const after = item.querySelector(".context.after");
  const open = button.getAttribute("aria-expanded") === "true";
  if (!open && !item.dataset.loaded) {
    const query = new URLSearchParams({ name: item.dataset.document, start: item.dataset.start,
      end: item.dataset.end, around: "2" });
    try {
      const answer = await api("GET", `/api/documents/context?${query}`);
      before.replaceChildren(...paragraphs(answer.context.before));
      after.replaceChildren(...paragraphs(answer.context.after));
      item.dataset.loaded = "1";
    } catch (error) { toast(error.message, "error"); return; }
  }
  before.hidden = open;
  after.hidden = open;
  button.setAttribute("aria-expanded", String(!open));
  button.textContent = open ? t("Show context") : t("Hide context");
}

document.addEventListener("click", (event) => {
  const button = event.target.closest(".context-toggle");
  if (button) toggle(button);
});
