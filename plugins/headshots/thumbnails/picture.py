"""`Picture`: one headshot's renditions, and the templates' `picture()` and scan tiles.

The one way a template shows a headshot is the Jinja global `picture`
(`picture_markup`): `{{ picture(headshot.picture, alt=headshot.alt, sizes="...") }}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from .plan import MIME

#: Format order in markup: the browser takes the first `<source>` it supports.
SOURCE_ORDER = ("avif", "webp")


class PictureMarkupError(ValueError):
    """A template called `picture()` wrongly (no alt, no sizes, no picture)."""


@dataclass(frozen=True)
class Image:
    """One rendition as the markup needs it."""

    url: str
    width: int
    height: int
    fmt: str


@dataclass
class Picture:
    """Every rendition of one headshot. URLs are root-relative (`/images/...`).

    - `width`, `height`: the largest JPEG (what `<img width height>` declares);
    - `placeholder`: average colour `#rrggbb`; `blur`: a tiny data-URI image or None;
    - `og_url`, `og_width`, `og_height`: the Open Graph card (JPEG, 1200x630);
    - `url(width, fmt)`: one rendition's URL; `widths`: the responsive widths;
    - `label`: the source as an editor names it (for error messages);
    - `face_caption`: how its face reads at casting size, for actors (`faces.caption`).
    """

    label: str
    responsive: dict = field(default_factory=dict)  # fmt -> [Image], widest last
    scan: dict = field(default_factory=dict)  # fmt -> [Image 1x, Image 2x]
    placeholder: str = "#808080"
    blur: str | None = None
    og_url: str = ""
    og_width: int = 0
    og_height: int = 0
    face_caption: str = ""
    #: in on-request mode (HEADSHOTS_ENCODE, development), the renditions not made yet: a `build.Encode`
    pending: object | None = field(default=None, repr=False, compare=False)
    #: picture_markup's (and scan_tile's) results by their arguments: a headshot shown on many pages is rendered once
    markup: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def formats(self) -> list[str]:
        return list(self.responsive)

    @property
    def fallback(self) -> str:
        return "jpeg" if "jpeg" in self.responsive else self.formats[-1]

    @property
    def widths(self) -> list[int]:
        return [image.width for image in self.responsive[self.fallback]]

    @property
    def width(self) -> int:
        return self.responsive[self.fallback][-1].width

    @property
    def height(self) -> int:
        return self.responsive[self.fallback][-1].height

    @property
    def src(self) -> str:
        """The largest JPEG's URL."""
        return self.responsive[self.fallback][-1].url

    def url(self, width: int | None = None, fmt: str = "jpeg") -> str:
        """The URL of the `fmt` rendition `width` wide; when that width was not
        made (small source), the smallest one at least that wide, else the largest."""
        images = self.responsive.get(fmt)
        if not images:
            raise KeyError(f"{self.label}: no {fmt} renditions (formats: {', '.join(self.formats)})")
        if width is None:
            return images[-1].url
        for image in images:
            if image.width >= width:
                return image.url
        return images[-1].url


def _srcset(images, density=False) -> str:
    if density:
        return ", ".join(f"{image.url} {index + 1}x" for index, image in enumerate(images))
    return ", ".join(f"{image.url} {image.width}w" for image in images)


#: The densest screen a `w` srcset is trimmed for (see `largest_slot`).
MAX_DENSITY = 2
_REM = 16.0
_LENGTH = re.compile(r"^\s*([+-]?\s*[\d.]+)(px|rem|em|vw)\s*$")


def _length(text: str):
    """A `sizes` length as (vw coefficient, px constant), or None when it can't be bounded."""
    text = text.strip()
    if text.startswith("calc(") and text.endswith(")"):
        vw = px = 0.0
        for sign, term in re.findall(r"([+-]?)\s*([\d.]+(?:px|rem|em|vw))", text[5:-1]):
            part = _length(term)
            if part is None:
                return None
            factor = -1 if sign == "-" else 1
            vw, px = vw + factor * part[0], px + factor * part[1]
        return (vw, px)
    match = _LENGTH.match(text)
    if not match:
        return None
    value, unit = float(match.group(1).replace(" ", "")), match.group(2)
    if unit == "vw":
        return (value / 100, 0.0)
    return (0.0, value * (_REM if unit in ("rem", "em") else 1))


