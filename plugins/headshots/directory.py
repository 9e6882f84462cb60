"""The directory: every valid profile read once into one model that pages, JSON, search and checks read.

    profiles (validate.py) -> Directory (here) -> pictures -> page data -> pages -> search

Plain Python, no Pelican: the build (headshots.plugin) and `headshots
check` both call `start_reading(settings)`, so they read the same files with
the same cache and report the same problems. Every address comes from the
URL settings (`headshots.settings.DEFAULTS`), so moving one moves every link,
JSON entry and sitemap URL to it, and the article link check knows the same
addresses (`Directory.urls`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from headshots.errors import Problem, display_path
from headshots.model import City, Headshot, Photographer, assemble
from headshots.profilecache import ProfileCache
from headshots.reading import Reading, start_loading_profiles


def profile_cache(settings: dict) -> ProfileCache | None:
    """The cache of parsed profiles under CACHE_PATH (None when PHOTOGRAPHERS_CACHE is off)."""
    if settings.get("PHOTOGRAPHERS_CACHE") and settings.get("CACHE_PATH"):
        return ProfileCache(Path(settings["CACHE_PATH"]) / "profiles")
    return None


def start_reading(settings: dict, cache: ProfileCache | None = None) -> Reading:
    """Start reading every profile under PHOTOGRAPHERS_PATH (made absolute by `settings.apply_defaults`).

    In a big directory workers read while the caller goes on (the build reads
    the articles meanwhile); `Reading.wait()` gives `(profiles, problems)`.
    """
    root = Path(settings["PHOTOGRAPHERS_PATH"])
    if not root.is_dir():
        problem = Problem(
            display_path(root),
            1,
            1,
            "PHOTOGRAPHERS_PATH",
            "folder not found: set PHOTOGRAPHERS_PATH to the folder of photographer profiles",
        )
        return Reading(0, lambda: ([], [problem]))
    return start_loading_profiles(root, cache, settings=settings)


@dataclass
class Directory:
    """Every photographer and city, the bounded selections, and every address they have."""

    settings: dict
    photographers: list[Photographer]
    cities: list[City]
    featured: list[Photographer] = field(default_factory=list)
    top_cities: list[City] = field(default_factory=list)
    scan_headshots: list[Headshot] = field(default_factory=list)

    @classmethod
    def build(cls, profiles, settings: dict, reuse=()) -> Directory:
        """The directory of `profiles`; `reuse`: photographers made before (`model.assemble`)."""
        photographers, cities = assemble(profiles, settings, reuse)
        return cls(
            settings,
            photographers,
            cities,
            featured=spread(photographers, int(settings["FEATURED_PHOTOGRAPHERS"])),
            top_cities=top_cities(cities, int(settings["TOP_CITIES"])),
            scan_headshots=scan_headshots(photographers, int(settings["SCAN_HEADSHOTS"])),
        )

    def headshots(self) -> list[Headshot]:
        return [shot for p in self.photographers for shot in p.headshots]

    @property
    def has_samples(self) -> bool:
        """Whether any photographer is a fictional sample: the footer's note on samples."""
        return any(p.sample for p in self.photographers)

    def context(self) -> dict:
        """What every template gets (docs/ARCHITECTURE.md, "Context the templates get")."""
        return {
            "directory": self,
            "photographers": self.photographers,
            "cities": self.cities,
            "photographers_by_slug": {p.slug: p for p in self.photographers},
            "cities_by_slug": {c.slug: c for c in self.cities},
            "featured_photographers": self.featured,
            "top_cities": self.top_cities,
            "scan_headshots": self.scan_headshots,
            "has_samples": self.has_samples,
        }

    def photographer_json_save_as(self, photographer: Photographer) -> str:
        return self.settings["PHOTOGRAPHER_JSON_SAVE_AS"].format(slug=photographer.slug)

    def city_json_save_as(self, city: City) -> str:
        """Where a city's open data goes ("" when CITY_JSON_SAVE_AS is "")."""
        return self.settings["CITY_JSON_SAVE_AS"].format(slug=city.slug)

    def urls(self) -> set[str]:
        """Every root-relative address this directory's pages and open data have ("/photographers/x/")."""
        s = self.settings
        urls = {s["PHOTOGRAPHERS_URL"], s["CITIES_URL"], s["PHOTOGRAPHERS_JSON_SAVE_AS"], s["CITIES_JSON_SAVE_AS"]}
        for p in self.photographers:
            urls |= {p.url, p.scan_url, self.photographer_json_save_as(p)}
        for c in self.cities:
            urls |= {c.url, self.city_json_save_as(c)}
        return {"/" + url for url in urls if url}


def site_urls(settings: dict) -> set[str]:
    """The root-relative addresses of the pages every build writes whatever the content.

    Home and the other direct templates (their `NAME_URL`, else the page their
    `NAME_SAVE_AS` names), the feed, the sitemap.
    """
    urls = {"/"}
    for name in settings.get("DIRECT_TEMPLATES", ()):
        url = settings.get(f"{name.upper()}_URL")
        if url is None:
            url = re.sub(r"(^|/)index\.html$", r"\1", settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"))
        if url and settings.get(f"{name.upper()}_SAVE_AS", True):
            urls.add("/" + url)
    for key in ("FEED_ALL_ATOM", "SITEMAP_SAVE_AS"):
        if settings.get(key):
            urls.add("/" + settings[key])
    return urls


# --------------------------------------------------------------------------- bounded selections


def spread(items: list, size: int) -> list:
    """`size` items spread evenly over `items` (all of them when there are fewer).

    The home page's featured photographers: deterministic and unpaid, O(size).
    """
    if len(items) <= size:
        return list(items)
    return [items[i * len(items) // size] for i in range(size)]


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
    chosen = spread([p for p in photographers if p.headshots], size)
    shots, round_ = [], 0
    while chosen and len(shots) < size and any(round_ < len(p.headshots) for p in chosen):
        for p in chosen:
            if round_ < len(p.headshots) and len(shots) < size:
                shots.append(p.headshots[round_])
        round_ += 1
    return shots
