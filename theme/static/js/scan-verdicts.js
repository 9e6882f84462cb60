// The words of the /scan/ report about the photo itself: pure functions of what measure.js
// found, no DOM, so Node's test runner checks them (tests/js/). What each platform makes of
// the photo is platform-check.js; how the face reads is face-measure.js.

import * as measure from "./measure.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

/** "2026-12-06" -> "December 6, 2026" (the site writes US dates). */
export function usDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** What a 4:5 crop does to the frame, in one or two sentences under the shaded picture. */
export function cropSentence(width, height) {
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

function sizeRow({ width, height }) {
  let status = "pass";
  let note = "At or above every size the casting sites in the table ask for or recommend.";
  if (width < 500 || height < 700) {
    status = "check";
    note = "Smaller than some casting sites ask for or recommend (see the table below). Ask your photographer for a larger file.";
  } else if (Math.max(width, height) > 4000) {
    status = "check";
    note = "Larger than one site takes (4000 px on a side at most). Export a copy about 2,000 px tall, at high quality, for uploads.";
  }
  return ["Size", `${width} × ${height} px`, status, note];
}

function shapeRow({ width, height }) {
  const fit = measure.compareTo45(width, height);
  const cut = Math.round(100 - fit.keptPercent);
  const note = fit.status === "pass"
    ? "The shape of an 8 x 10 headshot: a 4:5 crop cuts nothing."
    : `${{ portrait: "Upright, but not 4:5", square: "Square", landscape: "Sideways" }[fit.orientation]}: `
      + `a 4:5 crop cuts about ${cut}% of it. Whether that matters depends on what it cuts: see the crop and your face above.`;
  return ["Shape", `${fit.label}, ${fit.orientation}`, fit.status, note];
}

function fileRow({ format, bytes }) {
  const value = `${format}, ${measure.formatBytes(bytes)}`;
  if (!["JPEG", "PNG"].includes(format)) {
    return ["File", value, "check", "Some casting sites take only JPEG or PNG: save a JPEG copy for uploads."];
  }
  if (bytes < measure.MB) {
    return ["File", value, "check", "Every site in the table takes this format, but Spotlight asks for a file of at least 1 MB: export at high quality."];
  }
  return ["File", value, "pass", "A format and a file size every site in the table takes."];
}

function toneRows(tone) {
  const verdict = measure.judgeTone(tone);
  return [
    ["Highlights", `${tone.clippedPercent.toFixed(1)}% pure white`, verdict.highlights,
      verdict.highlights === "pass"
        ? "Almost nothing is blown out to white."
        : "A lot of the frame is blown out to white. A white backdrop does this on purpose; bright skin or a bright shirt should not."],
    ["Shadows", `${tone.crushedPercent.toFixed(1)}% pure black`, verdict.shadows,
      verdict.shadows === "pass"
        ? "Almost nothing is lost to black."
        : "A lot of the frame is solid black. Fine for a black backdrop; dark hair or eyes lost in it will not read small."],
    ["Contrast", `${tone.spread} of 255`, verdict.contrast,
      verdict.contrast === "pass"
        ? "Enough difference between light and dark to hold together at thumbnail size."
        : "Flat: little difference between light and dark, so it can look gray and soft at thumbnail size."],
    ["Color", tone.colour ? "Color" : "Black and white", tone.colour ? "pass" : "check",
      tone.colour
        ? "Color, as casting usually sees headshots today."
        : "No site in the table refuses black and white, but color is what casting usually sees today. Keep a color version too."],
  ];
}

/**
 * The rows of "What we measured": [label, value, status, explanation]. `facts`: { width,
 * height, bytes, format }; `tone`: measure.toneStats() of the photo, or null.
 */
export function measurementRows(facts, tone) {
  return [sizeRow(facts), shapeRow(facts), fileRow(facts), ...(tone ? toneRows(tone) : [])];
}
