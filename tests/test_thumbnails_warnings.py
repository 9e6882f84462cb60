"""Warnings name only the file's own problems: real-world colour profiles are not "damaged metadata".

The photo is scikit-image's astronaut; the profiles are real ones Debian ships
(colord-data's Adobe RGB (1998) and ProPhoto RGB, Ghostscript's grey and CMYK),
Display P3 (no Debian package ships it: written from its published colorants by
`test_thumbnails_pixels.matrix_icc`), and Wide Gamut RGB carrying a 200 KB private
tag, so that its JPEG holds the profile in four APP2 segments. Each profile is new
to each worker process, which is where a library's first-use DeprecationWarning used
to be recorded as the file's problem.
"""

import warnings
from pathlib import Path

import pytest
import skimage.data
from PIL import Image
from test_thumbnails_pixels import DISPLAY_P3

from headshots.thumbnails import Item, apply_defaults, inspect, process
from headshots.thumbnails.noise import library_noise

COLORD, GHOSTSCRIPT = Path("/usr/share/color/icc/colord"), Path("/usr/share/color/icc/ghostscript")


def with_private_tag(icc: bytes, size: int) -> bytes:
    """`icc` with one more tag, a private one colour engines skip: a large, valid profile."""
    count = int.from_bytes(icc[128:132], "big")
    extra = b"zzzz\0\0\0\0" + b"\x5a" * size
    table_end = 132 + 12 * count
    shift = 12  # the new table entry moves every tag's data down
    entries = b""
    for i in range(count):
        entry = icc[132 + 12 * i : 144 + 12 * i]
        offset = int.from_bytes(entry[4:8], "big") + shift
        entries += entry[:4] + offset.to_bytes(4, "big") + entry[8:]
    body = icc[table_end:] + b"\0" * (-len(icc) % 4)
    new_offset = table_end + shift + len(body)
    entries += b"zzzz" + new_offset.to_bytes(4, "big") + len(extra).to_bytes(4, "big")
    profile = icc[4:128] + (count + 1).to_bytes(4, "big") + entries + body + extra
    return (len(profile) + 4).to_bytes(4, "big") + profile


def real_world_set(folder: Path) -> list[Path]:
    photo = Image.fromarray(skimage.data.astronaut()).crop((40, 0, 440, 500))
    wide = with_private_tag((COLORD / "WideGamutRGB.icc").read_bytes(), 200_000)
    files = {
        "display-p3.jpg": (photo, DISPLAY_P3),
        "display-p3.png": (photo, DISPLAY_P3),
        "adobe-rgb.jpg": (photo, (COLORD / "AdobeRGB1998.icc").read_bytes()),
        "adobe-rgb.webp": (photo, (COLORD / "AdobeRGB1998.icc").read_bytes()),
        "prophoto.jpg": (photo, (COLORD / "ProPhotoRGB.icc").read_bytes()),
        "prophoto.tif": (photo, (COLORD / "ProPhotoRGB.icc").read_bytes()),
        "wide-gamut-multi-segment.jpg": (photo, wide),
        "grey.jpg": (photo.convert("L"), (GHOSTSCRIPT / "sgray.icc").read_bytes()),
        "cmyk.jpg": (photo.convert("CMYK"), (GHOSTSCRIPT / "default_cmyk.icc").read_bytes()),
    }
    paths = []
    for name, (image, icc) in files.items():
        path = folder / name
        image.save(path, icc_profile=icc, **({"quality": 92} if name.endswith((".jpg", ".webp")) else {}))
        paths.append(path)
    return paths


def test_the_multi_segment_profile_really_spans_several_segments(tmp_path):
    path = next(p for p in real_world_set(tmp_path) if "multi-segment" in p.name)
    data = path.read_bytes()
    assert data.count(b"ICC_PROFILE\0") == 4
    assert len(Image.open(path).info["icc_profile"]) > 200_000


def test_real_world_profiles_give_no_metadata_warning_cold_and_warm(tmp_path):
    paths = real_world_set(tmp_path)
    settings = {"HEADSHOTS_FORMATS": ["jpeg"], "HEADSHOTS_JOBS": 2, "HEADSHOTS_MIN_SIDE": 256}
    apply_defaults(settings)
    items = [Item(path, None, "t") for path in paths]
    for build in ("cold", "warm"):
        pictures, _, problems, stats = process(items, settings, tmp_path / "cache")
        assert all(pictures), build
        assert [p.message for p in problems] == [], build
        assert stats["decoded"] == (len(paths) if build == "cold" else 0)
    for path in paths:  # `headshots check`, without and with the build's cache
        assert inspect(path, 256).warnings == []
        assert inspect(path, 256, cache=tmp_path / "cache").warnings == []


def test_a_library_deprecation_is_not_the_files_problem():
    with pytest.warns(DeprecationWarning, match="is deprecated"), library_noise() as noise:
        warnings.warn("Image.Image.getdata is deprecated", DeprecationWarning, stacklevel=1)
    assert noise.lines == [] and noise.summary() == []


def test_a_warning_about_our_own_code_is_not_the_files_problem():
    from headshots.thumbnails import colour

    with pytest.warns(UserWarning), library_noise() as noise:
        warnings.warn_explicit("mode is deprecated here", UserWarning, colour.__file__, 1)
    assert noise.lines == []


def test_what_a_library_says_of_the_file_is_still_the_files_problem():
    with library_noise() as noise:
        warnings.warn_explicit("Corrupt EXIF data", UserWarning, Image.__file__, 1)
    assert noise.lines == ["Corrupt EXIF data"] and len(noise.summary()) == 1
