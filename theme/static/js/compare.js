// /compare/: up to four photographers side by side, and what the session the actor needs
// would cost with each, by the rule written on the page (compare.html, "How the total is
// worked out") and in CONTRIBUTING.md (totals.js).
//
// Columns: ?p=a,b,c (slugs, order kept) wins over the stored shortlist (shortlist.js), so a
// shared link shows the same page anywhere. Needs (needs.js): ?who=, ?eligible=, ?looks=,
// ?hmu=, ?finals=, ?budget= (400, or USD400). A value out of range is refused next to its
// field, never changed. Each photographer's data is their profile's JSON file
// (PHOTOGRAPHER_JSON_SAVE_AS): the facts panel's rows, already in the site's words, and the
// numbers the total is worked from.
import { draw } from "./compare-view.js";
import { el, plural } from "./dom.js";
import { money } from "./money.js";
import { needsQuery, readNeeds } from "./needs.js";
import { cleanSlugs, readShortlist, writeShortlist } from "./shortlist.js";
import { budgetMark, hasRates, lowestByCurrency, total } from "./totals.js";

const root = document.querySelector("[data-compare]");
const form = root.querySelector("[data-compare-needs]");
const status = root.querySelector("[data-compare-status]");
const tableBox = root.querySelector("[data-compare-table]");
const share = root.querySelector("[data-compare-share]");
const said = root.querySelector("[data-compare-said]");
const keep = root.querySelector("[data-compare-keep]");
const announcer = root.querySelector("[data-compare-announce]");
const rates = root.querySelector("[data-compare-rates]");
const budgetCurrency = form.elements.budget_currency;
const phone = window.matchMedia("(max-width: 39.99rem)");
const SELECTS = ["who", "looks", "hmu"];

let slugs = [];
let columns = [];
// Errors in the link for fields a select cannot show (?looks=7): kept until that field is changed.
const linkErrors = {};

/** The needs the form holds, checked as a link's are: `{needs, errors}`. */
function needsFromForm() {
  const params = new URLSearchParams();
  for (const name of ["who", "looks", "hmu", "finals"]) params.set(name, form.elements[name].value);
  params.set("eligible", [...form.querySelectorAll("input[name=eligible]:checked")].map((box) => box.value).join(","));
  const amount = form.elements.budget.value;
  params.set("budget", amount.trim() ? `${budgetCurrency.value}${amount}` : "");
  // A number input holding text it cannot parse reports "": that is an error, not "no budget".
  const read = readNeeds(params);
  for (const name of ["finals", "budget"]) {
    if (form.elements[name].validity.badInput) read.errors[name] = readNeeds(new URLSearchParams({ [name]: "x" })).errors[name];
  }
  return { needs: read.needs, errors: { ...read.errors, ...linkErrors } };
}

/** Each error next to its field (`aria-invalid`, the message); the others cleared. */
function showErrors(errors) {
  for (const message of form.querySelectorAll("[data-error]")) {
    const name = message.dataset.error;
    message.textContent = errors[name] || "";
    const field = name === "eligible" ? rates : form.elements[name];
    if (field && field.setAttribute) {
      if (errors[name]) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
  }
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

function writeUrl(needs, errors) {
  // A refused value is not written: the address keeps what it had for that need.
  const current = new URLSearchParams(window.location.search);
  const query = new URLSearchParams(needsQuery(needs));
  for (const name of Object.keys(errors)) {
    if (current.get(name) === null) query.delete(name);
    else query.set(name, current.get(name));
  }
  const parts = [...query].map(([name, value]) => `${name}=${encodeURIComponent(value).replaceAll("%2C", ",")}`);
  history.replaceState(null, "", `${window.location.pathname}?${[`p=${slugs.map(encodeURIComponent).join(",")}`, ...parts].join("&")}`);
}

/** The budget's currency choices: every currency on the page, and the link's own. */
function offerCurrencies(found, wanted) {
  const currencies = [...new Set([...found.map((column) => column.data.currency), ...(wanted ? [wanted] : [])])];
  const current = wanted || budgetCurrency.value || currencies[0];
  budgetCurrency.replaceChildren(...currencies.map((code) => new Option(code, code)));
  if (currencies.includes(current)) budgetCurrency.value = current;
}

function prefixFor(currency, found) {
  const column = found.find((item) => item.data.currency === currency);
  return column ? column.data.money_prefix : `${currency} `;
}

let lastAnnounced = "";
let announceTimer;
/** The totals, said once and politely, after the reader stops changing the needs. */
function announce(text) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    if (text === lastAnnounced) return;
    lastAnnounced = text;
    announcer.textContent = text;
  }, 700);
}

