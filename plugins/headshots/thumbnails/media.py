"""An article image (content/media/) opened and decoded as a headshot is, for `headshots.inputs`.

The site publishes these files as they are, from its own address, so each
must really be an image: the same opening, pixel cap, scan cap and full
decode as a headshot (`pipeline.open_checked`, `load_checked`), without the
headshot's minimum size or face check.
"""

from __future__ import annotations

from .noise import library_noise
from .pipeline import SourceProblem, load_checked, open_checked


def media_problem(path, max_pixels: int) -> str | None:
    """Why an article image cannot be published (a sentence that follows its name), or None."""
    try:
        with library_noise():
            im, _, _ = open_checked(path, 1, max_pixels)
            with im:
                load_checked(im)
    except SourceProblem as problem:
        return str(problem)
    return None
