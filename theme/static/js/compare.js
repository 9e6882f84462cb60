// /compare/: up to four photographers side by side, and what the session the actor needs
// would cost with each, by the rule written on the page (compare.html, "How the total is
// worked out") and in CONTRIBUTING.md.
//
// Who: ?p=a,b,c (slugs, order kept) wins over the stored shortlist (shortlist.js), so a
// shared link shows the same page anywhere. Needs: ?looks=1-4, ?hmu=1|0, ?finals=N. Each
// photographer's data is their profile's JSON file (PHOTOGRAPHER_JSON_SAVE_AS): the facts
// panel's rows, already in the site's words, and the numbers the total is worked from.
import { cardPhoto, el, plural, safeUrl } from "./dom.js";
import { cleanSlugs, readShortlist, writeShortlist } from "./shortlist.js";

const root = document.querySelector("[data-compare]");
const form = root.querySelector("[data-compare-needs]");
const status = root.querySelector("[data-compare-status]");
const tableBox = root.querySelector("[data-compare-table]");
const share = root.querySelector("[data-compare-share]");
const said = root.querySelector("[data-compare-said]");
const keep = root.querySelector("[data-compare-keep]");
const PHOTO_SIZES = "(min-width: 64rem) 160px, 120px";

/** Money as the site writes it (headshots.text.money): "$350", "CHF 1,200", "$99.50". */
function money(amount, prefix) {
  const cents = Math.round(amount * 100);
  const digits = cents % 100 === 0 ? 0 : 2;
  const number = (cents / 100).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${prefix}${number}`;
}

function whole(value, low, high, fallback) {
  const number = Number(value);
  return Number.isInteger(number) && number >= low && number <= high ? number : fallback;
}

/** The needs from the URL, each within what the form offers. */
function readNeeds(params) {
  return {
    looks: whole(params.get("looks"), 1, 4, 1),
    hmu: params.get("hmu") === "1",
    finals: whole(params.get("finals"), 0, Number(form.elements.finals.max), 0),
  };
}

/**
 * One session's total for `needs`: `{amount, parts}`, or `{missing}` (a price the total
 * needs is not listed) or `{cannot}` (the session cannot give what is needed).
 */
function sessionTotal(session, data, needs) {
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
  return { amount, parts };
}

/** A photographer's total: `{amount, text, why}`, or `{text: "ask" | "no hair and makeup", why}`. */
function total(data, needs) {
  if (needs.hmu && data.hair_makeup === "none") {
    return { text: "no hair and makeup", why: "Hair and makeup is not offered: you would arrive camera-ready." };
  }
  if (!data.sessions.length) return { text: "ask", why: "No sessions are listed, so there is nothing to add up." };
  const results = data.sessions.map((session) => sessionTotal(session, data, needs));
  const known = results.filter((result) => result.amount !== undefined);
  if (!known.length) {
    const reasons = [...new Set(results.map((result) => result.missing || result.cannot))];
    return { text: "ask", why: `Can’t be worked out: ${reasons.join("; ")}.` };
  }
  const best = known.reduce((low, result) => (result.amount < low.amount ? result : low));
  return { amount: best.amount, text: money(best.amount, data.money_prefix), why: best.parts.join(" + ") };
}

/** Every slug to show: ?p= when given, else the stored shortlist. */
function chosenSlugs(params) {
  const p = params.get("p");
  return p === null ? readShortlist() : cleanSlugs(p.split(","));
}

async function load(slug) {
  const url = root.dataset.profileJson.replace("{slug}", encodeURIComponent(slug));
  try {
    const response = await fetch(url);
    if (!response.ok) return { slug, missing: true };
    const data = await response.json();
    return data && data.compare ? { slug, data: data.compare } : { slug, missing: true };
  } catch {
    return { slug, missing: true };
  }
}

let slugs = [];
let columns = [];

function writeUrl(needs) {
  const query = [`p=${slugs.map(encodeURIComponent).join(",")}`, `looks=${needs.looks}`, `hmu=${needs.hmu ? 1 : 0}`, `finals=${needs.finals}`];
  history.replaceState(null, "", `${window.location.pathname}?${query.join("&")}`);
}

function needsFromForm() {
  return readNeeds(new URLSearchParams(new FormData(form)));
}

function headerCell(column) {
  const cell = el("th", { scope: "col", class: "compare-col" });
  if (column.missing) {
    cell.append(el("p", { class: "compare-missing" }, `No photographer “${column.slug}” in the directory: the profile may have moved or been removed.`));
  } else {
    const data = column.data;
    const photo = cardPhoto(data.image, PHOTO_SIZES);
    if (photo) cell.append(el("div", { class: "compare-photo" }, photo));
    cell.append(
      el("a", { class: "compare-name", href: safeUrl(`${root.dataset.siteurl}/${data.url}`) }, data.name),
      el("span", { class: "compare-place" }, data.place),
    );
    if (data.sample) cell.append(el("span", { class: "compare-sample" }, data.sample));
  }
  const name = column.missing ? column.slug : column.data.name;
  const remove = el("button", { type: "button", class: "compare-remove", "data-remove": column.slug }, "Remove",
    el("span", { class: "visually-hidden" }, ` ${name} from the comparison`));
  cell.append(remove);
  return cell;
}

function row(title, cells, className) {
  return el("tr", { class: className || null }, el("th", { scope: "row" }, title), ...cells);
}

function valueCell(fact) {
  const cell = el("td", {}, fact.listed ? fact.value : el("span", { class: "unknown" }, fact.value));
  if (fact.note) cell.append(el("span", { class: "note" }, ` ${fact.note}`));
  return cell;
}

function render() {
  const needs = needsFromForm();
  const found = columns.filter((column) => !column.missing);
  if (!columns.length) {
    tableBox.hidden = share.hidden = true;
    status.replaceChildren(el("p", {}, "Your shortlist is empty. Press ", el("strong", {}, "Shortlist"),
      ` on up to four photographers in `, el("a", { href: root.dataset.directory }, "the directory"), " or on their profiles, then come back here."));
    return;
  }
  status.replaceChildren();
  const totals = columns.map((column) => (column.missing ? null : total(column.data, needs)));
  // The lowest total among columns in the same currency (two or more with a known total).
  const lowest = new Set();
  const byCurrency = new Map();
  columns.forEach((column, index) => {
    if (!totals[index] || totals[index].amount === undefined) return;
    const list = byCurrency.get(column.data.currency) || [];
    list.push(index);
    byCurrency.set(column.data.currency, list);
  });
  for (const indexes of byCurrency.values()) {
    if (indexes.length < 2) continue;
    const low = Math.min(...indexes.map((index) => totals[index].amount));
    for (const index of indexes) if (totals[index].amount === low) lowest.add(index);
  }
  const table = el("table", { class: "compare-table" });
  table.append(el("caption", { class: "visually-hidden" }, `${plural(columns.length, "photographer")} side by side`));
  table.append(el("thead", {}, el("tr", {}, el("td", { class: "compare-corner" }), ...columns.map(headerCell))));
  // The sessions and the total lead, since they decide; then the facts panel's rows, as on a profile.
  const body = el("tbody");
  const need = `${plural(needs.looks, "look")}, ${needs.hmu ? "hair and makeup" : "no hair and makeup"}, ${plural(needs.finals, "retouched final")}`;
  body.append(row(el("span", {}, "Total for what you need", el("span", { class: "compare-need" }, need)), columns.map((column, index) => {
    const result = totals[index];
    if (!result) return el("td", {});
    const cell = el("td", { class: "compare-total" },
      el("strong", { "data-total": column.slug }, result.text));
    if (lowest.has(index)) cell.append(el("span", { class: "compare-lowest" }, `Lowest ${column.data.currency} total`));
    cell.append(el("span", { class: "compare-why" }, result.why));
    return cell;
  }), "compare-total-row"));
  if (byCurrency.size > 1 || new Set(found.map((column) => column.data.currency)).size > 1) {
    status.replaceChildren(el("p", {}, "These photographers charge in different currencies. Totals are compared only within a currency; we don’t convert."));
  }
  if (found.length) {
    body.append(row("Sessions", columns.map((column) => {
      if (column.missing) return el("td", {});
      const sessions = column.data.sessions;
      if (!sessions.length) return el("td", {}, el("span", { class: "unknown" }, column.data.not_listed));
      return el("td", {}, el("ul", { class: "compare-sessions" }, ...sessions.map((session) => el("li", {}, session.text))));
    })));
    table.append(body);
    const first = found[0].data;
    for (const [group, heading] of [["facts", "What a session includes"], ["extras", "Add-ons and policies"]]) {
      const section = el("tbody");
      section.append(el("tr", { class: "compare-group" },
        el("th", { scope: "rowgroup", colspan: columns.length + 1 }, el("span", {}, heading))));
      first[group].forEach((fact, position) => {
        section.append(row(fact.title, columns.map((column) => {
          if (column.missing) return el("td", {});
          const match = column.data[group].find((item) => item.key === fact.key) || column.data[group][position];
          return valueCell(match);
        })));
      });
      table.append(section);
    }
  } else {
    table.append(body);
  }
  tableBox.replaceChildren(table);
  tableBox.hidden = false;
  share.hidden = false;
  keep.hidden = slugs.join(",") === readShortlist().join(",");
  writeUrl(needs);
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const needs = readNeeds(params);
  form.elements.looks.value = String(needs.looks);
  form.elements.hmu.value = needs.hmu ? "1" : "0";
  form.elements.finals.value = String(needs.finals);
  slugs = chosenSlugs(params);
  if (slugs.length) status.replaceChildren(el("p", {}, `Loading ${plural(slugs.length, "photographer")}…`));
  columns = await Promise.all(slugs.map(load));
  render();
}

form.addEventListener("input", render);
form.addEventListener("submit", (event) => event.preventDefault());
tableBox.addEventListener("click", (event) => {
  const button = event.target.closest("[data-remove]");
  if (!button) return;
  const slug = button.dataset.remove;
  slugs = slugs.filter((item) => item !== slug);
  columns = columns.filter((column) => column.slug !== slug);
  if (readShortlist().includes(slug)) writeShortlist(readShortlist().filter((item) => item !== slug));
  render();
  said.textContent = "Removed from the comparison.";
  (tableBox.querySelector("[data-remove]") || form.elements.looks).focus();
});
keep.addEventListener("click", () => {
  writeShortlist(slugs);
  keep.hidden = true;
  said.textContent = `Your shortlist is now these ${plural(slugs.length, "photographer")}.`;
  form.elements.looks.focus();
});
root.querySelector("[data-compare-copy]").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(window.location.href);
    said.textContent = "Link copied.";
  } catch {
    said.textContent = "Your browser would not copy it: copy the address from the address bar.";
  }
});
start();
