// face-rule.js: the same cases as tests/test_face_rule.py, with the build's numbers (FACE_RULES).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { isFace, problem } from "../../theme/static/js/face-rule.js";

const rules = JSON.parse(process.env.FACE_RULES).face;
const cases = JSON.parse(readFileSync(new URL("./face-rule.cases.json", import.meta.url)));

test("a face's points: each case gives the build's answer, word for word", () => {
  for (const { case: name, size, face, problem: expected } of cases.problem) {
    assert.equal(problem(face, size[0], size[1], rules), expected, name);
  }
});

test("score, points and the mirrored photo's opinion: the browser's cases", () => {
  const browser = cases.rule.filter((item) => item.model === "browser");
  assert.ok(browser.length >= 4);
  for (const { case: name, face, mirrored, counts } of browser) {
    assert.equal(isFace(face, 1000, 1000, rules, mirrored), counts, name);
  }
});
