// Pseudonymisation page: scan in the background (POST /api/privacy/scan), accept, reject or
// relabel a candidate or all with the same text (POST /api/privacy/decide), mark missed
// words (POST /api/privacy/add), save the allow-list, apply with a key file.

import { api, followJob, t, toast } from "/static/js/common.js";

const status = document.getElementById("pv-status");
const bar = document.getElementById("pv-progress");

function onSubmit(id, handler) {
  const form = document.getElementById(id);
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    try {
      await handler(new FormData(form));
    } catch (error) {
      toast(error.message, "error");
    } finally {
      if (button) button.disabled = false;
    }
  });
}

onSubmit("pv-scan", async (data) => {
  status.textContent = t("Finding identifiers…");
  bar.hidden = false;
  try {
    const job = await api("POST", "/api/privacy/scan", { document: data.get("document") });
    const done = await followJob(job.job, (doneSteps, total) => {
      if (total) { bar.max = total; bar.value = doneSteps; }
    });
    status.textContent = t("{candidates} candidate(s) found.", done.result);
    window.location.reload();
  } finally {
    bar.hidden = true;
  }
});

document.getElementById("pv-table")?.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-decision]");
  if (!button) return;
  const row = button.closest("tr");
  const label = row.querySelector(".pv-label")?.value || null;
  const payload = { decision: button.dataset.decision, label };
  if (button.dataset.bulk) payload.text = row.dataset.text;
  else payload.id = Number(row.dataset.id);
  try {
    await api("POST", "/api/privacy/decide", payload);
    window.location.reload();
  } catch (error) {
    toast(error.message, "error");
  }
});

onSubmit("pv-add", async (data) => {
  const done = await api("POST", "/api/privacy/add",
    { document: data.get("document"), text: data.get("text"), kind: data.get("kind") });
  toast(t("Marked {added} place(s).", done));
  window.location.reload();
});

onSubmit("pv-allow", async (data) => {
  await api("POST", "/api/privacy/allow", { names: data.get("names") });
  toast(t("Allow-list saved."));
});

onSubmit("pv-apply", async (data) => {
  if (!window.confirm(t("Replace the accepted identifiers in the stored texts now?"))) return;
  const done = await api("POST", "/api/privacy/apply", { key_file: data.get("key_file") });
  toast(t("Replaced {replaced} identifier(s) in {documents} document(s).", done));
  window.location.reload();
});
