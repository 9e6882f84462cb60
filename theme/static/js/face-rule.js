// What counts as a face: the build's rule (headshots.thumbnails.facerule, whose docstring says
// why), with its numbers handed over as `rules` (FACE_RULES.face), so they are written once.
// Pure functions: tests/js/face-rule.test.mjs runs the cases the Python tests run.

/** Intersection over union of two boxes [left, top, right, bottom]. */
export function overlap(a, b) {
  const width = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const height = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = width * height;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/** Why `face`'s points are not a plausible human face (null when they are); 0..1 of width x height. */
export function problem(face, width, height, rules) {
  const [[rx, ry], [lx, ly]] = face.eyes.map(([x, y]) => [x * width, y * height]);
  const span = Math.hypot(lx - rx, ly - ry);
  if (span === 0) return "the eyes are one point";
  if (Math.abs((Math.atan2(ly - ry, lx - rx) * 180) / Math.PI) > rules.maxTilt) {
    return `the eyes lean more than ${rules.maxTilt} degrees`;
  }
  const [left, top, right, bottom] = face.box;
  if (!face.eyes.every(([x, y]) => left <= x && x <= right && top <= y && y <= bottom)) return "an eye is outside the box";
  const eyeSpan = span / ((right - left) * width);
  if (eyeSpan < rules.eyeSpan[0] || eyeSpan > rules.eyeSpan[1]) return "the eyes are too close or too far apart for the box";
  const across = [(lx - rx) / span, (ly - ry) / span];
  const down = [-(ly - ry) / span, (lx - rx) / span];
  const middle = [(rx + lx) / 2, (ry + ly) / 2];
  const place = ([x, y]) => {
    const dx = x * width - middle[0];
    const dy = y * height - middle[1];
    return [(dx * across[0] + dy * across[1]) / span, (dx * down[0] + dy * down[1]) / span];
  };
  const [noseAside, noseDown] = place(face.nose);
  if (noseDown < rules.noseDown[0] || noseDown > rules.noseDown[1] || Math.abs(noseAside) > rules.noseAside) {
    return "the nose is not below the eyes";
  }
  const mouthDown = place(face.mouth)[1];
  if (mouthDown < rules.mouthDown[0] || mouthDown > rules.mouthDown[1] || mouthDown <= noseDown) {
    return "the mouth is not below the nose";
  }
  return null;
}

/** Whether a candidate between the two scores needs the mirrored photo's opinion. */
export const needsSecondOpinion = (face, rules) => face.score >= rules.minScore && face.score < rules.sureScore;

/** The rule; `mirrored`: the candidates found in the mirrored photo, mapped back to this one. */
export function isFace(face, width, height, rules, mirrored = []) {
  if (face.score < rules.minScore || problem(face, width, height, rules)) return false;
  if (face.score >= rules.sureScore) return true;
  return mirrored.some((other) => other.score >= rules.minScore && overlap(other.box, face.box) > rules.samePlace);
}
