// The import page: transcripts uploaded in one request per batch (a progress bar per file,
// then the server's answer per file) and a metadata sheet previewed before it is applied.

import { el, followJob, t, toast } from "./common.js";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
const form = document.getElementById("upload-form");
const input = document.getElementById("files");
const drop = document.getElementById("drop");
const list = document.getElementById("chosen");
const summary = document.getElementById("upload-summary");
const refused = document.getElementById("refused");
const refusedList = document.getElementById("refused-list");
const uploadButton = document.getElementById("upload-button");
const maxUpload = Number(form.dataset.maxUpload) || 50 * 1024 * 1024;
const queue = []; // {file, item, bar, status, state: "waiting" | "sending" | "done"}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function setStatus(entry, text, kind = "") {
  entry.status.textContent = text;
  entry.item.dataset.state = kind;
}

function addFiles(files) {
  if (queue.some((e) => e.state === "done")) clear();
  for (const file of files) {
    const bar = el("progress", { max: 100, value: 0, "aria-label": t("Upload of {file}", { file: file.name }) });
    const status = el("span", { className: "status" }, t("Ready"));
    const remove = el("button", { type: "button", className: "link small",
      "aria-label": t("Remove {file} from the list", { file: file.name }) }, t("Remove"));
    const item = el("li", { className: "file" },
      el("span", { className: "name" }, file.name), el("span", { className: "size muted" }, size(file.size)),
      bar, status, remove);
    const entry = { file, item, bar, status, state: "waiting" };
    remove.addEventListener("click", () => {
      queue.splice(queue.indexOf(entry), 1);
      item.remove();
      uploadButton.focus();
    });
    queue.push(entry);
    list.append(item);
  }
  summary.textContent = t("{n} file(s) ready to import.", { n: queue.length });
}

function clear() {
  queue.length = 0;
  list.replaceChildren();
  refusedList.replaceChildren();
  refused.hidden = true;
  summary.textContent = "";
}

/** The batch's case and attributes, as the form holds them. */
function batchFields() {
  const attributes = {};
  for (const row of document.querySelectorAll("#attr-rows .attr-row")) {
    const name = row.querySelector(".attr-name").value.trim();
    const value = row.querySelector(".attr-value").value.trim();
    if (name && value) attributes[name] = value;
  }
  return { case: document.getElementById("case").value.trim(), attributes };
}

/** Groups of files whose bodies stay under the server's upload limit. */
function groups(entries) {
  const out = [];
  let current = [], bytes = 0;
  for (const entry of entries) {
    if (current.length && bytes + entry.file.size > maxUpload * 0.95) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += entry.file.size + 1024;
  }
  if (current.length) out.push(current);
  return out;
}

/** POST one batch with XHR; each file's bar follows the bytes of its own part. */
function send(entries, fields) {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    if (fields.case) body.append("case", fields.case);
    body.append("attributes", JSON.stringify(fields.attributes));
    for (const entry of entries) body.append("file", entry.file, entry.file.name);
    const total = entries.reduce((sum, e) => sum + e.file.size, 0) || 1;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents/import");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const sent = (event.loaded / event.total) * total;
      let start = 0;
      for (const entry of entries) {
        const share = entry.file.size ? (sent - start) / entry.file.size : (sent >= start ? 1 : 0);
        entry.bar.value = Math.max(0, Math.min(100, Math.round(share * 100)));
        if (entry.bar.value >= 100) setStatus(entry, t("Uploaded, waiting to be read"), "uploaded");
        start += entry.file.size;
      }
    });
    xhr.addEventListener("load", () => {
      const answer = xhr.response || {};
      if (xhr.status === 200 && answer.ok) resolve(answer);
      else reject(new Error(answer.error || t("The server did not answer. Is Stemmen still running?")));
    });
    xhr.addEventListener("error", () => reject(new Error(t("The server did not answer. Is Stemmen still running?"))));
    for (const entry of entries) setStatus(entry, t("Uploading…"), "sending");
    xhr.send(body);
  });
}

