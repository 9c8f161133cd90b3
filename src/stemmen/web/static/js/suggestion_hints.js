// Hints from code definitions on the suggestions page: POST /api/suggestions/hints starts a
// background job (project.suggestions.hints); follow it, then fill the table of hints and
// the sentence with their measured agreement. Text reaches the page through textContent only.

import { api, el, followJob, t, toast } from "/static/js/common.js";

const form = document.getElementById("sg-hints-form");
const status = document.getElementById("sg-hints-status");
const agreement = document.getElementById("sg-hints-agreement");
const table = document.getElementById("sg-hints-table");

function figure(value) {
  return value === null || value === undefined ? "–" : Number(value).toFixed(2);
}

function where(hint, units) {
  if (units === "paragraphs" && hint.paragraph) return String(hint.paragraph);
  return hint.speaker ? `${hint.start} (${hint.speaker})` : String(hint.start);
}

function show(result) {
  const body = table.querySelector("tbody");
  body.replaceChildren(...result.hints.map((hint) => el("tr", {},
    el("td", { className: "n" }, where(hint, result.units)),
    el("td", { className: "sg-text" }, hint.snippet),
    el("td", { className: "sg-code" }, hint.code),
    el("td", { className: "n" }, Number(hint.similarity).toFixed(3)))));
  table.querySelector("thead th").textContent =
    result.units === "paragraphs" ? t("Paragraph") : t("Start");
  table.hidden = result.hints.length === 0;
  status.textContent = result.hints.length
    ? t("{count} hint(s) on {document}.", result)
    : t("No hints for this document.");
  const measured = result.agreement;
  agreement.hidden = false;
  agreement.textContent = measured
    ? t("Hints measured on {units} units of {documents} documents against {coder} (nothing learnt from any coder): pooled kappa {kappa}, AC1 {ac1}. {enabled} of {codes} codes reach {threshold}.",
      { ...measured, kappa: figure(measured.kappa), ac1: figure(measured.ac1),
        threshold: figure(measured.threshold) })
    : t("Not measured: choose a coder to measure the hints.");
}

if (form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = document.getElementById("sg-hints-start");
    button.disabled = true;
    status.textContent = t("Comparing the units with the code definitions…");
    try {
      const data = new FormData(form);
      const job = await api("POST", "/api/suggestions/hints",
        { document: data.get("document"), units: data.get("units"),
          coder: data.get("coder") || null });
      const done = await followJob(job.job);
      show(done.result);
    } catch (error) {
      status.textContent = "";
      toast(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });
}
