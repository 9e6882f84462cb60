// The browser's filter panel: the facets' checkboxes (and the city options the page left out),
// their live counts, and the chips that show the filters in use. DOM built with dom.js's `el`.

import { el } from "./dom.js";
import { money } from "./money.js";

/** The facets in `root`: `[{key, fieldset, boxes}]`, in the page's order. */
export function findFacets(root) {
  return [...root.querySelectorAll("[data-facet]")].map((fieldset) => ({
    key: fieldset.dataset.facet,
    fieldset,
    boxes: [...fieldset.querySelectorAll("input[type=checkbox]")],
  }));
}

/**
 * A facet with `data-facet-more` (the city facet of a big directory) renders only the top
 * options; add the rest, with their names and build-time counts, from that static JSON file
 * (CITIES_JSON_SAVE_AS: `{cities: [{slug, name, based, visiting}]}`), in name order, before the
 * URL is read (so `?city=<any city>` works). Without it, the top options still work.
 */
export async function completeFacets(facets) {
  for (const facet of facets) {
    const url = facet.fieldset.dataset.facetMore;
    if (!url) continue;
    let data;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) continue;
      data = await response.json();
    } catch {
      continue;
    }
    const list = facet.fieldset.querySelector(".finder-options");
    const known = new Set(facet.boxes.map((box) => box.value));
    const items = [...list.children].map((li) => ({ li, label: li.querySelector(".finder-label").textContent }));
    for (const city of data.cities || []) {
      if (!city.slug || known.has(city.slug)) continue;
      const count = (Number(city.based) || 0) + (Number(city.visiting) || 0);
      const li = el("li", {}, el("label", {},
        el("input", { type: "checkbox", name: facet.key, value: city.slug }), " ",
        el("span", { class: "finder-label" }, city.name || city.slug), " ",
        el("span", { class: "finder-count", "data-count": true }, String(count))));
      items.push({ li, label: city.name || city.slug });
    }
    items.sort((a, b) => a.label.localeCompare(b.label, "en", { sensitivity: "base" }));
    list.replaceChildren(...items.map((item) => item.li));
    facet.boxes = [...list.querySelectorAll("input[type=checkbox]")];
    delete facet.fieldset.dataset.facetMore;
  }
}

/** Live counts (`{key: {value: count}}`), or the build-time totals again (`null`). */
export function setCounts(facets, counts) {
  for (const facet of facets) {
    const values = counts ? counts[facet.key] || {} : null;
    for (const box of facet.boxes) {
      const label = box.closest("label");
      const output = label.querySelector("[data-count]");
      if (!values) {
        if (output.dataset.total) output.textContent = output.dataset.total;
        label.classList.remove("is-empty");
        continue;
      }
      if (!output.dataset.total) output.dataset.total = output.textContent;
      const count = values[box.value] || 0;
      output.textContent = String(count);
      label.classList.toggle("is-empty", count === 0 && !box.checked);
    }
  }
}

function chip(key, value, label) {
  return el("li", {}, el("button", { type: "button", class: "finder-chip", "data-key": key, "data-value": value },
    el("span", { class: "visually-hidden" }, "Remove filter: "), label,
    el("span", { class: "finder-chip-x", "aria-hidden": "true" }, "\u00d7")));
}

/** One chip per ticked option, and one for a budget (`{amount, currency}`, its money `prefix`). */
export function filterChips(facets, budget, prefix) {
  const chips = [];
  for (const facet of facets) {
    for (const box of facet.boxes) {
      if (box.checked) chips.push(chip(facet.key, box.value, box.closest("label").querySelector(".finder-label").textContent));
    }
  }
  if (budget) chips.push(chip("budget", "", `Within ${money(budget.amount, prefix)}`));
  return chips;
}