function render() {
  const { needs, errors } = needsFromForm();
  showErrors(errors);
  const found = columns.filter((column) => !column.missing);
  rates.hidden = !hasRates(found.map((column) => column.data)) && !needs.eligible.length && !errors.eligible;
  if (!columns.length) {
    tableBox.hidden = share.hidden = true;
    status.replaceChildren(el("p", {}, "Your shortlist is empty. Press ", el("strong", {}, "Shortlist"),
      ` on up to four photographers in `, el("a", { href: root.dataset.directory }, "the directory"), " or on their profiles, then come back here."));
    return;
  }
  status.replaceChildren();
  if (new Set(found.map((column) => column.data.currency)).size > 1) {
    status.replaceChildren(el("p", {}, "These photographers charge in different currencies. Totals are compared only within a currency; we don’t convert."));
  }
  const usable = !Object.keys(errors).length;
  const results = columns.map((column) => (column.missing ? null : total(column.data, needs)));
  const currencies = columns.map((column) => (column.missing ? null : column.data.currency));
  const who = needs.who === "actors" ? "" : "for a child or teen, ";
  const model = {
    needs,
    usable,
    results,
    siteurl: root.dataset.siteurl,
    lowest: usable ? lowestByCurrency(currencies, results) : new Set(),
    marks: results.map((result, index) => budgetMark(result, currencies[index], needs.budget)),
    budgetText: needs.budget ? money(needs.budget.amount, prefixFor(needs.budget.currency, found)) : "",
    needText: `${who}${plural(needs.looks, "look")}, ${needs.hmu ? "hair and makeup" : "no hair and makeup"}, ${plural(needs.finals, "retouched final")}`,
  };
  draw(tableBox, columns, model, phone.matches);
  tableBox.hidden = false;
  share.hidden = false;
  keep.hidden = slugs.join(",") === readShortlist().join(",");
  writeUrl(needs, errors);
  announce(usable
    ? `Totals: ${columns.map((column, index) => (column.missing ? null : `${column.data.name} ${results[index].text}${model.marks[index] ? `, ${model.marks[index]} budget` : ""}`)).filter(Boolean).join("; ")}.`
    : "No totals: a need is out of range.");
}

/** The link's needs into the form, as given: a refused number stays in its box to be corrected. */
function fillForm(params) {
  const { needs, errors } = readNeeds(params);
  for (const name of SELECTS) form.elements[name].value = String(name === "hmu" ? (needs.hmu ? 1 : 0) : needs[name]);
  for (const box of form.querySelectorAll("input[name=eligible]")) box.checked = needs.eligible.includes(box.value);
  form.elements.finals.value = errors.finals ? params.get("finals") : String(needs.finals);
  form.elements.budget.value = errors.budget ? params.get("budget") : needs.budget ? String(needs.budget.amount) : "";
  // What a field cannot hold (?looks=7, ?finals=abc) stays an error until that field is changed.
  for (const [name, message] of Object.entries(errors)) {
    if (!["finals", "budget"].includes(name) || form.elements[name].value !== params.get(name)) linkErrors[name] = message;
  }
  return needs;
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const needs = fillForm(params);
  slugs = chosenSlugs(params);
  if (slugs.length) status.replaceChildren(el("p", {}, `Loading ${plural(slugs.length, "photographer")}…`));
  columns = await Promise.all(slugs.map(load));
  offerCurrencies(columns.filter((column) => !column.missing), needs.budget && needs.budget.currency);
  render();
}

form.addEventListener("input", (event) => {
  const name = event.target.name;
  delete linkErrors[name === "budget_currency" ? "budget" : name];
  render();
});
form.addEventListener("submit", (event) => event.preventDefault());
phone.addEventListener("change", render);
tableBox.addEventListener("click", (event) => {
  const button = event.target.closest("[data-remove]");
  if (!button) return;
  const slug = button.dataset.remove;
  slugs = slugs.filter((item) => item !== slug);
  columns = columns.filter((column) => column.slug !== slug);
  if (readShortlist().includes(slug)) writeShortlist(readShortlist().filter((item) => item !== slug));
  render();
  said.textContent = "Removed from the comparison.";
  (tableBox.querySelector("[data-remove]") || form.elements.who).focus();
});
keep.addEventListener("click", () => {
  writeShortlist(slugs);
  keep.hidden = true;
  said.textContent = `Your shortlist is now these ${plural(slugs.length, "photographer")}.`;
  form.elements.who.focus();
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
