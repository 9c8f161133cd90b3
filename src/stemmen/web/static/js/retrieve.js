// Retrieval results: show or hide the paragraphs around a segment, fetched on demand;
// "Show more" fetches the next page of segments (only those) and adds them to the list.

import { api, el, paintSwatches, t, toast } from "./common.js";

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

async function showMore(link) {
  const list = document.querySelector("ol.segments");
  const paragraph = link.closest(".show-more");
  link.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(link.dataset.next, { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    const fetched = new DOMParser().parseFromString(await response.text(), "text/html");
    const items = [...fetched.querySelectorAll("ol.segments > li.segment")];
    if (!items.length) { location.href = link.href; return; } // still being retrieved
    const added = items.map((item) => document.adoptNode(item));
    list.append(...added);
    paintSwatches(list);
    const next = fetched.querySelector(".show-more");
    if (next) paragraph.replaceWith(document.adoptNode(next));
    else paragraph.remove();
    added[0].querySelector("a.jump")?.focus();
  } catch (error) {
    location.href = link.href; // the page itself lists them all up to there
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest(".context-toggle");
  if (button) { toggle(button); return; }
  const more = event.target.closest(".show-more a[data-next]");
  if (more) { event.preventDefault(); showMore(more); }
});
