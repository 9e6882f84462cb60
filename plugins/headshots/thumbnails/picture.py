"""`Picture`: one headshot's renditions, and the pure function behind the
`picture` macro (theme/templates/_picture.html)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    - `label`: the source as an editor names it (for error messages).
    """

    label: str
    responsive: dict = field(default_factory=dict)   # fmt -> [Image], widest last
    scan: dict = field(default_factory=dict)         # fmt -> [Image 1x, Image 2x]
    placeholder: str = "#808080"
    blur: str | None = None
    og_url: str = ""
    og_width: int = 0
    og_height: int = 0

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


def picture_attrs(pic, alt, sizes=None, eager=False, variant=None) -> dict:
    """What the `picture` macro renders: `{"sources": [...], "img": {...}}`.

    Each source is {"type", "srcset", "sizes"?}; `img` is an ordered dict of
    attribute -> value (strings, unescaped: the macro escapes them).
    Refuses (PictureMarkupError) a missing Picture, an empty alt, and a
    multi-width picture without `sizes` (the browser would assume 100vw).
    `variant="scan"`: the fixed-size casting tile, 1x and 2x, no `sizes`.
    """
    if not isinstance(pic, Picture):
        raise PictureMarkupError(
            f"picture() needs a Picture (headshot.picture), got {type(pic).__name__}: "
            "is the headshots.thumbnails plugin in PLUGINS?")
    if alt is None or not str(alt).strip():
        raise PictureMarkupError(f"{pic.label}: picture() needs alt text describing the headshot")
    if variant not in (None, "scan"):
        raise PictureMarkupError(f"{pic.label}: unknown picture() variant {variant!r} (use \"scan\")")
    fallback = pic.fallback
    if variant == "scan":
        table, density = pic.scan, True
        sizes = None
    else:
        table, density = pic.responsive, False
        if len(table[fallback]) > 1 and not (sizes and str(sizes).strip()):
            raise PictureMarkupError(f"{pic.label}: picture() with several widths needs sizes= "
                                     "(how wide the image is shown, e.g. \"(min-width: 60em) 20em, 45vw\")")
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
    style = f"background-color:{pic.placeholder}"
    if pic.blur:
        style += f";background-image:url({pic.blur});background-size:cover"
    img["style"] = style
    return {"sources": sources, "img": img}
