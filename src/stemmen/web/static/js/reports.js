// The reports page: the chosen options go to /api/reports/make, which starts a background
// job (project.reports.make, the same bytes as `stemmen report`); a progress bar follows it,
// then the file is downloaded, or shown in the preview frame for HTML.
import { api, followJob, t, toast } from "./common.js";

const form = document.getElementById("report-form");
const bar = document.getElementById("report-bar");
const status = document.getElementById("report-status");
const link = document.getElementById("report-link");
const caseBoxes = [...form.querySelectorAll('input[name="case"]')];

function syncCases() {
  const some = form.scope.value === "some";
  for (const box of caseBoxes) box.disabled = !some;
}

/** The options as the API takes them. */
function options(format) {
  const data = new FormData(form);
  return {
    lang: data.get("lang"), scope: data.get("scope"), cases: data.getAll("case"),
    format: format || data.get("format"), title: data.get("title") || null,
    coders: data.getAll("coder"), reliability: form.reliability.checked,
  };
}

async function make(format) {
  const buttons = form.querySelectorAll("button");
  buttons.forEach((b) => { b.disabled = true; });
  document.getElementById("report-done").hidden = true;
  document.getElementById("report-progress").hidden = false;
  bar.value = 0; bar.max = 1;
  status.textContent = t("Making the report…");
  try {
    const { job } = await api("POST", "/api/reports/make", options(format));
    const done = await followJob(job, (d, total) => {
      bar.max = Math.max(total, 1); bar.value = d;
      status.textContent = t("Making the report… {done} of {total} steps", { done: d, total });
    });
    bar.value = bar.max;
    status.textContent = t("Ready: {name}", { name: done.filename });
    return { job, done };
  } catch (error) {
    status.textContent = error.message;
    toast(error.message, "error");
    return null;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

form.addEventListener("change", syncCases);
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const made = await make();
  if (!made) return;
  link.href = made.done.download;
  link.download = made.done.filename;
  link.textContent = t("Download {name}", { name: made.done.filename });
  document.getElementById("report-done").hidden = false;
  link.click();
});

document.getElementById("preview-report").addEventListener("click", async () => {
  const made = await make("html");
  if (!made) return;
  const frame = document.getElementById("preview-frame");
  frame.src = `/reports/preview/${encodeURIComponent(made.job)}`;
  frame.hidden = false;
  document.getElementById("preview-hint").hidden = true;
});

syncCases();
