"""The Pelican side of the thumbnails plugin: settings on `initialized`, and the
generator that runs after the profiles generator, sets `headshot.picture` and
publishes the files. The only module here that imports Pelican.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.log import console

from ..errors import fail, install_log_filter
from .build import LAST_STATS, Item, process, publish
from .picture import picture_markup, scan_tile, scan_tiles
from .settings import apply_defaults, settings_problems

logger = logging.getLogger(__name__)


class ThumbnailsGenerator(Generator):
    """Runs after the profiles generator: sets `headshot.picture`, then writes the files."""

    def generate_context(self):
        self.files = []
        photographers = self.context.get("photographers") or []
        problems = settings_problems(self.settings)
        if problems:
            fail(problems)
        headshots, items = [], []
        for photographer in photographers:
            for headshot in getattr(photographer, "headshots", None) or []:
                headshots.append(headshot)
                items.append(Item(Path(headshot.source), getattr(headshot, "focus", None),
                                  photographer.slug, getattr(headshot, "where", None)))
        if not items:
            return
        cache = Path(self.settings.get("CACHE_PATH") or "cache") / "headshots"
        pictures, self.files, problems = process(items, self.settings, cache)
        if problems:
            fail(problems)
        for headshot, picture in zip(headshots, pictures):
            headshot.picture = picture
        stats = LAST_STATS
        console.print(f"Headshots: {stats['sources']} sources, {stats['decoded']} decoded, "
                      f"{stats['encoded']} renditions encoded, {stats['reused']} reused "
                      f"in {stats['seconds']:.2f} s (hashed {stats['hashed_bytes'] / 1e6:.0f} MB "
                      f"in {stats['hash_seconds']:.2f} s)", soft_wrap=True)

    def generate_output(self, writer):
        if not self.files:
            return
        if not self.settings.get("HEADSHOTS_PUBLISH", True):
            logger.info("Headshots: HEADSHOTS_PUBLISH is False, no rendition copied into the output")
            return
        started = time.perf_counter()
        count = publish(self.files, self.output_path)
        console.print(f"Headshots: published {len(self.files)} files ({count} new links) "
                      f"in {time.perf_counter() - started:.2f} s", soft_wrap=True)


def initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    # a new dict: never mutate Pelican's DEFAULT_CONFIG in place
    settings["JINJA_GLOBALS"] = {**(settings.get("JINJA_GLOBALS") or {}), "picture": picture_markup,
                                "headshots_scan_tile": scan_tile, "headshots_scan_tiles": scan_tiles}
    install_log_filter()


def get_generators(pelican):
    return ThumbnailsGenerator


def register() -> None:
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
