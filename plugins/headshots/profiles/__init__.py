"""Pelican plugin: photographer profiles into the directory, profile, city and scan pages.

Reads `PHOTOGRAPHERS_PATH/<slug>/profile.yaml`, validates every profile
against `plugins/headshots/profile.schema.json` (all problems, then one
failure), and gives the templates `photographers` and `cities` (see
docs/ARCHITECTURE.md). Writes, through Pelican's writer:

    photographers/                   photographers.html, 36 a page
    photographers/page/N/            the same, page N
    photographers/<slug>/            profile.html
    photographers/<slug>/scan/       photographer_scan.html
    cities/<slug>/                   city.html, 36 a page
    cities/<slug>/page/N/            the same, page N
    cities/                          cities.html: every city, with its counts
    cities/index.json                every city's name, slug and counts (the JS facets and city picker)
    cities/<slug>/photographers.json that city's profiles as open data
    photographers.json               every profile as open data
    sitemap.xml                      every HTML page written (see sitemap.py)

Every setting, with its default, is in DEFAULTS; they are set on
`initialized`, so `pelicanconf.py` or `pelican -e` override any of them.

Scale (issue 8, docs/performance.md): no page grows with the directory. The
directory and city pages paginate, their pager shows a window of page links,
the bounded selections (`featured_photographers`, `top_cities`,
`scan_headshots`, each photographer's `scan_pool`) cost O(their size), and
parsed, validated profiles are cached by content hash under
`CACHE_PATH/profiles/` (see `validate.ProfileCache`). Only the open data
(`photographers.json`) grows with N.
"""

from __future__ import annotations

import copy
import gc
import json
import math
import os
import time
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url, sanitised_join, wait_for_changes

from headshots import errors
from headshots.errors import Problem, display_path
from headshots.fragments import cached
from headshots.profiles import parallel, sitemap
from headshots.profiles.model import (TEMPLATE_GLOBALS, City, Headshot, Photographer, assemble, city_slug, money,
                                      scan_grid, scan_pool)
from headshots.profiles.validate import ProfileCache, load_profile, load_profiles, start_loading_profiles

__all__ = ["DEFAULTS", "City", "Headshot", "Photographer", "ProfilesGenerator", "city_slug", "money",
           "register"]

DEFAULTS = {
    # Where the profiles live: one folder per photographer. A relative path is
    # taken from the working directory (run pelican from the repository root).
    "PHOTOGRAPHERS_PATH": "photographers",
    # The directory: page 1, then page N; how many photographers a page lists.
    "PHOTOGRAPHERS_URL": "photographers/",
    "PHOTOGRAPHERS_SAVE_AS": "photographers/index.html",
    "PHOTOGRAPHERS_PAGE_URL": "photographers/page/{number}/",
    "PHOTOGRAPHERS_PAGE_SAVE_AS": "photographers/page/{number}/index.html",
    "PHOTOGRAPHERS_PER_PAGE": 36,
    # One photographer's profile and five-second-scan pages.
    "PHOTOGRAPHER_URL": "photographers/{slug}/",
    "PHOTOGRAPHER_SAVE_AS": "photographers/{slug}/index.html",
    "PHOTOGRAPHER_SCAN_URL": "photographers/{slug}/scan/",
    "PHOTOGRAPHER_SCAN_SAVE_AS": "photographers/{slug}/scan/index.html",
    # How many other photographers' headshots surround theirs in the scan grid.
    "PHOTOGRAPHERS_SCAN_POOL_SIZE": 24,
    # A city page for every city someone is based in or travels to.
    "CITY_URL": "cities/{slug}/",
    "CITY_SAVE_AS": "cities/{slug}/index.html",
    "CITY_PAGE_URL": "cities/{slug}/page/{number}/",
    "CITY_PAGE_SAVE_AS": "cities/{slug}/page/{number}/index.html",
    # Every city on one page (O(cities): at most a few hundred), linked from the
    # bounded city lists (footer, home, 404, /scan/); "" for none.
    "CITIES_URL": "cities/",
    "CITIES_SAVE_AS": "cities/index.html",
    # Open data: every profile (emails only where the profile lists one), and
    # one file per city (its based and visiting photographers); "" for none.
    "PHOTOGRAPHERS_JSON_SAVE_AS": "photographers.json",
    "CITY_JSON_SAVE_AS": "cities/{slug}/photographers.json",
    # Every city's name, slug, URL and counts: the directory's JS facets label
    # the cities they do not render from it ("" for none).
    "CITIES_JSON_SAVE_AS": "cities/index.json",
    # The pager shows the first and last page and this many either side of the current one.
    "PAGER_WINDOW": 2,
    # Bounded, deterministic selections for pages that must not grow with the
    # directory: the home page's featured photographers, the "top" cities (by
    # number of photographers) for short city lists, and the headshots of the
    # /scan/ and /scan/casting/ grids.
    "FEATURED_PHOTOGRAPHERS": 8,
    "TOP_CITIES": 24,
    "SCAN_HEADSHOTS": 48,
    # Cache parsed and validated profiles under CACHE_PATH/profiles/ (content-hash keys).
    "PHOTOGRAPHERS_CACHE": True,
    # Processes that read profiles and write their pages (None: one per core), from
    # this many photographers up (below it, starting them costs more than it saves).
    "PHOTOGRAPHERS_JOBS": None,
    "PHOTOGRAPHERS_PARALLEL_FROM": 300,
    # Rebuild under `pelican -r` when a profile or headshot changes (see
    # docs/ARCHITECTURE.md, "Decisions").
    "PHOTOGRAPHERS_AUTORELOAD": True,
    # sitemap.xml: every HTML page written, but URLs matching these regexes.
    "SITEMAP_SAVE_AS": "sitemap.xml",
    "SITEMAP_EXCLUDE": [r"^404\.html$"],
}


