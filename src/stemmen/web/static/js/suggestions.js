// Code suggestions page: train a model in the background (POST /api/suggestions/train →
// project.suggestions.train), show the progress, then reload to show the trust report.

import { api, followJob, t, toast } from "/static/js/common.js";

const form = document.getElementById("sg-train");
const status = document.getElementById("sg-status");
const bar = document.getElementById("sg-progress");

if (form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = document.getElementById("sg-start");
    button.disabled = true;
    status.textContent = t("Training and measuring…");
    bar.hidden = false;
    try {
      const data = new FormData(form);
      const job = await api("POST", "/api/suggestions/train",
        { coder: data.get("coder"), threshold: data.get("threshold"),
          model: data.get("model") || "lexical" });
      const done = await followJob(job.job, (doneSteps, total) => {
        if (total) { bar.max = total; bar.value = doneSteps; }
      });
      status.textContent = t("{enabled} of {codes} codes get suggestions.", done.result);
      window.location.reload();
    } catch (error) {
      status.textContent = "";
      toast(error.message, "error");
    } finally {
      button.disabled = false;
      bar.hidden = true;
    }
  });
}
