// Reliability page, "Agreement on a table of ratings": upload a unit,coder,label table to
// POST /api/reliability/table (project.reliability.agreement_on_table, as
// `stemmen agreement --table FILE`) and show its coefficients, over all labels and per label.
import { el, t } from "/static/js/common.js";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
const COLUMNS = [
  ["percent_agreement", t("Percent agreement")], ["cohen_kappa", t("Cohen's kappa")],
  ["scott_pi", t("Scott's pi")], ["fleiss_kappa", t("Fleiss' kappa")],
  ["conger_kappa", t("Conger's kappa")], ["krippendorff_alpha", t("Krippendorff's alpha")],
  ["gwet_ac1", t("Gwet's AC1")], ["brennan_prediger", t("Brennan-Prediger")],
];

const number = (value) => (value === null || value === undefined ? "–" : value.toFixed(3));

function table(result) {
  const head = el("tr", {}, el("th", { scope: "col" }, t("Labels")),
    ...COLUMNS.map(([, label]) => el("th", { scope: "col", className: "n" }, label)));
  const row = (name, entry, key) => el("tr", { dataset: { label: key } },
    el("th", { scope: "row" }, name),
    ...COLUMNS.map(([k]) => el("td", { className: "n", dataset: { coefficient: k } }, number(entry[k]))));
  const rows = [row(t("all labels"), result, "")];
  for (const [label, entry] of Object.entries(result.per_label || {})) rows.push(row(label, entry, label));
  return el("table", { className: "rt-coefficients" },
    el("caption", {}, t("{units} units, {coders} coders ({names}), level {level}",
      { units: result.n_units, coders: result.n_coders, names: result.coders.join(", "),
        level: t(result.level) })),
    el("thead", {}, head), el("tbody", {}, ...rows));
}

async function measure(form, status, output) {
  status.textContent = t("Measuring…");
  output.replaceChildren();
  let body;
  try {
    const response = await fetch("/api/reliability/table", { method: "POST", body: new FormData(form),
      credentials: "same-origin", headers: { "Accept": "application/json", "X-CSRF-Token": csrf } });
    body = await response.json();
  } catch {
    body = { ok: false, error: t("The server did not answer. Is Stemmen still running?") };
  }
  if (!body.ok) {
    status.textContent = "";
    output.append(el("p", { className: "problem", role: "alert" }, body.error));
    return;
  }
  status.textContent = t("{file}: {n} units paired, {d} with disagreement.",
    { file: body.file, n: body.result.n_units_paired, d: body.result.n_disagreements });
  output.append(table(body.result));
}

const form = document.getElementById("rt-form");
if (form) {
  const status = document.getElementById("rt-status");
  const output = document.getElementById("rt-result");
  form.addEventListener("submit", (event) => { event.preventDefault(); measure(form, status, output); });
}
