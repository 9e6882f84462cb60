// The faceted browser and search, on Pagefind's JS API (no server).
//
// One engine, two pages: /photographers/ (directory.js starts it in "directory" mode:
// an empty query, only photographers) and /search/ (this file starts it in "search"
// mode: the ?q= text query, photographers and articles). The markup it drives is
// theme/templates/_directory_facets.html; without JavaScript none of it shows.
//
// Why the JS API and not Pagefind's stock or Component UI: our cards (thumbnail,
// city, starting price) and facets are our own accessible markup, styled by our CSS,
// with the state in the URL (?city=chicago&specialty=dance&sort=price) so a view can be
// shared and survives reload and the back button; facet counts are "what you would get
// if you ticked this" (OR within a facet, AND across facets); and the browser loads
// only pagefind.js, its WebAssembly and the index chunks, no UI bundle.
//
// State -> URL: each change of a filter or the sort is a history entry (pushState);
// typing in the search box replaces the current entry. popstate re-reads the URL.

import { cardPhoto, el, plural, safeUrl } from "./dom.js";
import { shortlistToggle } from "./shortlist.js";

const PAGE_SIZE = 24;
// How wide a directory card photo shows (search.css .finder .cards). Below 60rem it is the
// theme's card grid, with the theme's sizes, so the photos the plain list fetched are reused.
const CARD_SIZES = "(min-width: 76rem) 232px, (min-width: 60rem) 22vw, (min-width: 40rem) 30vw, 112px";
const DEBOUNCE_MS = 250;

const loaded = new Map();

/** Load (once) and initialise Pagefind from a root-relative bundle folder. */
function loadPagefind(bundle) {
  if (!loaded.has(bundle)) {
    loaded.set(bundle, import(`${bundle}pagefind.js`).then(async (pagefind) => {
      await pagefind.options({ excerptLength: 26 });
      await pagefind.init();
      // Loads every filter chunk: without this, a search only counts the filters it uses.
      await pagefind.filters();
      return pagefind;
    }));
  }
  return loaded.get(bundle);
}

/** Pagefind excerpts are escaped text with <mark> around hits: keep exactly that, as nodes. */
function appendExcerpt(parent, html) {
  const template = document.createElement("template");
  template.innerHTML = html;  // inert: nothing in a <template> runs or loads
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      parent.append(node.textContent);
    } else if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      parent.append(mark);
    } else {
      parent.append(node.textContent || "");
    }
  }
}

export class Finder {
  constructor(root, { mode = root.dataset.finder } = {}) {
    this.root = root;
    this.mode = mode;
    this.bundle = root.dataset.pagefindPath || "/pagefind/";
    this.form = root.querySelector("form.finder-panel");
    this.details = root.querySelector("[data-finder-filters]");
    this.status = root.querySelector("[data-finder-status]");
    this.results = root.querySelector("[data-finder-results]");
    this.more = root.querySelector("[data-finder-more]");
    this.sort = root.querySelector("[data-finder-sort]");
    this.clear = root.querySelector("[data-finder-clear]");
    this.active = root.querySelector("[data-finder-active]");
    this.chips = root.querySelector("[data-finder-chips]");
    this.done = root.querySelector("[data-finder-done]");
    this.query = mode === "search" ? document.querySelector("[data-finder-query]") : null;
    this.input = this.query ? this.query.querySelector("input[name=q]") : null;
    this.facets = [...root.querySelectorAll("[data-facet]")].map((fieldset) => ({
      key: fieldset.dataset.facet,
      fieldset,
      boxes: [...fieldset.querySelectorAll("input[type=checkbox]")],
    }));
    this.sequence = 0;
    this.shown = 0;
    this.matches = [];
  }

  // ---- facets the page did not render

