// Rounds: open a blind round and close one (owners). Closing answers the agreement and leads
// to the round's page, where its disagreements are reconciled (reliability.js).
import { api, t, toast } from "./common.js";

const form = document.getElementById("round-open");
if (form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const documents = [...document.getElementById("round-documents").selectedOptions]
      .map((o) => o.value);
    const coders = document.getElementById("round-coders").value.split(/[\n,]/)
      .map((c) => c.trim()).filter(Boolean);
    const result = document.getElementById("round-result");
    try {
      await api("POST", "/api/rounds/open", {
        name: document.getElementById("round-name").value, documents, coders });
      window.location.reload();
    } catch (error) {
      result.textContent = error.message;
      result.dataset.kind = "error";
    }
  });
}

for (const button of document.querySelectorAll("button.round-close")) {
  button.addEventListener("click", async () => {
    const name = button.dataset.round;
    button.disabled = true;
    try {
      await api("POST", `/api/rounds/${encodeURIComponent(name)}/close`, {});
      toast(t("Round {name} is closed.", { name }));
      window.location.assign(`/rounds/${encodeURIComponent(name)}`);
    } catch (error) {
      button.disabled = false;
      toast(error.message, "error");
    }
  });
}