# The problems each PHOTOGRAPHERS_PATH failed with last, in this process (see generate_context).
_last_failure: dict[str, tuple] = {}


def resolve_path(value) -> str:
    """An absolute PHOTOGRAPHERS_PATH (relative paths are taken from the working directory)."""
    return os.path.abspath(os.path.expanduser(str(value)))


def initialize(pelican) -> None:
    """Defaults for every setting, the `money` filter, the traceback filter, the watch on the profiles."""
    errors.install_log_filter()
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    settings["PHOTOGRAPHERS_PATH"] = resolve_path(settings["PHOTOGRAPHERS_PATH"])
    _compile_templates_once(settings)
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.setdefault("money", money)
    settings["JINJA_FILTERS"] = filters
    settings["JINJA_GLOBALS"] = {**(settings.get("JINJA_GLOBALS") or {}), **TEMPLATE_GLOBALS, "cached": cached}
    if settings["PHOTOGRAPHERS_AUTORELOAD"]:
        _watch_profiles(settings)


def _compile_templates_once(settings) -> None:
    """Keep compiled templates under CACHE_PATH/jinja/, checked against their source.

    Pelican gives every generator its own Jinja environment, so a build
    compiled the same templates several times (about 0.2 s). A new
    environment is made for every build, so it need not watch the files
    for changes during one (`auto_reload`: a stat per template per page).
    """
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    environment.setdefault("auto_reload", False)
    if "bytecode_cache" not in environment:
        folder = Path(settings.get("CACHE_PATH") or "cache") / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        environment["bytecode_cache"] = FileSystemBytecodeCache(str(folder))
    settings["JINJA_ENVIRONMENT"] = environment


def _inside(path: str, folder: str) -> bool:
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _watch_profiles(settings) -> None:
    """Make `pelican -r` watch PHOTOGRAPHERS_PATH.

    Pelican 4.12's autoreload watches the settings file, THEME, PATH and
    `PATH/<each STATIC_PATHS entry>`; an absolute entry joins to itself, so
    the profiles folder is appended to STATIC_PATHS, and `_skip_profiles`
    keeps the static generator out of it: an original upload is never read
    as a static file, so never published.
    """
    folder = settings["PHOTOGRAPHERS_PATH"]
    if _inside(folder, settings["PATH"]) or not os.path.isdir(folder):
        return
    static = list(settings.get("STATIC_PATHS") or [])
    if folder not in static:
        settings["STATIC_PATHS"] = [*static, folder]


