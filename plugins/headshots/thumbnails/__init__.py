"""headshots.thumbnails: the pictures stage, every headshot to responsive renditions (AVIF, WebP, JPEG).

`make_pictures(photographers, settings)` (`stage`) decodes each source once,
in parallel worker processes, makes every rendition into a content-addressed
cache under CACHE_PATH, and returns `Pictures`: a `Picture` by headshot
source, the files to publish (`publish`), the problems and the counts. It
writes nothing into the model. With HEADSHOTS_ENCODE = "on-request"
(`headshots serve`) it plans each source (decode, faces, placeholder) and
encodes nothing: `files` lists the renditions already made, and each
Picture's `pending` what is left (`build.Encode`), for the dev server to
encode. See docs/ARCHITECTURE.md, "Pictures" and
"Thumbnail pipeline", and `picture.picture_markup` for the markup.

One concern per module: `settings` (defaults, checks, rendition options),
`geometry` and `plan` (what to make, pure), `noise` (which warnings are the
file's own), `faces` (the face detector, and
the crop and warnings it decides), `pipeline` (the pixels, run in worker
processes), `entries` (the store's files, each with a digest), `build`
(`process()` and `publish()`), `stage` (the stage's entry), `picture` (the
markup data); `shards` and `merge` (`headshots render`, `headshots cache`:
the cold build on several machines) are imported by the command only. Nothing here imports Pelican, so a
spawned worker that unpickles `pipeline.render` imports Pillow and these
small modules only.

`inspect(path, min_side, max_pixels, cache)` is the same check the build makes, for
`headshots check`: a `Finding` (the error, or the warnings: what reading the
file printed, and whether its face reads at casting size, from `faces`).
"""

from __future__ import annotations

from ..settings import DEFAULTS, apply_defaults
from .build import Finding, Item, inspect, process, publish
from .picture import Picture, PictureMarkupError, picture_attrs, picture_markup, scan_tile
from .plan import PIPELINE_VERSION
from .settings import FORMATS, cache_folder, options_from, settings_problems
from .stage import Pictures, make_pictures

__all__ = [
    "DEFAULTS",
    "FORMATS",
    "Finding",
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
    "scan_tile",
    "settings_problems",
    "Pictures",
    "make_pictures",
]
