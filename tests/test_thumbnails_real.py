"""The pipeline on real photographs and real ICC profiles, against an independent reference.

The photograph is scikit-image's packaged "astronaut" (a colour portrait);
the profiles are the ones Debian ships (colord-data, libgs-common: .ci/run
installs them). The reference is plain Pillow: `ImageOps.exif_transpose`,
then `ImageCms.profileToProfile` to sRGB, then the same crop and resize.
"""

import io
from pathlib import Path

import numpy as np
import pytest
import skimage.data
from PIL import Image, ImageCms, ImageOps
from test_thumbnails_pixels import SRGB, matrix_icc, mean_difference, reference, run

from headshots.thumbnails import Finding, Item, apply_defaults, inspect, process
from headshots.thumbnails.colour import BACKGROUND

PROFILE_FOLDERS = [Path("/usr/share/color/icc/colord"), Path("/usr/share/color/icc/ghostscript")]


def photo() -> Image.Image:
    """A real colour photograph, 400 x 500 (portrait, so a wrong turn shows in the size too)."""
    return Image.fromarray(skimage.data.astronaut()).crop((40, 0, 440, 500))


#: Mean difference (worst channel) allowed against the reference: the JPEG's 4:2:0 chroma alone costs
#: about 2.8 on this photo's colour edges; a wrong turn, flip or profile costs more than 10.
TOLERANCE = 3.5


def largest_rendition(tmp_path, source, **overrides):
    """The 400 px JPEG rendition, at quality 95 so that the encoder's own loss stays small beside
    what the tests look for."""
    overrides = {"HEADSHOTS_MIN_SIDE": 256, "HEADSHOTS_WIDTHS": [400], "HEADSHOTS_QUALITY": {"jpeg": 95}, **overrides}
    picture, files, problems = run(tmp_path, source, **overrides)
    assert not problems, problems
    return picture, Image.open(files[picture.src.lstrip("/")]).convert("RGB")


# -- orientation, in every container ------------------------------------------------------------

#: What a camera stores for each EXIF orientation, given the upright picture (the inverse turn).
STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
CONTAINERS = {"jpg": {"quality": 95}, "png": {}, "webp": {"quality": 95}, "tif": {}, "avif": {"quality": 95}}


@pytest.mark.parametrize("orientation", sorted(STORED))
@pytest.mark.parametrize("ext", sorted(CONTAINERS))
def test_real_photo_comes_out_upright_in_every_orientation_and_container(tmp_path, ext, orientation):
    upright = photo()
    stored = upright.transpose(STORED[orientation]) if STORED[orientation] else upright
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / f"astronaut-orientation-{orientation}.{ext}"
    stored.save(source, exif=exif.tobytes(), **CONTAINERS[ext])
    picture, image = largest_rendition(tmp_path, source)
    display = ImageOps.exif_transpose(Image.open(source)).convert("RGB")
    assert display.size == upright.size == (400, 500)  # the reference really is upright
    assert (picture.width, picture.height) == image.size == (400, 500)
    assert mean_difference(image, reference(display, 400)) < TOLERANCE
    if orientation != 1:  # a missed or doubled turn would be caught
        assert mean_difference(image, reference(stored.resize((400, 500)), 400)) > 10


def test_gif_first_frame_of_a_real_photo_matches_pillow(tmp_path):
    source = tmp_path / "astronaut.gif"
    photo().save(source)  # GIF carries no EXIF orientation: upright as stored
    _, image = largest_rendition(tmp_path, source)
    assert mean_difference(image, reference(Image.open(source).convert("RGB"), 400)) < TOLERANCE


# -- ICC profiles, judged by what they are ----------------------------------------------------------


def rgb_profiles():
    paths = sorted(p for folder in PROFILE_FOLDERS for p in folder.glob("*.icc"))
    return [p for p in paths if ImageCms.getOpenProfile(str(p)).profile.xcolor_space.strip() == "RGB"]


def test_debian_icc_profiles_are_installed():
    names = {p.name for p in rgb_profiles()}
    assert {"AdobeRGB1998.icc", "ProPhotoRGB.icc", "esrgb.icc", "srgb.icc"} <= names, (
        "the ICC tests need Debian's colord-data and libgs-common (`apt-get install colord-data libgs-common`, "
        "as .ci/run does)"
    )


