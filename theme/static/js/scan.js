// The five-second scan: /scan/ (the actor's own headshot) and
// /photographers/<slug>/scan/ (a photographer's headshots among others).
//
// Privacy: the actor's photo is decoded with createImageBitmap() and only ever
// drawn on <canvas> elements. No object URL, no data URL, no upload: the file
// never leaves the browser. The only other requests are same-origin GETs of
// static files built with the site, which carry nothing about the photo: the
// "photographers near you" picker's JSON, and, once a photo is picked, the face
// detector (faces.js and theme/static/vendor/face/).
//
// The timer is five seconds; a test (or a curious reader) can shorten it with
// ?seconds=1 or the root's data-seconds attribute.

import * as measure from "./measure.js";
import { CHECKED, PLATFORMS } from "./platform-rules.js";
import { money } from "./money.js";

const root = document.querySelector("[data-scan]");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const ORDINAL = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th"];
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

// ---------------------------------------------------------------- shared

/** The countdown length: ?seconds=N, else data-seconds, else 5 (clamped to 1..60). */
export function scanSeconds(element) {
  const fromQuery = Number(new URLSearchParams(window.location.search).get("seconds"));
  const fromData = Number(element && element.dataset.seconds);
  const seconds = fromQuery || fromData || 5;
  return Math.min(60, Math.max(1, Math.round(seconds)));
}

const sleep = (ms) => new Promise((resolve) => { window.setTimeout(resolve, ms); });

/** Start loading every image in `container` now and wait (at most `limit` ms) until they can paint. */
export async function imagesReady(container, limit = 4000) {
  const images = [...container.querySelectorAll("img")];
  for (const img of images) img.loading = "eager";
  const decoded = images.map((img) => img.decode().catch(() => undefined));
  await Promise.race([Promise.all(decoded), sleep(limit)]);
}

/** The tiles a viewer can see (the CSS hides the tiles past one screenful on small screens). */
function visibleTiles(grid) {
  return [...grid.children].filter((tile) => window.getComputedStyle(tile).display !== "none");
}

function columnCount(grid) {
  return window.getComputedStyle(grid).gridTemplateColumns.split(" ").filter(Boolean).length || 1;
}

function randomInt(n) {
  return Math.floor(Math.random() * n);
}

/** "row 2, 4th from the left" for the tile at `index` of a grid with `columns` columns. */
function placeInGrid(index, columns) {
  const row = Math.floor(index / columns) + 1;
  const column = index % columns;
  return `row ${row}, ${ORDINAL[column] || `${column + 1}th`} from the left`;
}

function secondsWord(n) {
  return `${NUMBER_WORDS[n] || n} second${n === 1 ? "" : "s"}`;
}

/**
 * Run the visible countdown in `timer` (the macro in _scan_macros.html) for
 * `seconds`. Resolves true when it reaches zero, or false as soon as `signal`
 * (an AbortSignal, optional) aborts. The number changes once a second; the
 * polite live region speaks once a second, never faster.
 */
export function countdown(timer, seconds, signal = null) {
  const count = timer.querySelector("[data-count]");
  const bar = timer.querySelector("[data-bar]");
  const announce = timer.querySelector("[data-announce]");
  return new Promise((resolve) => {
    const start = performance.now();
    let shown = -1;
    let pending = 0;
    if (signal) {
      signal.addEventListener("abort", () => {
        window.clearTimeout(pending);
        resolve(false);
      }, { once: true });
    }
    bar.style.transition = "none";
    bar.style.transform = "scaleX(1)";
    if (!reducedMotion.matches) {
      // Start the smooth bar on the next frame, so the reset above takes effect first.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        bar.style.transition = `transform ${seconds}s linear`;
        bar.style.transform = "scaleX(0)";
      }));
    }
    const tick = () => {
      if (signal && signal.aborted) return;
      const elapsed = performance.now() - start;
      const left = Math.max(0, Math.ceil((seconds * 1000 - elapsed) / 1000));
      if (left !== shown) {
        shown = left;
        count.textContent = String(left);
        if (reducedMotion.matches) bar.style.transform = `scaleX(${left / seconds})`;
        announce.textContent = left === 0 ? "Time is up." : `${secondsWord(left)}${left === seconds ? " to look." : ""}`;
      }
      if (left === 0) {
        resolve(true);
        return;
      }
      // Wake at the next whole second.
      const untilNext = seconds * 1000 - elapsed - (left - 1) * 1000;
      pending = window.setTimeout(tick, Math.max(10, untilNext));
    };
    tick();
  });
}

