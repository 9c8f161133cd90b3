// Suggestions page: write the model's held-out predictions as a coder's codings
// (POST /api/suggestions/as_coder → project.suggestions.as_coder, as `stemmen suggest as-coder`).
import { api, confirmBox, el, t } from "/static/js/common.js";

const form = document.getElementById("sg-as-coder");
if (form) {
  const status = document.getElementById("sg-as-coder-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = form.elements.name.value.trim();
    if (!await confirmBox(t("Replace every coding of coder {name} with the model's predictions?", { name }),
      t("Write as coder"))) return;
    status.textContent = t("Writing…");
    try {
      const answer = await api("POST", "/api/suggestions/as_coder", { name });
      status.replaceChildren(t("{count} codings written for coder {name}.",
        { count: answer.codings, name: answer.name }), " ",
        el("a", { href: "/reliability" }, t("Compare on the reliability page")));
    } catch (error) {
      status.textContent = error.message;
    }
  });
}
