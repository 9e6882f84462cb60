// platform-check.js and platform-rules.js: each platform's verdict is the worst of its lines,
// refusals fail, warnings and advice are "check", notes never judge the photo.
import assert from "node:assert/strict";
import { test } from "node:test";

import { KB, MB } from "../../theme/static/js/measure.js";
import { cropRatio, frameCropLine, listOr, platformVerdict, ruleLabel, ruleLines } from "../../theme/static/js/platform-check.js";
import { BREACHES, KINDS, PLATFORMS } from "../../theme/static/js/platform-rules.js";

const byId = Object.fromEntries(PLATFORMS.map((p) => [p.id, p]));
const photo = (extra = {}) => ({ width: 2400, height: 3000, bytes: 3 * MB, format: "JPEG", ...extra });
const judge = (facts) => Object.fromEntries(PLATFORMS.map((p) => [p.id, platformVerdict(facts, p).status]));

test("a large 4:5 JPEG whose face every crop keeps passes everywhere, and every line says so", () => {
  const kept = { status: "pass", text: "keeps your whole head" };
  for (const platform of PLATFORMS) {
    const verdict = platformVerdict(photo(), platform, kept);
    assert.equal(verdict.status, "pass", platform.id);
    assert.ok(verdict.lines.every((line) => line.status === "pass"), platform.id);
  }
  // Before the face is known, only the 5:7 crop (taller than 4:5) trims the frame.
  assert.deepEqual(judge(photo()), {
    "actors-access": "check", backstage: "pass", "casting-networks": "pass", spotlight: "pass", "casting-workbook": "pass",
  });
});

test("the row's verdict is the worst of its lines, whatever the photo", () => {
  const rank = { pass: 0, check: 1, fail: 2 };
  const photos = [photo(), photo({ width: 450, height: 560, bytes: 200 * KB }), photo({ width: 2000, height: 1000 }),
    photo({ width: 6000, height: 7500, bytes: 20 * MB, format: "PNG" }), photo({ format: "WebP" }), photo({ width: 1000, height: 1000 })];
  for (const facts of photos) {
    for (const platform of PLATFORMS) {
      const { status, lines } = platformVerdict(facts, platform);
      const worstLine = lines.reduce((a, b) => (rank[b.status] > rank[a] ? b.status : a), "pass");
      assert.equal(status, worstLine, `${platform.id} ${JSON.stringify(facts)}`);
    }
  }
});

test("a small photo draws warnings and advice, never a refusal", () => {
  const small = photo({ width: 450, height: 560, bytes: 200 * KB });
  assert.deepEqual(judge(small), {
    "actors-access": "check", // under its recommended 500 x 700: advice
    backstage: "pass",
    "casting-networks": "pass",
    spotlight: "check", // under 500 x 500 is a warning; under 1 MB, its page names no outcome
    "casting-workbook": "pass",
  });
  const lines = ruleLines(small, byId.spotlight);
  assert.deepEqual(lines.map((l) => l.status), ["check", "check"]);
  assert.equal(lines[0].text, "Under 500 × 500 px. The upload warns you, then goes ahead.");
  assert.equal(lines[1].text, "Under 1 MB (yours is 200 KB). Its page does not say what happens.");
  assert.equal(ruleLines(small, byId["actors-access"])[0].text, "Under 500 × 700 px. Advice only: nothing stops the upload.");
});

test("formats and limits a site refuses on fail, with the reason", () => {
  assert.equal(judge(photo({ format: "WebP" }))["casting-workbook"], "fail");
  assert.equal(judge(photo({ format: "WebP" })).backstage, "fail");
  assert.equal(judge(photo({ format: "GIF" }))["casting-workbook"], "fail");
  assert.equal(judge(photo({ format: "GIF" })).backstage, "pass");
  const huge = photo({ width: 6000, height: 7500, bytes: 20 * MB, format: "PNG" });
  assert.equal(judge(huge)["casting-workbook"], "fail");
  assert.equal(judge(huge).spotlight, "pass");
  assert.deepEqual(ruleLines(huge, byId["casting-workbook"])[1],
    { status: "fail", text: "Over 4000 × 4000 px. Over 6 MB (yours is 20 MB). The upload is refused." });
  assert.equal(ruleLines(photo({ format: "HEIC" }), byId.backstage)[0].text, "Takes JPEG, PNG or GIF, not HEIC. The upload is refused.");
});

test("a crop that trims the frame is 'check' until the face says otherwise", () => {
  const square = photo({ width: 1000, height: 1000 });
  assert.deepEqual(frameCropLine(byId.spotlight.crop, 1000, 1000),
    { status: "check", text: "Its 10 x 8 crop keeps about 80% of your photo." });
  assert.equal(frameCropLine(byId["actors-access"].crop, 1000, 1000).text,
    "A 5:7 crop keeps about 71% of your photo. You place it as you upload: keep your face in it.");
  const faceLine = { status: "pass", text: "Its 10 x 8 crop keeps your whole head." };
  assert.equal(platformVerdict(square, byId.spotlight, faceLine).status, "pass");
  assert.equal(platformVerdict(square, byId.spotlight, { status: "fail", text: "x" }).status, "fail");
});

test("Spotlight's 10 x 8 turns sideways for a sideways photo; the others keep their shape", () => {
  assert.equal(cropRatio(byId.spotlight.crop, 2000, 1000), 5 / 4);
  assert.equal(cropRatio(byId.spotlight.crop, 1000, 2000), 4 / 5);
  assert.equal(cropRatio(byId["actors-access"].crop, 2000, 1000), 5 / 7);
});

test("every rule names its page, its kind and its outcome; every note names its page", () => {
  for (const platform of PLATFORMS) {
    for (const page of Object.values(platform.pages)) {
      assert.match(page.url, /^https:\/\/[^/]+\/.+/, `${platform.id}: a page, not a home page`);
      assert.ok(page.title);
    }
    for (const rule of platform.rules) {
      assert.ok(rule.kind in KINDS && rule.breach in BREACHES, JSON.stringify(rule));
      assert.ok(rule.page in platform.pages, JSON.stringify(rule));
      assert.equal(rule.kind === "advice", rule.breach === "none", JSON.stringify(rule));
    }
    for (const note of platform.notes) assert.ok(note.page in platform.pages);
    if (platform.crop) assert.ok(platform.crop.page in platform.pages);
  }
  assert.equal(ruleLabel(byId.backstage.rules[0]), "Rule, refused if broken");
  assert.equal(ruleLabel(byId["actors-access"].rules[0]), "Advice, nothing stops the upload");
  assert.equal(listOr(["JPEG", "PNG", "GIF"]), "JPEG, PNG or GIF");
});