@pytest.mark.parametrize("profile", rgb_profiles(), ids=lambda p: p.name)
def test_every_debian_rgb_profile_is_converted_to_srgb(tmp_path, profile):
    icc = ImageCms.getOpenProfile(str(profile))
    tagged = ImageCms.profileToProfile(photo(), SRGB, icc, outputMode="RGB")
    source = tmp_path / f"astronaut-{profile.stem}.png"
    tagged.save(source, icc_profile=icc.tobytes())
    _, image = largest_rendition(tmp_path, source)
    expected = ImageCms.profileToProfile(Image.open(source), icc, SRGB, outputMode="RGB")
    assert mean_difference(image, reference(expected, 400)) < TOLERANCE


def test_a_linear_profile_called_srgb_is_still_converted(tmp_path):
    """The name says sRGB; the curves are linear: the pixels must be converted (40-50 levels)."""
    srgb_colorants = [(0.43607, 0.22249, 0.01392), (0.38515, 0.71687, 0.09708), (0.14307, 0.06061, 0.71410)]
    icc = matrix_icc("sRGB IEC61966-2.1", srgb_colorants, gamma=1.0)
    source = tmp_path / "linear-called-srgb.png"
    photo().save(source, icc_profile=icc)
    _, image = largest_rendition(tmp_path, source)
    expected = ImageCms.profileToProfile(Image.open(source), ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB)
    assert mean_difference(image, reference(expected.convert("RGB"), 400)) < TOLERANCE
    assert mean_difference(image, reference(photo(), 400)) > 20


def test_an_srgb_profile_leaves_the_pixels_as_they_are(tmp_path):
    source = tmp_path / "tagged-srgb.png"
    photo().save(source, icc_profile=(PROFILE_FOLDERS[0] / "sRGB.icc").read_bytes())
    _, image = largest_rendition(tmp_path, source)
    assert mean_difference(image, reference(photo(), 400)) < TOLERANCE


# -- transparency: one backdrop, whatever marks it ------------------------------------------------------


