// /scan/: the actor's own headshot, five seconds in a casting grid, then the report.
//
// Privacy: the photo is decoded with createImageBitmap() and only ever drawn on <canvas>
// elements (scan-draw.js). No object URL, no data URL, no upload: the file never leaves the
// browser. Once a photo is picked, the face detector (faces.js, face-measure.js and
// theme/static/vendor/face/) loads: same-origin GETs of static files, carrying nothing.

import { el } from "./dom.js";
import * as measure from "./measure.js";
import { samplePixels, drawTile } from "./scan-draw.js";
import { columnCount, placeInGrid, randomInt, visibleTiles } from "./scan-grid.js";
import { showChecked, showReport } from "./scan-report.js";
import { countdown, imagesReady, scanSeconds, scrollToTop } from "./scan-timer.js";

/** Decode `file` into the facts the report needs, and start the face check; throws a message for the actor. */
async function readPhoto(file, faceRules) {
  const format = measure.fileFormat(file.type, file.name);
  if (!file.type.startsWith("image/") && format === "unknown") {
    throw new Error("That file doesn't look like a photo. Choose a JPEG, PNG or WebP.");
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new Error(format === "HEIC" || format === "HEIF"
      ? "This browser can't open HEIC photos. On an iPhone, share the photo and choose Save as JPEG, or try Safari."
      : "We couldn't open that photo. Try saving it as a JPEG and choosing it again.");
  }
  const facts = { width: bitmap.width, height: bitmap.height, bytes: file.size, format };
  let tone = null;
  try {
    tone = measure.toneStats(samplePixels(bitmap));
  } catch {
    tone = null; // a fully transparent image: no tone to measure
  }
  // Find the face while the actor looks for their photo: the detector loads only now.
  const faces = Promise.all([import("./faces.js"), import("./face-measure.js")])
    .then(async ([{ detectFaces }, reading]) => {
      const found = await detectFaces(bitmap, faceRules);
      performance.measure("scan:face-check", "scan:picked");
      return { found, reading };
    })
    .catch(() => null);
  return { bitmap, facts, tone, faces };
}

export function ownScan(root) {
  const pick = root.querySelector("[data-pick]");
  const input = root.querySelector("[data-file]");
  const drop = root.querySelector("[data-drop]");
  const error = root.querySelector("[data-error]");
  const stage = root.querySelector("[data-stage]");
  const grid = root.querySelector("[data-grid]");
  const timer = stage.querySelector(".scan-timer");
  const results = root.querySelector("[data-results]");
  const seconds = scanSeconds(root);
  const faceRules = JSON.parse(root.dataset.faceRules);
  let current = null; // { bitmap, facts, tone, faces: a promise of the faces found, or null }
  let running = false;

  root.querySelectorAll("[data-count]").forEach((count) => { count.textContent = String(seconds); });
  showChecked(results);
  const youCanvas = el("canvas", { role: "img", "aria-label": "Your headshot" });
  const you = el("li", { class: "scan-tile scan-tile--you" }, youCanvas);

  const showError = (message) => {
    error.textContent = message;
    error.classList.toggle("is-shown", Boolean(message));
  };

  async function open(file) {
    showError("");
    if (!file) return;
    // How long the face check takes from the pick (decoding included): `make bench-scan` reads it.
    performance.clearMarks("scan:picked");
    performance.mark("scan:picked");
    let scan;
    try {
      scan = await readPhoto(file, faceRules);
    } catch (problem) {
      showError(problem.message);
      return;
    }
    if (current) current.bitmap.close();
    current = scan;
    await run();
  }

  async function run() {
    if (running || !current) return;
    running = true;
    results.hidden = true;
    pick.classList.add("is-busy");
    await imagesReady(grid);
    // Put the actor's photo at a random place among the tiles a viewer can see.
    you.remove();
    const visible = visibleTiles(grid);
    const slot = randomInt(Math.max(1, visible.length));
    grid.insertBefore(you, visible[slot] || null);
    stage.hidden = false;
    const box = you.getBoundingClientRect();
    drawTile(youCanvas, current.bitmap, box.width, box.height);
    const place = placeInGrid(slot, columnCount(grid));
    scrollToTop(stage, true);
    stage.querySelector("h2").focus({ preventScroll: true });
    await countdown(timer, seconds);
    stage.hidden = true;
    pick.classList.remove("is-busy");
    showReport(results, current, place, faceRules, (scan) => scan === current);
    results.hidden = false;
    scrollToTop(results);
    results.querySelector("h2").focus({ preventScroll: true });
    running = false;
  }

  input.addEventListener("change", () => open(input.files[0]));
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("is-over");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("is-over"));
  }
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) open(file);
  });
  // A photo dropped anywhere else must not make the browser navigate away to it.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());

  root.querySelector("[data-again]").addEventListener("click", () => run());
  root.querySelector("[data-another]").addEventListener("click", () => {
    results.hidden = true;
    input.value = "";
    scrollToTop(pick);
    input.focus({ preventScroll: true });
  });
}
