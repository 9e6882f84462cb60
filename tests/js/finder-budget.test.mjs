// node --test: "within my budget" as Pagefind filter values, and the budget's words from a link.
import assert from "node:assert/strict";
import { test } from "node:test";
import { budgetFilter, readBudgetText, splitBudgetText } from "../../theme/static/js/finder-budget.js";

// A price's keys as headshots.pagedata.budgets.budget_keys writes them (whole units, rounded up).
function priceKeys(price, currency) {
  const digits = String(Math.ceil(price));
  const head = `${currency.toLowerCase()}-${digits.length}`;
  return [head, ...[...digits].map((_, end) => `${head}-${digits.slice(0, end + 1)}`)];
}

const within = (price, budget, currency = "USD", priceCurrency = currency) => {
  const keys = new Set(budgetFilter(budget, currency));
  return priceKeys(price, priceCurrency).some((key) => keys.has(key));
};

test("the keys of a budget are the few that cover every whole price up to it", () => {
  assert.deepEqual(budgetFilter(420, "USD"), [
    "usd-1", "usd-2", "usd-3-1", "usd-3-2", "usd-3-3", "usd-3-40", "usd-3-41", "usd-3-420",
  ]);
  assert.deepEqual(budgetFilter(5, "CHF"), ["chf-1-0", "chf-1-1", "chf-1-2", "chf-1-3", "chf-1-4", "chf-1-5"]);
});

test("a price is within a budget exactly when it is at most the budget", () => {
  for (let budget = 1; budget <= 1200; budget += 7) {
    for (let price = 1; price <= 1300; price += 3) {
      assert.equal(within(price, budget), price <= budget, `${price} within ${budget}`);
    }
  }
  assert.equal(within(38000, 38000, "JPY"), true);
  assert.equal(within(38001, 38000, "JPY"), false);
  assert.equal(within(99.5, 99), false);  // a price with cents counts as the next whole unit
  assert.equal(within(99.5, 100), true);
});

test("a budget never holds a price in another currency", () => {
  assert.equal(within(250, 400, "CAD", "USD"), false);
  assert.equal(within(480, 10_000, "USD", "CHF"), false);
});

test("a budget from a link: its currency, or the directory's most common; errors say what to do", () => {
  const currencies = ["USD", "CAD", "JPY", "CHF"];
  assert.deepEqual(readBudgetText("CAD400", currencies), { text: "CAD400", budget: { amount: 400, currency: "CAD" }, error: null });
  assert.deepEqual(readBudgetText(" 400 ", currencies).budget, { amount: 400, currency: "USD" });
  assert.deepEqual(readBudgetText("", currencies), { text: "", budget: null, error: null });
  assert.equal(readBudgetText("CAD4.50", currencies).error, "Enter a budget from 1 to 10,000,000, in whole units, or leave it empty.");
  assert.equal(readBudgetText("cad0", currencies).budget, null);
  assert.equal(readBudgetText("EUR400", currencies).error, "No photographer here charges in EUR: choose USD, CAD, JPY, CHF.");
  assert.deepEqual(splitBudgetText("cad 425"), { currency: "CAD", amount: "425" });
  assert.deepEqual(splitBudgetText("425"), { currency: null, amount: "425" });
});
