// Casting-director mode (/scan/casting/): headshots one at a time, five seconds each,
// "maybe" (M) or "no" (N); then the arithmetic of the real job.
//
// The clock for "your pace" runs only while a headshot is on screen (from the
// moment it can paint until your call or the end of its five seconds), so a
// slow network never counts against you. ?seconds=N shortens the timer.

import { el } from "./dom.js";
import { castingArithmetic } from "./measure.js";
import { countdown, imagesReady, scanSeconds } from "./scan-timer.js";

const root = document.querySelector("[data-casting]");
const SUBMISSIONS = 5000;

/** "4.4", "12", "0.8": one decimal under 10, whole numbers above. */
export function hoursText(hours) {
  if (hours >= 10) return String(Math.round(hours));
  return hours.toFixed(1).replace(/\.0$/, "");
}

function durationText(seconds) {
  if (seconds < 60) return `${Math.round(seconds)} second${Math.round(seconds) === 1 ? "" : "s"}`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return `${minutes} min ${rest} s`;
}

function shuffled(items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function castingMode() {
  const brief = root.querySelector("[data-brief]");
  const review = root.querySelector("[data-review]");
  const summary = root.querySelector("[data-summary]");
  const stack = root.querySelector("[data-stack]");
  const timer = review.querySelector(".scan-timer");
  const tally = root.querySelector("[data-tally]");
  const seconds = scanSeconds(root);
  const shots = [...stack.querySelectorAll("[data-shot]")];
  root.querySelector("[data-total]").textContent = String(shots.length);
  root.querySelectorAll("[data-count]").forEach((count) => { count.textContent = String(seconds); });

  let session = null; // { order, index, counts, spent, controller, shownAt }

  function decide(verdict) {
    if (!session || !session.controller || session.controller.signal.aborted) return;
    session.verdict = verdict;
    session.controller.abort();
  }

  async function begin() {
    session = { order: shuffled(shots), counts: { maybe: 0, no: 0, timeout: 0 }, spent: 0 };
    brief.hidden = true;
    summary.hidden = true;
    review.hidden = false;
    tally.textContent = "Maybe 0 · No 0";
    review.scrollIntoView({ block: "start", behavior: "instant" });
    review.querySelector("h2").focus({ preventScroll: true });
    await imagesReady(stack, 1500);
    for (let i = 0; i < session.order.length; i += 1) {
      const shot = session.order[i];
      root.querySelector("[data-index]").textContent = String(i + 1);
      shots.forEach((s) => { s.hidden = s !== shot; });
      // A call made while the photo is still arriving counts for this photo.
      session.controller = new AbortController();
      session.verdict = null;
      const { signal } = session.controller;
      const img = shot.querySelector("img");
      if (img) {
        await Promise.race([img.decode().catch(() => undefined),
          new Promise((r) => { window.setTimeout(r, 1500); signal.addEventListener("abort", r); })]);
      }
      review.dataset.showing = String(i + 1);
      const shownAt = performance.now();
      const ranOut = signal.aborted ? false : await countdown(timer, seconds, signal);
      session.spent += Math.min(seconds, (performance.now() - shownAt) / 1000);
      if (ranOut) session.counts.timeout += 1;
      else session.counts[session.verdict] += 1;
      const { maybe, no, timeout } = session.counts;
      tally.textContent = `Maybe ${maybe} · No ${no + timeout}`;
    }
    session.controller = null;
    finish();
  }

  function finish() {
    const { counts, spent, order } = session;
    const reviewed = order.length;
    const math = castingArithmetic(reviewed, spent, SUBMISSIONS, 5);
    review.hidden = true;
    shots.forEach((s) => { s.hidden = true; });
    root.querySelector("[data-summary-heading]").textContent =
      `You reviewed ${reviewed} headshots in ${durationText(spent)}`;
    root.querySelector("[data-maybe]").textContent = String(counts.maybe);
    root.querySelector("[data-no]").textContent = String(counts.no);
    root.querySelector("[data-timeout]").textContent = String(counts.timeout);
    root.querySelector("[data-pace]").replaceChildren(
      `That is ${math.perHeadshot.toFixed(1)} seconds a headshot. At your pace, `,
      el("strong", {}, `${SUBMISSIONS.toLocaleString("en")} submissions would take ${hoursText(math.hoursAtYourPace)} hours`),
      ".",
    );
    const standard = root.querySelector("[data-standard]");
    standard.replaceChildren(
      "At five seconds each, they take ",
      el("strong", {}, `about ${Math.round(math.hoursAtStandard)} hours`),
      ": the office's entire day goes on sorting photos, before anyone opens a résumé or plays a reel. "
        + "Of 5,000, only 50 to 100 go on to a closer look.",
    );
    summary.hidden = false;
    summary.scrollIntoView({ block: "start", behavior: "instant" });
    summary.querySelector("h2").focus({ preventScroll: true });
  }

  root.querySelector("[data-begin]").addEventListener("click", begin);
  root.querySelector("[data-restart]").addEventListener("click", begin);
  review.querySelectorAll("[data-verdict]").forEach((button) => {
    button.addEventListener("click", () => decide(button.dataset.verdict));
  });
  document.addEventListener("keydown", (event) => {
    if (review.hidden || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea, [contenteditable]")) return;
    const key = event.key.toLowerCase();
    if (key === "m" || key === "n") {
      event.preventDefault();
      const verdict = key === "m" ? "maybe" : "no";
      const button = review.querySelector(`[data-verdict="${verdict}"]`);
      button.classList.add("is-pressed");
      window.setTimeout(() => button.classList.remove("is-pressed"), 150);
      decide(verdict);
    }
  });
}

if (root) castingMode();
