// The document's recording: a player above the transcript, a time button on every timed
// paragraph (click: play from there), and the paragraph being played highlighted. Works
// beside document.js without touching its state: the transcript may repaint its rows at any
// time, so the buttons and the highlight are put back whenever rows change.

import { api, el, t } from "./common.js";

const paras = document.getElementById("paras");
const slot = document.getElementById("media-slot");
const name = document.getElementById("doc-admin")?.dataset.name;

/** 83.5 → "01:23", 3723 → "1:02:03". */
export function clock(seconds) {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

async function start() {
  if (!paras || !slot || !name) return;
  let info;
  try {
    info = await api("GET", `/api/media/info?name=${encodeURIComponent(name)}`);
  } catch {
    return; // the transcript works without its recording
  }
  const times = info.paragraphs;
  if (!times.length && !info.media) return;
  let player = null;
  if (info.media) {
    const video = info.media.mime_type.startsWith("video/");
    player = el(video ? "video" : "audio", { id: "media-player", controls: true,
      preload: "metadata", src: info.media.url, "aria-label": t("Recording of this document") });
    slot.append(el("div", { className: "media-player" }, player));
  } else {
    slot.append(el("p", { className: "muted small" },
      t("This transcript has times. Link its recording (stemmen documents media) to play it here.")));
  }
  slot.hidden = false;
  const byIndex = new Map(times.map((p, i) => [p.index, { ...p, until: p.end ?? times[i + 1]?.start ?? Infinity }]));
  let playing = null;

  function decorate() {
    for (const row of paras.querySelectorAll(".para")) {
      const index = Number(row.id.slice(1));
      const time = byIndex.get(index);
      if (!time || row.querySelector(".ptime")) continue;
      const label = clock(time.start);
      const button = el("button", { type: "button", className: "ptime", dataset: { t: time.start },
        disabled: !player, title: time.speaker ? `${time.speaker} · ${label}` : label,
        "aria-label": t("Play from {time}", { time: label }) }, label);
      row.append(button);
      if (index === playing) mark(row, true);
    }
  }

  function mark(row, on) {
    row.classList.toggle("playing", on);
    if (on) row.setAttribute("aria-current", "true");
    else row.removeAttribute("aria-current");
  }

  function follow() {
    const now = player.currentTime;
    let found = null;
    for (const [index, time] of byIndex) {
      if (now >= time.start && now < time.until) { found = index; break; }
    }
    if (found === playing) return;
    const old = playing && document.getElementById(`p${playing}`);
    if (old) mark(old, false);
    playing = found;
    const row = found && document.getElementById(`p${found}`);
    if (row) mark(row, true);
  }

  for (const type of ["mousedown", "mouseup"]) {
    paras.addEventListener(type, (event) => {
      if (event.target.closest(".ptime")) event.stopPropagation();
    }, true);
  }
  paras.addEventListener("click", (event) => {
    const button = event.target.closest(".ptime");
    if (!button || !player) return;
    event.stopPropagation();
    player.currentTime = Number(button.dataset.t);
    follow();
    player.play().catch(() => {}); // a browser may refuse to play without a gesture
  }, true);
  if (player) {
    player.addEventListener("timeupdate", follow);
    player.addEventListener("seeked", follow);
  }
  new MutationObserver(decorate).observe(paras, { childList: true });
  decorate();
}

start();
