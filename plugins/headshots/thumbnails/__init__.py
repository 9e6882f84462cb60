"""headshots.thumbnails: every headshot to responsive renditions (AVIF, WebP, JPEG).

Pelican plugin. The profiles generator finds the headshots; this plugin's
generator (which runs after it) decodes each source once, in parallel worker
processes, makes every rendition into a content-addressed cache under
CACHE_PATH, sets `headshot.picture` (a `Picture`), and copies the finished
files into the output. See docs/ARCHITECTURE.md, "Pictures" and "Thumbnail
pipeline", and `picture.picture_markup` (the templates' `picture()`) for the markup.

One concern per module: `settings` (defaults, checks, rendition options),
`geometry` and `plan` (what to make, pure), `faces` (the face detector, and
the crop and warnings it decides), `pipeline` (the pixels, run in worker
processes), `build` (`process()` and `publish()`), `picture` (the markup
data), `plugin` (the Pelican generator and signals). Only `plugin`
imports Pelican, and only when Pelican calls `register()`: this file runs
for every submodule import, so a spawned worker that unpickles
`pipeline.render` imports Pillow and these small modules, not Pelican.

`inspect(path, min_side, max_pixels, cache)` is the same check the build makes, for
`headshots check`: a `Finding` (the error, or the warnings: what reading the
file printed, and whether its face reads at casting size, from `faces`).
"""

from __future__ import annotations

from ..settings import DEFAULTS, apply_defaults
from .build import LAST_STATS, Finding, Item, inspect, process, publish
from .picture import Picture, PictureMarkupError, picture_attrs, picture_markup, scan_tile, scan_tiles
from .plan import PIPELINE_VERSION
from .settings import FORMATS, cache_folder, options_from

__all__ = [
    "DEFAULTS",
    "FORMATS",
    "Finding",
    "LAST_STATS",
    "PIPELINE_VERSION",
    "Item",
    "Picture",
    "PictureMarkupError",
    "apply_defaults",
    "cache_folder",
    "inspect",
    "options_from",
    "picture_attrs",
    "picture_markup",
    "process",
    "publish",
    "register",
    "scan_tile",
    "scan_tiles",
]


def register() -> None:
    """Pelican's entry point (PLUGINS = ["headshots.thumbnails"]): connects `plugin`'s signals."""
    from . import plugin

    plugin.register()
