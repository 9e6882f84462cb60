"""Colour: any decoded source to 8-bit sRGB as a browser shows it, transparency flattened, metadata dropped.

An embedded ICC profile is converted to sRGB (judged by what it does, never
by its name); 16- and 32-bit greyscale is scaled, not clipped.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms

#: Transparent pixels are flattened onto this neutral mid-light grey (a studio backdrop).
BACKGROUND = (160, 160, 160)

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_TRANSFORMS: dict = {}


def _to_8bit(im):
    """16- and 32-bit greyscale ("I;16", "I", "F") scaled, not clipped, to "L"."""
    if im.mode == "F":
        low, high = im.getextrema()
        scale = 255.0 / high if high > 255 else 1.0
        return im.point(lambda v: v * scale).convert("L")
    im = im.convert("I") if im.mode != "I" else im
    high = im.getextrema()[1]
    if high > 255:  # 16-bit data: 65535 is white
        im = im.point(lambda v: v * (255 / 65535))
    return im.convert("L")


def _is_srgb(transform, mode: str) -> bool:
    """Whether a profile's transform leaves sRGB values where they are (within one level): judged by
    what the profile does to a grid of colours (its primaries, white point and curves at work), never
    by its name: a linear-light profile called "sRGB" is not sRGB."""
    if mode == "RGB":
        levels = range(0, 256, 15)  # 18 levels a channel, 5,832 colours
        grid = [(r, g, b) for r in levels for g in levels for b in levels]
    elif mode == "L":
        grid = [(v, v, v) for v in range(256)]
    else:
        return False  # CMYK is never sRGB
    expected = bytes(v for colour in grid for v in colour)
    probe = Image.frombytes("RGB", (len(grid), 1), expected)
    probe = probe if mode == "RGB" else probe.convert("L")
    converted = ImageCms.applyTransform(probe, transform).tobytes()
    return all(abs(a - b) <= 1 for a, b in zip(expected, converted, strict=True))


def _transform(icc: bytes, mode: str):
    """The transform from an embedded profile to sRGB for `mode` ("RGB", "L" or "CMYK"),
    or None when the pixels can be taken as sRGB as they are. One per profile and mode."""
    key = (icc, mode)
    if key not in _TRANSFORMS:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            transform = ImageCms.buildTransform(source, _SRGB, mode, "RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL)
            _TRANSFORMS[key] = None if _is_srgb(transform, mode) else transform
        except (ImageCms.PyCMSError, OSError, ValueError):
            _TRANSFORMS[key] = None  # unreadable, or not a profile for these pixels: take them as sRGB
    return _TRANSFORMS[key]


def _alpha(im):
    """The opacity of every pixel as an "L" mask (an alpha channel, or tRNS: one colour or palette
    entry marked transparent), or None for an opaque image."""
    if im.mode in ("RGBA", "LA", "RGBa", "La"):
        return im.getchannel("A")
    if im.mode == "PA" or "transparency" in im.info:
        return im.convert("RGBA").getchannel("A")
    return None


def _colour(im):
    """The colour channels alone, 8 bits each: "RGB", "L" or "CMYK" (what an ICC profile describes)."""
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        return _to_8bit(im)
    if im.mode in ("RGB", "L", "CMYK"):
        return im
    if im.mode in ("LA", "La", "1"):
        return im.convert("L")
    return im.convert("RGB")  # RGBA, RGBa, P, PA, YCbCr, LAB, HSV


def to_srgb(im):
    """Any decoded source to 8-bit sRGB "RGB": colour converted first, then transparency
    flattened onto the backdrop, so a tagged and an untagged file meet the same grey.

    Metadata is dropped here (`info` emptied), so no encoder can carry EXIF,
    XMP, comments or the source's ICC profile into a rendition.
    """
    icc = im.info.get("icc_profile")
    alpha = _alpha(im)
    colour = _colour(im)
    transform = _transform(icc, colour.mode) if icc else None
    if transform is not None:
        colour = ImageCms.applyTransform(colour, transform)
    elif colour.mode != "RGB":
        colour = colour.convert("RGB")
    if alpha is not None and alpha.getextrema()[0] < 255:
        flat = Image.new("RGB", colour.size, BACKGROUND)
        flat.paste(colour, mask=alpha)
        colour = flat
    colour.info = {}
    return colour