def with_transparent_top(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA")
    alpha = Image.new("L", image.size, 255)
    alpha.paste(0, (0, 0, image.width, image.height // 2))
    rgba.putalpha(alpha)
    return rgba


def top_colour(image):
    return image.crop((0, 0, image.width, image.height // 3)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))


def test_tagged_and_untagged_transparency_flatten_onto_the_same_backdrop(tmp_path):
    adobe = ImageCms.getOpenProfile(str(PROFILE_FOLDERS[0] / "AdobeRGB1998.icc"))
    untagged, tagged = tmp_path / "rgba-untagged.png", tmp_path / "rgba-adobe-rgb.png"
    with_transparent_top(photo()).save(untagged)
    with_transparent_top(photo()).save(tagged, icc_profile=adobe.tobytes())
    for source in (untagged, tagged):
        _, image = largest_rendition(tmp_path, source)
        assert all(abs(a - b) <= 1 for a, b in zip(top_colour(image), BACKGROUND, strict=True)), source.name


@pytest.mark.parametrize("mode", ["1", "L", "RGB"])
def test_trns_key_colour_is_transparent(tmp_path, mode):
    """A PNG whose tRNS chunk marks one colour transparent (no alpha channel): that colour is backdrop."""
    image = photo().convert(mode) if mode != "1" else photo().convert("L").point(lambda v: 255 if v > 90 else 0, "1")
    key = {"1": 0, "L": 7, "RGB": (7, 8, 9)}[mode]
    fill = {"1": 0, "L": 7, "RGB": (7, 8, 9)}[mode]
    image.paste(fill, (0, 0, image.width, image.height // 2))
    source = tmp_path / f"trns-{mode}.png"
    image.save(source, transparency=key)
    assert "transparency" in Image.open(source).info
    _, out = largest_rendition(tmp_path, source)
    assert all(abs(a - b) <= 1 for a, b in zip(top_colour(out), BACKGROUND, strict=True))


# -- refusals and warnings, in an editor's words ----------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    import struct
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def real_png() -> bytes:
    buffer = io.BytesIO()
    photo().save(buffer, "PNG")
    return buffer.getvalue()


def scrambled(data: bytes) -> bytes:
    """300 bytes in the middle of the compressed picture data flipped (a bad disk, a bad transfer)."""
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 300]) + data[middle + 300 :]


REFUSED = {
    "damaged.png": (
        lambda: b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 40,
        "is a damaged PNG file that cannot be opened: export it again from the original",
    ),
    "broken-data.png": (
        lambda: scrambled(real_png()),
        "is a damaged PNG file (its picture data is broken): export it again from the original",
    ),
    "huge-text.png": (
        lambda: (
            real_png()[:33]
            + png_chunk(b"zTXt", b"Comment\x00\x00" + __import__("zlib").compress(b"x" * 5_000_000))
            + real_png()[33:]
        ),
        "carries a text block (metadata) too large to read safely: export it again without metadata",
    ),
    "resume.jpg": (
        lambda: b"%PDF-1.7\n" + b"0" * 400,
        "is a PDF file, which the site cannot use: export the photo as JPEG, PNG, WebP, TIFF, GIF or AVIF",
    ),
    "iphone.jpg": (
        lambda: b"\x00\x00\x00\x18ftypheic" + b"\x00" * 400,
        "is a HEIC file, which the site cannot use: export the photo as JPEG, PNG, WebP, TIFF, GIF or AVIF",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_files_say_what_they_are_and_what_to_send(tmp_path, name):
    make, message = REFUSED[name]
    source = tmp_path / name
    source.write_bytes(make())
    assert inspect(source, 256).error == message
    _, _, problems = run(tmp_path, source, HEADSHOTS_MIN_SIDE=256)
    assert [p.message for p in problems] == [f'"{name}" {message}']


def test_library_noise_is_one_warning_per_file_and_nothing_on_stderr(tmp_path, capfd):
    exif = Image.Exif()
    exif[0x010F] = "Maker"
    exif[0x0110] = "Model"
    source = tmp_path / "cut-exif.jpg"
    photo().save(source, exif=exif.tobytes()[:-6], quality=95)  # the EXIF block ends early
    expected = (
        "has damaged or non-standard metadata, which was skipped (the picture itself was read): "
        "exporting it again from the original clears this"
    )
    assert inspect(source, 256) == Finding(None, [expected])
    settings = {"HEADSHOTS_FORMATS": ["jpeg"], "HEADSHOTS_JOBS": 1, "HEADSHOTS_MIN_SIDE": 256}
    apply_defaults(settings)
    pictures, _, problems, _ = process([Item(source, None, "t")], settings, tmp_path / "cache")
    assert pictures[0] is not None
    assert [(p.warning, p.message) for p in problems] == [(True, f'"cut-exif.jpg" {expected}')]
    assert capfd.readouterr().err == ""


def test_what_a_c_library_writes_to_stderr_is_captured(capfd):
    import os

    from headshots.thumbnails.pipeline import library_noise

    with library_noise() as noise:
        os.write(2, b"TIFFReadDirectory: Warning, Unknown field with tag 65000\n")
    assert noise.lines == ["TIFFReadDirectory: Warning, Unknown field with tag 65000"]
    assert len(noise.summary()) == 1
    assert capfd.readouterr().err == ""


def test_the_reference_photo_is_a_colour_photograph():
    """The fixture itself: a real colour photo, not a flat pattern (the tests above would prove little)."""
    pixels = np.asarray(photo(), dtype=float)
    assert pixels.std() > 40 and len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50_000


def test_a_damaged_tiff_is_one_line_and_libtiff_prints_nothing(tmp_path, capfd):
    """libtiff writes its complaints to the process's stderr (here from a worker process):
    the editor gets the one problem line, not the library's."""
    buffer = io.BytesIO()
    photo().save(buffer, "TIFF", compression="tiff_lzw")
    data = bytearray(buffer.getvalue())
    middle = len(data) // 2
    data[middle : middle + 2000] = bytes(b ^ 0x5A for b in data[middle : middle + 2000])
    damaged, good = tmp_path / "damaged-lzw.tif", tmp_path / "good.png"
    damaged.write_bytes(bytes(data))
    photo().save(good)
    settings = {"HEADSHOTS_FORMATS": ["jpeg"], "HEADSHOTS_JOBS": 2, "HEADSHOTS_MIN_SIDE": 256}
    apply_defaults(settings)
    pictures, _, problems, _ = process([Item(damaged, None, "t"), Item(good, None, "t")], settings, tmp_path / "c")
    assert pictures[0] is None and pictures[1] is not None
    assert [p.message for p in problems if not p.warning] == [
        '"damaged-lzw.tif" is a damaged TIFF file (its picture data is broken): export it again from the original'
    ]
    assert capfd.readouterr().err == ""
