// How the face the scan found (faces.js) reads at casting size: pure functions, loaded with the
// detector only after a pick, so the first view of /scan/ carries none of it. The thresholds
// are the build's (headshots.thumbnails.faces.BROWSER_RULES, handed over as `rules`).
import { castingSize, cropTo } from "./measure.js";

// Where the eyes should sit down a 4:5 crop: the band around the upper third that head-and-shoulders
// headshots keep them in (docs/ARCHITECTURE.md, "The scan reads the face"), and the head tilt,
// in degrees, past which the scan asks the actor to look again.
export const EYE_LINE = [0.25, 0.45];
export const MAX_TILT = 10;

const percent = (share) => `${Math.round(share * 100)}%`;

/**
 * The largest `ratio` crop of width x height, as a site would make it: centred, or, where the
 * site lets the actor place the crop (`adjustable`), around the face and the head above it.
 */
export function siteCrop(width, height, ratio, face, rules, adjustable) {
  if (!adjustable || !face) return cropTo(width, height, ratio);
  const [left, top, right, bottom] = face.box;
  const headTop = top - rules.above * (bottom - top);
  const chin = bottom + rules.below * (bottom - top);
  return cropTo(width, height, ratio, [(left + right) / 2, (headTop + chin) / 2]);
}

/** The face against a crop (pixels): its share of the crop's height, the eye line, what is cut. */
export function faceInCrop(face, width, height, crop, rules) {
  const [left, top, right, bottom] = [face.box[0] * width, face.box[1] * height, face.box[2] * width, face.box[3] * height];
  const faceHeight = bottom - top;
  const eyesY = ((face.eyes[0][1] + face.eyes[1][1]) / 2) * height;
  const eyeGap = Math.hypot((face.eyes[1][0] - face.eyes[0][0]) * width, (face.eyes[1][1] - face.eyes[0][1]) * height);
  const share = faceHeight / crop.height;
  const thumbScale = rules.thumbnailWidth / crop.width;
  return {
    share,
    thumbnailHeight: faceHeight * thumbScale,
    thumbnailEyeGap: eyeGap * thumbScale,
    eyeLine: (eyesY - crop.y) / crop.height,
    headCut: top - rules.above * faceHeight < crop.y - 0.5,
    chinCut: bottom + rules.below * faceHeight > crop.y + crop.height + 0.5,
    faceCut: left < crop.x - 0.5 || right > crop.x + crop.width + 0.5 || top < crop.y - 0.5
      || bottom > crop.y + crop.height + 0.5,
  };
}

/** Head tilt in degrees: the angle of the line through the eyes (0: level). */
export function tilt(face, width, height) {
  const dx = (face.eyes[1][0] - face.eyes[0][0]) * width;
  const dy = (face.eyes[1][1] - face.eyes[0][1]) * height;
  return Math.abs((Math.atan2(dy, Math.abs(dx)) * 180) / Math.PI);
}

/** What a crop (`name`: "A 4:5 crop", "Its 10 x 8 crop") does to the face: {status, text}. */
export function cropVerdict(fit, name) {
  if (fit.faceCut) return { status: "fail", text: `${name} cuts into your face.` };
  if (fit.chinCut) return { status: "fail", text: `${name} cuts your chin.` };
  if (fit.headCut) return { status: "check", text: `${name} trims the top of your head: fine in a tight headshot, as long as your eyes sit well in the frame.` };
  return { status: "pass", text: `${name} keeps your whole head.` };
}

/**
 * The rows of "Your face at casting size": [label, value, status, explanation]. `faces` come
 * from faces.js, largest first; `rules` are the build's (headshots.thumbnails.faces).
 */
export function faceRows(faces, width, height, rules) {
  if (!faces.length) {
    return [["Faces", "None found", "fail",
      "We couldn't find a face. Casting judges a headshot by one clear face: a face turned away, in deep shadow or very small may not be found. Everything else on this page still applies."]];
  }
  const rows = [faces.length === 1
    ? ["Faces", "One", "pass", "Casting expects one face in a headshot, and yours has one."]
    : ["Faces", `${faces.length} faces`, "fail", "Casting expects one face in a headshot. The measures below are for the largest."]];
  const face = faces[0];
  const crop = cropTo(width, height);
  const fit = faceInCrop(face, width, height, crop, rules);
  const photoShare = face.box[3] - face.box[1];
  const minPx = rules.minPixels;
  rows.push(["Face size", `${percent(photoShare)} of the photo's height`, fit.share >= rules.minShare ? "pass" : "fail",
    `In a casting thumbnail (${castingSize(rules.thumbnailWidth)}) your face is about ${Math.round(fit.thumbnailHeight)} px tall, `
    + `with your eyes about ${Math.round(fit.thumbnailEyeGap)} px apart. `
    + (fit.share >= rules.minShare
      ? `That reads: a face needs at least ${percent(rules.minShare)} of the thumbnail's height (${minPx} px).`
      : `Under ${percent(rules.minShare)} of the thumbnail's height (${minPx} px) a face stops reading: choose a closer frame.`)]);
  const [high, low] = EYE_LINE;
  rows.push(["Eye line", `${percent(fit.eyeLine)} down a 4:5 crop`,
    fit.eyeLine >= high && fit.eyeLine <= low ? "pass" : "check",
    fit.eyeLine < high
      ? "Your eyes sit high in the frame, with little room above your head. Casting thumbnails usually put them nearer the upper third."
      : fit.eyeLine > low
        ? "Your eyes sit low, with a lot of empty space above your head. A tighter crop puts them near the upper third."
        : "Near the upper third of the frame, where a headshot's eyes usually sit."]);
  const verdict = cropVerdict(fit, "A 4:5 crop");
  rows.push(["4:5 crop", verdict.status === "pass" ? "Whole head kept" : verdict.status === "check" ? "Top of the head trimmed" : "Cuts the face",
    verdict.status, verdict.text]);
  const degrees = tilt(face, width, height);
  rows.push(["Head tilt", `${Math.round(degrees)}°`, degrees <= MAX_TILT ? "pass" : "check",
    degrees <= MAX_TILT
      ? "Level, or close to it."
      : `More than ${MAX_TILT}°. A slight tilt can read as a choice; a strong one can look off balance at thumbnail size.`]);
  return rows;
}
