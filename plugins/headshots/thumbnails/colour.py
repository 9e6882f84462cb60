"""Colour: any decoded source to 8-bit sRGB as a browser shows it, transparency flattened, metadata dropped.

An embedded ICC profile is converted to sRGB (judged by what it does, never
by its name); a PNG without one is read as browsers read it (its sRGB chunk,
else its gAMA and cHRM chunks); 16- and 32-bit greyscale is scaled, not clipped.
"""

from __future__ import annotations

import io

import numpy as np
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


#: sRGB's white point and primaries as a PNG's cHRM chunk gives them (x, y): white, red, green, blue.
SRGB_CHROMATICITY = (0.3127, 0.329, 0.64, 0.33, 0.3, 0.6, 0.15, 0.06)

#: Bradford's cone response matrix, to move colours from one white point to another.
_BRADFORD = np.array([[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]])


def _to_xyz(chromaticity):
    """The matrix from linear RGB to XYZ for a white point and primaries, and the white's XYZ."""
    points = np.array(chromaticity, dtype=float).reshape(4, 2)
    xyz = np.array([[x / y, 1.0, (1 - x - y) / y] for x, y in points])
    white, primaries = xyz[0], xyz[1:].T
    return primaries * np.linalg.solve(primaries, white), white


def png_gamma(info: dict):
    """(decoding exponent, matrix to linear sRGB or None) from a PNG's gAMA and cHRM chunks, as
    browsers read them: only when the file has no ICC profile and no sRGB chunk; without cHRM the
    primaries are sRGB's, and unusable chromaticities count as absent. None: the pixels are sRGB."""
    gamma = info.get("gamma")
    if "icc_profile" in info or "srgb" in info or not isinstance(gamma, float) or not 0.01 <= gamma <= 100:
        return None
    chromaticity = info.get("chromaticity")
    if not chromaticity or chromaticity == SRGB_CHROMATICITY:
        return 1 / gamma, None
    try:
        if not all(0 < v < 1 for v in chromaticity):
            raise ValueError(chromaticity)
        source, source_white = _to_xyz(chromaticity)
        srgb, srgb_white = _to_xyz(SRGB_CHROMATICITY)
        cones = np.diag((_BRADFORD @ srgb_white) / (_BRADFORD @ source_white))
        matrix = np.linalg.solve(srgb, np.linalg.solve(_BRADFORD, cones @ _BRADFORD) @ source)
    except (ValueError, np.linalg.LinAlgError):
        return 1 / gamma, None
    return (1 / gamma, matrix) if np.isfinite(matrix).all() else (1 / gamma, None)


def _srgb_encode(linear):
    """Linear light (0..1) to sRGB's 8-bit levels."""
    linear = np.clip(linear, 0.0, 1.0)
    encoded = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * np.power(linear, 1 / 2.4) - 0.055)
    return np.round(encoded * 255)


def _apply_png_gamma(colour, exponent: float, matrix):
    """An "RGB" or "L" image from its gAMA exponent (and primaries) to sRGB: a curve, then a matrix in linear light."""
    if matrix is None or colour.mode == "L":  # grey stays grey: the white point maps to sRGB's white
        curve = _srgb_encode((np.arange(256) / 255) ** exponent).astype(np.uint8)
        return colour.point(list(curve) * len(colour.getbands()))
    linear = (np.asarray(colour, dtype=np.float32) / 255) ** exponent
    return Image.fromarray(_srgb_encode(linear @ matrix.T.astype(np.float32)).astype(np.uint8), "RGB")


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
    gamma = png_gamma(im.info)
    alpha = _alpha(im)
    colour = _colour(im)
    transform = _transform(icc, colour.mode) if icc else None
    if transform is not None:
        colour = ImageCms.applyTransform(colour, transform)
    elif gamma is not None and colour.mode in ("RGB", "L"):
        colour = _apply_png_gamma(colour, *gamma)
    if colour.mode != "RGB":
        colour = colour.convert("RGB")
    if alpha is not None and alpha.getextrema()[0] < 255:
        flat = Image.new("RGB", colour.size, BACKGROUND)
        flat.paste(colour, mask=alpha)
        colour = flat
    colour.info = {}
    return colour
