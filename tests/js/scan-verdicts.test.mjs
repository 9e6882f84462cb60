// scan-verdicts.js: the report's words about the photo itself.
import assert from "node:assert/strict";
import { test } from "node:test";

import { KB, MB } from "../../theme/static/js/measure.js";
import { cropSentence, measurementRows, usDate } from "../../theme/static/js/scan-verdicts.js";

const rows = (facts, tone = null) => Object.fromEntries(measurementRows(facts, tone).map(([label, value, status, note]) => [label, { value, status, note }]));
const jpeg = (width, height, bytes = 2 * MB) => ({ width, height, bytes, format: "JPEG" });

test("the shape never fails on its own: square and sideways are 'check'", () => {
  assert.equal(rows(jpeg(1200, 1500)).Shape.status, "pass");
  const square = rows(jpeg(1000, 1000)).Shape;
  assert.equal(square.status, "check");
  assert.equal(square.value, "1:1, square");
  assert.match(square.note, /^Square: a 4:5 crop cuts about 20% of it\./);
  const wide = rows(jpeg(2000, 1000)).Shape;
  assert.equal(wide.status, "check");
  assert.match(wide.note, /^Sideways: a 4:5 crop cuts about 60% of it\./);
});

test("size: nothing a site asks for is missed, and nothing refused is called fine", () => {
  assert.equal(rows(jpeg(2000, 2500)).Size.status, "pass");
  assert.equal(rows(jpeg(450, 560)).Size.status, "check");
  const big = rows(jpeg(4800, 6000)).Size;
  assert.equal(big.status, "check");
  assert.match(big.note, /about 2,000 px tall, at high quality/);
});

test("file: JPEG or PNG over 1 MB passes; a small file or another format is 'check'", () => {
  assert.equal(rows(jpeg(2000, 2500)).File.status, "pass");
  assert.equal(rows(jpeg(2000, 2500, 600 * KB)).File.status, "check");
  assert.match(rows(jpeg(2000, 2500, 600 * KB)).File.note, /at least 1 MB/);
  assert.equal(rows({ ...jpeg(2000, 2500), format: "GIF" }).File.status, "check");
  assert.equal(rows({ ...jpeg(2000, 2500), format: "WebP" }).File.value, "WebP, 2 MB");
});

test("tone rows appear only when the tone was measured; black and white is a 'check'", () => {
  assert.deepEqual(Object.keys(rows(jpeg(1200, 1500))), ["Size", "Shape", "File"]);
  const tone = { clippedPercent: 0.5, crushedPercent: 9, spread: 60, colour: false };
  const measured = rows(jpeg(1200, 1500), tone);
  assert.deepEqual(Object.keys(measured), ["Size", "Shape", "File", "Highlights", "Shadows", "Contrast", "Color"]);
  assert.equal(measured.Highlights.status, "pass");
  assert.equal(measured.Shadows.status, "check");
  assert.equal(measured.Contrast.status, "check");
  assert.deepEqual([measured.Color.value, measured.Color.status], ["Black and white", "check"]);
});

test("dates are written the US way", () => {
  assert.equal(usDate("2026-12-06"), "December 6, 2026");
  assert.equal(usDate("2027-01-31"), "January 31, 2027");
});

test("the crop sentence says what goes", () => {
  assert.equal(cropSentence(1200, 1500), "Your photo is already 4:5, the shape of an 8 x 10 headshot, so a crop cuts nothing.");
  assert.match(cropSentence(2000, 1000), /^Sites that crop to 4:5 keep 40% of your photo and cut 600 px from the left and the right\./);
  assert.match(cropSentence(2000, 1000), /crop it upright yourself/);
  assert.match(cropSentence(1000, 1500), /Crop it to 4:5 yourself/);
});
