// The document page's header controls: rename the document (an inline form) and delete it
// (after a confirmation that says how many codings and memos go with it).

import { api, confirmBox, t, toast } from "./common.js";

const box = document.getElementById("doc-admin");
const name = box?.dataset.name || "";
const renameButton = document.getElementById("rename-button");
const deleteButton = document.getElementById("delete-button");
const form = document.getElementById("rename-form");
const cancel = document.getElementById("rename-cancel");

function showForm(open) {
  form.hidden = !open;
  renameButton.setAttribute("aria-expanded", String(open));
  if (open) form.elements.new_name.select();
  else renameButton.focus();
}

async function rename(event) {
  event.preventDefault();
  const newName = form.elements.new_name.value.trim();
  if (!newName) { toast(t("Give the document a name."), "error"); return; }
  if (newName === name) { showForm(false); return; }
  try {
    await api("POST", "/api/documents/rename", { name, new_name: newName });
  } catch (error) { toast(error.message, "error"); return; }
  window.location.assign(`/documents/${encodeURIComponent(newName)}`);
}

async function remove() {
  let codings = 0, memos = 0;
  try {
    const view = await api("GET", `/api/documents/view?name=${encodeURIComponent(name)}`);
    codings = view.document.codings.length;
    memos = view.document.memos.length;
  } catch (error) { toast(error.message, "error"); return; }
  const question = t("Delete {name} with its {codings} coding(s) and {memos} memo(s)? This cannot be undone.",
    { name, codings, memos });
  if (!(await confirmBox(question, t("Delete document")))) return;
  try {
    await api("POST", "/api/documents/delete", { name });
  } catch (error) { toast(error.message, "error"); return; }
  window.location.assign("/");
}

if (box) {
  renameButton.addEventListener("click", () => showForm(form.hidden));
  cancel.addEventListener("click", () => showForm(false));
  form.addEventListener("submit", rename);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.stopPropagation(); showForm(false); }
  });
  deleteButton.addEventListener("click", remove);
}
