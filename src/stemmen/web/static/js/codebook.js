// The codebook editor. Every form posts its fields as JSON to its data-action with the
// CSRF header (asking first where data-confirm says so), with the reason typed in its
// Edit panel; then the page reloads to show the new state. Codes move by drag and drop
// (onto a code: becomes its child; onto a category heading: top level there) or with the
// "Move to…" control. A codebook file is previewed before it is imported. The "Move to…"
// and "Merge into" lists are sent once (#code-choices) and filled when an Edit panel opens.

import { api, confirmBox, el, flashAfterReload, t, toast } from "./common.js";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

function fields(form) {
  const data = {};
  for (const input of form.elements) {
    if (!input.name) continue;
    data[input.name] = input.type === "checkbox" ? input.checked : input.value;
  }
  const reason = form.closest(".forms")?.querySelector("label.reason input");
  if (reason && !("reason" in data)) data.reason = reason.value;
  if ("target" in data) {  // the "Move to…" control: "code:NAME" or "category:NAME"
    const [kind, ...rest] = data.target.split(":");
    const name = rest.join(":");
    delete data.target;
    if (kind === "code") data.parent = name; else data.category = name;
  }
  if (form.dataset.action === "/api/codebook/add" && !data.parent) delete data.parent;
  return data;
}

function showError(form, message) {
  let box = form.querySelector(".form-error");
  if (!box) {
    box = el("p", { className: "form-error", role: "alert" });
    form.append(box);
  }
  box.textContent = message;
  toast(message, "error");
}

async function submit(event) {
  const form = event.target.closest("form.api-form");
  if (!form) return;
  event.preventDefault();
  if (form.dataset.confirm && !(await confirmBox(form.dataset.confirm, t("Yes, go ahead")))) return;
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    await api("POST", form.dataset.action, fields(form));
    flashAfterReload(t("Saved. The change is in the codebook history."));
  } catch (error) {
    showError(form, error.message);
    button.disabled = false;
  }
}

// --- the "Move to…" and "Merge into" lists, filled when an Edit panel opens ---------

let choices = null;

function codeChoices() {
  if (!choices) {
    const data = document.getElementById("code-choices");
    choices = data ? JSON.parse(data.textContent) : { categories: [], codes: [] };
  }
  return choices;
}

function option(value, label) {
  const node = document.createElement("option");
  node.value = value;
  node.textContent = label;
  return node;
}

function fillChoices(panel) {
  if (!panel || panel.dataset.filled) return;
  panel.dataset.filled = "1";
  const name = panel.closest("li.code-row")?.dataset.code;
  const { categories, codes } = codeChoices();
  const self = codes.find((code) => code.name === name);
  const categoryGroup = panel.querySelector('optgroup[data-choices="categories"]');
  categoryGroup?.prepend(...categories.map((cat) => option(`category:${cat}`, cat)));
  // under any code but itself, its own descendants and its present parent
  panel.querySelector('optgroup[data-choices="parents"]')?.append(...codes
    .filter((other) => !other.path.includes(name) && other.name !== self?.parent)
    .map((other) => option(`code:${other.name}`, other.path_text)));
  panel.querySelector('select[data-choices="others"]')?.append(...codes
    .filter((other) => other.name !== name)
    .map((other) => option(other.name, other.name)));
}

function setUpChoices() {
  // "toggle" does not bubble: listen while capturing; filling on focus or pointer is a
  // fallback for a panel opened some other way.
  document.addEventListener("toggle", (event) => {
    if (event.target.matches?.("details.edit") && event.target.open) fillChoices(event.target);
  }, true);
  for (const type of ["focusin", "pointerdown"]) {
    document.addEventListener(type, (event) => {
      const panel = event.target.closest?.("details.edit");
      if (panel) fillChoices(panel);
    });
  }
  for (const panel of document.querySelectorAll("details.edit[open]")) fillChoices(panel);
}

// --- drag and drop ---------------------------------------------------------------------

let dragged = null;

function dropTarget(event) {
  const zone = event.target.closest("[data-drop-code], [data-drop-category]");
  if (!zone || !dragged) return null;
  if (zone.dataset.dropCode !== undefined) {
    const row = zone.closest("li.code-row");
    // never onto itself or one of its own descendants
    if (dragged.contains(row)) return null;
    return { zone, parent: zone.dataset.dropCode };
  }
  return { zone, category: zone.dataset.dropCategory };
}

function clearMarks() {
  for (const node of document.querySelectorAll(".drop-over")) node.classList.remove("drop-over");
}

