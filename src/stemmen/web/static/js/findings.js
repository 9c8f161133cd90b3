// The findings page: findings grouped by case and level, one finding open at a time with its
// strength, its evidence (the quote for the report chosen there) and a retrieval panel to
// add segments as evidence. Every change goes through the JSON API (project.findings/quotes).
import { api, confirmBox, el, t, toast } from "./common.js";

const initial = JSON.parse(document.getElementById("findings-data").textContent);
let findings = initial.findings;
let current = null; // the open finding's detail: {finding, evidence, quotes}

const groupsBox = document.getElementById("finding-groups");
const detail = document.getElementById("detail");
const editForm = document.getElementById("edit-form");
const NAME_LABELS = initial.labels || {};
/** A case, code, level or finding as the page's language labels it (project.labels). */
const lab = (kind, name) => (NAME_LABELS[kind] || {})[name] || name;
const KIND_LABELS = { result: t("Result"), good_practice: t("Good practice"),
  recommendation: t("Recommendation") };
const FLAG_LABELS = { "no evidence": t("No evidence is linked to this finding."),
  "single interview": t("This finding rests on a single interview."),
  "single role": t("This finding rests on a single role.") };

function strengthLine(s) {
  return t("{interviews} interviews · {roles} roles · {cases} cases · {waves} waves", {
    interviews: s.interviews, roles: s.roles.length, cases: s.cases.length, waves: s.waves.length });
}

/** Findings by case (cases first, "All cases" last), then by level, keeping their order. */
function grouped() {
  const groups = new Map();
  for (const f of findings) {
    const key = f.case ?? "";
    if (!groups.has(key)) groups.set(key, new Map());
    const levels = groups.get(key);
    if (!levels.has(f.level)) levels.set(f.level, []);
    levels.get(f.level).push(f);
  }
  const keys = [...groups.keys()].filter((k) => k !== "");
  if (groups.has("")) keys.push("");
  return keys.map((k) => [k, groups.get(k)]);
}

function findingItem(f, siblings) {
  const index = siblings.indexOf(f);
  const open = el("button", { type: "button", className: "link statement",
    "aria-current": current?.finding.id === f.id ? "true" : "false" }, lab("finding", f.statement));
  open.addEventListener("click", () => openFinding(f.id));
  const up = el("button", { type: "button", className: "secondary small", disabled: index === 0,
    "aria-label": t("Move up: {statement}", { statement: f.statement }) }, "↑");
  const down = el("button", { type: "button", className: "secondary small",
    disabled: index === siblings.length - 1,
    "aria-label": t("Move down: {statement}", { statement: f.statement }) }, "↓");
  up.addEventListener("click", () => move(f, siblings[index - 1]));
  down.addEventListener("click", () => move(f, siblings[index + 1]));
  const flags = f.strength.flags.map((flag) => el("span", { className: "chip flag-chip" }, t(flag)));
  return el("li", { className: "finding-item", dataset: { id: String(f.id) } },
    el("div", { className: "finding-main" }, open,
      el("p", { className: "muted small" }, KIND_LABELS[f.kind] || f.kind, " · ",
        strengthLine(f.strength)),
      flags.length ? el("p", { className: "chips" }, ...flags) : null),
    el("div", { className: "finding-moves" }, up, down));
}

function renderGroups() {
  groupsBox.replaceChildren();
  if (!findings.length) {
    groupsBox.append(el("p", { className: "muted" }, t("No findings yet. Add the first one above.")));
    return;
  }
  for (const [caseName, levels] of grouped()) {
    const section = el("section", { className: "finding-group" },
      el("h2", {}, caseName ? lab("case", caseName) : t("All cases")));
    for (const [level, items] of levels) {
      if (level) section.append(el("h3", {}, t("Level: {level}", { level: lab("level", level) })));
      section.append(el("ul", { className: "finding-list" }, ...items.map((f) => findingItem(f, items))));
    }
    groupsBox.append(section);
  }
}

async function move(f, other) {
  const order = findings.map((x) => x.id);
  const a = order.indexOf(f.id), b = order.indexOf(other.id);
  [order[a], order[b]] = [order[b], order[a]];
  try {
    findings = (await api("POST", "/api/findings/reorder", { ids: order })).findings;
    renderGroups();
    groupsBox.querySelector(`[data-id="${f.id}"] .finding-main button`)?.focus();
  } catch (error) { toast(error.message, "error"); }
}

