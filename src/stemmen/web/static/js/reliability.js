// Reliability page: reconcile two coders. Each disagreement row takes a decision (a, b, both,
// neither) by button or by key on the focused row; "Save" sends them all in one call
// (POST /api/reliability/reconcile → project.reliability.reconcile: one transaction).

import "/static/js/background.js";  // the result computed in the background
import "/static/js/reliability_table.js";  // agreement on an uploaded table of ratings
import { api, t, toast } from "/static/js/common.js";

const section = document.getElementById("reconcile");
const KEYS = { a: "a", b: "b", "2": "both", n: "neither" };

function setup() {
  if (!section || !section.dataset.coderA) return;
  const rows = [...section.querySelectorAll("tr.disagreement")];
  const progress = document.getElementById("rc-progress");
  const save = document.getElementById("rc-save");
  const result = document.getElementById("rc-result");
  const master = document.getElementById("rc-master");
  const decided = new Map();  // row → choice

  function show() {
    const total = rows.length;
    progress.textContent = t("{done} of {total} decided", { done: decided.size, total });
    save.disabled = decided.size < total || !master.value.trim();
  }

  function decide(row, choice) {
    decided.set(row, choice);
    row.dataset.choice = choice;
    for (const button of row.querySelectorAll("button.choice")) {
      button.setAttribute("aria-pressed", String(button.dataset.choice === choice));
    }
    show();
  }

  function next(row) {
    const after = rows.slice(rows.indexOf(row) + 1).find((r) => !decided.has(r));
    const target = after || rows.find((r) => !decided.has(r));
    if (target) target.focus();
    else save.focus();
  }

  for (const row of rows) {
    row.addEventListener("click", (event) => {
      const button = event.target.closest("button.choice");
      if (!button) return;
      decide(row, button.dataset.choice);
      next(row);
    });
    row.addEventListener("keydown", (event) => {
      if (event.target !== row || event.ctrlKey || event.metaKey || event.altKey) return;
      const choice = KEYS[event.key.toLowerCase()];
      if (choice) {
        event.preventDefault();
        decide(row, choice);
        next(row);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const to = rows[rows.indexOf(row) + (event.key === "ArrowDown" ? 1 : -1)];
        if (to) to.focus();
      }
    });
  }
  master.addEventListener("input", show);

  save.addEventListener("click", async () => {
    const decisions = rows.map((row) => ({
      document: row.dataset.document, unit: Number(row.dataset.unit), code: "",
      choice: decided.get(row) }));
    save.disabled = true;
    try {
      const answer = await api("POST", section.dataset.endpoint || "/api/reliability/reconcile", {
        coder_a: section.dataset.coderA, coder_b: section.dataset.coderB,
        unit: section.dataset.unit, documents: JSON.parse(section.dataset.documents || "[]"),
        master: master.value.trim(), decisions });
      const message = t("Wrote {n} master coding(s) as {master}.",
                        { n: answer.written, master: answer.master });
      result.textContent = message;
      result.dataset.kind = "ok";
      toast(message);
    } catch (error) {
      result.textContent = error.message;
      result.dataset.kind = "error";
      toast(error.message, "error");
    } finally {
      show();
    }
  });
  show();
}

setup();
