"""Our Jinja filters and globals, put on each generator's own environment.

Pelican makes a Jinja environment per generator (`generator_init` hands us
each one). The helpers go there and never into the JINJA_FILTERS or
JINJA_GLOBALS settings: Pelican pickles the settings into its content cache
with every article, so a function of ours kept there made an older checkout
crash on the same cache (`AttributeError`).

Why globals rather than macros: a page calls `label`, `days` and `place`
dozens of times, and a macro call costs several times a Python one.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from headshots import facts, pricing, search, vocabulary
from headshots.fragments import cached
from headshots.text import days, money, place
from headshots.thumbnails.faces import BROWSER_RULES
from headshots.thumbnails.picture import picture_markup, scan_tile, scan_tiles

FILTERS = {
    "money": money,  # 350|money("USD") -> "$350"
    "card_facts": search.card_facts,  # a card's facts line
    "pagefind_data": search.pagefind_data,  # a profile's hidden search data
    "search_sort": search.search_sort,  # an indexed page's sort keys
    "who_for": pricing.who_for,  # whom a session is for: "Children and teens"
}

GLOBALS = {
    "label": vocabulary.label,  # label("lighting", "studio") -> "Studio light"
    "note": vocabulary.note,  # the profile's one-line explanation of a value
    "VOCABULARY": vocabulary.FIELDS,  # every field's values and words (the compare page's rate boxes)
    "field_title": vocabulary.title,  # field_title("hair_makeup") -> "Hair and makeup"
    "facts": facts.facts,  # facts(p) -> the facts panel's rows (headshots.facts.Fact)
    "extras": facts.extras,  # extras(p) -> the add-ons and policies rows
    "NOT_LISTED": facts.NOT_LISTED,  # what a fact the profile does not give says
    "DIRECTORY_ORDER": vocabulary.DIRECTORY_ORDER,  # how the directory is ordered, in one sentence
    "SAMPLE_LABEL": vocabulary.SAMPLE_LABEL,  # the mark on a sample's card
    "FACE_RULES": BROWSER_RULES,  # the face check's thresholds, shared by the build and /scan/
    "days": days,  # days(5) -> "5 days"
    "place": place,  # place(p) -> "Chicago, IL"
    "cached": cached,  # a fragment rendered once a build
    "picture": picture_markup,  # <picture> of one headshot (docs/ARCHITECTURE.md, "Pictures")
    "headshots_scan_tile": scan_tile,  # one casting-size tile
    "headshots_scan_tiles": scan_tiles,  # a scan grid's tiles
    "search_facets": search.search_facets,  # the directory's facets
}


def install(environment, cache_path=None) -> None:
    """Our helpers on `environment`; profile text is escaped whatever JINJA_ENVIRONMENT says.

    With `cache_path`, compiled templates are kept under `cache_path/jinja/`
    (checked against their source): Pelican gives every generator its own
    environment, so a build compiled the same templates several times. A new
    environment is made for every build, so it need not stat each template
    on every render to notice edits (`auto_reload`).
    """
    environment.filters.update(FILTERS)
    environment.globals.update(GLOBALS)
    environment.autoescape = True
    if cache_path:
        folder = Path(cache_path) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
        environment.auto_reload = False


def generator_init(generator) -> None:
    """Pelican's `generator_init` receiver."""
    install(generator.env, generator.settings.get("CACHE_PATH"))
