// Project settings (/settings): save or reset one setting, each one call of the project API
// (POST /api/settings/set, /api/settings/reset).
import { api, t, toast } from "./common.js";

/** Show a setting as the server answered it. */
function show(form, setting) {
  const row = form.closest("tr");
  form.elements.value.value = setting.value;
  row.classList.toggle("changed", !setting.is_default);
  row.classList.toggle("is-default", setting.is_default);
  form.querySelector(".ps-reset").disabled = setting.is_default;
  form.querySelector(".ps-state").textContent = setting.is_default ? "" : t("changed");
}

async function save(form) {
  try {
    const answer = await api("POST", "/api/settings/set",
      { key: form.dataset.key, value: form.elements.value.value });
    show(form, answer.setting);
    toast(t("{key} saved.", { key: form.dataset.key }));
  } catch (error) {
    toast(error.message, "error");
    form.elements.value.focus();
  }
}

async function reset(form) {
  try {
    const answer = await api("POST", "/api/settings/reset", { key: form.dataset.key });
    show(form, answer.setting);
    toast(t("{key} has its default value again.", { key: form.dataset.key }));
    form.elements.value.focus();
  } catch (error) {
    toast(error.message, "error");
  }
}

for (const form of document.querySelectorAll(".ps-form")) {
  form.addEventListener("submit", (event) => { event.preventDefault(); save(form); });
  form.querySelector(".ps-reset").addEventListener("click", () => reset(form));
}
