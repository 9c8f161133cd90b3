// The import page's codings section: a CSV of codings sent to /api/codings/import (all or
// nothing), then the number imported or every refused line with its reason.

import { el, t } from "./common.js";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
const form = document.getElementById("codings-form");
const input = document.getElementById("codings-file");
const button = document.getElementById("codings-button");
const result = document.getElementById("codings-result");
const errors = document.getElementById("codings-errors");

function show(message, lines = [], kind = "") {
  result.textContent = message;
  result.dataset.kind = kind;
  errors.replaceChildren(...lines.map((line) => el("li", {}, line)));
  errors.hidden = lines.length === 0;
}

async function send(event) {
  event.preventDefault();
  const file = input.files[0];
  if (!file) { show(t("Choose a CSV file of codings first."), [], "error"); input.focus(); return; }
  const data = new FormData();
  data.append("file", file);
  button.disabled = true;
  show(t("Importing…"));
  let response, body;
  try {
    response = await fetch("/api/codings/import", { method: "POST", body: data,
      credentials: "same-origin", headers: { "Accept": "application/json", "X-CSRF-Token": csrf } });
    body = await response.json();
  } catch {
    show(t("The server did not answer. Is Stemmen still running?"), [], "error");
    return;
  } finally {
    button.disabled = false;
  }
  if (response.ok && body.ok) {
    show(t("{n} coding(s) imported.", { n: body.imported }), [], "ok");
    form.reset();
  } else {
    show(t("Nothing was imported: {error}", { error: body.error || "" }), body.errors || [], "error");
  }
}

if (form) form.addEventListener("submit", send);