  /**
   * A facet with `data-facet-more` (the city facet of a big directory) renders only the
   * top options; add the rest, with their names and build-time counts, from that static
   * JSON file (CITIES_JSON_SAVE_AS: `{cities: [{slug, name, based, visiting}]}`), in name
   * order, before the URL is read (so `?city=<any city>` works). Without it, the top
   * options still work.
   */
  async completeFacets() {
    for (const facet of this.facets) {
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

  // ---- state <-> URL <-> form

  readUrl() {
    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const facet of this.facets) {
      const known = new Set(facet.boxes.map((box) => box.value));
      const values = params.getAll(facet.key).filter((value) => known.has(value));
      if (values.length) filters[facet.key] = [...new Set(values)];
    }
    const sortValues = [...this.sort.options].map((option) => option.value);
    const sort = sortValues.includes(params.get("sort")) ? params.get("sort") : sortValues[0];
    return { q: (params.get("q") || "").trim(), filters, sort };
  }

  readForm() {
    const filters = {};
    for (const facet of this.facets) {
      const values = facet.boxes.filter((box) => box.checked).map((box) => box.value);
      if (values.length) filters[facet.key] = values;
    }
    return { q: this.input ? this.input.value.trim() : "", filters, sort: this.sort.value };
  }

  writeForm(state) {
    for (const facet of this.facets) {
      const selected = new Set(state.filters[facet.key] || []);
      for (const box of facet.boxes) box.checked = selected.has(box.value);
    }
    this.sort.value = state.sort;
    if (this.input && this.input.value.trim() !== state.q) this.input.value = state.q;
  }

  urlFor(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const facet of this.facets) {
      for (const value of state.filters[facet.key] || []) params.append(facet.key, value);
    }
    if (state.sort && state.sort !== this.sort.options[0].value) params.set("sort", state.sort);
    const query = params.toString();
    return `${window.location.pathname}${query ? `?${query}` : ""}`;
  }

  commit(how) {
    const url = this.urlFor(this.readForm());
    const current = `${window.location.pathname}${window.location.search}`;
    if (url !== current) window.history[how === "replace" ? "replaceState" : "pushState"]({ finder: true }, "", url);
  }

  // ---- searching

  filtersFor(state, without) {
    const filters = this.mode === "directory" ? { type: "Photographer" } : {};
    for (const [key, values] of Object.entries(state.filters)) {
      if (key !== without && values.length) filters[key] = { any: values };
    }
    return filters;
  }

  /** The directory with no filter and the default order is exactly the plain list: show that. */
  isIdle(state) {
    return this.mode === "directory" && this.plain && !Object.keys(state.filters).length
      && state.sort === this.sort.options[0].value;
  }

  showPlain(on) {
    if (!this.plain) return;
    this.plain.hidden = !on;
    this.results.hidden = on;
    if (on) this.more.hidden = true;
  }

  async run() {
    const sequence = ++this.sequence;
    const state = this.readForm();
    this.updateActive(state);
    if (this.isIdle(state)) {
      this.matches = [];
      this.results.replaceChildren();
      this.showPlain(true);
      this.setCounts(null);
      this.root.classList.remove("is-busy");
      const total = Number(this.root.dataset.total || 0);
      this.say(`${plural(total, "photographer", "photographers")}.`);
      return;
    }
    const term = state.q || null;
    const browsing = this.mode === "directory" || Object.keys(state.filters).length > 0;
    if (term === null && !browsing) {
      this.matches = [];
      this.results.replaceChildren();
      this.more.hidden = true;
      this.root.classList.remove("is-busy");
      this.say("Type what you are looking for, or choose a filter.");
      this.setCounts(null);
      return;
    }
    this.root.classList.add("is-busy");
    let pagefind;
    try {
      pagefind = await loadPagefind(this.bundle);
    } catch (error) {
      this.root.classList.remove("is-busy");
      this.say("Filtering is not available right now: the search index did not load.");
      return;
    }
    const sort = state.sort ? { [state.sort]: "asc" } : undefined;
    const main = await pagefind.search(term, { filters: this.filtersFor(state), sort });
    if (sequence !== this.sequence || !main) return;  // a newer search replaced this one
    // Counts: for a facet with ticks, what its options would give with every other
    // facet's ticks (OR within a facet); for the rest, the current results' counts.
    const counts = { ...main.filters };
    await Promise.all(Object.keys(state.filters).map(async (key) => {
      const other = await pagefind.search(term, { filters: this.filtersFor(state, key) });
      if (other && other.filters) counts[key] = other.filters[key] || {};
    }));
    if (sequence !== this.sequence) return;
    this.showPlain(false);
    this.matches = main.results;
    this.shown = 0;
    this.results.replaceChildren();
    await this.showMore(sequence);
    if (sequence !== this.sequence) return;
    this.setCounts(counts);
    this.root.classList.remove("is-busy");
    this.announce(state);
    this.root.dispatchEvent(new CustomEvent("finder:results", { bubbles: true, detail: { count: this.matches.length } }));
  }

