// The total for what the actor needs, by the rule written on /compare/ ("How the total is
// worked out") and in CONTRIBUTING.md, from a profile's compare data (headshots.facts.
// compare_data). Only sessions this actor could book count: for whom they chose (an adult
// actor or a child or teen; business portraits never) and, of the rates only some may book,
// those they qualify for. Pure: no DOM, unit-tested with node --test (tests/js/).
import { plural } from "./dom.js";
import { money } from "./money.js";

const WHO_WORDS = { actors: "an adult actor", "young-actors": "a child or teen" };

/** Whether `session` is one this actor could book: for `who`, and open to them. */
export function bookable(session, who, eligible) {
  const rates = session.eligible || [];
  return (session.for || "actors") === who && (!rates.length || rates.some((rate) => eligible.includes(rate)));
}

/**
 * One session's total for `needs`: `{amount, parts}`, or `{missing}` (a price the total
 * needs is not listed) or `{cannot}` (the session cannot give what is needed).
 */
export function sessionTotal(session, data, needs) {
  const addOns = data.add_ons || {};
  const prefix = data.money_prefix;
  let amount = session.price;
  const parts = [`${session.name} ${money(session.price, prefix)}`];
  const extraLooks = needs.looks - (session.looks || 1);
  if (extraLooks > 0) {
    if (addOns.look == null) return { cannot: `no session gives ${plural(needs.looks, "look")} and no extra-look price is listed` };
    amount += extraLooks * addOns.look;
    parts.push(`${plural(extraLooks, "extra look")} ${money(extraLooks * addOns.look, prefix)}`);
  }
  if (needs.hmu && data.hair_makeup !== "included") {
    if (data.hair_makeup !== "available") return { missing: "whether hair and makeup is offered is not listed" };
    if (addOns.hair_makeup == null) return { missing: "the hair and makeup price is not listed" };
    amount += addOns.hair_makeup;
    parts.push(`hair and makeup ${money(addOns.hair_makeup, prefix)}`);
  } else if (needs.hmu) {
    parts.push("hair and makeup included");
  }
  const extraFinals = needs.finals - (session.retouched || 0);
  if (extraFinals > 0) {
    if (addOns.retouched_image == null) return { missing: "the price of an extra retouched final is not listed" };
    amount += extraFinals * addOns.retouched_image;
    parts.push(`${plural(extraFinals, "extra retouched final")} ${money(extraFinals * addOns.retouched_image, prefix)}`);
  }
  return { amount, parts, session: session.name };
}

/**
 * A photographer's total: `{amount, text, why, session}` (the session it is worked from), or
 * `{text, why}` with text "no matching session", "no hair and makeup" or "ask".
 */
export function total(data, needs) {
  if (!data.sessions.length) return { text: "ask", why: "No sessions are listed, so there is nothing to add up." };
  const sessions = data.sessions.filter((session) => bookable(session, needs.who, needs.eligible));
  if (!sessions.length) {
    const rates = needs.eligible.length ? " at the rates you qualify for" : " that anyone may book";
    return { text: "no matching session", why: `No session listed is for ${WHO_WORDS[needs.who]}${rates}.` };
  }
  if (needs.hmu && data.hair_makeup === "none") {
    return { text: "no hair and makeup", why: "Hair and makeup is not offered: you would arrive camera-ready." };
  }
  const results = sessions.map((session) => sessionTotal(session, data, needs));
  const known = results.filter((result) => result.amount !== undefined);
  if (!known.length) {
    const reasons = [...new Set(results.map((result) => result.missing || result.cannot))];
    return { text: "ask", why: `Can’t be worked out: ${reasons.join("; ")}.` };
  }
  const best = known.reduce((low, result) => (result.amount < low.amount ? result : low));
  return { amount: best.amount, text: money(best.amount, data.money_prefix), why: best.parts.join(" + "), session: best.session };
}

/** "within" or "over" a budget `{amount, currency}` in the total's own currency; "" otherwise. */
export function budgetMark(result, currency, budget) {
  if (!budget || !result || result.amount === undefined || budget.currency !== currency) return "";
  return result.amount <= budget.amount ? "within" : "over";
}

/** The indexes of the lowest totals of each currency that two or more known totals share. */
export function lowestByCurrency(currencies, results) {
  const byCurrency = new Map();
  results.forEach((result, index) => {
    if (!result || result.amount === undefined) return;
    byCurrency.set(currencies[index], [...(byCurrency.get(currencies[index]) || []), index]);
  });
  const lowest = new Set();
  for (const indexes of byCurrency.values()) {
    if (indexes.length < 2) continue;
    const low = Math.min(...indexes.map((index) => results[index].amount));
    for (const index of indexes) if (results[index].amount === low) lowest.add(index);
  }
  return lowest;
}

/** Whether any session in `datas` is a rate only some may book (the form then asks which apply). */
export function hasRates(datas) {
  return datas.some((data) => data.sessions.some((session) => (session.eligible || []).length));
}
