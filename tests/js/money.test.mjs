// node --test: the browser's one money formatter writes money as headshots.text.money does.
import assert from "node:assert/strict";
import { test } from "node:test";
import { money } from "../../theme/static/js/money.js";

test("whole amounts have no decimals, others two; thousands are grouped", () => {
  assert.equal(money(350, "$"), "$350");
  assert.equal(money(1200, "CHF "), "CHF 1,200");
  assert.equal(money(99.5, "$"), "$99.50");
  assert.equal(money(30000, "JPY "), "JPY 30,000");
  assert.equal(money(0.1 + 0.2, "£"), "£0.30");
});