function askMove(question) {
  const dialog = document.getElementById("move-dialog");
  const form = document.getElementById("move-form");
  const reason = form.elements.reason;
  document.getElementById("move-question").textContent = question;
  reason.value = "";
  return new Promise((resolve) => {
    const done = (answer) => {
      form.removeEventListener("submit", onSubmit);
      cancel.removeEventListener("click", onCancel);
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const onSubmit = (event) => { event.preventDefault(); done({ reason: reason.value }); };
    const onCancel = (event) => { event.preventDefault(); done(null); };
    const cancel = form.querySelector("button.secondary");
    form.addEventListener("submit", onSubmit);
    cancel.addEventListener("click", onCancel);
    dialog.addEventListener("cancel", onCancel);
    dialog.showModal();
    reason.focus();
  });
}

async function drop(event) {
  const target = dropTarget(event);
  clearMarks();
  if (!target) return;
  event.preventDefault();
  const name = dragged.dataset.code;
  dragged = null;
  const question = target.parent !== undefined
    ? t("Move {code} under {parent}?", { code: name, parent: target.parent })
    : target.category
      ? t("Move {code} to the top level of {category}?", { code: name, category: target.category })
      : t("Take {code} out of its category?", { code: name });
  const answer = await askMove(question);
  if (!answer) return;
  const data = { name, reason: answer.reason };
  if (target.parent !== undefined) data.parent = target.parent; else data.category = target.category;
  try {
    await api("POST", "/api/codebook/move", data);
    flashAfterReload(t("Saved. The change is in the codebook history."));
  } catch (error) {
    toast(error.message, "error");
  }
}

function setUpDragging() {
  document.addEventListener("dragstart", (event) => {
    const line = event.target.closest?.(".code-line[draggable]");
    if (!line) return;
    dragged = line.closest("li.code-row");
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.code);
  });
  document.addEventListener("dragend", () => {
    dragged?.classList.remove("dragging");
    clearMarks();
  });
  document.addEventListener("dragover", (event) => {
    const target = dropTarget(event);
    if (!target) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearMarks();
    target.zone.classList.add("drop-over");
  });
  document.addEventListener("drop", drop);
}

// --- import with a preview -------------------------------------------------------------

async function upload(url, form) {
  let response, body;
  try {
    response = await fetch(url, { method: "POST", body: new FormData(form),
      credentials: "same-origin", headers: { "Accept": "application/json", "X-CSRF-Token": csrf } });
    body = await response.json();
  } catch {
    throw new Error(t("The server did not answer. Is Stemmen still running?"));
  }
  if (!response.ok || !body.ok) throw new Error(body.error || t("The import failed."));
  return body.plan;
}

function showPlan(plan) {
  const box = document.getElementById("import-preview");
  const c = plan.counts;
  document.getElementById("import-summary").textContent = t(
    "{added} to add, {changed} to change, {unchanged} unchanged, {refused} refused; {categories} new category(ies).", c);
  const notes = document.getElementById("import-notes");
  notes.replaceChildren(...plan.notes.map((note) => el("li", {}, note)),
    ...plan.refused_categories.map((r) => el("li", {}, t("Category {name} was refused: {existing} already exists (names may not differ only in case).", r))));
  const rows = plan.codes.map((code) => el("tr", { className: `status-${code.status}` },
    el("td", {}, code.name),
    el("td", {}, code.parent || code.category || "–"),
    el("td", {}, el("span", { className: `badge ${code.status}` }, code.status_label)),
    el("td", {}, code.details)));
  box.querySelector("tbody").replaceChildren(...rows);
  document.getElementById("import-apply").disabled = !plan.writes;
  box.hidden = false;
}

function setUpImport() {
  const form = document.getElementById("import-form");
  if (!form) return;
  const box = document.getElementById("import-preview");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      showPlan(await upload("/api/codebook/import/preview", form));
    } catch (error) {
      box.hidden = true;
      showError(form, error.message);
    } finally {
      button.disabled = false;
    }
  });
  form.elements.file.addEventListener("change", () => { box.hidden = true; });
  document.getElementById("import-cancel").addEventListener("click", () => {
    box.hidden = true;
    form.reset();
  });
  document.getElementById("import-apply").addEventListener("click", async (event) => {
    event.target.disabled = true;
    try {
      const plan = await upload("/api/codebook/import/apply", form);
      flashAfterReload(t("Imported: {added} added, {changed} changed, {refused} refused.", plan.counts));
    } catch (error) {
      showError(form, error.message);
      event.target.disabled = false;
    }
  });
}

document.addEventListener("submit", submit);
setUpChoices();
setUpDragging();
setUpImport();
