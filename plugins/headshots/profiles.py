"""Pelican plugin: the directory model (headshots.directory) into the directory, profile, city and scan pages.

The thin Pelican layer: it starts reading the profiles when its generator
is made, fails the build with every problem (the lines `headshots check`
prints), puts the `Directory` into the context (docs/ARCHITECTURE.md), and
writes, in forked workers in a big directory (`headshots.parallel`;
docs/performance.md says why not through Pelican's writer):

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

Every setting, with its default, is in `headshots.settings.DEFAULTS`; they
are set on `initialized`, so `pelicanconf.py` or `pelican -e` override them.

Scale (issue 8, docs/performance.md): no page grows with the directory. The
directory and city pages paginate, their pager shows a window of page links,
the bounded selections (`featured_photographers`, `top_cities`,
`scan_headshots`, each photographer's `scan_pool`) cost O(their size), and
parsed, validated profiles are cached by content hash under
`CACHE_PATH/profiles/` (see `validate.ProfileCache`). Only the open data
(`photographers.json`) grows with N.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import os
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url, sanitised_join, wait_for_changes

from headshots import errors, parallel, templating
from headshots.articles import site_problems
from headshots.directory import Directory, image_problems, profile_cache, start_reading
from headshots.errors import display_path
from headshots.model import City, scan_grid, scan_pool
from headshots.settings import apply_defaults

logger = logging.getLogger(__name__)

# The problems each PHOTOGRAPHERS_PATH failed with last, in this process (see generate_context).
_last_failure: dict[str, tuple] = {}


def initialize(pelican) -> None:
    """Defaults for every setting, the traceback filter, the watch on the profiles."""
    errors.install_log_filter()
    settings = apply_defaults(pelican.settings)
    if settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_PATH"):
        _drop_unreadable_content_caches(settings)
    if settings["PHOTOGRAPHERS_AUTORELOAD"]:
        _watch_profiles(settings)


def _drop_unreadable_content_caches(settings) -> None:
    """Delete a Pelican content cache (`CACHE_PATH/*-Readers`) that no longer unpickles.

    Earlier versions kept our Jinja helpers in the settings, which Pelican
    pickles with every article; a cache written then names functions that
    have since gone, and Pelican (which only catches `PickleError`) stops with
    a traceback. Such a cache is only a speed-up: dropping it costs one full
    read of the articles.
    """
    import gzip
    import pickle

    opener = gzip.open if settings.get("GZIP_CACHE", True) else open
    for path in Path(settings["CACHE_PATH"]).glob("*-Readers"):
        try:
            with opener(path, "rb") as handle:
                pickle.load(handle)
        except OSError:
            continue  # unreadable for Pelican too: it says so and reads the articles
        except Exception:  # noqa: BLE001 - a stale pickle can raise almost anything
            path.unlink(missing_ok=True)
            logger.warning("Dropped the content cache %s: it was written by an older version", display_path(path))


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
        self._writers = None  # set by start_output: waits for the pages being written
        # Profiles are read from now on (in a big directory, by workers, while Pelican reads the
        # articles); generate_context collects them.
        self._root = self.settings["PHOTOGRAPHERS_PATH"]
        self._cache = profile_cache(self.settings)
        self._load_started = time.perf_counter()
        self._loading = start_reading(self.settings, self._cache)

    def generate_context(self) -> None:
        root = self._root
        self.directory, problems = self._read(self._loading)
        # `pelican -r` re-runs the build at once after an error, in a loop: when
        # this process already reported exactly these problems, wait for an
        # edit instead of printing them again and again (a plain build fails
        # once, so it never waits).
        while problems and _last_failure.get(str(root)) == tuple(problems):
            wait_for_changes("", self.settings)
            self.directory, problems = self._read(start_reading(self.settings, self._cache))
        if problems:
            _last_failure[str(root)] = tuple(problems)
            errors.fail(problems)
        _last_failure.pop(str(root), None)
        self.context.update(self.directory.context())
        # What was read so far lives until the build ends: keep Python's collector from scanning it again
        # at each full collection, here and in the forked page writers, where a scan also copies every
        # memory page it touches (about 0.1 s at N=1000). It stays frozen when the build ends: unfrozen, the
        # collection Python runs as it exits scans all of it (0.2-0.6 s at N=1000); a next build in the
        # same process (`pelican -r`) unfreezes it when its profiles generator is made.
        gc.freeze()

    def _read(self, reading) -> tuple[Directory, list]:
        """The directory, and every problem in the profiles and the articles (whose links resolve
        against the directory's addresses): what `headshots check` reports. Checked here, the first
        step of the build, so a refused build has encoded no image and written no file."""
        profiles, problems = reading.wait()
        self._summary(self._cache, reading.count, problems, self._load_started)
        directory = Directory.build(profiles, self.settings)
        found = site_problems(self.settings, directory)
        errors.report([p for p in found if p.warning])  # an article's warning: printed, the build goes on
        problems += [p for p in found if not p.warning]
        if problems:  # the build stops here: name the bad images too, as `headshots check` does
            problems = sorted(problems + image_problems(profiles, self.settings))
        return directory, problems

    @staticmethod
    def _summary(cache, count, problems, started) -> None:
        """One line: how many profiles were parsed and how many came from the cache (tests and the bench read it)."""
        if cache is not None:
            stats = cache.stats
            summary = f"{stats['profiles']} profiles, {stats['parsed']} parsed, {stats['cached']} from cache"
        else:
            summary = f"{count} profiles, {count} parsed, cache off"
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
        pages = [*self._directory_pages(), *self._photographer_pages()]
        for city in self.directory.cities:
            pages += self._city_pages(city)
        if self.settings.get("CITIES_SAVE_AS"):
            pages.append(
                (self.settings["CITIES_SAVE_AS"], "cities", {"page_name": "cities", "url": self.settings["CITIES_URL"]})
            )
        self._pages = pages
        open_data = [(save_as, None, make) for save_as, make in self.directory.open_data()]
        self._writers = self._write_pages(open_data + pages)

    def generate_output(self, writer) -> None:
        if self._writers is None:  # run without Pelican's signals (a test, another tool)
            self.start_output()
        pids, self._writers = self._writers(), None
        # `content_written` receivers (the sitemap, other plugins') live in this process: they
        # hear of every HTML page, in order, wherever it was written.
        for save_as, template, kwargs in self._pages:
            signals.content_written.send(
                sanitised_join(self.output_path, save_as), context=self._page_context(save_as, kwargs)
            )
        processes = len(set(pids) - {os.getpid()}) or 1
        from pelican.log import console

        console.print(
            f"Profiles: wrote {len(self._pages)} pages and the open data "
            f"in {time.perf_counter() - self._output_started:.2f} s "
            f"({processes} process{'es' if processes > 1 else ''})",
            soft_wrap=True,
        )

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

        return parallel.start_forked_map(
            write, pages, parallel.jobs_for(self.settings, len(self.directory.photographers))
        )

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
            return (
                settings["PHOTOGRAPHERS_URL"]
                if number == 1
                else settings["PHOTOGRAPHERS_PAGE_URL"].format(number=number)
            )

        def save_as(number: int) -> str:
            return (
                settings["PHOTOGRAPHERS_SAVE_AS"]
                if number == 1
                else settings["PHOTOGRAPHERS_PAGE_SAVE_AS"].format(number=number)
            )

        return self._paginate(
            "photographers",
            self.directory.photographers,
            url,
            save_as,
            lambda start, end: {"page_photographers": self.directory.photographers[start:end]},
        )

    def _photographer_pages(self) -> list:
        """Each photographer's profile and scan page.

        The scan page's grid comes from the `scan_grid_of(photographer)`
        global, so it is drawn where the page is rendered (in the workers).
        """
        pool_size = int(self.settings["PHOTOGRAPHERS_SCAN_POOL_SIZE"])
        everyone = self.directory.photographers
        self.env.globals["scan_grid_of"] = lambda p: scan_grid(p, scan_pool(p, everyone, pool_size))
        pages = []
        for photographer in self.directory.photographers:
            pages.append(
                (
                    photographer.save_as,
                    "profile",
                    {"page_name": "profile", "url": photographer.url, "photographer": photographer},
                )
            )
            pages.append(
                (
                    photographer.scan_save_as,
                    "photographer_scan",
                    {"page_name": "photographer_scan", "url": photographer.scan_url, "photographer": photographer},
                )
            )
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
            return city.save_as if number == 1 else settings["CITY_PAGE_SAVE_AS"].format(slug=city.slug, number=number)

        return self._paginate(
            "city",
            city.photographers,
            url,
            save_as,
            lambda start, end: {
                "city": city,
                "page_based": city.based[start : min(end, based)],
                "page_visiting": city.visiting[max(start - based, 0) : max(end - based, 0)],
            },
        )

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
            pages.append(
                (
                    save_as(number),
                    template,
                    {
                        "page_name": template,
                        "url": url(number),
                        "page_number": number,
                        "page_count": count,
                        "first_index": start + 1,
                        "page_items": items[start:end],
                        "page_links": pager_links(number, count, url, window),
                        "prev_url": url(number - 1) if number > 1 else None,
                        "next_url": url(number + 1) if number < count else None,
                        **extra(start, end),
                    },
                )
            )
        return pages


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


def _start_output(generators) -> None:
    for generator in generators:
        if isinstance(generator, ProfilesGenerator):
            generator.start_output()


def get_generators(pelican):
    return ProfilesGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.generator_init.connect(templating.generator_init)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(_start_output)
    signals.static_generator_init.connect(_skip_profiles)
