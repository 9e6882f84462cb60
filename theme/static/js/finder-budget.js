// "Within my budget" on the directory: the budget box's words and the Pagefind filter that
// holds every price up to it. Pagefind matches filter values exactly, so each profile carries
// its price's digit keys (headshots.pagedata.budgets.budget_keys: CA$425 -> cad-3, cad-3-4,
// cad-3-42, cad-3-425) and a budget is the few keys that cover every whole price from 0 to it.
// One currency only: a budget in CAD never judges a price in USD. Pure: unit-tested with node --test.

import { readBudget } from "./needs.js";

/** The budget filter values for every whole price up to `amount` in `currency`: 420 USD -> usd-1, usd-2, usd-3-1 ... usd-3-420. */
export function budgetFilter(amount, currency) {
  const code = currency.toLowerCase();
  const digits = String(amount);
  const length = digits.length;
  const values = [];
  for (let shorter = 1; shorter < length; shorter += 1) values.push(`${code}-${shorter}`);
  for (let at = 0; at < length; at += 1) {
    // the same leading digits, then a smaller digit here: every price below, in few keys
    for (let digit = at === 0 && length > 1 ? 1 : 0; digit < Number(digits[at]); digit += 1) {
      values.push(`${code}-${length}-${digits.slice(0, at)}${digit}`);
    }
  }
  values.push(`${code}-${length}-${digits}`);
  return values;
}

/**
 * A budget as the URL writes it (`budget=CAD400`; `400` is in the first of `currencies`, the
 * directory's most common): `{text, budget: {amount, currency} | null, error: message | null}`.
 * Checked like /compare/'s budget (needs.js), and a currency no photographer here charges in is
 * an error that names the ones they do.
 */
export function readBudgetText(raw, currencies) {
  const text = String(raw || "").trim();
  if (!text) return { text: "", budget: null, error: null };
  const result = readBudget(text);
  if (result.error) return { text, budget: null, error: result.error };
  const currency = result.value.currency || currencies[0];
  if (!currencies.includes(currency)) {
    return { text, budget: null, error: `No photographer here charges in ${currency}: choose ${currencies.join(", ")}.` };
  }
  return { text, budget: { amount: result.value.amount, currency }, error: null };
}

/** The amount and currency a budget's text puts in the form: "CAD400" -> {amount: "400", currency: "CAD"}. */
export function splitBudgetText(text) {
  const match = /^([A-Za-z]{3})?\s*(.*)$/.exec(String(text || "").trim());
  return { currency: match[1] ? match[1].toUpperCase() : null, amount: match[2] };
}
