"""A PNG's gAMA and cHRM chunks, honoured as browsers honour them (issue 32).

A PNG with no ICC profile and no sRGB chunk but a gAMA chunk says how its
levels map to light; browsers apply it. The photo is a crop of libavif's
Kodak test image tagged gamma 1.6 (tests/images/README.md); the expected
rendering is derived from the PNG specification (light = level ** (1 / gAMA),
then sRGB's curve) and checked against Chromium's own rendering of the file.
"""

import base64
import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from test_thumbnails_pixels import run

from headshots.thumbnails.colour import png_gamma, to_srgb

KODAK = Path(__file__).parent / "images" / "kodim03-grey-gamma1.6.png"


def srgb_levels(linear):
    linear = np.clip(linear, 0, 1)
    return np.round(np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055) * 255)


def expected(levels, gamma=1 / 1.6):
    """What the PNG specification says a level shows as: light = level ** (1 / gAMA), in sRGB."""
    return srgb_levels((np.asarray(levels, dtype=float) / 255) ** (1 / gamma))


def png(pixels: np.ndarray, *chunks: tuple[bytes, bytes]) -> bytes:
    """An 8-bit RGB PNG written by hand, with exactly the chunks given (before the picture data)."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    height, width, _ = pixels.shape
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\0" + row.tobytes() for row in pixels.astype(np.uint8))
    body = b"".join(chunk(kind, data) for kind, data in chunks)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + body + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )


def gama(gamma: float) -> tuple[bytes, bytes]:
    return b"gAMA", struct.pack(">I", round(gamma * 100000))


def chrm(*values: float) -> tuple[bytes, bytes]:
    return b"cHRM", struct.pack(">8I", *(round(v * 100000) for v in values))


def decoded(data: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(data))
    image.load()
    return np.asarray(to_srgb(image), dtype=float)


RAMP = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2)


def test_a_gamma_1_6_ramp_follows_the_definition_level_for_level():
    assert np.abs(decoded(png(RAMP, gama(1 / 1.6)))[0] - expected(np.arange(256))[:, None]).max() <= 1


def test_an_srgb_chunk_or_an_icc_profile_wins_over_gama():
    assert np.array_equal(decoded(png(RAMP, (b"sRGB", b"\0"), gama(1 / 1.6)))[0], RAMP[0])
    assert png_gamma({"gamma": 0.625, "icc_profile": b"..."}) is None
    assert png_gamma({"gamma": 0.625, "srgb": 0}) is None
    assert png_gamma({}) is None and png_gamma({"gamma": 0.0}) is None


def test_chrm_primaries_move_colours_to_srgb():
    """Adobe RGB (1998)'s primaries with gamma 2.2: pure green is outside sRGB (clipped to its green,
    red a little below zero), a mid grey stays grey, white stays white."""
    pixels = np.array([[[0, 255, 0], [128, 128, 128], [255, 255, 255]]], dtype=np.uint8)
    adobe = chrm(0.3127, 0.329, 0.64, 0.33, 0.21, 0.71, 0.15, 0.06)
    green, grey, white = decoded(png(pixels, gama(1 / 2.2), adobe))[0]
    assert green[1] == 255 and green[0] == 0 and green[2] < 80
    assert grey[0] == grey[1] == grey[2] and abs(grey[0] - expected([128], 1 / 2.2)[0]) <= 1
    assert list(white) == [255, 255, 255]


def test_unusable_chromaticities_fall_back_to_srgb_primaries():
    flat = chrm(0.3127, 0.329, 0.3, 0.6, 0.3, 0.6, 0.15, 0.06)  # red and green the same: no gamut
    assert np.abs(decoded(png(RAMP, gama(1 / 1.6), flat))[0] - expected(np.arange(256))[:, None]).max() <= 1
    assert png_gamma({"gamma": 0.625, "chromaticity": (0.0,) * 8})[1] is None


def test_the_kodak_gamma_1_6_photo_is_built_as_the_definition_says(tmp_path):
    source = Image.open(KODAK)
    assert source.info.get("gamma") == 0.625 and "icc_profile" not in source.info and "srgb" not in source.info
    want = expected(np.asarray(source))
    picture, files, problems = run(
        tmp_path, KODAK, HEADSHOTS_MIN_SIDE=256, HEADSHOTS_WIDTHS=[320], HEADSHOTS_QUALITY={"jpeg": 95}
    )
    assert not problems
    built = np.asarray(Image.open(files[picture.src.lstrip("/")]).convert("L"), dtype=float)
    assert abs(built.mean() - want.mean()) < 1  # untouched, the photo would be 27 levels darker
    assert np.abs(built - want).mean() < 4


@pytest.mark.browser
def test_the_kodak_gamma_1_6_photo_matches_chromium_within_4_levels(page):
    """Chromium draws the PNG in an <img> at its own size; the screenshot is what a visitor sees."""
    data = base64.b64encode(KODAK.read_bytes()).decode()
    page.set_content(f'<body style="margin:0"><img id="p" src="data:image/png;base64,{data}"></body>')
    page.wait_for_function("document.getElementById('p').complete")
    shown = np.asarray(Image.open(io.BytesIO(page.locator("#p").screenshot())).convert("RGB"), dtype=float)
    ours = np.asarray(to_srgb(Image.open(KODAK)), dtype=float)
    assert shown.shape == ours.shape
    untouched = np.asarray(Image.open(KODAK).convert("RGB"), dtype=float)
    assert np.abs(shown - untouched).mean() > 20  # Chromium does apply the gamma
    difference = np.abs(shown - ours)
    assert difference.mean() < 1 and difference.max() <= 4, (difference.mean(), difference.max())
