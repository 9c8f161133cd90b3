// The codebook editor: every form posts its fields as JSON to its data-action, with the
// CSRF header, asks first where data-confirm says so, then reloads to show the new state.

import { api, confirmBox, flashAfterReload, t, toast } from "./common.js";

function fields(form) {
  const data = {};
  for (const input of form.elements) {
    if (!input.name) continue;
    data[input.name] = input.type === "checkbox" ? input.checked : input.value;
  }
  return data;
}

async function submit(event) {
  const form = event.target.closest("form.api-form");
  if (!form) return;
  event.preventDefault();
  if (form.dataset.confirm && !(await confirmBox(form.dataset.confirm, t("Yes, go ahead")))) return;
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    await api("POST", form.dataset.action, fields(form));
    flashAfterReload(t("Saved. The change is in the codebook history."));
  } catch (error) {
    toast(error.message, "error");
    button.disabled = false;
  }
}

document.addEventListener("submit", submit);
