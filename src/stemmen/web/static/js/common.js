// Shared by every page: translations, the JSON API with CSRF, safe element building,
// toasts, a confirm box, and the language and coder preferences in the header.
// User text only ever reaches the page through textContent or attribute setters.

const messages = JSON.parse(document.getElementById("messages")?.textContent || "{}");
const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
export const lang = document.documentElement.lang || "en";

/** The message in the page's language, with {name} placeholders filled in. */
export function t(message, params) {
  let text = messages[message] ?? message;
  if (params) text = text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return text;
}

/** Call the JSON API; resolves with the body, rejects with an Error carrying the message. */
export async function api(method, url, data) {
  const options = { method, credentials: "same-origin",
    headers: { "Accept": "application/json", "X-CSRF-Token": csrf } };
  if (data !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(data);
  }
  let response, body;
  try {
    response = await fetch(url, options);
    body = await response.json();
  } catch {
    throw new Error(t("The server did not answer. Is Stemmen still running?"));
  }
  if (!response.ok || !body.ok) {
    const error = new Error(body.error || t("The server did not answer. Is Stemmen still running?"));
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

/** Build an element: props are set as properties (never as HTML); children become text. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") Object.assign(node.style, value);
    else if (key.startsWith("aria-") || key === "role") node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let toastTimer = 0;
/** A short message at the bottom of the screen, read out by screen readers. */
export function toast(message, kind = "info") {
  const box = document.getElementById("toast");
  if (!box) return;
  box.textContent = message;
  box.dataset.kind = kind;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 6000 : 2500);
}

/** A modal question with OK and Cancel; resolves true or false. */
export function confirmBox(question, okLabel = t("OK")) {
  return new Promise((resolve) => {
    const ok = el("button", { type: "button", className: "danger" }, okLabel);
    const cancel = el("button", { type: "button", className: "secondary" }, t("Cancel"));
    const box = el("dialog", { className: "confirm" }, el("p", {}, question),
      el("div", { className: "row" }, ok, cancel));
    const close = (answer) => { box.close(); box.remove(); resolve(answer); };
    ok.addEventListener("click", () => close(true));
    cancel.addEventListener("click", () => close(false));
    box.addEventListener("cancel", (event) => { event.preventDefault(); close(false); });
    document.body.append(box);
    box.showModal();
    cancel.focus();
  });
}

/** A modal text question; resolves with the text, or null when cancelled. */
export function askText(question, value = "") {
  return new Promise((resolve) => {
    const input = el("input", { value, required: true, maxLength: 200 });
    const form = el("form", { method: "dialog", className: "stack" },
      el("label", {}, question, input),
      el("div", { className: "row" }, el("button", {}, t("OK")),
        el("button", { type: "button", className: "secondary", value: "cancel" }, t("Cancel"))));
    const box = el("dialog", { className: "confirm" }, form);
    const close = (answer) => { box.close(); box.remove(); resolve(answer); };
    form.addEventListener("submit", (event) => { event.preventDefault(); close(input.value.trim() || null); });
    form.querySelector(".secondary").addEventListener("click", () => close(null));
    box.addEventListener("cancel", (event) => { event.preventDefault(); close(null); });
    document.body.append(box);
    box.showModal();
    input.select();
  });
}

export function setCookie(name, value) {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; SameSite=Strict`;
}

/** Colour swatches rendered by the server carry data-colour; paint them (no inline styles). */
export function paintSwatches(root = document) {
  for (const node of root.querySelectorAll("[data-colour]")) {
    if (/^#[0-9a-fA-F]{6}$/.test(node.dataset.colour)) node.style.backgroundColor = node.dataset.colour;
  }
}

/** Remember a message to show after the next page load. */
export function flashAfterReload(message) {
  sessionStorage.setItem("stemmen-flash", message);
  location.reload();
}

function setUpHeader() {
  document.getElementById("lang-select")?.addEventListener("change", async (event) => {
    try {
      await api("POST", "/api/settings/language", { lang: event.target.value });
      location.reload();
    } catch (error) { toast(error.message, "error"); }
  });
  document.getElementById("coder-button")?.addEventListener("click", async () => {
    const current = document.getElementById("coder-name").textContent;
    const name = await askText(t("Who is coding in this browser?"), current);
    if (!name) return;
    try {
      await api("POST", "/api/settings/coder", { coder: name });
      flashAfterReload(t("Now coding as {coder}.", { coder: name }));
    } catch (error) { toast(error.message, "error"); }
  });
  const flash = sessionStorage.getItem("stemmen-flash");
  if (flash) { sessionStorage.removeItem("stemmen-flash"); toast(flash); }
  paintSwatches();
}

setUpHeader();

/**
 * Follow a background job (see web/jobs.py) until it ends. `onProgress(done, total)` is
 * called on every poll; resolves with the job's final status (with `download` when it made
 * a file), rejects with an Error carrying the job's message when it failed.
 */
export async function followJob(jobId, onProgress = () => {}) {
  for (let wait = 100; ; wait = Math.min(wait * 1.5, 1000)) {
    const status = await api("GET", `/api/jobs/${encodeURIComponent(jobId)}`);
    onProgress(status.done, status.total);
    if (status.state === "done") return status;
    if (status.state === "failed") throw new Error(status.error);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