  async showMore(sequence = this.sequence, focusFirst = false) {
    const batch = this.matches.slice(this.shown, this.shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (sequence !== this.sequence) return;
    const cards = data.map((item) => this.card(item));
    this.results.append(...cards.map((card) => el("li", {}, card)));
    this.shown += batch.length;
    const left = this.matches.length - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = `Show ${Math.min(left, PAGE_SIZE)} more (${left} left)`;
    if (focusFirst && cards[0]) cards[0].querySelector("a").focus();
  }

  card(item) {
    // The theme's own card markup (site.css .card), so a filtered list looks like the plain one.
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
      const photo = el("div", { class: "card__photo" }, cardPhoto(image, this.mode === "search" ? "96px" : CARD_SIZES));
      card.append(photo);
      body.append(el("h3", { class: "card__name" }, el("a", { href }, title)));
      if (meta.studio) body.append(el("p", { class: "card__studio" }, meta.studio));
      if (meta.city) body.append(el("p", { class: "card__place" }, meta.city));
      if (meta.sample) body.append(el("p", { class: "card__sample" }, meta.sample));
      const cities = this.readForm().filters.city || [];
      if (cities.length && meta.travels && !cities.includes(meta.city_slug)) {
        body.append(el("p", { class: "card__travels" }, `Travels to ${meta.travels}`));
      }
      if (meta.price_from) body.append(el("p", { class: "card__price" }, "From ", el("strong", {}, meta.price_from)));
      if (meta.specialties) {
        const tags = el("ul", { class: "tags", "aria-label": "Specialties" });
        for (const name of meta.specialties.split(", ")) tags.append(el("li", {}, name));
        body.append(tags);
      }
      if (meta.facts && this.mode === "directory") body.append(el("p", { class: "card__facts" }, meta.facts));
      if (meta.slug) body.append(shortlistToggle(meta.slug, title));
    } else {
      body.append(el("p", { class: "card__kind" }, "Article"),
        el("h3", { class: "card__name" }, el("a", { href }, title)));
    }
    if (this.mode === "search" && item.excerpt && this.readForm().q) {
      const excerpt = el("p", { class: "card__excerpt" });
      appendExcerpt(excerpt, item.excerpt);
      body.append(excerpt);
    } else if (!isPhotographer && meta.summary) {
      body.append(el("p", { class: "card__excerpt" }, meta.summary));
    }
    card.append(body);
    return card;
  }

