"""Pelican plugin `headshots.search`: the Pagefind index, and what the templates need to feed it.

Two halves:

* **Template helpers** (put on every Jinja environment by
  `headshots.templating`), so the filter values written into profile pages
  (`pagefind_data`) and the facets the directory and search pages
  offer (`_directory_facets.html`) come from one function, `search_filters`,
  and can never disagree; labels come from `headshots.vocabulary`:

  - `photographer|pagefind_data` -> the hidden block of filters, sort keys and
    result-card meta that profile.html puts inside its `data-pagefind-body`;
  - `photographer|card_facts` -> the short facts a photographer's card shows
    (the theme's card and the search results' cards alike);
  - `photographer|search_sort` / `article|search_sort` -> `{"price": ..., "name": ...}`;
  - `search_facets(photographers)` -> the facets, their options, labels and counts.

* **Indexing**, on `finalized` (after Pelican has copied every static file):
  the Pagefind binary from `pagefind[bin]` indexes the output folder into
  `OUTPUT/pagefind/`. The build fails with one line naming the problem if
  Pagefind fails, times out or writes no index; the page count is logged.

Decisions (DESIGN.md is silent on them):

* **Filter values are URL-ready**: a city is its slug (`chicago`), so a city
  page links `/photographers/?city=<city.slug>` and the browser needs no
  lookup table; a country is its ISO alpha-2 code (`US`); the rest are the
  profile's own enum values (`musical-theatre`, `available`...).
* **City means "shoots in"**: a profile's `city` filter holds its own city and
  every city in `travels_to`, the same set a city page lists ("in or
  travelling to"), so the city page's link into the browser shows the same
  photographers.
* **Money bands are per currency** (starting price on "the price",
  `headshots.pricing`: under 300, 300 to under 600, 600 and more; price per
  look on the cheapest such session's price per look: under 200, 200 to 350, 350 and more). A filter
  value names its currency ("usd-300-600", labelled "$300 to $600"), so a
  band never holds two currencies: CHF 480 is not "cheaper" than USD 500.
  No exchange rates: a static site cannot keep them current. Sorting by
  price keys on the currency, then the amount: each currency together,
  cheapest first. Turnaround and booking lead time are in day bands.
* **Every indexed page carries every sort key** (Pagefind drops pages without
  the key from a sorted result): articles sort after every photographer by
  price (`ARTICLE_PRICE_SORT`) and by title for name.
* **The binary, not the Python API**: the API talks to a `pagefind --service`
  subprocess over asyncio and waits forever if that process dies; the binary
  gives an exit code, its own error text and a timeout (`SEARCH_TIMEOUT`).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

from markupsafe import Markup, escape
from pelican import signals

from headshots import vocabulary
from headshots.errors import Problem, display_path, fail, install_log_filter
from headshots.pricing import price_per_look
from headshots.settings import apply_defaults
from headshots.text import money, sort_text
from headshots.thumbnails.picture import card_image

logger = logging.getLogger(__name__)


# Money bands, in the profile's own currency: (slug, low, high), low inclusive, high exclusive.
# A filter value names its currency ("usd-under-300"), so a band never holds two currencies:
# CHF 480 and USD 500 are not compared as if they were the same money.
PRICE_BANDS = (("under-300", None, 300), ("300-600", 300, 600), ("600-plus", 600, None))  # on the price
PER_LOOK_BANDS = (("under-200", None, 200), ("200-350", 200, 350), ("350-plus", 350, None))  # cheapest look
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
MONEY_FACETS = {"price": (PRICE_BANDS, ""), "per_look": (PER_LOOK_BANDS, " a look")}
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
# (money bands are labelled per currency, in `money_band_label`).
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


def money_band(bands, amount, currency: str) -> str:
    """The filter value of an amount in its currency's band: `money_band(PRICE_BANDS, 350, "USD")` -> "usd-300-600"."""
    value = float(amount)
    slug = next(slug for slug, _low, high in bands if high is None or value < high)
    return f"{currency.lower()}-{slug}"


def money_band_label(key: str, value: str) -> str:
    """The words for a money band's filter value: "usd-300-600" -> "$300 to $600"."""
    bands, suffix = MONEY_FACETS[key]
    currency, _, slug = value.partition("-")
    low, high = next((low, high) for band, low, high in bands if band == slug)
    currency = currency.upper()
    if low is None:
        words = f"Under {money(high, currency)}"
    elif high is None:
        words = f"{money(low, currency)} and up"
    else:
        words = f"{money(low, currency)} to {money(high, currency)}"
    return words + suffix


