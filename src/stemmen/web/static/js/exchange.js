// The exchange page: the project as .qdpx made in a background job (progress bar, then the
// download), and a REFI-QDA file imported into a new project with what was imported and
// what was left out, per kind; then the new project can be opened.

import { api, el, followJob, t, toast } from "./common.js";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

/** The labels of the kinds a REFI-QDA file holds, in Stemmen's words. */
const KINDS = {
  sources: () => t("Documents (sources)"), codes: () => t("Codes"), selections: () => t("Selections"),
  codings: () => t("Codings"), notes: () => t("Memos (notes)"), sets: () => t("Sets"),
  cases: () => t("Cases"), variables: () => t("Attributes (variables)"), users: () => t("Coders (users)"),
};
const WRITTEN = {
  documents: () => t("documents"), codes: () => t("codes"), codings: () => t("codings"),
  cases: () => t("cases"), memos: () => t("memos"), sets: () => t("sets"),
};

function showJob(prefix, on) {
  document.getElementById(`${prefix}-job`).hidden = !on;
  document.getElementById(`${prefix}-progress`).value = 0;
}

/** A followJob progress callback that moves the bar and says `say(done, total)`. */
function progressTo(prefix, say) {
  const bar = document.getElementById(`${prefix}-progress`);
  const status = document.getElementById(`${prefix}-status`);
  return (done, total) => {
    if (!total) return;
    bar.max = total;
    bar.value = Math.min(done, total);
    status.textContent = say(Math.min(done, total), total);
  };
}

// Export: start the job, follow it, then let the browser download the file.
const exportButton = document.getElementById("export-qdpx");
exportButton.addEventListener("click", async () => {
  exportButton.disabled = true;
  showJob("export", true);
  const status = document.getElementById("export-status");
  status.textContent = t("Exporting the project…");
  try {
    const job = await api("POST", "/api/export/project.qdpx");
    const done = await followJob(job.job, progressTo("export",
      (done, total) => t("{done} of {total} steps", { done, total })));
    const link = el("a", { href: done.download, download: done.filename, className: "export-link" },
      t("Download {file} again", { file: done.filename }));
    status.replaceChildren(t("Ready: {file}.", { file: done.filename }), " ", link);
    link.click();
  } catch (error) {
    showJob("export", false);
    toast(error.message, "error");
  } finally {
    exportButton.disabled = false;
  }
});

// Import: the name of the new project follows the chosen file until the user types one.
const form = document.getElementById("import-form");
const nameInput = document.getElementById("import-name");
nameInput.addEventListener("input", () => { nameInput.dataset.typed = "1"; });
document.getElementById("import-file").addEventListener("change", (event) => {
  const file = event.target.files[0];
  if (file && !nameInput.dataset.typed) nameInput.value = file.name.replace(/\.[^.]+$/, "");
});

/** POST the form as multipart with the CSRF header; resolves with the JSON answer. */
async function upload(data) {
  let response, body;
  try {
    response = await fetch("/api/exchange/import", { method: "POST", body: data,
      credentials: "same-origin", headers: { "Accept": "application/json", "X-CSRF-Token": csrf } });
    body = await response.json();
  } catch {
    throw new Error(t("The server did not answer. Is Stemmen still running?"));
  }
  if (!response.ok || !body.ok) throw new Error(body.error || t("The import failed."));
  return body;
}

const errorBox = document.getElementById("import-error");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = document.getElementById("import-button");
  errorBox.hidden = true;
  document.getElementById("import-result").hidden = true;
  button.disabled = true;
  showJob("import", true);
  document.getElementById("import-status").textContent = t("Reading the file…");
  try {
    const job = await upload(new FormData(form));
    const done = await followJob(job.job, progressTo("import",
      (done, total) => t("{done} of {total} documents written", { done, total })));
    document.getElementById("import-status").textContent = t("Done.");
    showResult(done.result);
  } catch (error) {
    showJob("import", false);
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  } finally {
    button.disabled = false;
  }
});

function showResult(result) {
  const report = result.report || { kinds: [], lines: [] };
  document.getElementById("result-summary").textContent = t(
    "{file} was imported into the new project {name}.", { file: report.file || "", name: result.name });
  document.getElementById("result-written").replaceChildren(...Object.entries(WRITTEN)
    .filter(([key]) => key in result.written && (result.written[key] || ["documents", "codes", "codings", "cases"].includes(key)))
    .map(([key, label]) => el("li", { dataset: { kind: key } },
      el("strong", { className: "count" }, String(result.written[key])), " ", label())));
  document.querySelector("#result-kinds tbody").replaceChildren(...report.kinds.map((row) =>
    el("tr", { dataset: { kind: row.kind } },
      el("th", { scope: "row" }, (KINDS[row.kind] || (() => row.kind))()),
      el("td", { className: "num" }, String(row.declared)),
      el("td", { className: "num" }, String(row.imported)),
      el("td", { className: `num${row.dropped ? " dropped-some" : ""}` }, String(row.dropped)))));
  const notes = [...report.deviations || [], ...report.notes || []];
  document.getElementById("result-notes").replaceChildren(...(notes.length ? notes : report.lines)
    .map((line) => el("li", {}, line)));
  document.getElementById("result-notes-box").hidden = !notes.length && !report.lines.length;
  const open = document.getElementById("open-imported");
  open.dataset.target = result.project;
  const box = document.getElementById("import-result");
  box.hidden = false;
  box.scrollIntoView({ block: "nearest" });
  open.focus();
}

document.getElementById("open-imported").addEventListener("click", async (event) => {
  try {
    const answer = await api("POST", "/api/start/open", { project: event.currentTarget.dataset.target });
    location.assign(answer.go || "/");
  } catch (error) { toast(error.message, "error"); }
});