/** Bring `element` to the top of the screen; `instant` for the grid, whose clock is already running. */
function scrollToTop(element, instant = false) {
  // "instant" also overrides a smooth `scroll-behavior` set in the site's CSS.
  element.scrollIntoView({ block: "start", behavior: instant || reducedMotion.matches ? "instant" : "smooth" });
}

// ---------------------------------------------------------------- drawing

/** Draw the source rectangle of `image` into ctx at dw x dh, halving in steps so small thumbnails stay crisp. */
function drawScaled(ctx, image, sx, sy, sw, sh, dw, dh) {
  let source = image;
  let [x, y, w, h] = [sx, sy, sw, sh];
  while (w > dw * 2 && h > dh * 2) {
    const step = document.createElement("canvas");
    step.width = Math.max(1, Math.round(w / 2));
    step.height = Math.max(1, Math.round(h / 2));
    const stepCtx = step.getContext("2d");
    stepCtx.imageSmoothingQuality = "high";
    stepCtx.drawImage(source, x, y, w, h, 0, 0, step.width, step.height);
    source = step;
    [x, y, w, h] = [0, 0, step.width, step.height];
  }
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, x, y, w, h, 0, 0, dw, dh);
}

/** Draw `bitmap`'s centred 4:5 crop into `canvas` at its CSS size times the device pixel ratio. */
function drawTile(canvas, bitmap, cssWidth, cssHeight) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  const crop = measure.cropTo(bitmap.width, bitmap.height);
  drawScaled(canvas.getContext("2d"), bitmap, crop.x, crop.y, crop.width, crop.height, canvas.width, canvas.height);
}

/** Draw the whole `bitmap` into `canvas`, at most `maxWidth` pixels wide. */
function drawWhole(canvas, bitmap, maxWidth) {
  const scale = Math.min(1, maxWidth / bitmap.width, maxWidth * 1.5 / bitmap.height);
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  drawScaled(canvas.getContext("2d"), bitmap, 0, 0, bitmap.width, bitmap.height, canvas.width, canvas.height);
  return scale;
}