function showResult(entries, result) {
  const pending = [...entries];
  const take = (file) => {
    const index = pending.findIndex((e) => e.file.name === file);
    return index < 0 ? null : pending.splice(index, 1)[0];
  };
  for (const done of result.imported) {
    const entry = take(done.file);
    if (!entry) continue;
    entry.bar.value = 100;
    const note = t("Imported as {name} ({n} paragraphs)", { name: done.name, n: done.paragraphs });
    setStatus(entry, [note, ...done.warnings].join(" "), "imported");
  }
  for (const failed of result.refused) {
    const entry = take(failed.file);
    if (entry) setStatus(entry, failed.error, "refused");
    refusedList.append(el("li", {}, failed.error));
    refused.hidden = false;
  }
}

async function importAll(event) {
  event.preventDefault();
  const waiting = queue.filter((e) => e.state === "waiting");
  if (!waiting.length) {
    toast(t("Choose one or more files first."), "error");
    input.focus();
    return;
  }
  const fields = batchFields();
  uploadButton.disabled = true;
  let imported = 0, failed = 0;
  try {
    for (const group of groups(waiting)) {
      group.forEach((e) => { e.state = "sending"; });
      try {
        const started = await send(group, fields);
        const status = await followJob(started.job, (done) => {
          group.slice(0, done).forEach((e) => {
            if (e.item.dataset.state === "uploaded") setStatus(e, t("Read"), "read");
          });
        });
        showResult(group, status.result);
        imported += status.result.imported.length;
        failed += status.result.refused.length;
      } catch (error) {
        group.forEach((e) => setStatus(e, error.message, "refused"));
        failed += group.length;
        toast(error.message, "error");
      }
      group.forEach((e) => { e.state = "done"; });
    }
  } finally {
    uploadButton.disabled = false;
  }
  summary.textContent = t("{n} document(s) imported, {m} file(s) refused.", { n: imported, m: failed });
  if (imported) toast(t("{n} document(s) imported.", { n: imported }));
}

function addAttributeRow() {
  const rows = document.getElementById("attr-rows");
  const index = rows.children.length + 1;
  const name = el("input", { className: "attr-name", maxLength: 200, autocomplete: "off",
    "aria-label": t("Attribute name {n}", { n: index }) });
  name.setAttribute("list", "attribute-list");
  const value = el("input", { className: "attr-value", maxLength: 1000,
    "aria-label": t("Value of attribute {n}", { n: index }) });
  const remove = el("button", { type: "button", className: "link small",
    "aria-label": t("Remove attribute {n}", { n: index }) }, t("Remove"));
  const row = el("div", { className: "attr-row" }, name, el("span", { "aria-hidden": "true" }, "="), value, remove);
  remove.addEventListener("click", () => { row.remove(); document.getElementById("add-attr").focus(); });
  rows.append(row);
  name.focus();
}

input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
for (const kind of ["dragenter", "dragover"]) {
  drop.addEventListener(kind, (event) => { event.preventDefault(); drop.classList.add("over"); });
}
for (const kind of ["dragleave", "drop"]) {
  drop.addEventListener(kind, () => drop.classList.remove("over"));
}
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  if (event.dataTransfer?.files?.length) addFiles(event.dataTransfer.files);
});
form.addEventListener("submit", importAll);
document.getElementById("clear-button").addEventListener("click", clear);
document.getElementById("add-attr").addEventListener("click", addAttributeRow);

// --- metadata sheet -------------------------------------------------------------------

const sheetForm = document.getElementById("sheet-form");
const sheetInput = document.getElementById("sheet");
const preview = document.getElementById("preview");
const applyButton = document.getElementById("apply-button");
let sheetFile = null;
const TYPES = { text: t("text"), number: t("number"), date: t("date"), boolean: t("yes/no"),
  choice: t("choice") };