def _skip_profiles(static_generator) -> None:
    """The static generator lists STATIC_PATHS without PHOTOGRAPHERS_PATH (see `_watch_profiles`).

    Listing the folder would make a static file of every profile and headshot
    (five per photographer, about 0.3 s at N=1000) only to drop them again.
    """
    folder = static_generator.settings.get("PHOTOGRAPHERS_PATH")
    if not folder:
        return
    list_files = static_generator.get_files

    def get_files(paths, exclude=None, extensions=None):
        kept = [path for path in paths if not _inside(os.path.join(static_generator.path, path), folder)]
        return list_files(kept, exclude=exclude, extensions=extensions)

    static_generator.get_files = get_files


class ProfilesGenerator(Generator):
    """Loads and validates every profile (generate_context), writes their pages (generate_output)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gc.unfreeze()  # a previous build's context (`pelican -r`), frozen by its generate_context: collectable again
        self.env.filters.setdefault("money", money)  # also when settings came from elsewhere
        # Profile text comes from pull requests: these pages escape it even if
        # JINJA_ENVIRONMENT forgets to (pelicanconf.py turns autoescape on site-wide).
        self.env.autoescape = True
        sitemap.collector.reset()
        self._writers = None  # set by start_output: waits for the pages being written
        # Profiles are read from now on (in a big directory, by workers, while Pelican reads the
        # articles); generate_context collects them.
        self._root = Path(self.settings["PHOTOGRAPHERS_PATH"])
        self._cache = None
        if self.settings["PHOTOGRAPHERS_CACHE"] and self.settings.get("CACHE_PATH"):
            self._cache = ProfileCache(Path(self.settings["CACHE_PATH"]) / "profiles")
        self._loading = self._start_loading() if self._root.is_dir() else None

    def _start_loading(self):
        """Start reading every profile; returns the function that waits for `(profiles, problems)`."""
        self._load_started = time.perf_counter()
        return start_loading_profiles(self._root, self._cache, settings=self.settings)

    def generate_context(self) -> None:
        root, cache = self._root, self._cache
        if self._loading is None:
            errors.fail([Problem(display_path(root), 1, 1, "PHOTOGRAPHERS_PATH",
                                 "folder not found: set PHOTOGRAPHERS_PATH to the folder of photographer profiles")])
        profiles, problems = self._loading()
        # `pelican -r` re-runs the build at once after an error, in a loop: when
        # this process already reported exactly these problems, wait for an
        # edit instead of printing them again and again (a plain build fails
        # once, so it never waits).
        while problems and _last_failure.get(str(root)) == tuple(problems):
            wait_for_changes("", self.settings)
            profiles, problems = self._start_loading()()
        self._summary(cache, profiles, problems, self._load_started)
        if problems:
            _last_failure[str(root)] = tuple(problems)
            errors.fail(problems)
        _last_failure.pop(str(root), None)
        self.photographers, self.cities = assemble(profiles, self.settings)
        self.context["photographers"] = self.photographers
        self.context["cities"] = self.cities
        self.context["photographers_by_slug"] = {p.slug: p for p in self.photographers}
        self.context["cities_by_slug"] = {c.slug: c for c in self.cities}
        self.context["featured_photographers"] = featured(self.photographers,
                                                          int(self.settings["FEATURED_PHOTOGRAPHERS"]))
        self.context["top_cities"] = top_cities(self.cities, int(self.settings["TOP_CITIES"]))
        self.context["scan_headshots"] = scan_headshots(self.photographers, int(self.settings["SCAN_HEADSHOTS"]))
        # What was read so far lives until the build ends: keep Python's collector from scanning it again
        # at each full collection, here and in the forked page writers, where a scan also copies every
        # memory page it touches (about 0.1 s at N=1000). It stays frozen when the build ends: unfrozen, the
        # collection Python runs as it exits scans all of it (0.2-0.6 s at N=1000); a next build in the
        # same process (`pelican -r`) unfreezes it when its profiles generator is made.
        gc.freeze()

    @staticmethod
    def _summary(cache, profiles, problems, started) -> None:
        """One line: how many profiles were parsed and how many came from the cache (tests and the bench read it)."""
        if cache is not None:
            stats = cache.stats
            summary = f"{stats['profiles']} profiles, {stats['parsed']} parsed, {stats['cached']} from cache"
        else:
            summary = f"{len(profiles)} profiles, {len(profiles)} parsed, cache off"
        if problems:
            summary += f", {len(problems)} problems"
        from pelican.log import console
        console.print(f"Profiles: {summary} in {time.perf_counter() - started:.2f} s", soft_wrap=True)

    # ------------------------------------------------------------------ output

    def start_output(self) -> None:
        """Start writing the pages, on every core in a big directory.

        Called once every generator has its context (`all_generators_finalized`,
        so the headshots have their pictures): the workers write while this
        process goes on with Pelican's own output (the articles).
        """
        self._output_started = time.perf_counter()
        self._memoize_facets()
        pages = [*self._directory_pages(), *self._photographer_pages()]
        for city in self.cities:
            pages += self._city_pages(city)
        if self.settings.get("CITIES_SAVE_AS"):
            pages.append((self.settings["CITIES_SAVE_AS"], "cities",
                          {"page_name": "cities", "url": self.settings["CITIES_URL"]}))
        self._pages = pages
        self._writers = self._write_pages(self._open_data() + pages)

    def generate_output(self, writer) -> None:
        if self._writers is None:  # run without Pelican's signals (a test, another tool)
            self.start_output()
        pids, self._writers = self._writers(), None
        # `content_written` receivers (the sitemap, other plugins') live in this process: they
        # hear of every HTML page, in order, wherever it was written.
        for save_as, template, kwargs in self._pages:
            signals.content_written.send(sanitised_join(self.output_path, save_as),
                                         context=self._page_context(save_as, kwargs))
        processes = len(set(pids) - {os.getpid()}) or 1
        from pelican.log import console
        console.print(f"Profiles: wrote {len(self._pages)} pages and the open data "
                      f"in {time.perf_counter() - self._output_started:.2f} s "
                      f"({processes} process{'es' if processes > 1 else ''})", soft_wrap=True)

    def _write_pages(self, pages: list):
        """Start writing `pages`, each `(save_as, template name, context)`; returns the function that
        waits for them and gives the writing process's id for each page.

        A page without a template is a JSON file, its "context" the function
        that makes its data. Pages are rendered here rather than through
        Pelican's writer so that a page whose bytes did not change is not
        rewritten (`write_if_changed`).
        """
        def write(page) -> int:
            save_as, template, value = page
            if template is None:
                text = json.dumps(value(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
            else:
                text = self.get_template(template).render(self._page_context(save_as, value))
            write_if_changed(sanitised_join(self.output_path, save_as), text)
            return os.getpid()

        return parallel.start_forked_map(write, pages, parallel.jobs_for(self.settings, len(self.photographers)))

    def _page_context(self, save_as: str, kwargs: dict) -> dict:
        """What Pelican's writer gives a template: the build context, the page's values, RELATIVE_URLS."""
        local = {**self.context, "localsiteurl": None, "output_file": save_as, **kwargs}
        if self.settings.get("RELATIVE_URLS", False):
            local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(save_as))
        return local

    def _directory_pages(self) -> list:
        """`/photographers/` and its pages: `page_photographers` is the page's slice."""
        settings = self.settings

        def url(number: int) -> str:
            return settings["PHOTOGRAPHERS_URL"] if number == 1 else \
                settings["PHOTOGRAPHERS_PAGE_URL"].format(number=number)

        def save_as(number: int) -> str:
            return settings["PHOTOGRAPHERS_SAVE_AS"] if number == 1 else \
                settings["PHOTOGRAPHERS_PAGE_SAVE_AS"].format(number=number)

        return self._paginate("photographers", self.photographers, url, save_as,
                              lambda start, end: {"page_photographers": self.photographers[start:end]})

    def _photographer_pages(self) -> list:
        """Each photographer's profile and scan page.

        The scan page's grid comes from the `scan_grid_of(photographer)`
        global, so it is drawn where the page is rendered (in the workers).
        """
        pool_size = int(self.settings["PHOTOGRAPHERS_SCAN_POOL_SIZE"])
        everyone = self.photographers
        self.env.globals["scan_grid_of"] = lambda p: scan_grid(p, scan_pool(p, everyone, pool_size))
        pages = []
        for photographer in self.photographers:
            pages.append((photographer.save_as, "profile",
                          {"page_name": "profile", "url": photographer.url, "photographer": photographer}))
            pages.append((photographer.scan_save_as, "photographer_scan",
                          {"page_name": "photographer_scan", "url": photographer.scan_url,
                           "photographer": photographer}))
        return pages

    def _city_pages(self, city: City) -> list:
        """One city's pages: based photographers first, then visitors, PHOTOGRAPHERS_PER_PAGE a page.

        Each page gets `city`, `page_based` and `page_visiting` (this page's
        share of each list) and the same pager variables as the directory pages.
        """
        settings = self.settings
        based = len(city.based)

        def url(number: int) -> str:
            return city.url if number == 1 else settings["CITY_PAGE_URL"].format(slug=city.slug, number=number)

        def save_as(number: int) -> str:
            return city.save_as if number == 1 else \
                settings["CITY_PAGE_SAVE_AS"].format(slug=city.slug, number=number)

        return self._paginate("city", city.photographers, url, save_as, lambda start, end: {
            "city": city, "page_based": city.based[start:min(end, based)],
            "page_visiting": city.visiting[max(start - based, 0):max(end - based, 0)]})

    def _paginate(self, template: str, items: list, url, save_as, extra) -> list:
        """`items`, PHOTOGRAPHERS_PER_PAGE a page, as pages of `template`.

        Each page gets `page_items`, `page_number`, `page_count`,
        `first_index`, `page_links` (the windowed pager), `prev_url`,
        `next_url` (None at the ends) and `extra(start, end)`.
        """
        per_page = max(1, int(self.settings["PHOTOGRAPHERS_PER_PAGE"]))
        count = max(1, math.ceil(len(items) / per_page))
        window = int(self.settings["PAGER_WINDOW"])
        pages = []
        for number in range(1, count + 1):
            start, end = (number - 1) * per_page, number * per_page
            pages.append((save_as(number), template, {
                "page_name": template, "url": url(number), "page_number": number, "page_count": count,
                "first_index": start + 1, "page_items": items[start:end],
                "page_links": pager_links(number, count, url, window),
                "prev_url": url(number - 1) if number > 1 else None,
                "next_url": url(number + 1) if number < count else None,
                **extra(start, end)}))
        return pages

    def _memoize_facets(self) -> None:
        """Compute the directory's facets once, not once per directory page.

        `_directory_facets.html` (on every directory page) calls the
        `search_facets` global with the whole directory: O(N) a page, O(N^2)
        a build. The pages of this generator get a memoized wrapper: the same
        arguments give the same (already computed) result.
        """
        compute = self.env.globals.get("search_facets")
        if compute is None or getattr(compute, "memoized", False):
            return
        memo = {}

        def search_facets(photographers, *args, **kwargs):
            key = (id(photographers), args, tuple(sorted(kwargs.items())))
            hit = memo.get(key)
            if hit is None or hit[0] is not photographers:
                hit = memo[key] = (photographers, compute(photographers, *args, **kwargs))
            return hit[1]

        search_facets.memoized = True
        self.env.globals["search_facets"] = search_facets

    def _open_data(self) -> list:
        """The open data files, as pages without a template: `(save_as, None, make the data)`.

        Compact JSON (json's C encoder only runs without `indent`). They are
        written with the pages, so the biggest, /photographers.json, comes first
        and the per-city files are shared out like city pages.
        """
        settings = self.settings
        memo = {}

        def data(p: Photographer) -> dict:
            if p.slug not in memo:
                memo[p.slug] = p.open_data()
            return memo[p.slug]

        files = []
        if settings.get("PHOTOGRAPHERS_JSON_SAVE_AS"):
            files.append((settings["PHOTOGRAPHERS_JSON_SAVE_AS"], None, lambda: {
                "about": "First Look's photographer directory as open data: every profile as its editors wrote it.",
                "count": len(self.photographers),
                "photographers": [data(p) for p in self.photographers],
            }))
        if settings.get("CITIES_JSON_SAVE_AS"):
            files.append((settings["CITIES_JSON_SAVE_AS"], None, lambda: {
                "about": "Every city in First Look's directory: those based there and those who travel there.",
                "count": len(self.cities),
                "cities": [{"name": c.name, "slug": c.slug, "country": c.country, "url": c.url,
                            "based": len(c.based), "visiting": len(c.visiting)} for c in self.cities],
            }))
        if settings.get("CITY_JSON_SAVE_AS"):
            for city in self.cities:
                files.append((settings["CITY_JSON_SAVE_AS"].format(slug=city.slug), None, lambda city=city: {
                    "about": f"First Look's headshot photographers in {city.name}, as open data: those based "
                             "there, then those who travel there (based_here false).",
                    "city": {"name": city.name, "slug": city.slug, "country": city.country, "url": city.url},
                    "count": len(city.based) + len(city.visiting),
                    "photographers": [{**data(p), "based_here": True} for p in city.based]
                    + [{**data(p), "based_here": False} for p in city.visiting],
                }))
        return files


