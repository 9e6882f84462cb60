"""What to make for one headshot, and what each file is called: pure, hashable.

A rendition's cache key hashes everything that decides its pixels and bytes:
the source bytes (as a digest), the pipeline version, the crop box, its size,
its format and that format's encoder settings. Change one WebP quality and
only WebP keys change; change a focus and only that headshot's keys change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from . import geometry

#: Bump when the pixels or bytes a given input produces change (new resampling,
#: colour handling, encoder defaults...): every key changes, every file is redone.
PIPELINE_VERSION = "3"  # 2: colour converted before flattening; profiles judged by content; tRNS. 3: PNG gAMA/cHRM

#: Bump when only the Open Graph card's pixels change: only its key changes, every
#: other rendition stays cached. 2: the inset is resized from a made rendition, not the decode.
OG_VERSION = "2"

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


def digest_bytes(data: bytes) -> str:
    """The content digest of a source file (hex, 128 bits)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def digest_file(path) -> str:
    """`digest_bytes` of a file, read in chunks (sources can be 30 MB)."""
    hasher = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def _key(*parts) -> str:
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def encoder_params(fmt: str, options: dict) -> dict:
    """Exactly the encoder settings that go into a file of `fmt` (and its key)."""
    quality = options["quality"][fmt]
    if fmt == "jpeg":
        return {"quality": quality, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
    if fmt == "webp":
        return {"quality": quality, "method": options["webp_method"]}
    if fmt == "avif":
        return {"quality": quality, "speed": options["avif_speed"], "subsampling": "4:2:0"}
    raise ValueError(f"unknown format {fmt!r}")


@dataclass(frozen=True)
class Rendition:
    kind: str  # "w" (responsive), "scan" (the casting tile), "og" (Open Graph card)
    width: int
    height: int
    fmt: str  # "avif" | "webp" | "jpeg"
    key: str  # cache key: the file is CACHE/headshots/r/<key[:2]>/<key>.<ext>

    @property
    def ext(self) -> str:
        return EXTENSIONS[self.fmt]

    @property
    def cache_name(self) -> str:
        return f"{self.key[:2]}/{self.key}.{self.ext}"

    def output_name(self, stem: str) -> str:
        """File name under the photographer's image folder; the key keeps it cacheable forever."""
        label = {"w": f"{self.width}w", "scan": f"scan-{self.width}w", "og": "og"}[self.kind]
        return f"{stem}-{label}-{self.key[:10]}.{self.ext}"


@dataclass(frozen=True)
class Plan:
    box: tuple[float, float, float, float]
    renditions: tuple[Rendition, ...]
    meta_key: str  # the placeholder's cache key
    og_inset: tuple[int, int]

    @property
    def needed_width(self) -> int:
        """The widest crop any rendition needs (decides the JPEG draft scale)."""
        widths = [r.width for r in self.renditions if r.kind != "og"] + [self.og_inset[0]]
        return max(widths)


def make_plan(digest: str, size: tuple[int, int], focus, options: dict, keep=None) -> Plan:
    """Every rendition of one source of oriented `size`, with its key (`focus` and `keep`: `geometry.crop_box`)."""
    box = geometry.crop_box(size, tuple(focus) if focus else None, keep)
    box = tuple(round(v, 3) for v in box)
    available = geometry.crop_width(box)
    base = (PIPELINE_VERSION, digest, box)
    renditions = []

    def add(kind, width, height, fmt, *recipe):
        renditions.append(
            Rendition(
                kind, width, height, fmt, _key(*base, kind, width, height, fmt, encoder_params(fmt, options), *recipe)
            )
        )

    for fmt in options["formats"]:
        for width in geometry.choose_widths(available, options["widths"]):
            add("w", width, geometry.height_for(width), fmt)
        for width in sorted(set(geometry.scan_widths(available, options["scan_width"]))):
            add("scan", width, geometry.height_for(width), fmt)
    og_size = tuple(options["og_size"])
    inset = geometry.og_layout(int(box[3] - box[1]), og_size)
    add("og", og_size[0], og_size[1], "jpeg", "og", OG_VERSION)
    # the inset is a function of box and og_size, both in the key; how it is made is OG_VERSION
    meta_key = _key(*base, "meta", options["placeholder"])
    return Plan(box, tuple(renditions), meta_key, inset)
