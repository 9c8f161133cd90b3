// The document page's recording and speakers panel: link a recording (sent from the browser,
// or a path on this computer), remove it, and code every turn of a speaker.
import { api, confirmBox, el, flashAfterReload, t, toast } from "./common.js";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
const box = document.getElementById("doc-media");
const name = box?.dataset.name || "";
const linkForm = document.getElementById("media-link-form");
const unlink = document.getElementById("media-unlink");
const turnsForm = document.getElementById("turns-code-form");
const state = document.getElementById("media-state");

async function load() {
  const info = await api("GET", `/api/media/speakers?name=${encodeURIComponent(name)}`);
  if (!info.can_copy) {  // PostgreSQL: no project folder, a path is linked where it is
    document.getElementById("media-upload-label").hidden = true;
    document.getElementById("media-copy-label").hidden = true;
    linkForm.elements.copy.checked = false;
  }
  state.textContent = info.media
    ? t("Linked: {file} ({size} MB, {how}).", { file: info.media.file,
      size: (info.media.size / 1e6).toFixed(1),
      how: info.media.copied ? t("copied into the project folder") : t("where it is") })
    : t("No recording linked.");
  unlink.hidden = !info.media;
  const select = turnsForm.elements.speaker;
  select.replaceChildren(...info.speakers.map((s) => el("option", { value: s }, s)));
  turnsForm.hidden = !info.speakers.length;
  if (info.speakers.length) {
    const { codes } = await api("GET", "/api/codebook");
    document.getElementById("turns-code-list").replaceChildren(
      ...(codes || []).map((c) => el("option", { value: c.name })));
  }
}

linkForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(linkForm);
  data.append("name", name);
  const file = linkForm.elements.file.files[0];
  if (!file) data.delete("file");
  if (!file && !String(data.get("path") || "").trim()) {
    toast(t("Choose an audio or video file, or give its path."), "error");
    return;
  }
  const button = linkForm.querySelector("button[type=submit]");
  button.disabled = true;
  let response, body;
  try {
    response = await fetch("/api/media/link", { method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf } });
    body = await response.json();
  } catch {
    body = { error: t("The server did not answer. Is Stemmen still running?") };
  } finally {
    button.disabled = false;
  }
  if (!response?.ok || !body.ok) { toast(body.error, "error"); return; }
  flashAfterReload(t("Linked {file}.", { file: body.media.file }));
});

unlink?.addEventListener("click", async () => {
  if (!(await confirmBox(t("Remove the recording of {name}?", { name }), t("Remove the recording")))) return;
  try {
    await api("POST", "/api/media/unlink", { name });
  } catch (error) { toast(error.message, "error"); return; }
  flashAfterReload(t("Removed the media link of {name}.", { name }));
});

turnsForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const speaker = turnsForm.elements.speaker.value;
  const code = turnsForm.elements.code.value.trim();
  const every = turnsForm.elements.all_documents.checked;
  try {
    const done = await api("POST", "/api/codings/apply-turns",
      { documents: [name], all_documents: every, speaker, code });
    flashAfterReload(t("Coded {added} of {turns} turn(s) of {speaker} with {code}.", done));
  } catch (error) { toast(error.message, "error"); }
});

if (box) load().catch((error) => toast(error.message, "error"));