function postSheet(url, file) {
  const body = new FormData();
  body.append("file", file, file.name);
  return fetch(url, { method: "POST", body, credentials: "same-origin",
    headers: { "X-CSRF-Token": csrf, "Accept": "application/json" } })
    .catch(() => { throw new Error(t("The server did not answer. Is Stemmen still running?")); })
    .then(async (response) => {
      const answer = await response.json().catch(() => ({}));
      if (!response.ok || !answer.ok) throw new Error(answer.error || t("The server did not answer. Is Stemmen still running?"));
      return answer;
    });
}

function shown(value) {
  if (value === null || value === undefined || value === "") return "–";
  if (value === true) return "✓";
  if (value === false) return "✗";
  return String(value);
}

function changeList(row) {
  const items = [];
  const change = (label, c) => items.push(el("li", {}, el("strong", {}, label), ": ",
    el("span", { className: "old" }, shown(c.old)), " → ", el("span", { className: "new" }, shown(c.new))));
  if (row.case) change(t("case"), row.case);
  for (const c of row.attributes) change(c.name, c);
  for (const person of row.participants) items.push(el("li", {}, t("participant {name}", { name: person })));
  if (!items.length) return el("span", { className: "muted" }, row.document ? t("no change") : "–");
  return el("ul", { className: "changes" }, ...items);
}

function renderPreview(plan) {
  document.getElementById("preview-summary").textContent = t(
    "{rows} row(s); {matched} match a document; {changes} change(s).",
    { rows: plan.rows.length, matched: plan.matched, changes: plan.changes });
  const created = [];
  if (plan.new_attributes.length) {
    created.push(el("p", {}, el("strong", {}, t("New attributes:")), " ",
      plan.new_attributes.map((a) => `${a.name} (${TYPES[a.type] || a.type})`).join(", ")));
  }
  if (plan.new_cases.length) created.push(el("p", {}, el("strong", {}, t("New cases:")), " ", plan.new_cases.join(", ")));
  if (plan.new_participants.length) {
    created.push(el("p", {}, el("strong", {}, t("New participants:")), " ", plan.new_participants.join(", ")));
  }
  document.getElementById("preview-new").replaceChildren(...created);
  const problems = plan.problems.map((p) => el("li", {}, p));
  document.getElementById("preview-problems").replaceChildren(
    ...(problems.length ? [el("h3", {}, t("Problems in the sheet")), el("ul", {}, ...problems)] : []));
  const rows = plan.rows.map((row) => el("tr", { dataset: { file: row.file }, className: row.problems.length ? "has-problem" : "" },
    el("td", { className: "num" }, String(row.line)),
    el("td", {}, row.file),
    el("td", {}, row.document ?? el("span", { className: "muted" }, t("no match"))),
    el("td", {}, changeList(row)),
    el("td", { className: "problem" }, ...row.problems.map((p) => el("div", {}, p)))));
  preview.querySelector("tbody").replaceChildren(...rows);
  applyButton.disabled = plan.changes === 0 && !plan.new_attributes.length;
  preview.hidden = false;
}

sheetForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  sheetFile = sheetInput.files[0] || null;
  if (!sheetFile) { toast(t("Choose a sheet first."), "error"); sheetInput.focus(); return; }
  try {
    const answer = await postSheet("/api/documents/metadata/preview", sheetFile);
    renderPreview(answer.preview);
    preview.scrollIntoView({ block: "start" });
  } catch (error) { toast(error.message, "error"); }
});

applyButton.addEventListener("click", async () => {
  if (!sheetFile) return;
  applyButton.disabled = true;
  try {
    const answer = await postSheet("/api/documents/metadata/apply", sheetFile);
    const message = t("Applied: {changes} change(s) to {matched} document(s).",
      { changes: answer.applied.changes, matched: answer.applied.matched });
    document.getElementById("preview-summary").textContent = message;
    toast(message);
  } catch (error) {
    applyButton.disabled = false;
    toast(error.message, "error");
  }
});

document.getElementById("cancel-button").addEventListener("click", () => {
  preview.hidden = true;
  sheetFile = null;
  sheetInput.focus();
});
