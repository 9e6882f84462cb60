// "Photographers near you" on /scan/: the select offers the cities with the most photographers
// (server-rendered, bounded); reaching for it loads the full city list (one small JSON file)
// into a second group. Choosing a city loads that city's own open data
// (/cities/<slug>/photographers.json) and lists those based there, then those who travel
// there. Nothing is listed before a city is chosen, so /scan/ stays small. These are
// same-origin GETs of the site's static files: nothing about the actor's photo.

import { el } from "./dom.js";
import { money } from "./money.js";

const STORE = "firstlook.scan.city";

/** Same-origin GET of one of the site's static JSON files (never anything of the actor's). */
async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

/** One photographer in the list: name, where, the starting price, and "travels to" for visitors. */
function item(select, person, cityName) {
  const where = person.location || {};
  const meta = [where.city, where.region].filter(Boolean).join(", ")
    + (person.from_price !== undefined && person.money_prefix ? ` · from ${money(person.from_price, person.money_prefix)}` : "");
  return el("li", { class: "is-near" },
    el("a", { href: `${select.dataset.siteUrl || ""}/${person.url}` }, person.name),
    el("span", { class: "scan-people__meta" }, meta),
    person.based_here ? null : el("span", { class: "scan-people__visit", "data-visit-note": "" }, `travels to ${cityName}`));
}

export function cityPicker(root) {
  const select = root.querySelector("[data-city-select]");
  const list = root.querySelector("[data-people-list]");
  const status = root.querySelector("[data-city-status]");
  if (!select || !list) return;
  const cityJson = (slug) => select.dataset.cityJson.replace("{slug}", encodeURIComponent(slug));
  const cityPage = (slug, text) => el("a", { href: select.dataset.cityPage.replace("{slug}", encodeURIComponent(slug)) }, text);
  let allCities = null;
  let sequence = 0;

  /** Add every city not already offered, once, in a group after the top ones. */
  const loadAllCities = () => {
    if (!allCities) {
      allCities = (select.dataset.citiesUrl ? getJson(select.dataset.citiesUrl) : Promise.resolve({ cities: [] }))
        .then((data) => {
          const offered = new Set([...select.options].map((o) => o.value));
          const rest = (data.cities || []).filter((c) => c.slug && !offered.has(c.slug));
          if (rest.length) {
            const top = el("optgroup", { label: "Most photographers" }, ...[...select.options].filter((o) => o.value));
            const group = el("optgroup", { label: "Every other city, A to Z" }, ...rest.map((c) => new Option(c.name, c.slug)));
            select.append(top, group);
          }
        })
        .catch(() => { /* the top cities still work; the link lists every city */ });
    }
    return allCities;
  };
  for (const type of ["focus", "pointerenter", "touchstart"]) {
    select.addEventListener(type, loadAllCities, { once: true, passive: true });
  }

  const apply = async () => {
    const city = select.value;
    const name = select.selectedOptions[0] ? select.selectedOptions[0].textContent : "";
    const mine = ++sequence;
    status.replaceChildren();
    if (!city) {
      list.replaceChildren();
      list.hidden = true;
      return;
    }
    status.textContent = `Loading the photographers in ${name}…`;
    let data;
    try {
      data = await getJson(cityJson(city));
    } catch {
      if (mine !== sequence) return;
      status.replaceChildren(`The list for ${name} did not load. `, cityPage(city, `Open the ${name} page`));
      return;
    }
    if (mine !== sequence) return;  // a later choice replaced this one
    const people = data.photographers || [];
    const based = people.filter((p) => p.based_here).length;
    const visiting = people.length - based;
    list.replaceChildren(...people.map((p) => item(select, p, name)));
    list.hidden = people.length === 0;
    status.replaceChildren(people.length
      ? `${based} based in ${name}${visiting ? `, then ${visiting} who travel there` : ""}, each A to Z. `
      : `No one in ${name} yet. `, cityPage(city, `All of ${name}`));
  };

  select.addEventListener("change", () => {
    try { window.localStorage.setItem(STORE, select.value); } catch { /* private mode */ }
    apply();
  });

  // A first guess, made on the device: a remembered choice, else the time zone's city.
  let guess = "";
  try { guess = window.localStorage.getItem(STORE) || ""; } catch { /* private mode */ }
  const choose = (value) => {
    if (value && [...select.options].some((o) => o.value === value)) {
      select.value = value;
      apply();
      return true;
    }
    return false;
  };
  if (guess) {
    if (!choose(guess)) loadAllCities().then(() => choose(guess));
  } else {
    const zone = (Intl.DateTimeFormat().resolvedOptions().timeZone || "").split("/").pop().replace(/_/g, " ").toLowerCase();
    const match = [...select.options].find((o) => o.value && o.textContent.toLowerCase() === zone);
    if (match) choose(match.value);
  }
}