def _money_band_order(key: str, value: str) -> tuple:
    currency, _, slug = value.partition("-")
    return (currency, [band for band, _low, _high in MONEY_FACETS[key][0]].index(slug))


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


def search_filters(photographer) -> list[tuple[str, list[str]]]:
    """Every Pagefind filter of one photographer, as ordered `(key, values)` pairs.

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
        ("price", [money_band(PRICE_BANDS, p.from_price, p.price.currency)]),
        ("per_look", [money_band(PER_LOOK_BANDS, look, p.currency)] if (look := price_per_look(p.sessions)) else []),
        ("turnaround", [day_band(TURNAROUND_BANDS, p.turnaround_days)] if p.turnaround_days else []),
        ("lead", [day_band(LEAD_BANDS, p.booking_lead_days)] if p.booking_lead_days else []),
        ("usage", _as_list(p.usage)),
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


def pagefind_data(photographer) -> Markup:
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
    for key, values in search_filters(p):
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
    for key, value in (card_image(p.headshots[0] if p.headshots else None) or {}).items():
        span("meta", f"image_{key}" if key != "src" else "image", value)
    return Markup('<div class="pagefind-data" hidden>\n' + "\n".join(spans) + "\n</div>")


# The last facets computed for each (include_type, articles): `(photographers, facets)`.
_last_facets: dict = {}


def search_facets(photographers, *, include_type=False, articles=0):
    """The facets to offer, from the profiles themselves: a list of dicts

    `{"key", "legend", "options": [{"value", "label", "count"}]}`, facets with
    no options left out. Counts are build-time totals; the browser replaces
    them with live counts. `include_type` adds the Photographers/Articles
    facet (the search page), with `articles` as the article count.

    Every directory page shows the facets of the whole directory: asked again
    with the same list, the answer computed for it is given back (O(N) once a
    build rather than once a page).
    """
    key = (include_type, articles)
    last = _last_facets.get(key)
    if last is not None and last[0] is photographers:
        return last[1]
    facets = _facets(photographers, include_type, articles)
    _last_facets[key] = (photographers, facets)
    return facets


def _facets(photographers, include_type, articles):
    counts = {key: Counter() for key, _ in FACETS}
    labels = {key: dict(LABELS.get(key, {})) for key, _ in FACETS}
    for photographer in photographers or []:
        for key, values in search_filters(photographer):
            counts[key].update(values)
        for city in (photographer.city, *photographer.travels_to):
            labels["city"].setdefault(city.slug, city.name)
        labels["country"].setdefault(photographer.country, photographer.country_name or photographer.country)
    if include_type and articles:
        counts["type"]["Article"] = articles
    facets = []
    for key, legend in FACETS:
        if key == "type" and not include_type:
            continue
        if key in MONEY_FACETS:
            values = sorted(counts[key], key=lambda v, key=key: _money_band_order(key, v))
            labels[key] = {v: money_band_label(key, v) for v in values}
        elif key in _OPTION_ORDER:
            order = {value: index for index, value in enumerate(_OPTION_ORDER[key])}
            values = sorted(counts[key], key=lambda v: (order.get(v, len(order)), v))
        else:
            values = sorted(counts[key], key=lambda v: sort_text(labels[key].get(v, v)))
        options = [{"value": v, "label": str(labels[key].get(v) or v), "count": counts[key][v]} for v in values]
        if options:
            facets.append({"key": key, "legend": legend, "options": options})
    return facets


# --------------------------------------------------------------------------- indexing


class IndexingFailed(Exception):
    """Pagefind did not produce a usable index; the message is one line."""


def indexed_glob(settings) -> str | None:
    """The files Pagefind reads: profiles and articles, the only pages with `data-pagefind-body`.

    From PHOTOGRAPHER_SAVE_AS and ARTICLE_SAVE_AS, each `{...}` a `*`
    ("photographers/*/index.html"). Pagefind would skip the other pages
    anyway, but only after reading them: at N=10000 the scan, city and
    directory pages are half the HTML and a third of the indexing time.
    """
    patterns = [
        re.sub(r"\{[^}]*\}", "*", settings[key])
        for key in ("PHOTOGRAPHER_SAVE_AS", "ARTICLE_SAVE_AS")
        if settings.get(key)
    ]
    return "{" + ",".join(patterns) + "}" if patterns else None


def run_pagefind(site, *, bundle_dir="pagefind", timeout=600, glob=None) -> dict:
    """Index `site` (a built output folder) with the Pagefind binary into `site/bundle_dir`.

    Paths are made absolute first (Pagefind resolves relative ones against the
    working directory). `glob` limits the files read (Pagefind's `--glob`). A
    previous bundle is removed, so stale index chunks never linger. Returns
    `{"pages": int, "bytes": int, "seconds": float}`; raises `IndexingFailed`
    with a one-line reason.
    """
    site = Path(site).resolve()
    bundle = (site / bundle_dir).resolve()
    if site not in bundle.parents:
        raise IndexingFailed(f"SEARCH_BUNDLE_DIR {bundle_dir!r} must be a folder inside the output folder")
    if not site.is_dir():
        raise IndexingFailed(f"the output folder {site} does not exist")
    try:
        from pagefind.service import get_executable

        executable = get_executable()
    except ImportError:  # pragma: no cover - pagefind[bin] is a dependency
        executable = None
    if executable is None or not Path(executable).is_file():
        raise IndexingFailed(
            "the Pagefind binary is missing: install the project's dependencies "
            "(pip install -e .), which include pagefind[bin]"
        )
    if bundle.exists():
        shutil.rmtree(bundle)
    started = time.monotonic()
    command = [str(executable), "--site", str(site), "--output-path", str(bundle), "--quiet"]
    if glob:
        command += ["--glob", glob]
    try:
        completed = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise IndexingFailed(f"Pagefind did not finish within {timeout} s (SEARCH_TIMEOUT)") from None
    except OSError as error:
        raise IndexingFailed(f"could not run Pagefind ({executable}): {error.strerror or error}") from None
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        raise IndexingFailed(
            f"Pagefind exited with status {completed.returncode}: "
            f"{_last_line(completed.stderr + chr(10) + completed.stdout)}"
        )
    entry = bundle / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        pages = sum(int(language["page_count"]) for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexingFailed(
            f"Pagefind wrote no readable {entry.name} ({error.__class__.__name__}: {_last_line(str(error))})"
        ) from None
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
    return {"pages": pages, "bytes": size, "seconds": seconds}


def _last_line(text) -> str:
    """A tool's error output as one line: ANSI colours and repeated lines dropped, joined."""
    import re

    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in str(text or "").splitlines()]
    lines = list(dict.fromkeys(line for line in lines if line))
    if not lines:
        return "no output"
    errors = [i for i, line in enumerate(lines) if line.lower().startswith("error")]
    start = errors[0] if errors else max(len(lines) - 2, 0)
    message = " ".join(lines[start : start + 3])
    message = re.sub(r"^error:\s*", "", message, flags=re.IGNORECASE)
    return message if len(message) <= 300 else message[:297] + "..."