function replaceFinding(f) {
  findings = findings.map((x) => (x.id === f.id ? f : x));
  renderGroups();
}

/* ---- the open finding ---- */

async function openFinding(id) {
  try {
    current = await api("GET", `/api/findings/${id}`);
  } catch (error) { toast(error.message, "error"); return; }
  detail.hidden = false;
  const f = current.finding;
  editForm.statement.value = f.statement;
  editForm.kind.value = f.kind;
  editForm.case.value = f.case ?? "";
  editForm.level.value = f.level;
  editForm.description.value = f.description;
  document.getElementById("candidates").replaceChildren();
  document.getElementById("candidates-bar").hidden = true;
  const findCases = document.getElementById("find-form").case;
  for (const option of findCases.options) option.selected = option.value === f.case;
  renderDetail();
  renderGroups();
  document.getElementById("detail-title").focus?.();
}

function renderStrength(f) {
  const s = f.strength;
  const values = { segments: s.segments, interviews: s.interviews, roles: s.roles.length,
    cases: s.cases.length, waves: s.waves.length };
  for (const dd of document.querySelectorAll("#strength dd")) dd.textContent = String(values[dd.dataset.key]);
  const names = [s.roles.length ? t("Roles: {names}", { names: s.roles.join(", ") }) : "",
    s.cases.length ? t("Cases: {names}", { names: s.cases.join(", ") }) : "",
    s.waves.length ? t("Waves: {names}", { names: s.waves.join(", ") }) : ""].filter(Boolean);
  document.getElementById("strength-names").textContent = names.join(" · ");
  document.getElementById("flags").replaceChildren(
    ...s.flags.map((flag) => el("li", { className: "flag-note" }, "⚠ ", FLAG_LABELS[flag] || flag)));
}

function segmentHead(s) {
  const where = s.paragraphs[0] === s.paragraphs[1] ? `¶${s.paragraphs[0]}`
    : `¶${s.paragraphs[0]}–${s.paragraphs[1]}`;
  return el("p", { className: "seg-head" }, el("strong", {}, lab("code", s.code)), " ",
    el("a", { href: `/documents/${encodeURIComponent(s.document)}?at=${s.start}-${s.end}&view=all` },
      `${s.document} ${where}`), " ", el("span", { className: "muted" }, s.coder));
}

function evidenceItem(s) {
  const quote = current.quotes.find((q) => q.coding_id === s.coding_id);
  const remove = el("button", { type: "button", className: "secondary small" }, t("Remove"));
  remove.addEventListener("click", () => unlink([s.coding_id]));
  const toggle = el("button", { type: "button", className: "secondary small",
    "aria-pressed": quote ? "true" : "false" }, quote ? t("Quoted in the report") : t("Quote in the report"));
  toggle.addEventListener("click", () => (quote ? unmark(s.coding_id) : mark(s.coding_id, null)));
  const item = el("li", { className: "segment" + (quote ? " chosen" : ""), dataset: { coding: String(s.coding_id) } },
    segmentHead(s),
    el("blockquote", { className: "quote" }, `“${s.text}” `, el("span", { className: "attribution" }, s.attribution)));
  if (quote) {
    const area = el("textarea", { rows: 2, value: quote.text });
    const save = el("button", { type: "button", className: "small" }, t("Save quote text"));
    save.addEventListener("click", () => mark(s.coding_id, area.value));
    item.append(el("div", { className: "stack quote-edit" },
      el("label", {}, t("Text printed in the report (cut parts marked […])"), area), el("div", { className: "row" }, save)));
  }
  item.append(el("div", { className: "row" }, toggle, remove));
  return item;
}

function renderDetail() {
  renderStrength(current.finding);
  const list = document.getElementById("evidence");
  list.replaceChildren(...current.evidence.map(evidenceItem));
  if (!current.evidence.length) {
    list.append(el("li", { className: "muted" }, t("No evidence yet: retrieve segments below and add them.")));
  }
}

async function refreshDetail(answer) {
  current = { finding: answer.finding, evidence: answer.evidence, quotes: answer.quotes };
  replaceFinding(answer.finding);
  renderDetail();
}