def write_if_changed(path: str, text: str) -> bool:
    """Write `text` (UTF-8) to `path` unless the file already holds exactly that; True if written.

    A warm build then leaves unchanged pages alone: rewriting a file in place
    costs more than reading it (about 0.15 ms a page here, 3 s at N=10000),
    and a deploy that syncs by date uploads only what changed. A changed
    page is written beside the old one and renamed over it: never half-written.
    """
    data = text.encode("utf-8")
    try:
        if os.stat(path).st_size == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return True


def pager_links(number: int, count: int, url, window: int = 2) -> list[dict]:
    """The pager's links: page 1, the last page, and `window` pages either side of `number`.

    Each is `{"number", "url", "current"}`; a gap between them is
    `{"number": None, "url": None, "current": False}` (shown as an ellipsis).
    At most 2 * window + 5 entries, whatever the page count.
    """
    shown = sorted({1, count, *range(max(1, number - window), min(count, number + window) + 1)})
    links, previous = [], 0
    for n in shown:
        if n - previous == 2:  # a gap of one page: show the page rather than an ellipsis
            links.append({"number": n - 1, "url": url(n - 1), "current": False})
        elif n - previous > 2:
            links.append({"number": None, "url": None, "current": False})
        links.append({"number": n, "url": url(n), "current": n == number})
        previous = n
    return links


