// The document page's text panel: edit one paragraph (codings follow the words), list the
// versions of the text with what changed and restore one, and decide about codings and
// memos an edit flagged or detached (keep, reattach to a paragraph, delete).
// Offsets from the server are code points; converter() turns them into string offsets.

import { api, confirmBox, el, flashAfterReload, t, toast } from "./common.js";
import { converter } from "./offsets.js";
import { textSelection } from "./selection.js";

const panel = document.getElementById("text-edit");
const name = panel?.dataset.name || "";
const data = JSON.parse(document.getElementById("doc-data")?.textContent || "{}");
const form = document.getElementById("paragraph-form");
const details = document.getElementById("paragraph-edit");
const versionList = document.getElementById("version-list");
const diffView = document.getElementById("diff-view");
const reviewList = document.getElementById("review-list");
const reviewCount = document.getElementById("review-count");
const conv = converter(data.text || "");
const paras = document.getElementById("paras");
// the paragraphs as selection.js reads them (UTF-16 bounds), for "Reattach to the selection"
const view = { text: data.text || "", paragraphs: (data.paragraphs || []).map((p) => (
  { ...p, s16: conv.toU16(p.start), e16: conv.toU16(p.end) })) };
let lastSpan = null; // the last text selected in the transcript, in code points

function paragraphText(number) {
  const p = (data.paragraphs || []).find((q) => q.index === number);
  return p ? data.text.slice(conv.toU16(p.start), conv.toU16(p.end)) : null;
}

function paragraphSpan(number) {
  const p = (data.paragraphs || []).find((q) => q.index === number);
  return p ? [p.start, p.end] : null;
}

function fill(number) {
  const text = paragraphText(number);
  if (text === null) return;
  form.elements.paragraph.value = number;
  form.elements.text.value = text;
}

function said(result) {
  return t("Saved as version {version}: {moved} coding(s) moved, {flagged} flagged, {detached} detached.",
    { version: result.version, moved: result.moved, flagged: result.flagged, detached: result.detached });
}

async function save(event) {
  event.preventDefault();
  const paragraph = Number(form.elements.paragraph.value);
  if (paragraphText(paragraph) === null) { toast(t("Choose a paragraph number first."), "error"); return; }
  if (form.elements.text.value === paragraphText(paragraph)) { toast(t("The paragraph is unchanged.")); return; }
  try {
    const answer = await api("POST", "/api/documents/edit-paragraph", {
      name, paragraph, text: form.elements.text.value, reason: form.elements.reason.value });
    flashAfterReload(said(answer.result));
  } catch (error) { toast(error.message, "error"); }
}

function when(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleString(document.documentElement.lang || undefined,
    { dateStyle: "medium", timeStyle: "short" });
}

async function showDiff(from, to) {
  let answer;
  try {
    answer = await api("GET", `/api/documents/diff?name=${encodeURIComponent(name)}&from=${from}&to=${to}`);
  } catch (error) { toast(error.message, "error"); return; }
  diffView.replaceChildren(el("h4", { className: "small" },
    t("Changes from version {a} to version {b}", { a: from, b: to })));
  if (!answer.diff.parts.length) diffView.append(el("p", {}, t("The two versions have the same text.")));
  for (const part of answer.diff.parts) {
    diffView.append(el("p", {},
      el("span", { className: "muted" }, t("¶ {n}", { n: part.paragraph }) + " …"), part.before,
      part.removed ? el("del", {}, part.removed) : null,
      part.inserted ? el("ins", {}, part.inserted) : null,
      part.after + "…"));
  }
  diffView.hidden = false;
  diffView.focus();
}

async function restore(version) {
  if (!(await confirmBox(t("Restore version {version}? Its text becomes a new version; codings go back where they were on it.",
    { version }), t("Restore")))) return;
  try {
    const answer = await api("POST", "/api/documents/restore", { name, version });
    flashAfterReload(said(answer.result));
  } catch (error) { toast(error.message, "error"); }
}

