// The /scan/ report, after the five seconds: the photo at casting size, what a crop cuts, what
// we measured, each platform's rules and its verdict, and how the face reads once the detector
// answers. One casting size throughout (the build's thumbnail width, FACE_RULES); a platform
// row's badge is always the worst of the lines under it, and notes (fees, how uploads work)
// sit apart from any judgement of the photo. The words come from scan-verdicts.js,
// platform-check.js and face-measure.js; this module only builds the DOM.

import { el } from "./dom.js";
import { compareTo45, cropTo } from "./measure.js";
import { platformVerdict, cropName, cropRatio, ruleLabel } from "./platform-check.js";
import { CHECKED, PLATFORMS } from "./platform-rules.js";
import { drawCrop, drawCropOutlines, drawFaceBoxes, drawTile, drawWhole } from "./scan-draw.js";
import { cropSentence, measurementRows, usDate } from "./scan-verdicts.js";

const STATUS_WORD = { pass: "Pass", check: "Check", fail: "Fail" };

function badge(status) {
  return el("span", { class: `scan-badge scan-badge--${status}` }, STATUS_WORD[status]);
}

/** One row of a measures list: the label, a badge, the value and one line of why. */
function measureRow(label, value, status, note) {
  return el("div", { class: "scan-measure", "data-measure": label.toLowerCase() },
    el("dt", {}, label),
    el("dd", {}, badge(status), " ", el("strong", {}, value), el("p", {}, note)));
}

/** A link to one of the platform's pages, named by its title. */
function source(platform, key) {
  const page = platform.pages[key];
  return el("a", { class: "scan-rule__source", href: page.url, rel: "noopener" }, page.title);
}

/** "What the site publishes": its rules, each marked rule or advice with its outcome and its page; then notes. */
function publishedCell(platform) {
  const rules = platform.rules.map((rule) => el("li", { "data-kind": rule.kind, "data-breach": rule.breach },
    el("span", { class: "scan-rule__label" }, `${ruleLabel(rule)}:`), " ", rule.text,
    rule.check ? "" : " The scan can't check this.", " ", source(platform, rule.page)));
  const { crop } = platform;
  const notes = platform.notes.map((note) => el("li", {}, note.text, " ", source(platform, note.page)));
  if (crop && !crop.inferred) {
    rules.push(el("li", { "data-kind": "rule", "data-breach": "cropped" },
      el("span", { class: "scan-rule__label" }, `${ruleLabel({ kind: "rule", breach: "cropped" })}:`), " ",
      crop.text, " ", source(platform, crop.page)));
  } else if (crop) {
    notes.unshift(el("li", {}, crop.text, " ", source(platform, crop.page)));
  }
  return el("td", { "data-published": "" },
    el("ul", { class: "scan-rules" }, ...rules),
    notes.length ? el("p", { class: "scan-notes__title" }, "Good to know") : null,
    notes.length ? el("ul", { class: "scan-notes", "data-notes": "" }, ...notes) : null);
}

/** "Your photo": the row's verdict, then every line it is the worst of. */
function fillVerdict(cell, verdict) {
  cell.closest("tr").dataset.status = verdict.status;
  cell.replaceChildren(badge(verdict.status),
    el("ul", { class: "scan-lines" }, ...verdict.lines.map((line) => el("li", { "data-status": line.status },
      el("span", { class: `scan-line-status scan-line-status--${line.status}` }, `${STATUS_WORD[line.status]}:`), " ", line.text))));
}

function platformTable(body, facts) {
  body.replaceChildren(...PLATFORMS.map((platform) => {
    const first = Object.keys(platform.pages)[0];
    const yours = el("td", { "data-verdict": "" });
    const row = el("tr", { "data-platform": platform.id },
      el("th", { scope: "row" }, el("a", { href: platform.pages[first].url, rel: "noopener" }, platform.name)),
      yours, publishedCell(platform));
    fillVerdict(yours, platformVerdict(facts, platform));
    return row;
  }));
}

/** Each platform's crop line, once the face is known: what its crop does to the largest face. */
function faceCropLines(results, scan, faces, reading, rules) {
  if (!faces.length) return;
  const { width, height } = scan.facts;
  for (const platform of PLATFORMS.filter((item) => item.crop)) {
    const { crop } = platform;
    const rect = reading.siteCrop(width, height, cropRatio(crop, width, height), faces[0], rules, crop.adjustable);
    const line = reading.cropVerdict(reading.faceInCrop(faces[0], width, height, rect, rules), cropName(crop));
    if (crop.adjustable) line.text += " You place this crop as you upload; this is it placed around your face.";
    const cell = results.querySelector(`[data-platform="${platform.id}"] [data-verdict]`);
    fillVerdict(cell, platformVerdict(scan.facts, platform, line));
  }
}

/** "Your face at casting size", and each site's crop of the face, once the detector has answered. */
async function showFace(results, scan, rules, isCurrent) {
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
  if (!isCurrent(scan)) return; // another photo was picked meanwhile
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
  list.append(...reading.faceRows(faces, width, height, rules).map((row) => measureRow(...row)));
  report.dataset.faceCount = String(faces.length);
  if (faces.length === 1) report.dataset.faceShare = (faces[0].box[3] - faces[0].box[1]).toFixed(2);
  faceCropLines(results, scan, faces, reading, rules);
  if (!faces.length) return;
  figures.hidden = false;
  const thumb = report.querySelector("[data-face-thumb]");
  const w = rules.thumbnailWidth;
  drawTile(thumb, bitmap, w, (w * 5) / 4);
  thumb.style.width = `${w}px`;
  const crop = cropTo(width, height);
  drawFaceBoxes(thumb, faces, crop.x, crop.y, thumb.width / crop.width, width, height);
  const full = report.querySelector("[data-face-full]");
  const scale = drawWhole(full, bitmap, 640);
  const tall = reading.siteCrop(width, height, 5 / 7, faces[0], rules, true);
  drawCropOutlines(full, scale, [[crop, "#ffffff", false], [tall, "#ffd54a", true]]);
  drawFaceBoxes(full, faces, 0, 0, scale, width, height);
}

/** Show the checked date the way the site writes dates. */
export function showChecked(results) {
  const checked = results.querySelector("[data-checked]");
  checked.dateTime = CHECKED;
  checked.textContent = usDate(CHECKED);
}

/**
 * Fill the report for `scan` ({ bitmap, facts, tone, faces }) found at `place` in the grid.
 * `rules`: the build's face rules (FACE_RULES); `isCurrent(scan)`: false once another photo is picked.
 */
export function showReport(results, scan, place, rules, isCurrent) {
  const { bitmap, facts, tone } = scan;
  const w = rules.thumbnailWidth;
  results.querySelector("[data-where]").textContent =
    `Your photo was in ${place}. Did you spot it in time? Now imagine it among hundreds of pages like that one.`;
  const thumb = results.querySelector("[data-thumb]");
  thumb.parentElement.style.width = `${w}px`;
  drawTile(thumb, bitmap, w, (w * 5) / 4);
  drawWhole(results.querySelector("[data-full]"), bitmap, 900);
  drawCrop(results.querySelector("[data-crop]"), bitmap, compareTo45(facts.width, facts.height).crop);
  results.querySelector("[data-crop-text]").textContent = cropSentence(facts.width, facts.height);
  results.querySelector("[data-measures]").replaceChildren(...measurementRows(facts, tone).map((row) => measureRow(...row)));
  platformTable(results.querySelector("[data-platforms]"), facts);
  showFace(results, scan, rules, isCurrent);
}