@lru_cache(maxsize=256)
def largest_slot(sizes: str):
    """The widest the image is ever shown, in CSS px, by its `sizes`; None when unbounded or unknown.

    Understands what our templates write: `(min-width: X) length` entries
    from the widest breakpoint down, then a default length; lengths in px,
    rem/em (16 px), vw or `calc()` of those. A vw length is bounded by the
    breakpoint above it (the entries before it did not match), so the first
    entry must not be in vw. Anything else (max-width, other units): None.
    """
    upper = None  # the viewport is narrower than this, for the entry being read
    widest = 0.0
    for entry in str(sizes).split(","):
        entry = entry.strip()
        condition = re.match(r"^\(\s*min-width:\s*([\d.]+)(px|rem|em)\s*\)\s*(.+)$", entry)
        if condition:
            length = _length(condition.group(3))
            bound = float(condition.group(1)) * (_REM if condition.group(2) in ("rem", "em") else 1)
        elif entry.startswith("("):
            return None
        else:
            length, bound = _length(entry), None
        if length is None or (length[0] and upper is None):
            return None
        widest = max(widest, length[0] * (upper or 0) + length[1])
        if bound is not None:
            upper = bound
    return widest or None


def _trim(images: list, sizes) -> list:
    """`images` (narrowest first) without the candidates no screen up to MAX_DENSITY picks:
    everything wider than the first one that covers the largest slot at that density."""
    slot = largest_slot(str(sizes)) if sizes else None
    if not slot:
        return images
    need = slot * MAX_DENSITY
    for index, image in enumerate(images):
        if image.width >= need:
            return images[: index + 1]
    return images


def picture_attrs(pic, alt, sizes=None, eager=False, variant=None) -> dict:  # noqa: C901 - one check per template mistake
    """What the `picture` macro renders: `{"sources": [...], "img": {...}}`.

    Each source is {"type", "srcset", "sizes"?}; `img` is an ordered dict of
    attribute -> value (strings, unescaped: the macro escapes them).
    Refuses (PictureMarkupError) a missing Picture, an empty alt, and a
    multi-width picture without `sizes` (the browser would assume 100vw).
    `variant="scan"`: the fixed-size casting tile, 1x and 2x, no `sizes`.
    A `w` srcset stops at the first width that covers the largest slot
    `sizes` describes at MAX_DENSITY (2x): a card shown at most 307 CSS px
    wide lists 160-640w, not 960w and 1280w no browser would choose (this
    keeps a page of 48 cards small).
    """
    if not isinstance(pic, Picture):
        raise PictureMarkupError(
            f"picture() needs a Picture (headshot.picture), got {type(pic).__name__}: "
            "is the headshots.thumbnails plugin in PLUGINS?"
        )
    if alt is None or not str(alt).strip():
        raise PictureMarkupError(f"{pic.label}: picture() needs alt text describing the headshot")
    if variant not in (None, "scan"):
        raise PictureMarkupError(f'{pic.label}: unknown picture() variant {variant!r} (use "scan")')
    fallback = pic.fallback
    if variant == "scan":
        table, density = pic.scan, True
        sizes = None
    else:
        table, density = pic.responsive, False
        if len(table[fallback]) > 1 and not (sizes and str(sizes).strip()):
            raise PictureMarkupError(
                f"{pic.label}: picture() with several widths needs sizes= "
                '(how wide the image is shown, e.g. "(min-width: 60em) 20em, 45vw")'
            )
    if not density:
        table = {fmt: _trim(images, sizes) for fmt, images in table.items()}
    sources = []
    for fmt in SOURCE_ORDER:
        if fmt in table and fmt != fallback:
            source = {"type": MIME[fmt], "srcset": _srcset(table[fmt], density)}
            if sizes:
                source["sizes"] = str(sizes)
            sources.append(source)
    images = table[fallback]
    base = images[0] if density else images[-1]
    img = {"src": base.url}
    if len(images) > 1:
        img["srcset"] = _srcset(images, density)
        if sizes:
            img["sizes"] = str(sizes)
    img.update({"width": str(base.width), "height": str(base.height), "alt": str(alt)})
    if eager:
        img["fetchpriority"] = "high"
    else:
        img["loading"] = "lazy"
    img["decoding"] = "async"
    # Painted behind the image by site.js (a style attribute would need 'unsafe-inline' in the
    # Content-Security-Policy); without scripts the image loads on the page's own background.
    img["data-placeholder"] = pic.placeholder
    if pic.blur:
        img["data-placeholder-blur"] = pic.blur
    return {"sources": sources, "img": img}