# --------------------------------------------------------------------------- Pelican signals


def initialized(pelican) -> None:
    apply_defaults(pelican.settings)
    install_log_filter()


def finalized(pelican) -> None:
    settings = pelican.settings
    if not settings.get("SEARCH_ENABLED", True):
        logger.info("Search: SEARCH_ENABLED is False, no index built")
        return
    site = Path(pelican.output_path).resolve()
    try:
        figures = run_pagefind(
            site,
            bundle_dir=settings.get("SEARCH_BUNDLE_DIR", "pagefind"),
            timeout=settings.get("SEARCH_TIMEOUT", 600),
            glob=indexed_glob(settings),
        )
    except IndexingFailed as error:
        reason = str(error)
    else:
        reason = None
    if reason is not None:
        install_log_filter()
        fail([Problem(file=display_path(site), field="search", message=f"indexing failed: {reason}")])
    if figures["pages"] == 0:
        logger.warning("Search: Pagefind indexed 0 pages (no page has data-pagefind-body?)")
        return
    # Printed like Pelican's own "Done:" line (its log level hides INFO by default).
    from pelican.log import console

    console.print(
        f"Search: Pagefind indexed {figures['pages']} pages into "
        f"{display_path(site / settings.get('SEARCH_BUNDLE_DIR', 'pagefind'))} "
        f"({figures['bytes'] / 1000:.0f} kB) in {figures['seconds']:.1f} s",
        soft_wrap=True,
    )


def register() -> None:
    signals.initialized.connect(initialized)
    signals.finalized.connect(finalized)
