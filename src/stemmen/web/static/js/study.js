// The Study page: freeze a codebook version, compare two versions, store a sampling plan.
import { api, el, t, toast } from "./common.js";

const KINDS = { added: t("added"), removed: t("removed"), renamed: t("renamed"),
  merged: t("merged"), split: t("split"), redefined: t("redefined"), moved: t("moved") };

const versionForm = document.getElementById("version-form");
versionForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const name = document.getElementById("version-name").value;
    const note = document.getElementById("version-note").value;
    await api("POST", "/api/study/version", { name, note });
    location.reload();
  } catch (error) {
    toast(error.message, "error");
  }
});

const diffForm = document.getElementById("diff-form");
diffForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const old = document.getElementById("diff-old").value;
  const next = document.getElementById("diff-new").value;
  try {
    const { diff } = await api("GET", `/api/study/diff?old=${encodeURIComponent(old)}&new=${encodeURIComponent(next)}`);
    const table = document.getElementById("diff-table");
    const body = table.querySelector("tbody");
    body.replaceChildren(...diff.changes.map((c) => el("tr", {},
      el("td", {}, KINDS[c.kind] || c.kind), el("td", {}, c.code), el("td", {}, c.to.join(", ")),
      el("td", {}, c.reason), el("td", {}, c.requested_by))));
    if (!diff.changes.length) body.append(el("tr", {}, el("td", { colSpan: 5 }, t("No differences."))));
    table.hidden = false;
  } catch (error) {
    toast(error.message, "error");
  }
});

const planForm = document.getElementById("plan-form");
planForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("POST", "/api/study/plan", { plan: document.getElementById("plan-text").value });
    location.reload();
  } catch (error) {
    toast(error.message, "error");
  }
});