def picture_markup(pic, alt, sizes=None, eager=False, variant=None) -> Markup:
    """The `<picture>` element for `picture_attrs`, every value escaped: the templates' `picture()`.

    pic      headshot.picture (a Picture)
    alt      required, non-empty: the build fails without it
    sizes    required for the responsive picture: how wide it is shown,
             e.g. "(min-width: 60em) 18rem, 45vw"
    eager    true for the first (above the fold) image: no lazy loading, fetchpriority="high"
    variant  "scan": the 112x140 CSS px casting tile at 1x and 2x (no sizes)

    A Jinja global rather than a macro: a macro call cost more than this
    function, and every template that used one had to import it on every
    render. Memoized on the Picture: one headshot appears on its profile,
    its scan page, directory and city cards and other photographers' scan
    grids, and this markup (not the page around it) was most of the rendering time.
    """
    key = (str(alt) if alt is not None else None, sizes, bool(eager), variant)
    cached = pic.markup.get(key) if isinstance(pic, Picture) else None
    if cached is None:
        attrs = picture_attrs(pic, alt, sizes=sizes, eager=eager, variant=variant)
        sources = "".join(
            f'<source type="{escape(s["type"])}" srcset="{escape(s["srcset"])}"'
            + (f' sizes="{escape(s["sizes"])}"' if s.get("sizes") else "")
            + ">"
            for s in attrs["sources"]
        )
        img = "".join(f' {name}="{escape(value)}"' for name, value in attrs["img"].items())
        cached = pic.markup[key] = Markup(f"<picture>{sources}<img{img}></picture>")
    return cached


# Cards drawn in the browser (search results, the compare page) use the theme's card widths
# (up to 640): a photo already fetched for the plain list is reused.
CARD_IMAGE_MAX_WIDTH = 640


def card_image(picture: Picture | None, alt: str) -> dict | None:
    """A headshot as a card's photo for a script to draw: `src`, `srcset`, `avif_srcset`, `alt`, `colour`."""
    if not picture:
        return None
    fmt = "webp" if "webp" in picture.formats else "jpeg"
    widths = [w for w in picture.widths if w <= CARD_IMAGE_MAX_WIDTH]
    image = {"src": picture.url(160, fmt), "srcset": ", ".join(f"{picture.url(w, fmt)} {w}w" for w in widths)}
    if "avif" in picture.formats:
        image["avif_srcset"] = ", ".join(f"{picture.url(w, 'avif')} {w}w" for w in widths)
    image["alt"] = alt
    image["colour"] = picture.placeholder
    return image


def scan_tile(pic: Picture, alt: str, mine=False) -> Markup:
    """One casting-size tile of a scan grid: `<li class="scan-tile">` around the "scan" picture.

    `mine` marks the photographer's own on their scan page (`data-mine`). A
    Python global rather than a macro: a photographer's scan page has 24 tiles,
    and a macro call costs more than the markup it returns. Memoized on the
    Picture like `picture_markup`: a headshot is a tile on many scan pages.
    The look-up is written out here as there: a shared helper taking a
    closure cost 40% more instructions a grid (callgrind).
    """
    key = ("scan-tile", str(alt), bool(mine))
    tile = pic.markup.get(key) if isinstance(pic, Picture) else None
    if tile is None:
        tile = pic.markup[key] = Markup(
            f'<li class="scan-tile"{" data-mine" if mine else ""}>{picture_markup(pic, alt, variant="scan")}</li>'
        )
    return tile
