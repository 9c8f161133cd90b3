// Users (/users): add a user, change a role, remove a user; each one call of the project API
// (POST /api/users/add, /api/users/role, /api/users/remove), then the page shows the result.
import { api, confirmBox, t, toast } from "./common.js";

const added = document.getElementById("user-add");
added?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target.elements;
  try {
    await api("POST", "/api/users/add",
      { name: form.name.value, role: form.role.value, password: form.password.value });
    location.reload();
  } catch (error) {
    toast(error.message, "error");
  }
});

for (const row of document.querySelectorAll(".users-table tr[data-name]")) {
  const name = row.dataset.name;
  row.querySelector(".user-role").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", "/api/users/role", { name, role: event.target.elements.role.value });
      toast(t("{name} is now {role}.", { name, role: event.target.elements.role.selectedOptions[0].text }));
    } catch (error) {
      toast(error.message, "error");
    }
  });
  row.querySelector(".user-remove").addEventListener("click", async () => {
    if (!(await confirmBox(t("Remove {name}? Their codings stay.", { name }), t("Remove")))) return;
    try {
      await api("POST", "/api/users/remove", { name });
      location.reload();
    } catch (error) {
      toast(error.message, "error");
    }
  });
}
