"""The thumbnails plugin's settings checked, and turned into the rendition options that go into
cache keys (their defaults are in headshots.settings). No Pelican import.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..settings import DEFAULTS  # every default lives in the one table

# Every setting of this plugin, with its default, in one place (set on `initialized`).

FORMATS = ("avif", "webp", "jpeg")
#: HEADSHOTS_ENCODE: "all" (builds, publish) or ON_REQUEST (`headshots serve`: pages first, renditions after).
ON_REQUEST = "on-request"
ENCODE_MODES = ("all", ON_REQUEST)


def output_folder(settings) -> str:
    """HEADSHOTS_OUTPUT as the renditions' folder inside the output ("/images/" -> "images")."""
    return settings["HEADSHOTS_OUTPUT"].strip("/")


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
    if settings["HEADSHOTS_ENCODE"] not in ENCODE_MODES:
        bad("HEADSHOTS_ENCODE", "must be " + " or ".join(f'"{mode}"' for mode in ENCODE_MODES))
    quality = settings["HEADSHOTS_QUALITY"]
    for fmt in formats if isinstance(formats, list) else []:
        if fmt in FORMATS and not (
            isinstance(quality, dict) and isinstance(quality.get(fmt), int) and 1 <= quality[fmt] <= 100
        ):
            bad("HEADSHOTS_QUALITY", f"needs a quality 1-100 for {fmt}")
    return problems


def options_from(settings) -> dict:
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
    }


def cache_folder(settings) -> Path:
    """Where renditions and source records are kept: under Pelican's CACHE_PATH, outside the output."""
    return Path(settings.get("CACHE_PATH") or "cache") / "headshots"
