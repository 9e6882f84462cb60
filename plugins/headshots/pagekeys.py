"""What each directory page reads, as a key: the dev server re-renders a page only when its key changes.

A page's key is its template, its own values (`pagelist.directory_pages`)
and the directory-wide values its template reads (`READS`). In a key a
photographer is its slug and its edition (a number the dev server moves on
whenever anything in the photographer's folder is saved), a headshot is its
file and its photographer's edition, and a city is its name, address,
counts and the first photographer its card photo comes from. Keys are
compared within one `headshots serve` process, never stored.

`READS` is the one place that says which directory-wide value a template
reads beyond its own values. A template that starts reading another one
must say so here; the dev server's identity test (tests/test_devserver.py)
compares the served site with a clean build after edits of every kind.
Every page also reads the footer (`footer_key`): when it changes, the dev
server rebuilds the whole site.
"""

from __future__ import annotations

from headshots.model import City, Headshot, Photographer
from headshots.pagedata import PageData
from headshots.pagedata.budgets import bands_of
from headshots.pagedata.searchdata import budget_currencies, search_facets

#: The directory-wide values each directory template reads, beyond its own page values.
READS = {
    "profile": ("bands",),  # its search filters name its price band (`pagefind_data`)
    "photographer_scan": ("scan_grid",),  # other photographers' headshots (`scan_grid_of`)
    "photographers": ("facets", "totals"),  # the finder's facets and counts, on every page of the list
    "city": (),
    "cities": ("cities",),  # every city, with its counts
}


def footer_key(directory) -> tuple:
    """What base.html shows of the directory on every page (its footer and its notes)."""
    return (
        tuple((c.slug, c.name, c.url) for c in directory.top_cities),
        len(directory.cities),
        directory.has_samples,
    )


def page_keys(pages, page_data: PageData, editions: dict[str, int]) -> dict[str, tuple]:
    """`{save_as: key}` for the directory's pages `(save_as, template, values)`."""
    directory = page_data.directory
    key = _Keys(editions).of
    wide = {
        "bands": lambda: key(bands_of(directory.photographers).edges),
        "facets": lambda: key((search_facets(directory.photographers), budget_currencies(directory.photographers))),
        "totals": lambda: (len(directory.photographers), len(directory.cities), key(directory.top_cities)),
        "cities": lambda: key(directory.cities),
    }
    known: dict[str, tuple] = {}
    keys = {}
    for save_as, template, values in pages:
        reads = []
        for name in READS[template]:
            if name == "scan_grid":  # 24 (headshot, theirs) pairs a page, 10,000 pages: no generic walk
                reads.append(tuple((key(shot), mine) for shot, mine in page_data.scan_grid(values["photographer"])))
            else:
                if name not in known:
                    known[name] = wide[name]()
                reads.append(known[name])
        keys[save_as] = (template, key(values), *reads)
    return keys


def open_data_keys(page_data: PageData, editions: dict[str, int]) -> dict[str, tuple]:
    """`{save_as: key}` for the open data files of one photographer or one city; the directory-wide
    files (every photographer, every city) are left out: they are made on every update."""
    directory = page_data.directory
    key = _Keys(editions).of
    keys = {directory.photographer_json_save_as(p): key(p) for p in directory.photographers}
    for city in directory.cities:
        keys[directory.city_json_save_as(city)] = (key(city), key(city.based), key(city.visiting))
    keys.pop("", None)
    return keys


_PLAIN = frozenset({str, int, float, bool, type(None)})


class _Keys:
    def __init__(self, editions: dict[str, int]):
        self.editions = editions
        self.made: dict[int, tuple] = {}  # by id: a photographer, headshot or city is on many pages

    def of(self, value):
        """A value as plain, comparable data: what of it a page can show."""
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is list or kind is tuple:
            return tuple(map(self.of, value))
        if kind is dict:
            return tuple(zip(value, map(self.of, value.values()), strict=True))
        if isinstance(value, (Photographer, Headshot, City)):
            made = self.made.get(id(value))
            if made is None:
                made = self.made[id(value)] = self._model(value)
            return made
        raise TypeError(
            f"a page value of type {kind.__name__} has no key: say in headshots.pagekeys what a page shows of it"
        )

    def _model(self, value) -> tuple:
        if isinstance(value, Photographer):
            return ("photographer", value.slug, self.editions.get(value.slug, 0))
        if isinstance(value, Headshot):
            return ("headshot", str(value.source), self.editions.get(value.photographer.slug, 0))
        first = (value.based or value.visiting)[:1]
        counts = (len(value.based), len(value.visiting))
        return ("city", value.slug, value.name, value.country, value.url, *counts, *map(self.of, first))
