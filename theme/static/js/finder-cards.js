// The browser's result cards: the theme's own card markup (site.css .card), so a filtered list
// looks like the plain one, drawn from a Pagefind result's data with dom.js's `el`.

import { cardPhoto, el, safeUrl } from "./dom.js";
import { shortlistToggle } from "./shortlist.js";

// How wide a directory card photo shows (search.css .finder .cards). Below 60rem it is the
// theme's card grid, with the theme's sizes, so the photos the plain list fetched are reused.
const CARD_SIZES = "(min-width: 76rem) 232px, (min-width: 60rem) 22vw, (min-width: 40rem) 30vw, 112px";

/** Pagefind excerpts are escaped text with <mark> around hits: keep exactly that, as nodes. */
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;  // inert: nothing in a <template> runs or loads
  return [...template.content.childNodes].map((node) => (node.nodeName === "MARK"
    ? el("mark", {}, node.textContent)
    : node.textContent || ""));
}

function photographerBody(meta, title, href, { mode, cities }) {
  const parts = [el("h3", { class: "card__name" }, el("a", { href }, title))];
  if (meta.studio) parts.push(el("p", { class: "card__studio" }, meta.studio));
  if (meta.city) parts.push(el("p", { class: "card__place" }, meta.city));
  if (meta.sample) parts.push(el("p", { class: "card__sample" }, meta.sample));
  if (cities.length && meta.travels && !cities.includes(meta.city_slug)) {
    parts.push(el("p", { class: "card__travels" }, `Travels to ${meta.travels}`));
  }
  if (meta.price_from) parts.push(el("p", { class: "card__price" }, "From ", el("strong", {}, meta.price_from)));
  if (meta.specialties) {
    parts.push(el("ul", { class: "tags", "aria-label": "Specialties" },
      ...meta.specialties.split(", ").map((name) => el("li", {}, name))));
  }
  if (meta.facts && mode === "directory") parts.push(el("p", { class: "card__facts" }, meta.facts));
  if (meta.slug) parts.push(shortlistToggle(meta.slug, title));
  return parts;
}

/**
 * One result's card. `mode` is "directory" or "search"; `cities` the ticked city slugs (a
 * visiting photographer's card says where they travel); `q` the search words (excerpts show
 * only for a text search).
 */
export function resultCard(item, { mode, cities = [], q = "" }) {
  const meta = item.meta || {};
  const isPhotographer = ((item.filters && item.filters.type) || []).includes("Photographer");
  const href = safeUrl(item.url) || "#";
  const title = meta.title || item.url;
  const body = el("div", { class: "card__body" });
  const card = el("article", { class: isPhotographer ? "card" : "card card--article" });
  if (isPhotographer) {
    const image = {
      src: meta.image, srcset: meta.image_srcset, avif_srcset: meta.image_avif_srcset,
      alt: meta.image_alt, colour: meta.image_colour,
    };
    card.append(el("div", { class: "card__photo" }, cardPhoto(image, mode === "search" ? "96px" : CARD_SIZES)));
    body.append(...photographerBody(meta, title, href, { mode, cities }));
  } else {
    body.append(el("p", { class: "card__kind" }, "Article"), el("h3", { class: "card__name" }, el("a", { href }, title)));
  }
  if (mode === "search" && item.excerpt && q) {
    body.append(el("p", { class: "card__excerpt" }, ...excerptNodes(item.excerpt)));
  } else if (!isPhotographer && meta.summary) {
    body.append(el("p", { class: "card__excerpt" }, meta.summary));
  }
  card.append(body);
  return card;
}
