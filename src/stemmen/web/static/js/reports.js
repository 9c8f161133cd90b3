// The reports page: the chosen options go to /api/reports/make, which starts a background
// job (project.reports.make, the same bytes as `stemmen report`); a progress bar follows it,
// then the file is downloaded, or shown in the preview frame for HTML.
import { api, el, followJob, t, toast } from "./common.js";

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
    second_lang: data.get("second_lang") || null, generic: form.generic.checked,
    strict: form.strict.checked, pseudonymised: form.pseudonymised.checked,
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

// The outline's broken references and untranslated quotes, shown before rendering (the
// warnings `stemmen report` prints); none when the project has no outline or the report is
// the generic one.
const checks = document.getElementById("report-checks");
let asked = 0;
async function showChecks() {
  const data = new FormData(form);
  const cases = data.getAll("case");
  const scope = data.get("scope");
  const outlined = !form.generic.checked && (scope === "cross" || (scope === "some" && cases.length === 1));
  if (form.generic.disabled || !outlined) { checks.hidden = true; return; }
  const mine = ++asked;
  const query = new URLSearchParams({ lang: data.get("lang") });
  if (scope === "some") query.set("case", cases[0]);
  try {
    const found = await api("GET", `/api/reports/check?${query}`);
    if (mine !== asked) return;
    checks.hidden = !found.outline;
    const lines = found.problems.map((p) => el("li", {}, "⚠ " + p));
    if (found.untranslated.length) {
      lines.push(el("li", {}, t("{n} quote(s) lack a translation into {language}: translate them on the Outline page.",
        { n: found.untranslated.length, language: data.get("lang") })));
    }
    if (!lines.length) lines.push(el("li", { className: "ok-line" }, t("Every reference resolves.")));
    document.getElementById("report-problems").replaceChildren(...lines);
  } catch (error) { toast(error.message, "error"); }
}

form.addEventListener("change", syncCases);
form.addEventListener("change", showChecks);
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
showChecks();