  setCounts(counts) {
    for (const facet of this.facets) {
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

  updateActive(state) {
    const count = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
    if (this.active) this.active.textContent = count ? ` (${count} on)` : "";
    if (this.clear) this.clear.disabled = count === 0;
    if (!this.chips) return;
    // One button per ticked option: the filters in use stay visible with the panel folded.
    const chips = [];
    for (const facet of this.facets) {
      for (const box of facet.boxes) {
        if (!box.checked) continue;
        const label = box.closest("label").querySelector(".finder-label").textContent;
        const button = el("button", { type: "button", class: "finder-chip", "data-key": facet.key, "data-value": box.value },
          el("span", { class: "visually-hidden" }, "Remove filter: "), label,
          el("span", { class: "finder-chip-x", "aria-hidden": "true" }, "\u00d7"));
        chips.push(el("li", {}, button));
      }
    }
    const focused = this.chips.contains(document.activeElement);
    this.chips.replaceChildren(...chips);
    this.chips.hidden = chips.length === 0;
    if (focused) (this.chips.querySelector("button") || this.status).focus?.();
  }

  announce(state) {
    const count = this.matches.length;
    if (this.done) this.done.textContent = count ? `Show ${plural(count, "result", "results")}` : "No results: change the filters";
    const filtered = Object.keys(state.filters).length > 0;
    if (this.mode === "directory") {
      this.say(count === 0
        ? "No photographers match these filters."
        : filtered ? `${plural(count, "photographer matches", "photographers match")} these filters.`
          : `${plural(count, "photographer", "photographers")}.`);
    } else if (state.q) {
      this.say(count === 0 ? `No results for \u201c${state.q}\u201d.` : `${plural(count, "result", "results")} for \u201c${state.q}\u201d.`);
    } else {
      this.say(count === 0 ? "Nothing matches these filters." : `${plural(count, "result", "results")}.`);
    }
  }

  say(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  // ---- wiring

  async start() {
    await this.completeFacets();
    this.writeForm(this.readUrl());
    // The directory's plain list (theme) moves into the browser: it *is* the unfiltered,
    // alphabetical view, so Pagefind (about 200 kB) loads only once a filter or the sort is
    // used (or the URL carries one), and is warmed up when the reader reaches the panel.
    this.plain = this.root.dataset.replaces ? document.querySelector(this.root.dataset.replaces) : null;
    if (this.mode === "directory" && this.plain) {
      this.results.before(this.plain);
      const warm = () => loadPagefind(this.bundle).catch(() => {});
      for (const target of [this.form, this.sort]) {
        target.addEventListener("pointerdown", warm, { once: true });
        target.addEventListener("focusin", warm, { once: true });
      }
    } else {
      try {
        await loadPagefind(this.bundle);
      } catch (error) {
        // No index (SEARCH_ENABLED off, or offline): say so, keep the links.
        this.root.hidden = false;
        this.root.classList.add("is-unavailable");
        this.say("Search is not available right now. Browse every photographer or article instead.");
        return;
      }
    }
    const wide = window.matchMedia("(min-width: 60em)");
    const syncDetails = () => { if (wide.matches) this.details.open = true; };
    syncDetails();
    wide.addEventListener("change", syncDetails);

    this.form.addEventListener("change", () => { this.commit("push"); this.run(); });
    this.sort.addEventListener("change", () => { this.commit("push"); this.run(); });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.clear.addEventListener("click", () => {
      for (const facet of this.facets) for (const box of facet.boxes) box.checked = false;
      this.commit("push");
      this.run();
    });
    this.more.addEventListener("click", () => this.showMore(this.sequence, true));
    this.chips?.addEventListener("click", (event) => {
      const chip = event.target.closest("button[data-key]");
      if (!chip) return;
      const facet = this.facets.find((f) => f.key === chip.dataset.key);
      const box = facet && facet.boxes.find((b) => b.value === chip.dataset.value);
      if (box) box.checked = false;
      this.commit("push");
      this.run();
    });
    this.done?.addEventListener("click", () => {
      this.details.open = false;
      this.status.setAttribute("tabindex", "-1");
      this.status.focus();
      this.status.scrollIntoView({ block: "start" });
    });
    if (this.query) {
      let timer;
      this.input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => { this.commit("replace"); this.run(); }, DEBOUNCE_MS);
      });
      this.query.addEventListener("submit", (event) => {
        event.preventDefault();
        clearTimeout(timer);
        this.commit("push");
        this.run();
      });
    }
    window.addEventListener("popstate", () => {
      this.writeForm(this.readUrl());
      this.run();
    });

    await this.run();
    this.root.hidden = false;
    this.root.classList.add("is-ready");
  }
}

/** Start the browser on `root` (a `[data-finder]` element) and return it. */
export function startFinder(root) {
  const finder = new Finder(root);
  finder.start();
  return finder;
}

const searchRoot = document.querySelector('[data-finder="search"]');
if (searchRoot) startFinder(searchRoot);
