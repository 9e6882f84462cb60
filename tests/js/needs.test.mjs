// node --test: the compare page's needs, read from a link or the form, and refused when out of range.
import assert from "node:assert/strict";
import { test } from "node:test";
import { needsQuery, readBudget, readNeeds, whole } from "../../theme/static/js/needs.js";

const read = (query) => readNeeds(new URLSearchParams(query));

test("a whole number in range, else the range in words", () => {
  assert.deepEqual(whole("4", 0, 50), { value: 4 });
  for (const bad of ["60", "-2", "2.5", "abc", "1e2", " "]) {
    assert.deepEqual(whole(bad, 0, 50), { error: "Enter a whole number from 0 to 50." }, bad);
  }
});

test("no link: the defaults, no errors", () => {
  assert.deepEqual(read(""), {
    needs: { looks: 1, hmu: false, finals: 0, who: "actors", eligible: [], budget: null },
    errors: {},
  });
});

test("every need from a link", () => {
  const { needs, errors } = read("looks=3&hmu=1&finals=4&who=young-actors&eligible=graduates,students,graduates&budget=usd400");
  assert.deepEqual(errors, {});
  assert.deepEqual(needs, {
    looks: 3, hmu: true, finals: 4, who: "young-actors", eligible: ["graduates", "students"],
    budget: { amount: 400, currency: "USD" },
  });
  assert.equal(needsQuery(needs), "looks=3&hmu=1&finals=4&who=young-actors&eligible=graduates,students&budget=USD400");
});

test("a wrong value is an error for its field, and its need keeps the default", () => {
  const { needs, errors } = read("looks=7&hmu=2&finals=2.5&who=adults&eligible=veterans&budget=0");
  assert.deepEqual(errors, {
    looks: "Enter a whole number from 1 to 4.",
    finals: "Enter a whole number from 0 to 50.",
    hmu: "Choose needed or not needed.",
    who: "Choose an adult actor, or a child or teen.",
    eligible: "Rates are any of: graduates, students, returning-clients.",
    budget: "Enter a budget from 1 to 10,000,000, in whole units, or leave it empty.",
  });
  assert.equal(needs.looks, 1);
  assert.equal(needs.finals, 0);
});

test("a budget is an amount, with or without its currency", () => {
  assert.deepEqual(readBudget("400"), { value: { amount: 400, currency: null } });
  assert.deepEqual(readBudget("CHF1500"), { value: { amount: 1500, currency: "CHF" } });
  assert.ok(readBudget("USD-5").error);
  assert.ok(readBudget("400.50").error);
});
