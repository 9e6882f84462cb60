"""The pictures stage: every headshot of the directory to its renditions, as a map; the model is not touched.

read -> model -> pictures (here) -> page data -> pages -> search
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from .build import Item, process
from .picture import Picture
from .settings import cache_folder


@dataclass
class Pictures:
    """What the stage made: a Picture by headshot source, the files to publish, problems and counts.

    In on-request mode (HEADSHOTS_ENCODE) `files` holds the renditions already made, and each
    Picture's `pending` what is left to encode (`build.Encode`)."""

    by_source: dict[Path, Picture] = field(default_factory=dict)
    files: list[tuple[Path, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def summary(self) -> str:
        """One log line (the bench reads it)."""
        s = self.stats
        left = f", {s['pending']} left to encode on request" if s.get("pending") else ""
        return (
            f"Headshots: {s['sources']} sources, {s['decoded']} decoded, {s['encoded']} renditions encoded, "
            f"{s['reused']} reused{left} in {s['seconds']:.2f} s "
            f"(hashed {s['hashed_bytes'] / 1e6:.0f} MB in {s['hash_seconds']:.2f} s)"
        )


def items_of(photographers) -> list[Item]:
    """Every headshot of `photographers`, as the pictures stage takes it."""
    return [Item(Path(shot.source), shot.focus, p.slug, shot.where) for p in photographers for shot in p.headshots]


def make_pictures(photographers, settings: dict) -> Pictures:
    """Renditions of every headshot of `photographers` (made, or found in the cache under CACHE_PATH)."""
    items = items_of(photographers)
    if not items:
        return Pictures()
    pictures, files, problems, stats = process(items, settings, cache_folder(settings))
    return Pictures(
        {item.source: picture for item, picture in zip(items, pictures, strict=True)}, files, problems, stats
    )
