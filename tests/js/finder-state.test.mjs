// node --test: the directory's state and its URL, both ways, checked.
import assert from "node:assert/strict";
import { test } from "node:test";
import { filterCount, readState, stateQuery } from "../../theme/static/js/finder-state.js";

const page = {
  facets: new Map([["city", new Set(["chicago", "toronto"])], ["price", new Set(["cad-300-500", "usd-under-350"])]]),
  sorts: ["name", "price"],
  currencies: ["USD", "CAD"],
};

test("a link's filters, sort and budget are read, and what the page does not offer is dropped", () => {
  const params = new URLSearchParams("city=toronto&city=nowhere&city=toronto&price=cad-300-500&sort=cheapest&budget=CAD400");
  assert.deepEqual(readState(params, page), {
    q: "", filters: { city: ["toronto"], price: ["cad-300-500"] }, sort: "name",
    budgetText: "CAD400", budget: { amount: 400, currency: "CAD" }, budgetError: null,
  });
});

test("a wrong budget is kept as written, with its error, and is not a filter", () => {
  const state = readState(new URLSearchParams("budget=CADabc"), page);
  assert.equal(state.budgetText, "CADabc");
  assert.equal(state.budget, null);
  assert.match(state.budgetError, /^Enter a budget from 1 to 10,000,000/);
  assert.equal(filterCount(state), 0);
});

test("a page without a budget box ignores budget=", () => {
  const state = readState(new URLSearchParams("budget=CAD400"), { ...page, currencies: [] });
  assert.equal(state.budget, null);
  assert.equal(state.budgetText, "");
});

test("the URL of a state: facets in the page's order, the budget, a sort other than the default", () => {
  const state = {
    q: "", filters: { price: ["cad-300-500"], city: ["toronto"] }, sort: "price",
    budgetText: "CAD400", budget: { amount: 400, currency: "CAD" },
  };
  const options = { facetKeys: ["city", "price"], defaultSort: "name" };
  assert.equal(stateQuery(state, options), "city=toronto&price=cad-300-500&budget=CAD400&sort=price");
  assert.equal(stateQuery({ ...state, sort: "name", budgetText: "" }, options), "city=toronto&price=cad-300-500");
  assert.equal(filterCount(state), 3);
  assert.deepEqual(readState(new URLSearchParams(stateQuery(state, options)), page).filters, { city: ["toronto"], price: ["cad-300-500"] });
});
