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

import weakref
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, pass_context
from markupsafe import Markup

from headshots import pricing, vocabulary
from headshots.pagedata import facts, searchdata
from headshots.text import days, money, place
from headshots.thumbnails.faces import BROWSER_RULES

# Per template environment (so it goes with its build): the finder last drawn for each
# (mode, SITEURL, article count), with the photographers it was drawn for.
_finders: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@pass_context
def finder(context, mode: str = "directory") -> Markup:
    """The faceted finder (`_directory_facets.html`), drawn once per directory rather than once a page.

    Every page of the directory shows the same finder, and drawing it was
    about 10 ms of each page's 12 at 10,000 photographers (280 pages). What
    it shows comes from the whole directory, so it is drawn again when the
    photographers list is another one (a new build, or a dev server update).
    """
    photographers = context.get("photographers")
    key = (mode, context.get("SITEURL"), len(context.get("articles") or ()))
    drawn = _finders.setdefault(context.environment, {})
    kept = drawn.get(key)
    if kept is None or kept[0] is not photographers:
        template = context.environment.get_template("_directory_facets.html")
        kept = drawn[key] = (photographers, Markup(template.render({**context.get_all(), "finder_mode": mode})))
    return kept[1]


FILTERS = {
    "money": money,  # 350|money("USD") -> "$350"
    "card_facts": searchdata.card_facts,  # a card's facts line
    "search_sort": searchdata.search_sort,  # an indexed page's sort keys
    "who_for": pricing.who_for,  # whom a session is for: "Children and teens"
}

GLOBALS = {
    "label": vocabulary.label,  # label("lighting", "studio") -> "Studio light"
    "note": vocabulary.note,  # the profile's one-line explanation of a value
    "VOCABULARY": vocabulary.FIELDS,  # every field's values and words (the compare page's rate boxes)
    "field_title": vocabulary.title,  # field_title("hair_makeup") -> "Hair and makeup"
    "facts": facts.facts,  # facts(p) -> the facts panel's rows (headshots.pagedata.facts.Fact)
    "extras": facts.extras,  # extras(p) -> the add-ons and policies rows
    "NOT_LISTED": facts.NOT_LISTED,  # what a fact the profile does not give says
    "DIRECTORY_ORDER": vocabulary.DIRECTORY_ORDER,  # how the directory is ordered, in one sentence
    "SAMPLE_LABEL": vocabulary.SAMPLE_LABEL,  # the mark on a sample's card
    "FACE_RULES": BROWSER_RULES,  # the face check's thresholds, shared by the build and /scan/
    "days": days,  # days(5) -> "5 days"
    "place": place,  # place(p) -> "Chicago, IL"
    "search_facets": searchdata.search_facets,  # the directory's facets
    "budget_currencies": searchdata.budget_currencies,  # the budget's currency choices
    "finder": finder,  # finder("directory"|"search") -> the faceted finder (_directory_facets.html)
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


class _PageDataNow:
    """The page data an environment's helpers read when they are called.

    A template's `{% import %}` of macros keeps the globals it saw when first
    loaded; the helpers therefore stay the same functions and ask this object
    for the current page data, which `headshots serve` replaces after a save
    (headshots.devserver.update) without loading any template again.
    """

    def __init__(self):
        self.page_data = None

    def helper(self, method: str):
        def call(*args, **kwargs):
            return getattr(self.page_data, method)(*args, **kwargs)

        return call


def install_page_data(environment, page_data) -> None:
    """The helpers that read the pictures (`PageData.template_globals`), once the pictures stage has run."""
    now = environment.globals.get("_page_data_now")
    if now is None:
        now = environment.globals["_page_data_now"] = _PageDataNow()
        environment.globals.update(
            {name: now.helper(method.__name__) for name, method in page_data.template_globals().items()}
        )
    now.page_data = page_data
