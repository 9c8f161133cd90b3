// A page whose analysis runs in the background (web/background.py): follow the job with a
// progress bar, then load the page again with ?job=<id> to show the result it made.

import { followJob } from "/static/js/common.js";

const here = new URL(window.location.href);
if (here.searchParams.has("job")) {  // back with the result: keep the address clean
  here.searchParams.delete("job");
  window.history.replaceState(null, "", here);
}

for (const box of document.querySelectorAll(".job-wait[data-job]")) {
  const bar = box.querySelector("progress");
  const note = box.querySelector(".job-note");
  followJob(box.dataset.job, (done, total) => {
    if (total > 0) {
      bar.max = total;
      bar.value = done;
    }
  }).then(() => {
    const next = new URL(window.location.href);
    next.searchParams.set("job", box.dataset.job);
    box.dataset.state = "done";
    window.location.replace(next);
  }).catch((error) => {
    box.dataset.state = "failed";
    note.setAttribute("role", "alert");
    note.textContent = error.message;
  });
}
