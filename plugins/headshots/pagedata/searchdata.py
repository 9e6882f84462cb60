"""What the pages tell Pagefind: filters, sort keys, result-card data and the facets (page data).

* **Template helpers** (put on every Jinja environment by
  `headshots.templating`), so the filter values written into profile pages
  (`pagefind_data`) and the facets the directory and search pages
  offer (`_directory_facets.html`) come from one function, `search_filters`,
  and can never disagree; labels come from `headshots.vocabulary`:

  - `pagefind_data(photographer)` (bound to the card photo by `PageData`) -> the hidden block of filters, sort keys and
    result-card meta that profile.html puts inside its `data-pagefind-body`;
  - `photographer|card_facts` -> the short facts a photographer's card shows
    (the theme's card and the search results' cards alike);
  - `photographer|search_sort` / `article|search_sort` -> `{"price": ..., "name": ...}`;
  - `search_facets(photographers)` -> the facets, their options, labels and counts.

Decisions (DESIGN.md is silent on them):

* **Filter values are URL-ready**: a city is its slug (`chicago`), so a city
  page links `/photographers/?city=<city.slug>` and the browser needs no
  lookup table; a country is its ISO alpha-2 code (`US`); the rest are the
  profile's own enum values (`musical-theatre`, `available`...).
* **City means "shoots in"**: a profile's `city` filter holds its own city and
  every city in `travels_to`, the same set a city page lists ("in or
  travelling to"), so the city page's link into the browser shows the same
  photographers.
* **Money bands are per currency, from that currency's prices** (starting
  price on "the price", `headshots.pricing`; price per look on the cheapest
  such session's price per look): `headshots.pagedata.budgets` cuts each
  currency's photographers into thirds at round numbers. A filter value
  names its currency and bounds ("cad-450-700", labelled "CA$450 to
  CA$700"), so a band never holds two currencies: CHF 480 is not "cheaper"
  than USD 500. The budget filter (`budget`) holds the price's digit keys
  (`budgets.budget_keys`), in one currency too.
  No exchange rates: a static site cannot keep them current. Sorting by
  price keys on the currency, then the amount: each currency together,
  cheapest first. Turnaround and booking lead time are in day bands.
* **Every indexed page carries every sort key** (Pagefind drops pages without
  the key from a sorted result): articles sort after every photographer by
  price (`ARTICLE_PRICE_SORT`) and by title for name.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

from headshots import vocabulary
from headshots.pagedata import budgets
from headshots.pricing import price_per_look
from headshots.text import money, money_prefix, sort_text

# Day bands: (slug, label, most days), the last open-ended.
TURNAROUND_BANDS = (
    ("within-7", "Within a week", 7),
    ("within-14", "Within two weeks", 14),
    ("over-14", "Longer than two weeks", None),
)
LEAD_BANDS = (
    ("within-7", "Within a week", 7),
    ("within-30", "Within a month", 30),
    ("over-30", "Longer than a month", None),
)
MONEY_FACETS = {"price": "", "per_look": " a look"}  # the money facets and what their labels end with
DAY_FACETS = {"turnaround": TURNAROUND_BANDS, "lead": LEAD_BANDS}
# Pages that are not photographers sort after all of them by price (after every currency code).
ARTICLE_PRICE_SORT = "ZZZ" + "9" * 12

# Facets in the order the browser shows them: (filter key, profile field in the vocabulary or None, legend).
_FACETS = (
    ("type", None, "Show"),
    ("city", None, "City"),
    ("specialty", "specialties", None),
    ("price", None, "Starting price"),
    ("per_look", None, "Price per look"),
    ("lighting", "lighting", None),
    ("hair_makeup", "hair_makeup", None),
    ("retouching", "retouching", None),
    ("proofs", "proofs", None),
    ("turnaround", None, "Turnaround"),
    ("lead", None, "Booking lead time"),
    ("usage", "usage", None),
    ("country", None, "Country"),
)
FACETS = tuple((key, legend or vocabulary.title(field)) for key, field, legend in _FACETS)

# Option labels: the vocabulary's for profile fields, the bands' and page types' for the rest
# (money bands are labelled from their values, in `budgets.band_label`).
LABELS = {
    "type": {"Photographer": "Photographers", "Article": "Articles"},
    **{
        key: {value: term.label for value, term in vocabulary.FIELDS[field].terms.items()}
        for key, field, _ in _FACETS
        if field
    },
    **{key: {slug: label for slug, label, _ in bands} for key, bands in DAY_FACETS.items()},
}


# The fixed order of each enum facet's options (cities and countries sort by name).
_OPTION_ORDER = {key: list(labels) for key, labels in LABELS.items()}


# --------------------------------------------------------------------------- template helpers


def day_band(bands, days: int) -> str:
    return next(slug for slug, _label, most in bands if most is None or days <= most)


def sort_number(amount, currency: str) -> str:
    """A price as a sort key: its currency, then whole cents, zero-padded. Sorted as text, the
    photographers of one currency come together, cheapest first; currencies are never interleaved."""
    cents = round(float(amount) * 100)
    return f"{currency}{cents:012d}"


def _as_list(value) -> list:
    """An optional one-value field (hair_makeup, retouching, proofs) as a list of filter values."""
    return [] if value in (None, "") else [value]


def search_filters(photographer, bands: budgets.Bands) -> list[tuple[str, list[str]]]:
    """Every Pagefind filter of one photographer, as ordered `(key, values)` pairs, its money
    banded by the directory's `bands`.

    Only keys with at least one value appear; values are de-duplicated in order.
    """
    p = photographer
    pairs = [
        ("type", ["Photographer"]),
        ("city", [p.city.slug] + [c.slug for c in p.travels_to]),
        ("country", [p.country]),
        ("specialty", p.specialties),
        ("lighting", p.lighting),
        ("hair_makeup", _as_list(p.hair_makeup)),
        ("retouching", _as_list(p.retouching)),
        ("proofs", _as_list(p.proofs)),
        ("price", [bands.value("price", p.from_price, p.currency)]),
        ("per_look", [bands.value("per_look", look, p.currency)] if (look := price_per_look(p.sessions)) else []),
        ("turnaround", [day_band(TURNAROUND_BANDS, p.turnaround_days)] if p.turnaround_days else []),
        ("lead", [day_band(LEAD_BANDS, p.booking_lead_days)] if p.booking_lead_days else []),
        ("usage", _as_list(p.usage)),
        ("budget", budgets.budget_keys(p.from_price, p.currency)),
    ]
    result = []
    for key, values in pairs:
        clean = list(dict.fromkeys(str(v) for v in values if v not in (None, "")))
        if clean:
            result.append((key, clean))
    return result


def search_sort(item) -> dict[str, str]:
    """The sort keys of an indexed page: a photographer's price and name, or an article's."""
    price = getattr(item, "price", None)  # articles have none
    if price is not None:
        return {"price": sort_number(item.from_price, price.currency), "name": sort_text(item.name)}
    return {"price": ARTICLE_PRICE_SORT, "name": sort_text(item.title)}


def card_facts(photographer) -> list[str]:
    """A card's facts line, in order: hair and makeup, proofs ("Proofs: Every frame"), turnaround."""
    facts = [
        f"{vocabulary.title(field)}: {vocabulary.label(field, value)}"
        for field in ("hair_makeup", "proofs")
        if (value := getattr(photographer, field))
    ]
    days = photographer.turnaround_days
    if days:
        facts.append(f"Finals in {days} day{'' if days == 1 else 's'}")
    return facts