/** RGBA pixels of `bitmap` at most `side` px on its long side: enough for tone statistics. */
function samplePixels(bitmap, side = 400) {
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  drawScaled(ctx, bitmap, 0, 0, bitmap.width, bitmap.height, canvas.width, canvas.height);
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

/** The photo with everything a 4:5 crop cuts shaded, and the crop outlined. */
function drawCrop(canvas, bitmap, crop) {
  const scale = drawWhole(canvas, bitmap, 640);
  const ctx = canvas.getContext("2d");
  const [x, y, w, h] = [crop.x, crop.y, crop.width, crop.height].map((v) => v * scale);
  ctx.save();
  ctx.fillStyle = "rgba(20, 16, 12, 0.68)";
  ctx.beginPath();
  ctx.rect(0, 0, canvas.width, canvas.height);
  ctx.rect(x, y, w, h);
  ctx.fill("evenodd");
  const line = Math.max(2, Math.round(canvas.width / 160));
  ctx.lineWidth = line;
  ctx.strokeStyle = "#fff";
  ctx.setLineDash([line * 4, line * 3]);
  ctx.strokeRect(x + line / 2, y + line / 2, w - line, h - line);
  ctx.restore();
}

/** Outline each face (the largest in red, the others in grey) on a canvas showing the photo from
 * (x0, y0) at `scale` canvas px per photo px. */
function drawFaceBoxes(canvas, faces, x0, y0, scale, width, height) {
  const ctx = canvas.getContext("2d");
  const line = Math.max(2, Math.round(canvas.width / 120));
  faces.forEach((face, index) => {
    const [left, top, right, bottom] = face.box;
    ctx.save();
    ctx.lineWidth = line;
    ctx.strokeStyle = index === 0 ? "#e0393e" : "#bdbdbd";
    ctx.strokeRect((left * width - x0) * scale, (top * height - y0) * scale,
      (right - left) * width * scale, (bottom - top) * height * scale);
    ctx.restore();
  });
}

// ---------------------------------------------------------------- words

function formatDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const STATUS_WORD = { pass: "Pass", check: "Check", fail: "Fail", info: "Note" };

function badge(status) {
  const span = document.createElement("span");
  span.className = `scan-badge scan-badge--${status}`;
  span.textContent = STATUS_WORD[status];
  return span;
}

/** One row of a measures list: the label, a badge, the value and one line of why. */
function measureRow(label, value, status, note) {
  const item = document.createElement("div");
  item.className = "scan-measure";
  item.dataset.measure = label.toLowerCase();
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  const strong = document.createElement("strong");
  strong.textContent = value;
  const p = document.createElement("p");
  p.textContent = note;
  dd.append(badge(status), " ", strong, p);
  item.append(dt, dd);
  return item;
}

function cropSentence(width, height) {
  const fit = measure.compareTo45(width, height);
  const { cut } = fit.crop;
  if (fit.status === "pass" && cut.left + cut.right + cut.top + cut.bottom <= 2) {
    return "Your photo is already 4:5, the shape of an 8 x 10 headshot, so a crop cuts nothing.";
  }
  const kept = Math.round(fit.keptPercent);
  const sides = cut.left + cut.right > cut.top + cut.bottom
    ? `${Math.round((cut.left + cut.right) / 2)} px from the left and the right`
    : `${Math.round((cut.top + cut.bottom) / 2)} px from the top and the bottom`;
  const lead = fit.status === "pass"
    ? `Your photo is within a hair of 4:5: a crop trims ${sides}.`
    : `Sites that crop to 4:5 keep ${kept}% of your photo and cut ${sides}.`;
  const advice = fit.orientation === "landscape"
    ? " A sideways photo loses the most: crop it upright yourself, around your face, before you upload."
    : fit.status === "check" ? " Crop it to 4:5 yourself, so you choose what goes." : "";
  return `${lead} The shaded parts are what goes.${advice}`;
}

/** The rows of "What we measured": [label, value, status, explanation]. */
export function measurementRows(facts, tone) {
  const rows = [];
  const { width, height, bytes, format } = facts;
  const fit = measure.compareTo45(width, height);
  const largest = Math.max(width, height);
  let sizeStatus = "pass";
  let sizeNote = "Big enough for every casting site we list.";
  if (width < 640 || height < 700) {
    sizeStatus = width < 500 || height < 500 ? "fail" : "check";
    sizeNote = "Smaller than some casting sites ask for (see the table below). Ask your photographer for a larger file.";
  } else if (largest > 4000) {
    sizeStatus = "check";
    sizeNote = "Larger than some sites take (at most 4000 px). Export a copy around 2000 px tall for uploads.";
  }
  rows.push(["Size", `${width} × ${height} px`, sizeStatus, sizeNote]);

  const shapeNote = {
    pass: "The shape of an 8 x 10 headshot: nothing important gets cut.",
    check: `Upright, but not 4:5: a 4:5 crop cuts about ${Math.round(100 - fit.keptPercent)}% of it.`,
    fail: fit.orientation === "landscape"
      ? `Sideways. Casting sites show headshots upright, so a 4:5 crop keeps only ${Math.round(fit.keptPercent)}% of it.`
      : `Square. A 4:5 crop cuts about ${Math.round(100 - fit.keptPercent)}% of it.`,
  }[fit.status];
  rows.push(["Shape", `${fit.label}, ${fit.orientation}`, fit.status, shapeNote]);

  const common = ["JPEG", "PNG", "GIF"].includes(format);
  rows.push(["File", `${format}, ${measure.formatBytes(bytes)}`, common ? "pass" : "check",
    common ? "A format every casting site takes." : "Some sites take only JPEG, PNG or GIF: save a JPEG copy for uploads."]);

  if (tone) {
    const verdict = measure.judgeTone(tone);
    rows.push(["Highlights", `${tone.clippedPercent.toFixed(1)}% pure white`, verdict.highlights,
      verdict.highlights === "pass"
        ? "Almost nothing is blown out to white."
        : "A lot of the frame is blown out to white. A white backdrop does this on purpose; bright skin or a bright shirt should not."]);
    rows.push(["Shadows", `${tone.crushedPercent.toFixed(1)}% pure black`, verdict.shadows,
      verdict.shadows === "pass"
        ? "Almost nothing is lost to black."
        : "A lot of the frame is solid black. Fine for a black backdrop; dark hair or eyes lost in it will not read small."]);
    rows.push(["Contrast", `${tone.spread} of 255`, verdict.contrast,
      verdict.contrast === "pass"
        ? "Enough difference between light and dark to hold together at thumbnail size."
        : "Flat: little difference between light and dark, so it can look grey and soft at thumbnail size."]);
    rows.push(["Color", tone.colour ? "Color" : "Black and white", tone.colour ? "pass" : "check",
      tone.colour
        ? "Casting sites expect color today."
        : "Most casting sites expect color now, and some take color only. Keep a color version too."]);
  }
  return rows;
}

// ---------------------------------------------------------------- /scan/

function ownScan() {
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

  root.querySelectorAll("[data-count]").forEach((el) => { el.textContent = String(seconds); });
  const checked = results.querySelector("[data-checked]");
  checked.dateTime = CHECKED;
  checked.textContent = formatDate(CHECKED);

  const you = document.createElement("li");
  you.className = "scan-tile scan-tile--you";
  const youCanvas = document.createElement("canvas");
  youCanvas.setAttribute("role", "img");
  youCanvas.setAttribute("aria-label", "Your headshot");
  you.append(youCanvas);

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
    const format = measure.fileFormat(file.type, file.name);
    if (!file.type.startsWith("image/") && format === "unknown") {
      showError("That file doesn't look like a photo. Choose a JPEG, PNG or WebP.");
      return;
    }
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch {
      showError(format === "HEIC" || format === "HEIF"
        ? "This browser can't open HEIC photos. On an iPhone, share the photo and choose Save as JPEG, or try Safari."
        : "We couldn't open that photo. Try saving it as a JPEG and choosing it again.");
      return;
    }
    if (current) current.bitmap.close();
    const facts = { width: bitmap.width, height: bitmap.height, bytes: file.size, format };
    let tone = null;
    try {
      tone = measure.toneStats(samplePixels(bitmap));
      facts.colour = tone.colour;
    } catch {
      tone = null; // a fully transparent image: no tone to measure
    }
    // Find the face while the actor looks for their photo: the detector loads only now.
    const faces = Promise.all([import("./faces.js"), import("./face-measure.js")])
      .then(async ([{ detectFaces }, reading]) => {
        const found = await detectFaces(bitmap, faceRules.overlap);
        performance.measure("scan:face-check", "scan:picked");
        return { found, reading };
      })
      .catch(() => null);
    current = { bitmap, facts, tone, faces };
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
    const heading = stage.querySelector("h2");
    scrollToTop(stage, true);
    heading.focus({ preventScroll: true });
    await countdown(timer, seconds);
    stage.hidden = true;
    pick.classList.remove("is-busy");
    showResults(place, box);
    running = false;
  }

  function showResults(place, box) {
    const { bitmap, facts, tone } = current;
    results.querySelector("[data-where]").textContent =
      `Your photo was in ${place}. Did you spot it in time? Now imagine it among hundreds of pages like that one.`;
    drawTile(results.querySelector("[data-thumb]"), bitmap, box.width, box.height);
    results.querySelector("[data-thumb-size]").textContent = `${Math.round(box.width)} × ${Math.round(box.height)} px`;
    drawWhole(results.querySelector("[data-full]"), bitmap, 900);
    const fit = measure.compareTo45(facts.width, facts.height);
    drawCrop(results.querySelector("[data-crop]"), bitmap, fit.crop);
    results.querySelector("[data-crop-text]").textContent = cropSentence(facts.width, facts.height);

    const list = results.querySelector("[data-measures]");
    list.replaceChildren(...measurementRows(facts, tone).map((row) => measureRow(...row)));

    showFace(current);

    const body = results.querySelector("[data-platforms]");
    body.replaceChildren();
    for (const rule of PLATFORMS) {
      const verdict = measure.evaluatePlatform(facts, rule);
      const row = document.createElement("tr");
      row.dataset.platform = rule.id;
      row.dataset.status = verdict.status;
      const name = document.createElement("th");
      name.scope = "row";
      const link = document.createElement("a");
      link.href = rule.url;
      link.rel = "noopener";
      link.textContent = rule.name;
      name.append(link);
      const yours = document.createElement("td");
      yours.append(badge(verdict.status));
      const notes = document.createElement("ul");
      for (const note of verdict.notes.filter((n) => n.status !== "pass")) {
        const li = document.createElement("li");
        li.textContent = note.text;
        notes.append(li);
      }
      if (notes.children.length) yours.append(notes);
      if (rule.ratio) {
        const crop = document.createElement("p");
        crop.className = "scan-platform-face";
        crop.dataset.faceCrop = rule.id;
        crop.dataset.ratio = rule.ratioLabel;
        yours.append(crop);
      }
      const rules = document.createElement("td");
      rules.textContent = rule.summary;
      row.append(name, yours, rules);
      body.append(row);
    }

    results.hidden = false;
    const heading = results.querySelector("h2");
    scrollToTop(results);
    heading.focus({ preventScroll: true });
  }

  /** "Your face at casting size", and each site's crop of the face, once the detector has answered. */
  async function showFace(scan) {
    const report = results.querySelector("[data-face-report]");
    const status = report.querySelector("[data-face-status]");
    const figures = report.querySelector("[data-face-figures]");
    const list = report.querySelector("[data-face-measures]");
    delete report.dataset.faceCount;
    delete report.dataset.faceShare;
    figures.hidden = true;
    list.replaceChildren();
    status.textContent = "Looking for your face…";
    const result = await scan.faces;
    if (scan !== current) return; // another photo was picked meanwhile
    if (!result) {
      status.textContent = "The face check couldn't run in this browser. Everything else on this page still applies.";
      return;
    }
    const { found: faces, reading } = result;
    const { bitmap } = scan;
    const { width, height } = bitmap;
    status.textContent = faces.length
      ? `Found ${faces.length === 1 ? "one face" : `${faces.length} faces`}. Here is how it reads at casting size.`
      : "";
    for (const row of reading.faceRows(faces, width, height, faceRules)) list.append(measureRow(...row));
    report.dataset.faceCount = String(faces.length);
    if (faces.length === 1) report.dataset.faceShare = (faces[0].box[3] - faces[0].box[1]).toFixed(2);
    for (const line of results.querySelectorAll("[data-face-crop]")) {
      const rule = PLATFORMS.find((item) => item.id === line.dataset.faceCrop);
      if (!faces.length) {
        line.textContent = "";
        continue;
      }
      const crop = reading.siteCrop(width, height, rule.ratio, faces[0], faceRules, rule.cropAdjustable);
      const verdict = reading.cropVerdict(reading.faceInCrop(faces[0], width, height, crop, faceRules), rule.ratioLabel);
      line.replaceChildren(badge(verdict.status), " ", verdict.text
        + (rule.cropAdjustable ? " You place this crop when you upload; this is it placed around your face." : ""));
    }
    if (!faces.length) return;
    figures.hidden = false;
    const thumb = report.querySelector("[data-face-thumb]");
    const w = faceRules.thumbnailWidth;
    drawTile(thumb, bitmap, w, (w * 5) / 4);
    thumb.style.width = `${w}px`;
    const crop = measure.cropTo(width, height);
    drawFaceBoxes(thumb, faces, crop.x, crop.y, thumb.width / crop.width, width, height);
    const full = report.querySelector("[data-face-full]");
    const scale = drawWhole(full, bitmap, 640);
    const ctx = full.getContext("2d");
    const line = Math.max(2, Math.round(full.width / 200));
    const tall = reading.siteCrop(width, height, 5 / 7, faces[0], faceRules, true);
    for (const [rect, colour, dash] of [[crop, "#ffffff", []], [tall, "#ffd54a", [line * 4, line * 3]]]) {
      ctx.save();
      ctx.lineWidth = line;
      ctx.strokeStyle = colour;
      ctx.setLineDash(dash);
      ctx.strokeRect(rect.x * scale + line / 2, rect.y * scale + line / 2, rect.width * scale - line, rect.height * scale - line);
      ctx.restore();
    }
    drawFaceBoxes(full, faces, 0, 0, scale, width, height);
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

  cityPicker();
}

// ---------------------------------------------------------------- photographers near you

/** Same-origin GET of one of the site's static JSON files (never anything of the actor's). */
async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

/**
 * "Photographers near you": the select offers the cities with the most photographers
 * (server-rendered, bounded); reaching for it loads the full city list (one small JSON
 * file) into a second group. Choosing a city loads that city's own open data
 * (/cities/<slug>/photographers.json) and lists those based there, then those who
 * travel there. Nothing is listed before a city is chosen, so /scan/ stays small.
 */
function cityPicker() {
  const select = root.querySelector("[data-city-select]");
  const list = root.querySelector("[data-people-list]");
  const status = root.querySelector("[data-city-status]");
  if (!select || !list) return;
  const STORE = "firstlook.scan.city";
  const cityJson = (slug) => select.dataset.cityJson.replace("{slug}", encodeURIComponent(slug));
  const cityPage = (slug) => select.dataset.cityPage.replace("{slug}", encodeURIComponent(slug));
  let allCities = null;
  let sequence = 0;

  /** Add every city not already offered, once, in a group after the top ones. */
  const loadAllCities = () => {
    if (!allCities) {
      allCities = (select.dataset.citiesUrl ? getJson(select.dataset.citiesUrl) : Promise.resolve({ cities: [] }))
        .then((data) => {
          const offered = new Set([...select.options].map((o) => o.value));
          const rest = (data.cities || []).filter((c) => c.slug && !offered.has(c.slug));
          if (rest.length) {
            const top = document.createElement("optgroup");
            top.label = "Most photographers";
            top.append(...[...select.options].filter((o) => o.value));
            const group = document.createElement("optgroup");
            group.label = "Every other city, A to Z";
            group.append(...rest.map((c) => new Option(c.name, c.slug)));
            select.append(top, group);
          }
        })
        .catch(() => { /* the top cities still work; the link lists every city */ });
    }
    return allCities;
  };
  for (const type of ["focus", "pointerenter", "touchstart"]) {
    select.addEventListener(type, loadAllCities, { once: true, passive: true });
  }

  const item = (person, cityName) => {
    const li = document.createElement("li");
    li.className = "is-near";
    const link = document.createElement("a");
    link.href = `${select.dataset.siteUrl || ""}/${person.url}`;
    link.textContent = person.name;
    const meta = document.createElement("span");
    meta.className = "scan-people__meta";
    const where = person.location || {};
    meta.textContent = [where.city, where.region].filter(Boolean).join(", ")
      + (person.from_price !== undefined && person.money_prefix ? ` · from ${money(person.from_price, person.money_prefix)}` : "");
    li.append(link, meta);
    if (!person.based_here) {
      const note = document.createElement("span");
      note.className = "scan-people__visit";
      note.dataset.visitNote = "";
      note.textContent = `travels to ${cityName}`;
      li.append(note);
    }
    return li;
  };

  const apply = async () => {
    const city = select.value;
    const name = select.selectedOptions[0] ? select.selectedOptions[0].textContent : "";
    const mine = ++sequence;
    status.replaceChildren();
    if (!city) {
      list.replaceChildren();
      list.hidden = true;
      return;
    }
    status.textContent = `Loading the photographers in ${name}…`;
    let data;
    try {
      data = await getJson(cityJson(city));
    } catch {
      if (mine !== sequence) return;
      status.textContent = `The list for ${name} did not load. `;
      const link = document.createElement("a");
      link.href = cityPage(city);
      link.textContent = `Open the ${name} page`;
      status.append(link);
      return;
    }
    if (mine !== sequence) return;  // a later choice replaced this one
    const people = data.photographers || [];
    const based = people.filter((p) => p.based_here).length;
    const visiting = people.length - based;
    list.replaceChildren(...people.map((p) => item(p, name)));
    list.hidden = people.length === 0;
    status.replaceChildren(people.length
      ? `${based} based in ${name}${visiting ? `, then ${visiting} who travel there` : ""}, each A to Z. `
      : `No one in ${name} yet. `);
    const link = document.createElement("a");
    link.href = cityPage(city);
    link.textContent = `All of ${name}`;
    status.append(link);
  };

  select.addEventListener("change", () => {
    try { window.localStorage.setItem(STORE, select.value); } catch { /* private mode */ }
    apply();
  });

  // A first guess, made on the device: a remembered choice, else the time zone's city.
  let guess = "";
  try { guess = window.localStorage.getItem(STORE) || ""; } catch { /* private mode */ }
  const choose = (value) => {
    if (value && [...select.options].some((o) => o.value === value)) {
      select.value = value;
      apply();
      return true;
    }
    return false;
  };
  if (guess) {
    if (!choose(guess)) loadAllCities().then(() => choose(guess));
  } else {
    const zone = (Intl.DateTimeFormat().resolvedOptions().timeZone || "").split("/").pop().replace(/_/g, " ").toLowerCase();
    const match = [...select.options].find((o) => o.value && o.textContent.toLowerCase() === zone);
    if (match) choose(match.value);
  }
}

// ---------------------------------------------------------------- /photographers/<slug>/scan/

function photographerScan() {
  const start = root.querySelector("[data-start]");
  const stage = root.querySelector("[data-stage]");
  const grid = root.querySelector("[data-grid]");
  const timer = stage.querySelector(".scan-timer");
  const results = root.querySelector("[data-results]");
  const seconds = scanSeconds(root);
  root.querySelectorAll("[data-count]").forEach((el) => { el.textContent = String(seconds); });
  let running = false;

  /** Scatter the photographer's tiles over random places a viewer can see. */
  function shuffle() {
    const tiles = [...grid.children];
    const mine = tiles.filter((t) => t.hasAttribute("data-mine"));
    const others = tiles.filter((t) => !t.hasAttribute("data-mine"));
    const visible = Math.max(1, visibleTiles(grid).length);
    const slots = new Set();
    while (slots.size < Math.min(mine.length, visible)) slots.add(randomInt(visible));
    const order = [];
    for (let i = 0; i < tiles.length; i += 1) {
      order.push(slots.has(i) && mine.length ? mine.shift() : others.shift() || mine.shift());
    }
    grid.replaceChildren(...order.filter(Boolean));
  }

  start.addEventListener("click", async () => {
    if (running) return;
    running = true;
    results.hidden = true;
    start.disabled = true;
    start.textContent = "Getting the grid ready…";
    await imagesReady(grid);
    shuffle();
    stage.hidden = false;
    scrollToTop(stage, true);
    stage.querySelector("h2").focus({ preventScroll: true });
    await countdown(timer, seconds);
    stage.hidden = true;
    results.hidden = false;
    start.disabled = false;
    start.textContent = "Run the five seconds again";
    await imagesReady(results, 1500);
    scrollToTop(results);
    results.querySelector("h2").focus({ preventScroll: true });
    running = false;
  });
}

if (root) {
  root.classList.add("has-js");
  if (root.dataset.scan === "own") ownScan();
  else if (root.dataset.scan === "photographer") photographerScan();
}