function renderVersions(versions) {
  versionList.replaceChildren(...versions.slice().reverse().map((v) => {
    const label = v.kind === "import" ? t("imported") : v.kind === "restore" ? t("restored") : t("edited");
    const item = el("li", { className: v.current ? "current" : "" },
      el("span", {}, t("Version {n}", { n: v.number }), " · ", label,
        v.author ? ` · ${v.author}` : "", v.created_at ? ` · ${when(v.created_at)}` : "",
        v.current ? ` (${t("current")})` : ""));
    if (v.reason) item.append(el("span", { className: "quote muted small" }, v.reason));
    const row = el("div", { className: "row" });
    if (v.number > 1) {
      const show = el("button", { type: "button", className: "secondary small" }, t("Show changes"));
      show.addEventListener("click", () => showDiff(v.number - 1, v.number));
      row.append(show);
    }
    if (!v.current) {
      const back = el("button", { type: "button", className: "secondary small" }, t("Restore"));
      back.setAttribute("aria-label", t("Restore version {version}", { version: v.number }));
      back.addEventListener("click", () => restore(v.number));
      row.append(back);
    }
    if (row.childNodes.length) item.append(row);
    return item;
  }));
}

const DONE = { keep: t("Kept where it is now."), reattach: t("Reattached."), delete: t("Deleted.") };

async function decide(item, action, extra = {}) {
  try {
    await api("POST", "/api/documents/review", { id: item.id, memo: item.kind === "memo", action, ...extra });
    flashAfterReload(DONE[action]);
  } catch (error) { toast(error.message, "error"); }
}

function renderReviews(items) {
  reviewCount.textContent = items.length ? `(${items.length})` : "";
  if (!items.length) {
    reviewList.replaceChildren(el("li", { className: "muted small" }, t("Nothing is waiting for review.")));
    return;
  }
  reviewList.replaceChildren(...items.map((item) => {
    const what = item.kind === "memo" ? t("Memo: {title}", { title: item.title || "…" })
      : `${item.code} · ${item.coder}`;
    const state = item.state === "detached" ? t("detached: its words were deleted") : t("flagged: its words changed");
    const number = el("input", { type: "number", min: "1", max: String((data.paragraphs || []).length) });
    number.setAttribute("aria-label", t("Paragraph to reattach to"));
    const keep = el("button", { type: "button", className: "secondary small" }, t("Keep"));
    const attach = el("button", { type: "button", className: "secondary small" }, t("Reattach to paragraph"));
    const drop = el("button", { type: "button", className: "danger small" }, t("Delete"));
    const onSelection = el("button", { type: "button", className: "secondary small" }, t("Reattach to the selected text"));
    onSelection.addEventListener("click", () => {
      if (!lastSpan) { toast(t("Select text in the transcript first."), "error"); return; }
      decide(item, "reattach", { start: lastSpan[0], end: lastSpan[1] });
    });
    keep.addEventListener("click", () => decide(item, "keep"));
    drop.addEventListener("click", () => decide(item, "delete"));
    attach.addEventListener("click", () => {
      const span = paragraphSpan(Number(number.value));
      if (!span) { toast(t("Choose a paragraph number first."), "error"); return; }
      decide(item, "reattach", { start: span[0], end: span[1] });
    });
    return el("li", { className: `state-${item.state}` },
      el("strong", {}, what), " ", el("span", { className: `small state-${item.state}` }, state),
      el("span", { className: "quote small" }, t("Was (version {n}):", { n: item.made_on }), " «", item.quote, "»"),
      el("span", { className: "quote small" }, t("Now:"), " «", item.text, "»"),
      el("div", { className: "row" }, keep, onSelection, number, attach, drop));
  }));
}

async function load() {
  try {
    const answer = await api("GET", `/api/documents/versions?name=${encodeURIComponent(name)}`);
    renderVersions(answer.versions);
    renderReviews(answer.reviews);
  } catch (error) { toast(error.message, "error"); }
}

if (panel) {
  form.addEventListener("submit", save);
  form.elements.paragraph.addEventListener("change", () => fill(Number(form.elements.paragraph.value)));
  paras?.addEventListener("mouseup", () => {
    const span = textSelection(paras, view);
    if (span) lastSpan = [conv.toCp(span.s16), conv.toCp(span.e16)];
  });
  paras?.addEventListener("click", (event) => {
    const number = event.target.closest?.(".pnum");
    if (!number || !details.open) return;
    const row = number.closest(".para");
    fill(Number(row.id.slice(1)));
  });
  load();
}