def _spread(items: list, size: int) -> list:
    """`size` items spread evenly over `items` (all of them when there are fewer)."""
    if len(items) <= size:
        return list(items)
    return [items[i * len(items) // size] for i in range(size)]


def featured(photographers: list, size: int) -> list:
    """The home page's featured photographers: `size` spread evenly over the alphabetical list.

    Deterministic and unpaid (the same rule as the home page's own sample),
    O(size) whatever the directory's size.
    """
    return _spread(photographers, size)


def top_cities(cities: list, size: int) -> list:
    """The `size` cities with the most photographers (based + visiting), in name order.

    For short city lists (footer, home, 404): O(cities log cities) once a build.
    """
    ranked = sorted(cities, key=lambda c: (-(len(c.based) + len(c.visiting)), c.slug))[:size]
    order = {id(c): i for i, c in enumerate(cities)}
    return sorted(ranked, key=lambda c: order[id(c)])


def scan_headshots(photographers: list, size: int) -> list:
    """`size` headshots for the /scan/ and /scan/casting/ grids: round-robin over a spread of photographers.

    Photographers spread evenly over the directory, one headshot each before
    anyone's second; deterministic, O(size).
    """
    chosen = _spread([p for p in photographers if p.headshots], size)
    shots, round_ = [], 0
    while chosen and len(shots) < size and any(round_ < len(p.headshots) for p in chosen):
        for p in chosen:
            if round_ < len(p.headshots) and len(shots) < size:
                shots.append(p.headshots[round_])
        round_ += 1
    return shots


def _start_output(generators) -> None:
    for generator in generators:
        if isinstance(generator, ProfilesGenerator):
            generator.start_output()


def get_generators(pelican):
    return ProfilesGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(_start_output)
    signals.static_generator_init.connect(_skip_profiles)
    signals.content_written.connect(sitemap.collector.page_written)
    signals.finalized.connect(sitemap.collector.write)


__all__ += ["ProfileCache", "featured", "load_profile", "load_profiles", "pager_links", "scan_headshots",
            "top_cities"]