async function link(codings) {
  try {
    const answer = await api("POST", "/api/findings/link", { id: current.finding.id, codings });
    await refreshDetail(answer);
    toast(t("Added {n} segment(s) as evidence.", { n: answer.added }));
    markLinked();
  } catch (error) { toast(error.message, "error"); }
}

async function unlink(codings) {
  try {
    const answer = await api("POST", "/api/findings/unlink", { id: current.finding.id, codings });
    await refreshDetail(answer);
    toast(t("Removed {n} segment(s) from the evidence.", { n: answer.removed }));
    markLinked();
  } catch (error) { toast(error.message, "error"); }
}

async function mark(coding, text) {
  try {
    await api("POST", "/api/quotes/mark", { coding, text: text || null, finding: current.finding.id });
    await refreshDetail(await api("GET", `/api/findings/${current.finding.id}`));
  } catch (error) { toast(error.message, "error"); }
}

async function unmark(coding) {
  try {
    await api("POST", "/api/quotes/unmark", { coding });
    await refreshDetail(await api("GET", `/api/findings/${current.finding.id}`));
  } catch (error) { toast(error.message, "error"); }
}

/* ---- retrieval of candidate segments ---- */

function candidateItem(s) {
  const box = el("input", { type: "checkbox", value: String(s.coding_id), checked: s.linked,
    disabled: s.linked });
  const label = el("label", { className: "check" }, box, " ",
    s.linked ? t("already evidence") : t("Choose"));
  return el("li", { className: "segment", dataset: { coding: String(s.coding_id) } },
    segmentHead(s), el("blockquote", { className: "quote" }, `“${s.text}” `,
      el("span", { className: "attribution" }, s.attribution)), label);
}

function markLinked() {
  const linked = new Set(current.finding.evidence);
  for (const box of document.querySelectorAll("#candidates input[type=checkbox]")) {
    const on = linked.has(Number(box.value));
    box.checked = on; box.disabled = on;
    box.parentElement.lastChild.textContent = on ? t("already evidence") : t("Choose");
  }
}

document.getElementById("find-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const params = new URLSearchParams(new FormData(event.target));
  try {
    const answer = await api("GET", `/api/findings/${current.finding.id}/candidates?${params}`);
    document.getElementById("candidates").replaceChildren(...answer.segments.map(candidateItem));
    document.getElementById("candidates-bar").hidden = false;
    document.getElementById("candidates-count").textContent = t("{n} segment(s)", { n: answer.count });
  } catch (error) { toast(error.message, "error"); }
});

document.getElementById("add-chosen").addEventListener("click", () => {
  const chosen = [...document.querySelectorAll("#candidates input:checked:not(:disabled)")]
    .map((box) => Number(box.value));
  if (!chosen.length) { toast(t("Choose one or more segments first.")); return; }
  link(chosen);
});

/* ---- add, edit, delete ---- */

function fields(form) {
  return { statement: form.statement.value, kind: form.kind.value, case: form.case.value,
    level: form.level.value, description: form.description.value };
}

document.getElementById("add-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const { finding } = await api("POST", "/api/findings/add", fields(event.target));
    findings = (await api("GET", "/api/findings/list")).findings;
    event.target.reset();
    toast(t("Added finding #{id}.", { id: finding.id }));
    await openFinding(finding.id);
  } catch (error) { toast(error.message, "error"); }
});

editForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const { finding } = await api("POST", "/api/findings/edit", { id: current.finding.id, ...fields(editForm) });
    current.finding = finding;
    findings = (await api("GET", "/api/findings/list")).findings;
    renderGroups();
    toast(t("Saved."));
  } catch (error) { toast(error.message, "error"); }
});

document.getElementById("delete-finding").addEventListener("click", async () => {
  const ok = await confirmBox(t("Delete this finding? Its segments and codings stay."), t("Delete finding"));
  if (!ok) return;
  try {
    await api("POST", "/api/findings/delete", { id: current.finding.id });
    findings = findings.filter((f) => f.id !== current.finding.id);
    current = null;
    detail.hidden = true;
    renderGroups();
    toast(t("Finding deleted."));
  } catch (error) { toast(error.message, "error"); }
});

renderGroups();
const wanted = Number(new URLSearchParams(location.search).get("finding"));
if (wanted) openFinding(wanted);