def pagefind_data(photographer, image: dict | None, bands: budgets.Bands) -> Markup:
    """The hidden block of one profile's Pagefind filters, sort keys and result-card meta.

    profile.html puts it inside `<main data-pagefind-body>`. It has no text of
    its own, so nothing reaches the page or the indexed words. Values go
    through attributes (`key[data-value]`) so commas or colons in them cannot
    split a Pagefind value. Written here, not in a template: it is all data,
    and a template took a quarter of a profile page's rendering time for it.
    """
    spans = []

    def span(kind, key, value):
        spans.append(f'<span data-pagefind-{kind}="{key}[data-value]" data-value="{escape(value)}"></span>')

    p = photographer
    for key, values in search_filters(p, bands):
        for value in values:
            span("filter", key, value)
    for key, value in search_sort(p).items():
        span("sort", key, value)
    span("meta", "title", p.name)
    span("meta", "city", f"{p.city.name}, {p.region}" if p.region else p.city.name)
    span("meta", "city_slug", p.city.slug)
    if p.travels_to:
        span("meta", "travels", ", ".join(c.name for c in p.travels_to))
    price_text = money(p.from_price, p.price.currency)
    span("meta", "price", f"from {price_text}")
    span("meta", "price_from", price_text)
    span("meta", "specialties", ", ".join(vocabulary.label("specialties", s) for s in p.specialties))
    facts = card_facts(p)
    if facts:
        span("meta", "facts", " · ".join(facts))
    if p.studio:
        span("meta", "studio", p.studio)
    span("meta", "slug", p.slug)
    if p.sample:
        span("meta", "sample", vocabulary.SAMPLE_LABEL)
    for key, value in (image or {}).items():
        span("meta", f"image_{key}" if key != "src" else "image", value)
    return Markup('<div class="pagefind-data" hidden>\n' + "\n".join(spans) + "\n</div>")


