// Queries page: heat map toggle, collapsible categories, a cell's segments in a side panel,
// saving and deleting queries. Tables and downloads come from the server.

import "/static/js/background.js";  // the result computed in the background
import { api, confirmBox, el, flashAfterReload, t, toast } from "./common.js";

const state = JSON.parse(document.getElementById("query-state")?.textContent || "{}");
const HEAT_KEY = "stemmen-heat";
const panel = document.getElementById("cell-panel");
let opener = null;

function setHeat(on) {
  for (const table of document.querySelectorAll("table.matrix")) table.classList.toggle("heat", on);
  for (const legend of document.querySelectorAll(".heat-legend")) legend.hidden = !on;
  for (const button of document.querySelectorAll(".heat-toggle")) button.setAttribute("aria-pressed", String(on));
  localStorage.setItem(HEAT_KEY, on ? "1" : "0");
}

function toggleGroup(button) {
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  for (const row of button.closest("tbody").querySelectorAll("tr:not(.group-head)")) row.hidden = !open;
}

function segmentItem(s) {
  const paragraphs = s.paragraphs[0] === s.paragraphs[1] ? `¶${s.paragraphs[0]}` : `¶${s.paragraphs[0]}–${s.paragraphs[1]}`;
  const href = `/documents/${encodeURIComponent(s.document)}?at=${s.start}-${s.end}&view=all`;
  return el("li", { className: "segment" },
    el("p", { className: "seg-head" }, el("strong", {}, s.code),
      el("a", { className: "jump", href }, `${s.document} ${paragraphs}`),
      el("span", { className: "muted" }, s.coder)),
    el("blockquote", { className: "quote" }, `“${s.text}” `, el("span", { className: "attribution" }, s.attribution)));
}

async function openCell(button) {
  const query = new URLSearchParams(state.query || "");
  query.set("row", button.dataset.row);
  query.set("column", button.dataset.column);
  opener = button;
  document.getElementById("cell-title").textContent = `${button.dataset.row} × ${button.dataset.column}`;
  document.getElementById("cell-count").textContent = t("Loading…");
  document.getElementById("cell-segments").replaceChildren();
  panel.hidden = false;
  panel.focus();
  try {
    const answer = await api("GET", `/api/queries/cell?${query}`);
    document.getElementById("cell-count").textContent = t("{n} segment(s)", { n: answer.count });
    document.getElementById("cell-segments").replaceChildren(...answer.segments.map(segmentItem));
  } catch (error) {
    document.getElementById("cell-count").textContent = "";
    toast(error.message, "error");
  }
}

function closeCell() {
  panel.hidden = true;
  opener?.focus();
}

async function save(event) {
  event.preventDefault();
  const name = event.target.elements.name.value.trim();
  if (!name) return;
  try {
    await api("POST", "/api/queries/save", { name, kind: state.kind, params: state.params });
    flashAfterReload(t("Saved as “{name}”.", { name }));
  } catch (error) { toast(error.message, "error"); }
}

async function remove(button) {
  const name = button.closest("li").dataset.name;
  if (!await confirmBox(t("Delete the saved query “{name}”?", { name }), t("Delete"))) return;
  try {
    await api("POST", "/api/queries/delete", { name });
    flashAfterReload(t("Deleted “{name}”.", { name }));
  } catch (error) { toast(error.message, "error"); }
}

document.addEventListener("click", (event) => {
  const target = event.target.closest("button");
  if (!target) return;
  if (target.classList.contains("heat-toggle")) setHeat(target.getAttribute("aria-pressed") !== "true");
  else if (target.classList.contains("group-toggle")) toggleGroup(target);
  else if (target.classList.contains("cell-open")) openCell(target);
  else if (target.id === "cell-close") closeCell();
  else if (target.classList.contains("delete-saved")) remove(target);
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !panel.hidden) closeCell();
});
document.getElementById("save-form")?.addEventListener("submit", save);
if (localStorage.getItem(HEAT_KEY) === "1") setHeat(true);
