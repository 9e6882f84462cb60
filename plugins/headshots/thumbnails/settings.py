"""The thumbnails plugin's settings: every one with its default, checked, and
turned into the rendition options that go into cache keys. No Pelican import.
"""

from __future__ import annotations

import json
import os

from ..errors import Problem

# Every setting of this plugin, with its default, in one place (set on `initialized`).
DEFAULTS = {
    # Responsive widths in pixels. Never upscaled; a width within 1.25x of the
    # largest rendition is dropped (geometry.choose_widths).
    "HEADSHOTS_WIDTHS": [160, 320, 480, 640, 960, 1280],
    # Formats made for every width; the first ones are <source>s, "jpeg" is the <img>.
    # Tests pass ["jpeg"] to be fast.
    "HEADSHOTS_FORMATS": ["avif", "webp", "jpeg"],
    # Encoder quality per format, tuned with `make bench` (docs/ARCHITECTURE.md).
    "HEADSHOTS_QUALITY": {"avif": 50, "webp": 75, "jpeg": 78},
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
    # False: make and cache every rendition and give pages their URLs, but copy
    # nothing into the output (`make bench-scale IMAGES=0` measures pages alone).
    "HEADSHOTS_PUBLISH": True,
}

FORMATS = ("avif", "webp", "jpeg")


def apply_defaults(settings: dict) -> None:
    for key, value in DEFAULTS.items():
        settings.setdefault(key, json.loads(json.dumps(value)))


def settings_problems(settings) -> list[Problem]:
    problems = []

    def bad(key, message):
        problems.append(Problem("pelicanconf.py", field=key, message=message))

    formats = settings["HEADSHOTS_FORMATS"]
    if not formats or any(f not in FORMATS for f in formats):
        bad("HEADSHOTS_FORMATS", f"must be a non-empty list of {', '.join(FORMATS)}, not {formats!r}")
    widths = settings["HEADSHOTS_WIDTHS"]
    if not widths or any(not isinstance(w, int) or w < 16 for w in widths):
        bad("HEADSHOTS_WIDTHS", f"must be a list of pixel widths of at least 16, not {widths!r}")
    if settings["HEADSHOTS_PLACEHOLDER"] not in ("colour", "blur"):
        bad("HEADSHOTS_PLACEHOLDER", 'must be "colour" or "blur"')
    quality = settings["HEADSHOTS_QUALITY"]
    for fmt in formats if isinstance(formats, list) else []:
        if fmt in FORMATS and not (isinstance(quality, dict) and isinstance(quality.get(fmt), int)
                                   and 1 <= quality[fmt] <= 100):
            bad("HEADSHOTS_QUALITY", f"needs a quality 1-100 for {fmt}")
    return problems


def options_from(settings, workers: int = 1) -> dict:
    """The rendition options (everything that goes into cache keys) from settings."""
    quality = {**DEFAULTS["HEADSHOTS_QUALITY"], **settings["HEADSHOTS_QUALITY"]}
    return {
        "widths": list(settings["HEADSHOTS_WIDTHS"]),
        "formats": list(dict.fromkeys(settings["HEADSHOTS_FORMATS"])),
        "quality": quality,
        "avif_speed": int(settings["HEADSHOTS_AVIF_SPEED"]),
        "webp_method": int(settings["HEADSHOTS_WEBP_METHOD"]),
        "scan_width": int(settings["HEADSHOTS_SCAN_WIDTH"]),
        "og_size": list(settings["HEADSHOTS_OG_SIZE"]),
        "placeholder": settings["HEADSHOTS_PLACEHOLDER"],
        # not in any key: libaom threads only change speed, not bytes
        "avif_threads": max(1, (os.cpu_count() or 1) // max(1, workers)),
    }
