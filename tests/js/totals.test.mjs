// node --test: the compare total, from the sessions this actor could book (worked out by hand).
import assert from "node:assert/strict";
import { test } from "node:test";
import { bookable, budgetMark, hasRates, lowestByCurrency, total } from "../../theme/static/js/totals.js";

const JO = {
  money_prefix: "$",
  hair_makeup: "available",
  add_ons: { hair_makeup: 150, look: 110, retouched_image: 35 },
  sessions: [
    { name: "Corporate portrait", price: 300, looks: 1, retouched: 2, for: "business", eligible: [] },
    { name: "Actor, two looks", price: 525, looks: 2, retouched: 3, for: "actors", eligible: [] },
    { name: "Grads", price: 200, looks: 1, retouched: 1, for: "actors", eligible: ["graduates"] },
    { name: "Kids", price: 150, looks: 1, retouched: 1, for: "young-actors", eligible: [] },
  ],
};
const needs = (extra) => ({ looks: 1, hmu: false, finals: 0, who: "actors", eligible: [], ...extra });

test("a session is bookable for whom it is for, and for the rates the actor has", () => {
  const [corporate, actor, grads, kids] = JO.sessions;
  assert.equal(bookable(corporate, "actors", []), false);
  assert.equal(bookable(actor, "actors", []), true);
  assert.equal(bookable(grads, "actors", []), false);
  assert.equal(bookable(grads, "actors", ["students", "graduates"]), true);
  assert.equal(bookable(kids, "young-actors", ["graduates"]), true);
  assert.equal(bookable({ name: "old data", price: 1 }, "actors", []), true);  // no fields: any adult
});

test("totals use the matching sessions and name the one used", () => {
  // An adult with no rate: Actor, two looks 525 (the $300 business portrait never counts).
  assert.deepEqual(total(JO, needs()), {
    amount: 525, text: "$525", why: "Actor, two looks $525", session: "Actor, two looks",
  });
  // A graduate: Grads 200 + 2 finals beyond 1 at 35 = 270.
  assert.equal(total(JO, needs({ eligible: ["graduates"], finals: 3 })).why, "Grads $200 + 2 extra retouched finals $70");
  // A child, two looks with hair and makeup: Kids 150 + 1 look 110 + 150 = 410.
  assert.equal(total(JO, needs({ who: "young-actors", looks: 2, hmu: true })).text, "$410");
});

test("no matching session says so, before anything else", () => {
  const data = { ...JO, hair_makeup: "none", sessions: JO.sessions.slice(0, 1) };
  assert.deepEqual(total(data, needs({ hmu: true })), {
    text: "no matching session", why: "No session listed is for an adult actor that anyone may book.",
  });
  assert.equal(total(data, needs({ eligible: ["students"] })).why, "No session listed is for an adult actor at the rates you qualify for.");
  assert.equal(total({ ...JO, sessions: [] }, needs()).text, "ask");
});

test("a budget judges only totals in its own currency", () => {
  const budget = { amount: 500, currency: "USD" };
  assert.equal(budgetMark({ amount: 450 }, "USD", budget), "within");
  assert.equal(budgetMark({ amount: 500 }, "USD", budget), "within");
  assert.equal(budgetMark({ amount: 525 }, "USD", budget), "over");
  assert.equal(budgetMark({ amount: 290 }, "GBP", budget), "");
  assert.equal(budgetMark({ text: "ask" }, "USD", budget), "");
  assert.equal(budgetMark({ amount: 450 }, "USD", null), "");
});

test("the lowest total is marked within a currency that two totals share", () => {
  const lowest = lowestByCurrency(["USD", "USD", "GBP", "USD"], [{ amount: 525 }, { amount: 450 }, { amount: 100 }, { text: "ask" }]);
  assert.deepEqual([...lowest], [1]);
  assert.equal(hasRates([JO]), true);
  assert.equal(hasRates([{ sessions: [JO.sessions[1]] }]), false);
});
