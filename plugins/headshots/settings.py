"""Every setting of ours, with its default and a one-line comment: the one table.

Set on Pelican's `initialized` (so `pelicanconf.py` or `pelican -e` override
any of them), and by `load()` for `headshots check` and `headshots new`,
which read the same `pelicanconf.py` through Pelican's own loader: the
check and the build see the same values. URL patterns follow Pelican's
convention (`*_URL` the address, `*_SAVE_AS` the file); templates link
`{{ SITEURL }}/{{ NAME_URL }}`, never a literal address.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from headshots.errors import Problem

SETTINGS_FILE = "pelicanconf.py"

DEFAULTS = {
    # ---------------------------------------------------------- the directory (headshots.directory, .pagelist)
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
    # One file per profile: its open data, with the facts panel's rows and the
    # numbers the compare page works a total from (the compare page reads it).
    "PHOTOGRAPHER_JSON_SAVE_AS": "photographers/{slug}/index.json",
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
    # ---------------------------------------------------------- articles and every page (headshots.articles, base.html)
    # Hosts besides the site itself that article images may come from, over https only (an image
    # from elsewhere tells that host who reads what; plain http:// is mixed content). Each must be
    # in CONTENT_SECURITY_POLICY's img-src too (`headshots check` says so when it is not).
    "ARTICLE_IMAGE_HOSTS": [],
    # Every page's Content-Security-Policy: a <meta> in base.html, and the header docs/deploy.md
    # quotes (the better place: a header can add frame-ancestors, which a <meta> cannot carry).
    # Nothing but the site's own files: 'wasm-unsafe-eval' for the scan's face detector and
    # Pagefind (WebAssembly); the sha256 is base.html's one inline script, which marks <html>
    # with the "js" class (tests/test_csp.py fails when they drift apart); data: for the CSS
    # icons. No inline styles (site.js paints the headshot placeholders); the scan draws the
    # actor's photo on a canvas, so no blob: either.
    "CONTENT_SECURITY_POLICY": (
        "default-src 'none'; "
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-qOhFsq0QMV2REqNwk5hGH5bZE9SkX6gt6yeyKdYPv+U='; "
        "style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'"
    ),
    # ---------------------------------------------------------- search (headshots.indexing, .pagedata.searchdata)
    # False: build without a search index (pages still work).
    "SEARCH_ENABLED": True,
    # Where, inside the output folder, the Pagefind index goes.
    "SEARCH_BUNDLE_DIR": "pagefind",
    # Seconds before a hung Pagefind fails the build.
    "SEARCH_TIMEOUT": 600,
    # ------------------------------------------------------------------ renditions (headshots.thumbnails)
    # Responsive widths in pixels. Never upscaled; a width within 1.25x of the
    # largest rendition is dropped (geometry.choose_widths).
    "HEADSHOTS_WIDTHS": [160, 320, 480, 640, 960, 1280],
    # Formats made for every width; the first ones are <source>s, "jpeg" is the <img>.
    # Tests pass ["jpeg"] to be fast.
    "HEADSHOTS_FORMATS": ["avif", "webp", "jpeg"],
    # Encoder quality per format, tuned with `make bench` (docs/ARCHITECTURE.md).
    "HEADSHOTS_QUALITY": {"avif": 48, "webp": 75, "jpeg": 78},
    # libaom speed 0 (slowest, smallest) .. 10; decides most of the build time. 6: same bytes
    # as 8 at +0.003 SSIM (about 4% fewer bytes at equal SSIM), as efficient as sharp's default
    # effort 4 and several times faster than it (docs/ARCHITECTURE.md, make bench).
    "HEADSHOTS_AVIF_SPEED": 6,
    # libwebp method 0 (fast) .. 6 (small).
    "HEADSHOTS_WEBP_METHOD": 4,
    # The five-second scan's tile: CSS px wide (4:5), made at 1x and 2x.
    "HEADSHOTS_SCAN_WIDTH": 112,
    # The Open Graph card: the whole 4:5 headshot, centred on its average colour.
    "HEADSHOTS_OG_SIZE": [1200, 630],
    # Worker processes; None: every core.
    "HEADSHOTS_JOBS": None,
    # "all": every rendition is encoded before the pages are written (make build, make publish).
    # "on-request": each source is planned (decode, faces, placeholder) and its renditions are left
    # to the caller, which `headshots serve` encodes in the background, requested ones first.
    "HEADSHOTS_ENCODE": "all",
    # A source whose short side is under this is refused (issue 3: 800 px).
    "HEADSHOTS_MIN_SIDE": 800,
    # A source over this many pixels is refused before decoding (decompression bombs).
    "HEADSHOTS_MAX_PIXELS": 100_000_000,
    # "colour" (average colour behind the image) or "blur" (plus a tiny blurred image).
    "HEADSHOTS_PLACEHOLDER": "colour",
    # Output folder and URL prefix: /images/<photographer-slug>/<file>.
    "HEADSHOTS_OUTPUT": "images",
    # Show a progress bar (on a terminal) when at least this many sources need work.
    "HEADSHOTS_PROGRESS_MIN": 6,
    # CI's render stage (`headshots cache shards`, docs/deploy.md): one render job per this many
    # sources to render, at most HEADSHOTS_SHARDS_MAX jobs (a free account runs 20 jobs at once).
    "HEADSHOTS_SHARD_SOURCES": 1000,
    "HEADSHOTS_SHARDS_MAX": 16,
    # False: make and cache every rendition and give pages their URLs, but copy
    # nothing into the output (`make bench-scale IMAGES=0` measures pages alone).
    "HEADSHOTS_PUBLISH": True,
}


def content_folder(settings: dict) -> Path:
    """The folder of articles and pages (Pelican's PATH; "content" when a tool runs without it)."""
    return Path(settings.get("PATH") or "content")


def apply_defaults(settings: dict) -> dict:
    """Every missing setting from DEFAULTS (a copy: Pelican's and our tables are never mutated);
    PHOTOGRAPHERS_PATH made absolute (relative paths are taken from the working directory)."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    settings["PHOTOGRAPHERS_PATH"] = os.path.abspath(os.path.expanduser(str(settings["PHOTOGRAPHERS_PATH"])))
    _never_publish_the_photographers_folder(settings)
    return settings


def _never_publish_the_photographers_folder(settings: dict) -> None:
    """With PHOTOGRAPHERS_PATH inside the content folder, Pelican would copy it (originals with their
    GPS, profile.yaml) wherever a STATIC_PATHS entry covers it, and read any Markdown in it: exclude
    it from every generator's files, wherever it sits."""
    content = os.path.realpath(os.path.abspath(content_folder(settings)))
    photographers = os.path.realpath(settings["PHOTOGRAPHERS_PATH"])
    if os.path.commonpath([content, photographers]) != content or photographers == content:
        return
    inside = os.path.relpath(photographers, content)
    for key in ("STATIC_EXCLUDES", "ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        if inside not in excludes:
            settings[key] = [*excludes, inside]


def settings_problem(error: Exception, path: str = SETTINGS_FILE):
    """The one line naming why the settings file could not be read (`headshots` commands, the dev server)."""
    line, col = (error.lineno or 1, error.offset or 1) if isinstance(error, SyntaxError) else (1, 1)
    reason = error.msg if isinstance(error, SyntaxError) else f"{type(error).__name__}: {error}"
    return Problem(path, line, col, "settings", f"cannot be read: {reason}")


def load(path: str = SETTINGS_FILE) -> dict:
    """The settings a build with `-s path` gets, run from the same folder: Pelican's defaults,
    the file's values, ours.

    Pelican's own checks of them (`configure_settings`, which refuses a
    missing content folder) are the build's business: a check of profiles
    needs no content folder.

    Without the file (a photographers folder checked on its own), ours alone:
    the article check then falls back on the layout DESIGN.md gives
    (`headshots.articles.LAYOUT_DEFAULTS`), not Pelican's blog layout.
    """
    if not Path(path).is_file():
        return apply_defaults({})
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

    return apply_defaults({**copy.deepcopy(DEFAULT_CONFIG), **get_settings_from_file(str(path))})
