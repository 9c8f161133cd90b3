// The cases, participants and attributes page: tabs, four spreadsheet grids (each save or
// paste is one call of /api/cases/update, one transaction), undo of the last change, row
// deletion, and the forms that add cases and participants or change attribute definitions.

import { api, confirmBox, el, flashAfterReload, t, toast } from "./common.js";
import { Grid } from "./grid.js";

const data = JSON.parse(document.getElementById("sheets-data").textContent);
const labels = JSON.parse(document.getElementById("sheet-labels").textContent);
const grids = {};
const undo = {};

function panel(sheet) { return document.getElementById(`panel-${sheet}`); }

function say(sheet, message, isError = false) {
  const box = panel(sheet).querySelector(".sheet-error");
  const status = panel(sheet).querySelector(".status");
  if (isError) {
    box.textContent = message;
    box.hidden = false;
    status.textContent = "";
  } else {
    box.hidden = true;
    status.textContent = message;
  }
}

/** Datalists for choice and yes/no columns, so a cell editor offers the allowed values. */
function choiceLists(sheets) {
  document.querySelectorAll("datalist.choices").forEach((node) => node.remove());
  const seen = new Set();
  for (const sheet of Object.values(sheets)) {
    for (const col of sheet.columns) {
      if (seen.has(col.id) || !(col.choices?.length || col.type === "boolean")) continue;
      seen.add(col.id);
      const values = col.type === "boolean" ? [labels.yes, labels.no] : col.choices;
      document.body.append(el("datalist", { id: `choices-${col.id}`, className: "choices" },
        ...values.map((value) => el("option", { value }))));
    }
  }
}

function refresh(fresh) {
  for (const [name, values] of Object.entries(fresh.lists)) {
    document.getElementById(`list-${name}`).replaceChildren(...values.map((value) => el("option", { value })));
  }
  choiceLists(fresh.sheets);
  for (const [sheet, grid] of Object.entries(grids)) {
    grid.load(fresh.sheets[sheet]);
    document.querySelector(`#tab-${sheet} .count`).textContent = fresh.sheets[sheet].rows.length;
  }
}

async function save(sheet, edits, isUndo = false) {
  const answer = await api("POST", "/api/cases/update", { sheet, edits });
  undo[sheet] = isUndo ? null : answer.undo;
  panel(sheet).querySelector("[data-do=undo]").disabled = !undo[sheet];
  refresh(answer);
  const message = isUndo ? t("Undone.") : t("Saved {n} row(s).", { n: answer.changed });
  say(sheet, message);
  toast(message);
}

function setUpGrid(sheet) {
  const root = panel(sheet).querySelector(".sheet-wrap");
  const label = document.getElementById(`tab-${sheet}`).firstChild.textContent.trim();
  grids[sheet] = new Grid(root, data.sheets[sheet], {
    label, labels,
    onSave: (edits) => save(sheet, edits),
    onUndo: () => runUndo(sheet),
    onMessage: (message, isError = false) => say(sheet, message, isError),
    onError: (error, edits) => {
      say(sheet, error.message, true);
      toast(error.message, "error");
      grids[sheet].markError(edits, error.body?.cell);
    },
  });
  panel(sheet).querySelector("[data-do=undo]").addEventListener("click", () => runUndo(sheet));
  panel(sheet).querySelector("[data-do=delete]")?.addEventListener("click", () => deleteRow(sheet));
}

async function runUndo(sheet) {
  if (!undo[sheet]) return;
  try { await save(sheet, undo[sheet], true); } catch (error) { say(sheet, error.message, true); }
}

async function deleteRow(sheet) {
  const grid = grids[sheet];
  const row = grid.rows[grid.pos.r];
  if (!row || row.isNew) { say(sheet, t("Choose a row first: click one of its cells."), true); return; }
  const name = row.key.join(" / ");
  try {
    if (sheet === "speakers") {
      await save(sheet, [{ key: row.key, delete: true }]);
      return;
    }
    const question = sheet === "cases"
      ? t("Delete the case {name}? Its documents stay, in no case.", { name })
      : t("Delete the participant {name} and their links to documents?", { name });
    if (!(await confirmBox(question, t("Delete")))) return;
    if (sheet === "cases") await api("POST", "/api/cases/delete", { name });
    else await api("POST", "/api/participants/delete", { pseudonym: name });
    refresh(await api("GET", "/api/cases/sheets"));
    say(sheet, t("Deleted {name}.", { name }));
  } catch (error) { say(sheet, error.message, true); }
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  const show = (tab, focus = true) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    if (focus) tab.focus();
    history.replaceState(null, "", `#${tab.id.slice(4)}`);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => show(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) { event.preventDefault(); show(tabs[(i + step + tabs.length) % tabs.length]); }
    });
  });
  const wanted = document.getElementById(`tab-${location.hash.slice(1)}`);
  if (wanted) show(wanted, false);
}

function fields(form) {
  const values = {};
  for (const input of form.elements) if (input.name) values[input.name] = input.value;
  return values;
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.api-form");
  if (!form) return;
  event.preventDefault();
  if (form.dataset.confirm && !(await confirmBox(form.dataset.confirm, t("Delete")))) return;
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    await api("POST", form.dataset.action, fields(form));
    flashAfterReload(t("Saved. The change is in the audit log."));
  } catch (error) {
    toast(error.message, "error");
    const sheet = form.closest(".sheet-panel")?.dataset.sheet;
    if (sheet) say(sheet, error.message, true);
    button.disabled = false;
  }
});

choiceLists(data.sheets);
for (const sheet of ["cases", "documents", "participants", "speakers"]) setUpGrid(sheet);
setUpTabs();
