// The browser's state and its URL (?city=chicago&specialty=dance&budget=CAD400&sort=price), both
// ways, checked: a facet value the page does not offer and a sort it does not know are dropped; a
// wrong budget is kept as written, with its error, so the page can say what is wrong with it.
// Pure: no DOM, unit-tested with node --test.

import { readBudgetText } from "./finder-budget.js";

/**
 * The state in `params` (URLSearchParams): `{q, filters: {key: [values]}, sort, budgetText, budget, budgetError}`.
 * `facets` maps each facet key to the Set of its values, `sorts` lists the sort values (the
 * first is the default), `currencies` the budget's currencies (none: no budget on this page).
 */
export function readState(params, { facets, sorts, currencies = [] }) {
  const filters = {};
  for (const [key, known] of facets) {
    const values = params.getAll(key).filter((value) => known.has(value));
    if (values.length) filters[key] = [...new Set(values)];
  }
  const sort = sorts.includes(params.get("sort")) ? params.get("sort") : sorts[0];
  const budget = currencies.length ? readBudgetText(params.get("budget"), currencies) : { text: "", budget: null, error: null };
  return { q: (params.get("q") || "").trim(), filters, sort, budgetText: budget.text, budget: budget.budget, budgetError: budget.error };
}

/** The URL query of a state: facets in the page's order, then the budget as written, then a sort other than the default. */
export function stateQuery(state, { facetKeys, defaultSort }) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of facetKeys) {
    for (const value of state.filters[key] || []) params.append(key, value);
  }
  if (state.budgetText) params.set("budget", state.budgetText);
  if (state.sort && state.sort !== defaultSort) params.set("sort", state.sort);
  return params.toString();
}

/** How many filters are on: each ticked option, and a budget. */
export function filterCount(state) {
  return Object.values(state.filters).reduce((sum, values) => sum + values.length, 0) + (state.budget ? 1 : 0);
}
