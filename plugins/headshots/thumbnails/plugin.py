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

from ..errors import fail, install_log_filter, report
from ..settings import apply_defaults
from .build import LAST_STATS, Item, process, publish
from .settings import cache_folder, settings_problems

logger = logging.getLogger(__name__)


class ThumbnailsGenerator(Generator):
    """Runs after the profiles generator: makes the renditions of every headshot in the context's
    `directory`, attaches them to it (`Directory.attach_pictures`), then publishes the files."""

    def generate_context(self):
        self.files = []
        directory = self.context.get("directory")
        problems = settings_problems(self.settings)
        if problems:
            fail(problems)
        photographers = directory.photographers if directory is not None else []
        items = [Item(Path(shot.source), shot.focus, p.slug, shot.where) for p in photographers for shot in p.headshots]
        if not items:
            return
        pictures, self.files, problems = process(items, self.settings, cache_folder(self.settings))
        report(problems)  # warnings are printed; an error stops the build
        directory.attach_pictures({item.source: picture for item, picture in zip(items, pictures)})
        stats = LAST_STATS
        console.print(
            f"Headshots: {stats['sources']} sources, {stats['decoded']} decoded, "
            f"{stats['encoded']} renditions encoded, {stats['reused']} reused "
            f"in {stats['seconds']:.2f} s (hashed {stats['hashed_bytes'] / 1e6:.0f} MB "
            f"in {stats['hash_seconds']:.2f} s)",
            soft_wrap=True,
        )

    def generate_output(self, writer):
        if not self.files:
            return
        if not self.settings.get("HEADSHOTS_PUBLISH", True):
            logger.info("Headshots: HEADSHOTS_PUBLISH is False, no rendition copied into the output")
            return
        started = time.perf_counter()
        count = publish(self.files, self.output_path)
        console.print(
            f"Headshots: published {len(self.files)} files ({count} new links) "
            f"in {time.perf_counter() - started:.2f} s",
            soft_wrap=True,
        )


def initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    install_log_filter()


def get_generators(pelican):
    return ThumbnailsGenerator


def register() -> None:
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
