// measure.js, face-measure.js and the scan's small words: geometry, the one casting size, crops of a face.
import assert from "node:assert/strict";
import { test } from "node:test";

import { cropVerdict, faceRows } from "../../theme/static/js/face-measure.js";
import { aspectRatio, castingSize, compareTo45, cropTo, worst } from "../../theme/static/js/measure.js";
import { placeInGrid } from "../../theme/static/js/scan-grid.js";
import { secondsWord } from "../../theme/static/js/scan-timer.js";

// The build's face rules (headshots.thumbnails.faces.BROWSER_RULES), as the page receives them:
// tests/test_js_units.py hands them over, so the thresholds live in one place.
const RULES = JSON.parse(process.env.FACE_RULES || "null");

test("compareTo45 passes 4:5 within 2% and calls everything else 'check'", () => {
  assert.deepEqual([[1200, 1500], [1210, 1500], [1000, 1500], [1500, 1500], [2000, 1000]]
    .map(([w, h]) => compareTo45(w, h).status), ["pass", "pass", "check", "check", "check"]);
  assert.equal(aspectRatio(500, 700).label, "5:7");
  assert.equal(cropTo(2000, 1000).keptPercent, 40);
});

test("one casting size, written one way", () => {
  assert.equal(castingSize(96), "96 × 120 px");
  assert.equal(castingSize(112), "112 × 140 px");
});

test("the face size row speaks of that same casting size", () => {
  assert.ok(RULES, "FACE_RULES is not set: run these through `pytest tests/test_js_units.py`");
  assert.equal(RULES.thumbnailWidth, 96);
  const face = { box: [0.4, 0.2, 0.6, 0.45], eyes: [[0.45, 0.3], [0.55, 0.3]], score: 0.9 };
  const rows = Object.fromEntries(faceRows([face], 1000, 1250, RULES).map((r) => [r[0], r]));
  assert.match(rows["Face size"][3], /^In a casting thumbnail \(96 × 120 px\) your face is about 30 px tall/);
  assert.deepEqual(rows["4:5 crop"].slice(1, 4), ["Whole head kept", "pass", "A 4:5 crop keeps your whole head."]);
});

test("a crop's verdict names the crop as the caller does", () => {
  const fit = { faceCut: false, chinCut: true, headCut: false };
  assert.deepEqual(cropVerdict(fit, "Its 10 x 8 crop"), { status: "fail", text: "Its 10 x 8 crop cuts your chin." });
  assert.equal(cropVerdict({ faceCut: false, chinCut: false, headCut: false }, "A 5:7 crop").text, "A 5:7 crop keeps your whole head.");
  assert.equal(worst(["pass", "check", "pass"]), "check");
});

test("grid places and seconds in words", () => {
  assert.equal(placeInGrid(0, 5), "row 1, 1st from the left");
  assert.equal(placeInGrid(13, 5), "row 3, 4th from the left");
  assert.equal(placeInGrid(9, 10), "row 1, 10th from the left");
  assert.equal(secondsWord(1), "one second");
  assert.equal(secondsWord(5), "five seconds");
  assert.equal(secondsWord(12), "12 seconds");
});
