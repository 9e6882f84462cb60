"""Pure functions: where to crop, which widths to make. No pixels here.

Every number the pipeline needs is decided by these functions from the
source's oriented size and the settings, so the main process can plan a
warm rebuild from cached sizes without opening a single image.
"""

from __future__ import annotations

import math

#: A headshot is 8x10: every rendition is width:height = 4:5.
RATIO_W, RATIO_H = 4, 5

#: Where the focal point (the face) lands inside the crop: centred
#: horizontally, on the upper third line, which is how headshots are framed.
ANCHOR_X, ANCHOR_Y = 0.5, 1 / 3

#: Without a `focus:` the face is assumed horizontally centred, in the upper third.
DEFAULT_FOCUS = (0.5, 1 / 3)

#: A configured width is dropped when the largest rendition is less than this
#: factor larger than it: a 1200 next to a 1280 costs bytes and helps no screen.
WIDTH_GAP = 1.25


def height_for(width: int) -> int:
    """The 4:5 height of a rendition `width` pixels wide."""
    return max(1, round(width * RATIO_H / RATIO_W))


def crop_box(
    size: tuple[int, int], focus: tuple[float, float] | None = None, keep: tuple | None = None
) -> tuple[float, float, float, float]:
    """The largest exact 4:5 box inside `size`, placed around `focus`.

    `focus` is (x, y) in 0..1 of the (oriented) source; it lands at the crop's
    horizontal centre and upper third where the image allows, otherwise the box
    is clamped inside the image. `keep` (left, top, right, bottom in 0..1: a
    face) is then brought wholly inside the box where it fits, so a large face
    near an edge loses neither its chin nor its forehead. The box's size depends
    on `size` alone. Returns (left, top, right, bottom) as floats (Pillow's
    `resize(box=...)` samples sub-pixel boxes, so the ratio is exact).
    """
    width, height = size
    fx, fy = DEFAULT_FOCUS if focus is None else focus
    if width * RATIO_H >= height * RATIO_W:  # wider than 4:5: full height
        crop_h = float(height)
        crop_w = height * RATIO_W / RATIO_H
    else:  # taller than 4:5: full width
        crop_w = float(width)
        crop_h = width * RATIO_H / RATIO_W
    left = fx * width - ANCHOR_X * crop_w
    top = fy * height - ANCHOR_Y * crop_h
    if keep is not None:
        left = _hold(left, crop_w, keep[0] * width, keep[2] * width)
        top = _hold(top, crop_h, keep[1] * height, keep[3] * height)
    left = min(max(left, 0.0), width - crop_w)
    top = min(max(top, 0.0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def _hold(start: float, length: float, low: float, high: float) -> float:
    """`start` moved as little as possible so [start, start + length] holds [low, high];
    when it cannot, centred on it."""
    if high - low > length:
        return (low + high - length) / 2
    return min(max(start, high - length), low)


def crop_width(box) -> int:
    """Whole pixels of source width inside a crop box (what "never upscale" compares to)."""
    return int(math.floor(box[2] - box[0] + 1e-6))


def choose_widths(available: int, widths) -> list[int]:
    """The rendition widths for a crop `available` pixels wide.

    The largest rendition is the largest configured width, or the crop's own
    width when the source is smaller (never upscale). Configured widths within
    WIDTH_GAP of that largest one are dropped; the rest are kept, sorted and
    de-duplicated. Example: widths 160..1280 and a 1000 px crop give
    [160, 320, 480, 640, 1000] (960 is within 1.25x of 1000).
    """
    widths = sorted({int(w) for w in widths if int(w) > 0})
    if not widths or available < 1:
        return []
    top = min(available, widths[-1])
    return sorted({w for w in widths if w * WIDTH_GAP <= top} | {top})


def scan_widths(available: int, tile_width: int) -> tuple[int, int]:
    """The scan tile at 1x and 2x device pixels, never wider than the crop."""
    return (min(tile_width, available), min(2 * tile_width, available))


def og_layout(crop_height: int, og_size: tuple[int, int]) -> tuple[int, int]:
    """The whole 4:5 headshot on the Open Graph card: (width, height) of the
    inset, at the card's full height, or the crop's height when that is smaller."""
    card_w, card_h = og_size
    inset_h = min(card_h, crop_height)
    return (max(1, round(inset_h * RATIO_W / RATIO_H)), inset_h)


def oriented_size(size: tuple[int, int], orientation: int | None) -> tuple[int, int]:
    """The size after applying EXIF orientation (5-8 swap the axes)."""
    width, height = size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def draft_request(source_size, box, needed_width: int, orientation: int | None) -> tuple[int, int]:
    """The size to ask JPEG draft mode for, in stored (un-rotated) pixels.

    Draft mode picks the largest DCT reduction (1/2, 1/4, 1/8) that keeps the
    image at least this big, so the crop still holds `needed_width` pixels.
    """
    oriented = oriented_size(source_size, orientation)
    scale = min(1.0, needed_width / max(box[2] - box[0], 1e-9))
    request = (math.ceil(oriented[0] * scale), math.ceil(oriented[1] * scale))
    return (request[1], request[0]) if orientation in (5, 6, 7, 8) else request


def resize_parent(made, width: int):
    """The size of the image to resize to `width` from, among the sizes `made`: the smallest one at
    least twice as wide (Lanczos from there keeps the detail of a direct resize, measured with
    `make bench`'s SSIM), else the largest one if it is wider, else None (resize from the decode:
    never upscale)."""
    for size in sorted(made):
        if size[0] >= 2 * width:
            return size
    largest = max(made) if made else None
    return largest if largest and largest[0] > width else None


def resize_chain(sizes, wanted) -> dict:
    """The sizes to make, widest first, for the `wanted` ones, each with the size it is resized
    from (None: the decode): the parents are those of making every one of `sizes`, widest
    first, so a rendition's pixels do not depend on which others are made with it."""
    order = sorted(set(sizes), reverse=True)
    parents = {size: resize_parent(order[:index], size[0]) for index, size in enumerate(order)}
    needed: set = set()
    for size in wanted:
        while size is not None and size not in needed:
            needed.add(size)
            size = parents[size]
    return {size: parents[size] for size in order if size in needed}
