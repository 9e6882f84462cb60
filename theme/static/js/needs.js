// What the actor needs on /compare/, read from the URL or the form and checked, never
// silently changed: a value out of range is an error for its field, and the page shows
// no total worked from it. Pure: no DOM, unit-tested with node --test (tests/js/).

export const WHO = ["actors", "young-actors"];
export const RATES = ["graduates", "students", "returning-clients"];
export const LIMITS = { looks: [1, 4], finals: [0, 50], budget: [1, 10_000_000] };
export const DEFAULTS = { looks: 1, hmu: false, finals: 0, who: "actors", eligible: [], budget: null };

const group = (n) => n.toLocaleString("en-US");

/** A whole number in [low, high] from text: `{value}`, or `{error}` saying the range. */
export function whole(text, low, high) {
  const trimmed = String(text).trim();
  const value = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (value >= low && value <= high) return { value };
  return { error: `Enter a whole number from ${group(low)} to ${group(high)}.` };
}

/** `budget=400` or `budget=USD400`: `{amount, currency}` (currency null when not given), or `{error}`. */
export function readBudget(text) {
  const match = /^([A-Za-z]{3})?\s*(.*)$/.exec(String(text).trim());
  const [low, high] = LIMITS.budget;
  const amount = whole(match[2], low, high);
  if (amount.error) return { error: `Enter a budget from ${group(low)} to ${group(high)}, in whole units, or leave it empty.` };
  return { value: { amount: amount.value, currency: match[1] ? match[1].toUpperCase() : null } };
}

/**
 * The needs from `params` (a URLSearchParams, or anything with `get(name)`): `{needs, errors}`.
 * A missing or empty value is the default; a wrong one is in `errors[field]` (its message)
 * and `needs[field]` keeps the default, which the page does not use for a total.
 */
export function readNeeds(params) {
  const needs = { ...DEFAULTS, eligible: [] };
  const errors = {};
  const given = (name) => {
    const value = params.get(name);
    return value === null || String(value).trim() === "" ? null : String(value);
  };
  for (const field of ["looks", "finals"]) {
    if (given(field) === null) continue;
    const result = whole(given(field), ...LIMITS[field]);
    if (result.error) errors[field] = result.error;
    else needs[field] = result.value;
  }
  const hmu = given("hmu");
  if (hmu !== null && hmu !== "0" && hmu !== "1") errors.hmu = "Choose needed or not needed.";
  else needs.hmu = hmu === "1";
  const who = given("who");
  if (who !== null && !WHO.includes(who)) errors.who = "Choose an adult actor, or a child or teen.";
  else if (who !== null) needs.who = who;
  const eligible = given("eligible");
  if (eligible !== null) {
    const rates = eligible.split(",").map((rate) => rate.trim()).filter(Boolean);
    if (rates.some((rate) => !RATES.includes(rate))) errors.eligible = `Rates are any of: ${RATES.join(", ")}.`;
    else needs.eligible = [...new Set(rates)];
  }
  const budget = given("budget");
  if (budget !== null) {
    const result = readBudget(budget);
    if (result.error) errors.budget = result.error;
    else needs.budget = result.value;
  }
  return { needs, errors };
}

/** The URL query for needs (defaults left out, except the looks, hair and makeup and finals). */
export function needsQuery(needs) {
  const query = [`looks=${needs.looks}`, `hmu=${needs.hmu ? 1 : 0}`, `finals=${needs.finals}`];
  if (needs.who !== DEFAULTS.who) query.push(`who=${needs.who}`);
  if (needs.eligible.length) query.push(`eligible=${needs.eligible.join(",")}`);
  if (needs.budget) query.push(`budget=${needs.budget.currency || ""}${needs.budget.amount}`);
  return query.join("&");
}
