// Reveal the originals on the pseudonymisation page: POST /api/privacy/reveal with the path
// of the key file on this computer (project.privacy.reveal, recorded in the audit log); the
// mapping is shown in a table, through textContent only, and never put in the URL.

import { api, el, t, toast } from "/static/js/common.js";

const form = document.getElementById("pv-reveal");
const table = document.getElementById("pv-reveal-table");
const status = document.getElementById("pv-reveal-status");
const hide = document.getElementById("pv-reveal-hide");

function clear() {
  table.querySelector("tbody").replaceChildren();
  table.hidden = true;
  hide.hidden = true;
  status.textContent = "";
}

if (form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button:not([type=button])");
    button.disabled = true;
    clear();
    try {
      const done = await api("POST", "/api/privacy/reveal",
        { key_file: new FormData(form).get("key_file") });
      table.querySelector("tbody").replaceChildren(...done.entries.map((entry) => el("tr", {},
        el("td", {}, entry.label), el("td", {}, entry.text), el("td", {}, entry.document))));
      table.hidden = done.entries.length === 0;
      hide.hidden = done.entries.length === 0;
      status.textContent = done.entries.length
        ? t("{n} original(s) shown on screen.", { n: done.entries.length })
        : t("Nothing has been replaced yet.");
    } catch (error) {
      toast(error.message, "error");
      status.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });
  hide.addEventListener("click", clear);
}
