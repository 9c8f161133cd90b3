// The start page: create a project, open a recent or existing one, or build the demo (a
// background job with a progress bar), then go to the chosen project's overview.

import { api, followJob, t, toast } from "./common.js";

const errorBox = document.getElementById("start-error");

function showError(error) {
  errorBox.textContent = error.message;
  errorBox.hidden = false;
  toast(error.message, "error");
}

/** Run `action` with `button` disabled; on success go to the overview. */
async function busy(button, action) {
  errorBox.hidden = true;
  button.disabled = true;
  try {
    const answer = await action();
    location.assign(answer.go || "/");
  } catch (error) {
    showError(error);
    button.disabled = false;
  }
}

const openProject = (target) => api("POST", "/api/start/open", { project: target });

// New project: a SQLite file (folder + name) or a PostgreSQL URL.
const createForm = document.getElementById("create-form");
function showKind() {
  const kind = createForm.elements.kind.value;
  createForm.querySelector(".sqlite-fields").hidden = kind !== "sqlite";
  createForm.querySelector(".postgresql-fields").hidden = kind !== "postgresql";
}
for (const radio of createForm.elements.kind) radio.addEventListener("change", showKind);
createForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const form = createForm.elements;
  const data = form.kind.value === "postgresql"
    ? { url: form.url.value.trim() }
    : { folder: form.folder.value.trim(), name: form.name.value.trim() };
  busy(document.getElementById("create-button"), () => api("POST", "/api/start/create", data));
});

// Open an existing project by path or URL.
const openForm = document.getElementById("open-form");
openForm.addEventListener("submit", (event) => {
  event.preventDefault();
  busy(document.getElementById("open-button"), () => openProject(openForm.elements.project.value.trim()));
});

// Recent projects: open, or take off the list.
document.querySelector(".recent-list")?.addEventListener("click", async (event) => {
  const item = event.target.closest(".recent-item");
  if (!item) return;
  if (event.target.closest(".open-recent")) {
    busy(event.target.closest(".open-recent"), () => openProject(item.dataset.target));
  } else if (event.target.closest(".forget-recent")) {
    try {
      await api("POST", "/api/start/forget", { project: item.dataset.target });
      const list = item.parentElement;
      item.remove();
      if (!list.children.length) list.replaceWith(Object.assign(document.createElement("p"),
        { className: "muted", textContent: t("No recent projects yet.") }));
      toast(t("Removed from the list; the project itself is kept."));
    } catch (error) { showError(error); }
  }
});

// The demo: built in a background job, then opened.
const demoForm = document.getElementById("demo-form");
demoForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const bar = document.getElementById("demo-progress");
  const status = document.getElementById("demo-status");
  document.getElementById("demo-job").hidden = false;
  status.textContent = t("Building the demo…");
  busy(document.getElementById("demo-button"), async () => {
    try {
      const job = await api("POST", "/api/start/demo", { folder: demoForm.elements.folder.value.trim() });
      const done = await followJob(job.job, (n, total) => {
        if (total) {
          bar.max = total;
          bar.value = n;
          status.textContent = t("{done} of {total} documents", { done: n, total });
        }
      });
      status.textContent = t("Opening the demo…");
      return await openProject(done.result.project);
    } catch (error) {
      status.textContent = "";
      document.getElementById("demo-job").hidden = true;
      throw error;
    }
  });
});
