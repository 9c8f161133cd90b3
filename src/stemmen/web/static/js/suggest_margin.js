// Code suggestions beside a document (a separate module the document page loads): if a
// suggestion model is trained, a "Suggested codes" panel lists the pending suggestions on the
// paragraphs this coder has not coded, apart from the codings. On a focused suggestion, "a"
// accepts it (it becomes your coding: POST /api/suggestions/accept), "r" rejects it
// (POST /api/suggestions/reject), ↓/↑ move between suggestions. Accepting reloads the page so
// the new coding is painted like any other.

import { api, el, flashAfterReload, t, toast } from "/static/js/common.js";

const data = JSON.parse(document.getElementById("doc-data")?.textContent || "null");
const sidebar = document.querySelector(".document-page aside.sidebar");

function stylesheet() {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/static/css/suggestions.css";
  document.head.append(link);
}

function paragraphOf(start) {
  return (data.paragraphs || []).find((p) => p.start <= start && start < p.end);
}

let points = null; // the text as code points: the offsets count code points, not UTF-16 units

function snippet(s) {
  points = points || Array.from(data.text || "");
  const text = points.slice(s.start, s.end).join("").replace(/\s+/g, " ");
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

async function decide(item, verb) {
  const id = Number(item.dataset.id);
  try {
    await api("POST", `/api/suggestions/${verb}`, { id });
  } catch (error) {
    toast(error.message, "error");
    return;
  }
  if (verb === "accept") {
    flashAfterReload(t("Suggestion accepted: it is now your coding."));
    return;
  }
  const next = item.nextElementSibling || item.previousElementSibling;
  item.remove();
  if (next) next.focus();
  toast(t("Suggestion rejected."));
}

function row(s) {
  const para = paragraphOf(s.start);
  const number = para ? para.index : "?";
  const accept = el("button", { type: "button", className: "small", textContent: t("Accept") });
  const reject = el("button", { type: "button", className: "small secondary",
    textContent: t("Reject") });
  const item = el("li", { className: "sg-item", tabIndex: 0 },
    el("span", { className: "sg-code", textContent: s.code }),
    el("span", { className: "sg-prob muted small",
      textContent: t("paragraph {n}, {p}%", { n: number, p: Math.round(s.probability * 100) }) }),
    el("span", { className: "sg-text small", textContent: snippet(s) }),
    el("span", { className: "row" }, accept, reject));
  item.dataset.id = s.id;
  item.setAttribute("aria-label", t("Suggested code {code} on paragraph {n}", {
    code: s.code, n: number }));
  item.setAttribute("aria-keyshortcuts", "a r");
  accept.addEventListener("click", () => decide(item, "accept"));
  reject.addEventListener("click", () => decide(item, "reject"));
  item.addEventListener("focus", () => {
    document.getElementById(`p${number}`)?.scrollIntoView({ block: "nearest" });
  });
  item.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target !== item) return;
    const k = event.key.toLowerCase();
    if (k === "a") decide(item, "accept");
    else if (k === "r") decide(item, "reject");
    else if (k === "arrowdown") item.nextElementSibling?.focus();
    else if (k === "arrowup") item.previousElementSibling?.focus();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
  return item;
}

async function show() {
  if (!data || !sidebar) return;
  let found;
  try {
    found = await api("GET", `/api/suggestions/list?document=${encodeURIComponent(data.name)}`);
  } catch {
    return; // no model trained: nothing to suggest, and nothing to say
  }
  if (!found.suggestions.length) return;
  stylesheet();
  const list = el("ol", { className: "sg-list" }, ...found.suggestions.map(row));
  list.setAttribute("aria-labelledby", "sg-margin-title");
  const panel = el("section", { className: "panel sg-margin" },
    el("h2", { id: "sg-margin-title", textContent: t("Suggested codes") }),
    el("p", { className: "muted small", textContent: t(
      "Not codings until you accept them. On a suggestion: a accepts, r rejects.") }),
    list);
  panel.setAttribute("aria-labelledby", "sg-margin-title");
  sidebar.prepend(panel);
}

show();
