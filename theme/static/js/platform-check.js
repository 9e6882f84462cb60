// A photo against one platform's published rules (platform-rules.js): pure functions, no DOM.
//
// One row, one voice: a platform's verdict is the worst of the lines shown under it, one line
// per rule the scan can measure and one for the platform's crop. A rule the platform says it
// refuses on fails; a warning, a rule whose page names no outcome, advice and a crop that trims
// the frame are each "check". Notes (fees, how uploads work) never change a verdict.

import { RATIO_TOLERANCE, cropTo, formatBytes, orientation, worst } from "./measure.js";
import { BREACHES, KINDS } from "./platform-rules.js";

const STATUS = { refused: "fail", warning: "check", unstated: "check", none: "check", cropped: "check" };
const OUTCOME = {
  refused: "The upload is refused.",
  warning: "The upload warns you, then goes ahead.",
  unstated: "Its page does not say what happens.",
  none: "Advice only: nothing stops the upload.",
};

/** "JPEG, PNG or GIF". */
export function listOr(items) {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** How the rules column names a rule: "Rule, refused if broken", "Advice, nothing stops the upload". */
export function ruleLabel(rule) {
  return `${KINDS[rule.kind]}, ${BREACHES[rule.breach]}`;
}

/** Each measurable part of `check` against the photo: [ok, what passes, what breaks it]. */
function measures(check, facts) {
  const { width, height, bytes, format } = facts;
  const parts = [];
  if (check.formats) {
    parts.push([check.formats.includes(format), `${format} is taken.`, `Takes ${listOr(check.formats)}, not ${format}.`]);
  }
  if (check.minWidth || check.minHeight) {
    const size = `${check.minWidth} × ${check.minHeight} px`;
    parts.push([width >= check.minWidth && height >= check.minHeight, `At least ${size}.`, `Under ${size}.`]);
  }
  if (check.maxWidth || check.maxHeight) {
    const size = `${check.maxWidth} × ${check.maxHeight} px`;
    parts.push([width <= check.maxWidth && height <= check.maxHeight, `Within ${size}.`, `Over ${size}.`]);
  }
  if (check.minBytes) {
    parts.push([bytes >= check.minBytes, `At least ${formatBytes(check.minBytes)}.`,
      `Under ${formatBytes(check.minBytes)} (yours is ${formatBytes(bytes)}).`]);
  }
  if (check.maxBytes) {
    parts.push([bytes <= check.maxBytes, `At most ${formatBytes(check.maxBytes)}.`,
      `Over ${formatBytes(check.maxBytes)} (yours is ${formatBytes(bytes)}).`]);
  }
  return parts;
}

/** One line per rule the scan can measure: { status, text }. */
export function ruleLines(facts, platform) {
  const lines = [];
  for (const rule of platform.rules) {
    if (!rule.check) continue;
    const parts = measures(rule.check, facts);
    const broken = parts.filter(([ok]) => !ok);
    if (!broken.length) {
      lines.push({ status: "pass", text: parts.map(([, yes]) => yes).join(" ") });
    } else {
      lines.push({ status: STATUS[rule.breach], text: `${broken.map(([, , no]) => no).join(" ")} ${OUTCOME[rule.breach]}` });
    }
  }
  return lines;
}

/** The width / height of the platform's crop for this photo (a sideways shape for a sideways photo where it turns). */
export function cropRatio(crop, width, height) {
  return crop.turns && orientation(width, height) === "landscape" ? 1 / crop.ratio : crop.ratio;
}

/** How the crop is named in a line: "Its 10 x 8 crop" where the platform names it, "A 5:7 crop" where we inferred it. */
export function cropName(crop) {
  return `${crop.inferred ? "A" : "Its"} ${crop.label} crop`;
}

/** The crop line from the frame alone (no face known): what share of the photo it keeps. */
export function frameCropLine(crop, width, height) {
  const ratio = cropRatio(crop, width, height);
  if (Math.abs(width / height / ratio - 1) <= RATIO_TOLERANCE) {
    return { status: "pass", text: `${cropName(crop)} cuts next to nothing: your photo already has that shape.` };
  }
  const kept = Math.round(cropTo(width, height, ratio).keptPercent);
  const place = crop.adjustable ? " You place it as you upload: keep your face in it." : "";
  return { status: "check", text: `${cropName(crop)} keeps about ${kept}% of your photo.${place}` };
}

/**
 * The platform's verdict for a photo: { status, lines }. `facts`: { width, height, bytes,
 * format }. `faceLine` ({ status, text }, optional): what the crop does to the face, once the
 * face check has answered; without it the crop line judges the frame.
 */
export function platformVerdict(facts, platform, faceLine = null) {
  const lines = ruleLines(facts, platform);
  if (platform.crop) lines.push(faceLine || frameCropLine(platform.crop, facts.width, facts.height));
  return { status: worst(lines.map((line) => line.status)), lines };
}
