// The faceted browser and search, on Pagefind's JS API (no server).
//
// One engine, two pages: /photographers/ (directory.js starts it in "directory" mode:
// an empty query, only photographers) and /search/ (this file starts it in "search"
// mode: the ?q= text query, photographers and articles). The markup it drives is
// theme/templates/_directory_facets.html; without JavaScript none of it shows.
//
// Why the JS API and not Pagefind's stock or Component UI: our cards (thumbnail,
// city, starting price) and facets are our own accessible markup, styled by our CSS,
// with the state in the URL (?city=chicago&specialty=dance&budget=CAD400&sort=price) so a view can be
// shared and survives reload and the back button; facet counts are "what you would get
// if you ticked this" (OR within a facet, AND across facets); and the browser loads
// only pagefind.js, its WebAssembly and the index chunks, no UI bundle.
//
// State -> URL: each change of a filter or the sort is a history entry (pushState);
// typing in the search box replaces the current entry. popstate re-reads the URL.
//
// The parts: finder-state.js (state <-> URL, checked), finder-facets.js (facets, counts,
// chips), finder-budget-box.js and finder-budget.js ("within my budget"), finder-cards.js
// (result cards). This file runs the searches and wires the page.

import { el, plural } from "./dom.js";
import { budgetFilter } from "./finder-budget.js";
import { BudgetBox } from "./finder-budget-box.js";
import { resultCard } from "./finder-cards.js";
import { completeFacets, filterChips, findFacets, setCounts } from "./finder-facets.js";
import { filterCount, readState, stateQuery } from "./finder-state.js";

const PAGE_SIZE = 24;
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
    this.facets = findFacets(root);
    this.budget = new BudgetBox(root);
    this.sequence = 0;
    this.shown = 0;
    this.matches = [];
  }

  // ---- state <-> URL <-> form

  get sorts() {
    return [...this.sort.options].map((option) => option.value);
  }

  readUrl() {
    const facets = new Map(this.facets.map((facet) => [facet.key, new Set(facet.boxes.map((box) => box.value))]));
    return readState(new URLSearchParams(window.location.search), { facets, sorts: this.sorts, currencies: this.budget.currencies });
  }

  readForm() {
    const filters = {};
    for (const facet of this.facets) {
      const values = facet.boxes.filter((box) => box.checked).map((box) => box.value);
      if (values.length) filters[facet.key] = values;
    }
    const budget = this.budget.read();
    return {
      q: this.input ? this.input.value.trim() : "", filters, sort: this.sort.value,
      budgetText: budget.text, budget: budget.budget, budgetError: budget.error,
    };
  }

  writeForm(state) {
    for (const facet of this.facets) {
      const selected = new Set(state.filters[facet.key] || []);
      for (const box of facet.boxes) box.checked = selected.has(box.value);
    }
    this.budget.write(state);
    this.sort.value = state.sort;
    if (this.input && this.input.value.trim() !== state.q) this.input.value = state.q;
  }

  commit(how) {
    const query = stateQuery(this.readForm(), { facetKeys: this.facets.map((f) => f.key), defaultSort: this.sorts[0] });
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    const current = `${window.location.pathname}${window.location.search}`;
    if (url !== current) window.history[how === "replace" ? "replaceState" : "pushState"]({ finder: true }, "", url);
  }

  // ---- searching

  filtersFor(state, without) {
    const filters = this.mode === "directory" ? { type: "Photographer" } : {};
    for (const [key, values] of Object.entries(state.filters)) {
      if (key !== without && values.length) filters[key] = { any: values };
    }
    if (state.budget) filters.budget = { any: budgetFilter(state.budget.amount, state.budget.currency) };
    return filters;
  }

  /** The directory with no filter and the default order is exactly the plain list: show that. */
  isIdle(state) {
    return this.mode === "directory" && this.plain && filterCount(state) === 0 && state.sort === this.sorts[0];
  }

  showPlain(on) {
    if (!this.plain) return;
    this.plain.hidden = !on;
    this.results.hidden = on;
    if (on) this.more.hidden = true;
  }

  /** Nothing to search for: the plain list, or a hint (`text`). */
  rest(text) {
    this.matches = [];
    this.results.replaceChildren();
    this.more.hidden = true;
    this.setCounts(null);
    this.root.classList.remove("is-busy");
    this.say(text);
  }

  async run() {
    const sequence = ++this.sequence;
    const state = this.readForm();
    this.budget.showError(state.budgetError);
    this.updateActive(state);
    if (this.isIdle(state)) {
      this.showPlain(true);
      const total = Number(this.root.dataset.total || 0);
      this.rest(`${plural(total, "photographer", "photographers")}${state.budgetError ? ": the budget is not used until it is corrected" : ""}.`);
      return;
    }
    const term = state.q || null;
    if (term === null && this.mode !== "directory" && filterCount(state) === 0) {
      this.rest("Type what you are looking for, or choose a filter.");
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
    const { filters, q } = this.readForm();
    const cards = data.map((item) => resultCard(item, { mode: this.mode, cities: filters.city || [], q }));
    this.results.append(...cards.map((card) => el("li", {}, card)));
    this.shown += batch.length;
    const left = this.matches.length - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = `Show ${Math.min(left, PAGE_SIZE)} more (${left} left)`;
    if (focusFirst && cards[0]) cards[0].querySelector("a").focus();
  }

  setCounts(counts) {
    setCounts(this.facets, counts);
  }

  updateActive(state) {
    const count = filterCount(state);
    if (this.active) this.active.textContent = count ? ` (${count} on)` : "";
    if (this.clear) this.clear.disabled = count === 0 && !state.budgetText;
    if (!this.chips) return;
    // One button per filter in use: they stay visible with the panel folded.
    const chips = filterChips(this.facets, state.budget, state.budget && this.budget.prefix(state.budget.currency));
    const focused = this.chips.contains(document.activeElement);
    this.chips.replaceChildren(...chips);
    this.chips.hidden = chips.length === 0;
    if (focused) (this.chips.querySelector("button") || this.status).focus?.();
  }

  announce(state) {
    const count = this.matches.length;
    if (this.done) this.done.textContent = count ? `Show ${plural(count, "result", "results")}` : "No results: change the filters";
    const filtered = filterCount(state) > 0;
    const unused = state.budgetError ? " The budget is not used until it is corrected." : "";
    if (this.mode === "directory") {
      this.say((count === 0
        ? "No photographers match these filters."
        : filtered ? `${plural(count, "photographer matches", "photographers match")} these filters.`
          : `${plural(count, "photographer", "photographers")}.`) + unused);
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
    await completeFacets(this.facets);
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
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.commit("push"); this.run(); });
    this.clear.addEventListener("click", () => {
      for (const facet of this.facets) for (const box of facet.boxes) box.checked = false;
      this.budget.clear();
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
      if (chip.dataset.key === "budget") this.budget.clear();
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
