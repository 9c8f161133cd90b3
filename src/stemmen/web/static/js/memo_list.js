// The Memos page: write a memo on the whole project.
import { api, flashAfterReload, t, toast } from "./common.js";

const form = document.getElementById("project-memo-form");
form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("POST", "/api/memos/project", { title: form.elements.title.value,
      text: form.elements.text.value });
  } catch (error) { toast(error.message, "error"); return; }
  flashAfterReload(t("Memo saved."));
});
