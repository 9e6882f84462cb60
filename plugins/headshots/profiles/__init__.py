"""Pelican plugin: photographer profiles into the directory, profile, city and scan pages.

Reads `PHOTOGRAPHERS_PATH/<slug>/profile.yaml`, validates every profile
against `plugins/headshots/profile.schema.json` (all problems, then one
failure), and gives the templates `photographers` and `cities` (see
docs/ARCHITECTURE.md). Writes, through Pelican's writer:

    photographers/                   photographers.html, 48 a page
    photographers/page/N/            the same, page N
    photographers/<slug>/            profile.html
    photographers/<slug>/scan/       photographer_scan.html
    cities/<slug>/                   city.html
    photographers.json               every profile as open data
    sitemap.xml                      every HTML page written (see sitemap.py)

Every setting, with its default, is in DEFAULTS; they are set on
`initialized`, so `pelicanconf.py` or `pelican -e` override any of them.
"""

from __future__ import annotations

import copy
import json
import math
import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.utils import wait_for_changes

from headshots import errors
from headshots.errors import Problem, display_path
from headshots.profiles import sitemap
from headshots.profiles.model import City, Headshot, Photographer, assemble, city_slug, money, scan_pool
from headshots.profiles.validate import load_profile, load_profiles

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
    "PHOTOGRAPHERS_PER_PAGE": 48,
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
    # Open data: every profile (emails only where the profile lists one).
    "PHOTOGRAPHERS_JSON_SAVE_AS": "photographers.json",
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
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.setdefault("money", money)
    settings["JINJA_FILTERS"] = filters
    if settings["PHOTOGRAPHERS_AUTORELOAD"]:
        _watch_profiles(settings)


def _inside(path: str, folder: str) -> bool:
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _watch_profiles(settings) -> None:
    """Make `pelican -r` watch PHOTOGRAPHERS_PATH.

    Pelican 4.12's autoreload watches the settings file, THEME, PATH and
    `PATH/<each STATIC_PATHS entry>`; an absolute entry joins to itself, so
    the profiles folder is appended to STATIC_PATHS. The static generator
    then *finds* the originals, and `_unpublish_originals` removes every one
    of them before anything is copied: an original upload is never published.
    """
    folder = settings["PHOTOGRAPHERS_PATH"]
    if _inside(folder, settings["PATH"]) or not os.path.isdir(folder):
        return
    static = list(settings.get("STATIC_PATHS") or [])
    if folder not in static:
        settings["STATIC_PATHS"] = [*static, folder]


def _unpublish_originals(static_generator) -> None:
    """Drop every file under PHOTOGRAPHERS_PATH from the static files (see `_watch_profiles`)."""
    folder = static_generator.settings.get("PHOTOGRAPHERS_PATH")
    if not folder:
        return
    kept = []
    for static in static_generator.staticfiles:
        source = os.path.join(static_generator.path, static.source_path)
        if _inside(source, folder):
            static_generator.context["static_content"].pop(static.get_relative_source_path(), None)
        else:
            kept.append(static)
    static_generator.staticfiles[:] = kept
    static_generator.context["staticfiles"] = static_generator.staticfiles


class ProfilesGenerator(Generator):
    """Loads and validates every profile (generate_context), writes their pages (generate_output)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters.setdefault("money", money)  # also when settings came from elsewhere
        # Profile text comes from pull requests: these pages escape it even if
        # JINJA_ENVIRONMENT forgets to (pelicanconf.py turns autoescape on site-wide).
        self.env.autoescape = True
        sitemap.collector.reset()

    def generate_context(self) -> None:
        root = Path(self.settings["PHOTOGRAPHERS_PATH"])
        if not root.is_dir():
            errors.fail([Problem(display_path(root), 1, 1, "PHOTOGRAPHERS_PATH",
                                 "folder not found: set PHOTOGRAPHERS_PATH to the folder of photographer profiles")])
        profiles, problems = load_profiles(root)
        # `pelican -r` re-runs the build at once after an error, in a loop: when
        # this process already reported exactly these problems, wait for an
        # edit instead of printing them again and again (a plain build fails
        # once, so it never waits).
        while problems and _last_failure.get(str(root)) == tuple(problems):
            wait_for_changes("", self.settings)
            profiles, problems = load_profiles(root)
        if problems:
            _last_failure[str(root)] = tuple(problems)
            errors.fail(problems)
        _last_failure.pop(str(root), None)
        self.photographers, self.cities = assemble(profiles, self.settings)
        self.context["photographers"] = self.photographers
        self.context["cities"] = self.cities
        self.context["photographers_by_slug"] = {p.slug: p for p in self.photographers}
        self.context["cities_by_slug"] = {c.slug: c for c in self.cities}

    # ------------------------------------------------------------------ output

    def _write(self, writer, save_as, template, **kwargs) -> None:
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings.get("RELATIVE_URLS", False), **kwargs)

    def generate_output(self, writer) -> None:
        settings = self.settings
        per_page = max(1, int(settings["PHOTOGRAPHERS_PER_PAGE"]))
        count = max(1, math.ceil(len(self.photographers) / per_page))

        def page_url(number: int) -> str:
            return settings["PHOTOGRAPHERS_URL"] if number == 1 else \
                settings["PHOTOGRAPHERS_PAGE_URL"].format(number=number)

        def page_save_as(number: int) -> str:
            return settings["PHOTOGRAPHERS_SAVE_AS"] if number == 1 else \
                settings["PHOTOGRAPHERS_PAGE_SAVE_AS"].format(number=number)

        page_links = [{"number": n, "url": page_url(n)} for n in range(1, count + 1)]
        for number in range(1, count + 1):
            self._write(writer, page_save_as(number), "photographers", page_name="photographers",
                        url=page_url(number), page_number=number, page_count=count, page_links=page_links,
                        page_photographers=self.photographers[(number - 1) * per_page: number * per_page],
                        first_index=(number - 1) * per_page + 1,
                        prev_url=page_url(number - 1) if number > 1 else None,
                        next_url=page_url(number + 1) if number < count else None)
        pool_size = int(settings["PHOTOGRAPHERS_SCAN_POOL_SIZE"])
        for photographer in self.photographers:
            self._write(writer, photographer.save_as, "profile", page_name="profile", url=photographer.url,
                        photographer=photographer)
            self._write(writer, photographer.scan_save_as, "photographer_scan", page_name="photographer_scan",
                        url=photographer.scan_url, photographer=photographer,
                        scan_pool=scan_pool(photographer, self.photographers, pool_size))
        for city in self.cities:
            self._write(writer, city.save_as, "city", page_name="city", url=city.url, city=city)
        self._write_open_data()

    def _write_open_data(self) -> None:
        save_as = self.settings["PHOTOGRAPHERS_JSON_SAVE_AS"]
        if not save_as:
            return
        data = {
            "about": "First Look's photographer directory as open data: every profile as its editors wrote it.",
            "count": len(self.photographers),
            "photographers": [p.open_data() for p in self.photographers],
        }
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")


def get_generators(pelican):
    return ProfilesGenerator


def register() -> None:
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
    signals.static_generator_finalized.connect(_unpublish_originals)
    signals.content_written.connect(sitemap.collector.page_written)
    signals.finalized.connect(sitemap.collector.write)


__all__ += ["load_profile", "load_profiles"]