def search_facets(photographers, *, include_type=False, articles=0):
    """The facets to offer, from the profiles themselves: a list of dicts

    `{"key", "legend", "options": [{"value", "label", "count"}]}`, facets with
    no options left out. Counts are build-time totals; the browser replaces
    them with live counts. `include_type` adds the Photographers/Articles
    facet (the search page), with `articles` as the article count.

    The counts are made once per list of photographers (`_counts`); the
    finder that shows them is drawn once per directory (`templating.finder`).
    """
    return _facets(photographers, budgets.bands_of(photographers), include_type, articles)


# Each profile's filters as the facets count them, while its profile and the bands stay the same:
# `headshots serve` asks for the facets after every save, and at 10,000 photographers banding the
# 9,999 unchanged ones again was a fifth of an update. A profile read again is a new object.
_filters_kept: dict = {"edges": None, "by_slug": {}}


def _kept_filters(photographer, bands) -> list:
    kept = _filters_kept
    if kept["edges"] != bands.edges:
        kept.update(edges=bands.edges, by_slug={})
    profile = getattr(photographer, "profile", None)
    found = kept["by_slug"].get(photographer.slug)
    if found is None or profile is None or found[0] is not profile:
        found = (profile, search_filters(photographer, bands))
        kept["by_slug"][photographer.slug] = found
    return found[1]


# The counts and labels last made, with the photographers they were made for: the directory's
# pages and the search page ask with the same list (and other `include_type`, `articles`).
_last_counts: list = [None, None]


def _counts(photographers, bands) -> tuple[dict, dict]:
    if _last_counts[0] is photographers:
        return _last_counts[1]
    counts = {key: Counter() for key, _ in FACETS}
    labels = {key: dict(LABELS.get(key, {})) for key, _ in FACETS}
    for photographer in photographers or []:
        for key, values in _kept_filters(photographer, bands):
            if key in counts:  # the budget keys are a filter, never a facet
                counts[key].update(values)
        for city in (photographer.city, *photographer.travels_to):
            labels["city"].setdefault(city.slug, city.name)
        labels["country"].setdefault(photographer.country, photographer.country_name or photographer.country)
    _last_counts[:] = [photographers, (counts, labels)]
    return counts, labels


def _facets(photographers, bands, include_type, articles):
    counts, labels = _counts(photographers, bands)  # shared: read here, never changed
    facets = []
    for key, legend in FACETS:
        if key == "type" and not include_type:
            continue
        found = counts[key] + Counter({"Article": articles}) if key == "type" and articles else counts[key]
        names = labels[key]
        if key in MONEY_FACETS:
            values = sorted(found, key=budgets.band_order)
            names = {v: budgets.band_label(v, MONEY_FACETS[key]) for v in values}
        elif key in _OPTION_ORDER:
            order = {value: index for index, value in enumerate(_OPTION_ORDER[key])}
            values = sorted(found, key=lambda v: (order.get(v, len(order)), v))
        else:
            values = sorted(found, key=lambda v, names=names: sort_text(names.get(v, v)))
        options = [{"value": v, "label": str(names.get(v) or v), "count": found[v]} for v in values]
        if options:
            facets.append({"key": key, "legend": legend, "options": options})
    return facets


def budget_currencies(photographers) -> list[dict]:
    """The budget's currency choices, most photographers first: `{"code", "prefix"}` ("CAD", "CA$")."""
    return [{"code": c, "prefix": money_prefix(c)} for c in budgets.bands_of(photographers).currencies()]
