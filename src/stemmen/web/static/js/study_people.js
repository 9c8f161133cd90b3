// The Study page's fieldwork, consent and people actions (routes/study_people.py).
import { api, confirmBox, el, flashAfterReload, t, toast } from "./common.js";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

function fields(form) {
  return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v).trim()]));
}

async function upload(url, form) {
  let response, body;
  try {
    response = await fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf } });
    body = await response.json();
  } catch {
    throw new Error(t("The server did not answer. Is Stemmen still running?"));
  }
  if (!response.ok || !body.ok) throw new Error(body.error || t("The server did not answer. Is Stemmen still running?"));
  return body;
}

function handle(id, action) {
  const form = document.getElementById(id);
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await action(form);
    } catch (error) {
      toast(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });
}

function reloadWith(message) {
  flashAfterReload(message);  // reloads the page, then shows the message
}

function fill(table, rows) {
  const body = table.querySelector("tbody");
  const width = table.querySelectorAll("thead th").length;
  body.replaceChildren(...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, String(c ?? ""))))));
  if (!rows.length) body.append(el("tr", {}, el("td", { colSpan: width }, t("Nothing to show."))));
  table.hidden = false;
}

handle("interview-form", async (form) => {
  const { planned } = await api("POST", "/api/study/interview", fields(form));
  reloadWith(t("Planned {name}.", { name: planned.name }));
});

handle("fieldwork-plan-form", async (form) => {
  const { planned } = await upload("/api/study/fieldwork-plan", form);
  reloadWith(t("Planned {n} interview(s).", { n: planned.length }));
});

handle("link-form", async (form) => {
  const data = fields(form);
  await api("POST", "/api/study/link", data);
  reloadWith(t("Linked {name} to {document}.", { name: data.name, document: data.document || "-" }));
});

handle("consent-form", async (form) => {
  const { consent } = await api("POST", "/api/study/consent", fields(form));
  reloadWith(t("Consent of {name} recorded.", { name: consent.participant }));
});

let pending = null;
const preview = document.getElementById("withdraw-preview");
handle("withdraw-form", async (form) => {
  const data = fields(form);
  const { withdrawal } = await api("POST", "/api/study/withdraw", { ...data, dry_run: true });
  pending = data;
  fill(document.getElementById("withdraw-table"),
    withdrawal.documents.map((d) => [d.document, d.speaker, d.turns, d.codings]));
  document.getElementById("withdraw-summary").textContent = t(
    "Would remove {name}: {turns} turn(s) replaced, {codings} coding(s) removed. Nothing was changed.",
    { name: data.participant, turns: withdrawal.turns, codings: withdrawal.codings });
  preview.hidden = false;
  document.getElementById("withdraw-confirm").focus();
});

document.getElementById("withdraw-confirm")?.addEventListener("click", async () => {
  if (!pending) return;
  const question = t("Remove {name} for good? Their words are replaced and their codings deleted.",
    { name: pending.participant });
  if (!(await confirmBox(question, t("Remove them for good")))) return;
  try {
    const { withdrawal } = await api("POST", "/api/study/withdraw", { ...pending, dry_run: false });
    reloadWith(t("Removed {name}: {turns} turn(s) replaced, {codings} coding(s) removed.",
      { name: pending.participant, turns: withdrawal.turns, codings: withdrawal.codings }));
  } catch (error) {
    toast(error.message, "error");
  }
});

handle("late-form", async (form) => {
  const data = fields(form);
  await api("POST", "/api/study/late-entrant", data);
  reloadWith(t("{name} joined in wave {wave}.", { name: data.participant, wave: data.wave }));
});

handle("guide-import-form", async (form) => {
  const { guides } = await upload("/api/study/guides/import", form);
  reloadWith(t("Imported {n} topic guide(s).", { n: guides.length }));
});

handle("turns-form", async (form) => {
  const { participant } = fields(form);
  const { turns } = await api("GET", `/api/study/turns?participant=${encodeURIComponent(participant)}`);
  fill(document.getElementById("turns-table"),
    turns.map((x) => [x.document, x.speaker, x.turns, x.codes.join(", ")]));
});

handle("waves-form", async (form) => {
  const { role } = fields(form);
  const { waves } = await api("GET", `/api/study/waves?role=${encodeURIComponent(role)}`);
  fill(document.getElementById("waves-table"), waves.people.map((p) =>
    [p.participant, p.role, p.case, p.first, p.last, p.appeared.join(", "), p.disappeared.join(", ")]));
});

handle("guide-topics-form", async (form) => {
  const option = form.elements.guide.selectedOptions[0];
  const query = new URLSearchParams({ type: option.dataset.type, wave: option.dataset.wave, version: option.value });
  const { guide } = await api("GET", `/api/study/guide-topics?${query}`);
  const side = (topic, lang) => [topic.titles[lang] || "", ...(topic.questions[lang] || [])].join("\n");
  fill(document.getElementById("guide-topics-table"),
    guide.topics.map((x) => [x.key, side(x, "nl"), side(x, "fr"), (x.codes || []).join(", ")]));
});

handle("coverage-form", async () => {
  const { coverage } = await api("GET", "/api/study/coverage");
  fill(document.getElementById("coverage-table"), coverage.map((c) => [c.document,
    `${c.type} · ${c.wave} · v${c.version}`, `${c.covered.length}/${c.covered.length + c.not_covered.length}`,
    c.not_covered.join(", ") || "–"]));
});
