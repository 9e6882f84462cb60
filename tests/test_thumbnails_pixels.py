"""The thumbnails pipeline on generated fixture images, named for what they test.

Images are compared by size, mode, metadata and pixels within a tolerance
(never by bytes): the reference is what plain Pillow/ImageCms make of the
same source, cropped and resized the way geometry.crop_box says.
"""

import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageOps, ImageStat

from headshots.thumbnails import DEFAULTS, Item, apply_defaults, geometry, inspect, process
from headshots.thumbnails.colour import BACKGROUND

# -- fixture images ------------------------------------------------------------------------------


def quadrants(size, mode="RGB"):
    """Four strongly different colours plus a gradient: any wrong rotation or flip shows."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 2, height // 2), fill=(220, 40, 40))
    draw.rectangle((width // 2, 0, width, height // 2), fill=(40, 200, 60))
    draw.rectangle((0, height // 2, width // 2, height), fill=(40, 60, 210))
    draw.rectangle((width // 2, height // 2, width, height), fill=(230, 220, 60))
    return image.convert(mode) if mode != "RGB" else image


def tones(size):
    """Smooth mid-tone ramps in every channel (where colour-space conversions differ most)."""
    width, height = size
    ramp = Image.linear_gradient("L").resize(size)
    return Image.merge(
        "RGB", [ramp, ramp.transpose(Image.Transpose.ROTATE_180).point(lambda v: 40 + v // 2), Image.new("L", size, 90)]
    )


def matrix_icc(description: str, colorants, gamma: float = 563 / 256) -> bytes:
    """A minimal ICC v2 RGB matrix/TRC display profile (D50 colorants), written by hand
    so the tests need no profile files: enough for Adobe RGB (1998) and Display P3."""

    def s15(v):
        return struct.pack(">i", round(v * 65536))

    def xyz(values):
        return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in values)

    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    text = description.encode() + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 12 + b"\0" * 67
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz((0.9642, 1.0, 0.8249))),
        (b"cprt", b"text\0\0\0\0none\0"),
        (b"rXYZ", xyz(colorants[0])),
        (b"gXYZ", xyz(colorants[1])),
        (b"bXYZ", xyz(colorants[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + b"\0" * 48
    )
    return header + struct.pack(">I", len(tags)) + table + data


ADOBE_RGB = matrix_icc(
    "Adobe RGB (1998) test", [(0.60974, 0.31111, 0.01947), (0.20528, 0.62567, 0.06087), (0.14919, 0.06322, 0.74457)]
)
DISPLAY_P3 = matrix_icc(
    "Display P3 test",
    [(0.51512, 0.24120, -0.00105), (0.29198, 0.69225, 0.04189), (0.15710, 0.06657, 0.78407)],
    gamma=2.2,
)
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def png_header_only(width, height) -> bytes:
    """A PNG that claims width x height: a decompression bomb stub (a few dozen bytes)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


# -- running the pipeline ---------------------------------------------------------------------


def run(tmp_path, source, formats=("jpeg",), focus=None, **overrides):
    """The pipeline on one source: its picture, its files, and the errors (warnings left out:
    most fixtures here are patterns, not faces; tests/test_thumbnails_faces.py covers them)."""
    settings = {"HEADSHOTS_FORMATS": list(formats), "HEADSHOTS_JOBS": 1, **overrides}
    apply_defaults(settings)
    pictures, files, problems, _stats = process([Item(Path(source), focus, "t")], settings, tmp_path / "cache")
    return pictures[0], {rel: Path(src) for src, rel in files}, [p for p in problems if not p.warning]


def largest(tmp_path, source, **kwargs):
    picture, files, problems = run(tmp_path, source, **kwargs)
    assert not problems, problems
    path = files[picture.src.lstrip("/")]
    image = Image.open(path)
    image.load()
    return picture, image, files


def reference(display: Image.Image, width: int, focus=None) -> Image.Image:
    box = geometry.crop_box(display.size, focus)
    return display.convert("RGB").resize((width, geometry.height_for(width)), Image.Resampling.LANCZOS, box=box)


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size, (a.size, b.size)
    return max(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean)


# -- correct pixels ------------------------------------------------------------------------------


@pytest.mark.parametrize("orientation", [6, 8])
def test_exif_orientation_is_applied_to_the_pixels(tmp_path, orientation):
    stored = quadrants((1250, 1000))  # landscape as stored; portrait once rotated
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / f"exif-orientation-{orientation}.jpg"
    stored.save(source, quality=95, exif=exif.tobytes())
    picture, image, _ = largest(tmp_path, source)
    display = ImageOps.exif_transpose(Image.open(source))
    assert display.size == (1000, 1250)
    assert image.size == (picture.width, picture.height) == (1000, 1250)
    assert mean_difference(image, reference(display, 1000)) < 3
    unrotated = reference(stored.resize((1000, 1250)), 1000)
    assert mean_difference(image, unrotated) > 40  # ignoring orientation would be caught


def test_gps_and_camera_exif_xmp_and_comments_are_in_no_output(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    exif[0x0110] = "SecretModel"
    exif[0x8825] = {1: "N", 2: (41.0, 52.0, 30.0), 3: "W", 4: (87.0, 37.0, 0.0)}
    source = tmp_path / "gps-and-camera-exif.jpg"
    quadrants((1000, 1250)).save(
        source,
        quality=90,
        exif=exif.tobytes(),
        comment=b"SecretComment",
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>SecretXmp</x:xmpmeta>",
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    assert Image.open(source).getexif().get_ifd(0x8825)  # the fixture really has GPS
    picture, files, problems = run(tmp_path, source, formats=("avif", "webp", "jpeg"))
    assert not problems
    assert {Path(rel).suffix for rel in files} == {".avif", ".webp", ".jpg"}
    for rel, path in files.items():
        data = path.read_bytes()
        for secret in (b"SecretCameraMaker", b"SecretModel", b"SecretComment", b"SecretXmp", b"xmpmeta"):
            assert secret not in data, (rel, secret)
        with Image.open(path) as image:
            assert len(image.getexif()) == 0, rel
            assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info), (rel, image.info.keys())


@pytest.mark.parametrize("name, icc", [("adobe-rgb.png", ADOBE_RGB), ("display-p3.png", DISPLAY_P3)])
def test_embedded_rgb_profiles_are_converted_to_srgb(tmp_path, name, icc):
    source = tmp_path / name
    tones((800, 1000)).save(source, icc_profile=icc)
    _, image, _ = largest(tmp_path, source, HEADSHOTS_WIDTHS=[320])
    original = Image.open(source)
    converted = ImageCms.profileToProfile(original, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB")
    assert mean_difference(image, reference(converted, 320)) < 2.5
    assert mean_difference(image, reference(original, 320)) > 4  # not converting would be caught
    assert "icc_profile" not in image.info


CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def test_cmyk_jpeg_without_profile_matches_pillows_conversion(tmp_path):
    source = tmp_path / "cmyk.jpg"
    quadrants((800, 1000)).convert("CMYK").save(source, quality=95)
    assert Image.open(source).mode == "CMYK"
    _, image, _ = largest(tmp_path, source)
    assert image.mode == "RGB"
    assert mean_difference(image, reference(Image.open(source).convert("RGB"), 800)) < 3


def test_cmyk_jpeg_with_profile_is_converted_with_imagecms(tmp_path):
    if not CMYK_PROFILE.exists():
        pytest.fail(
            f"this test needs a real CMYK ICC profile at {CMYK_PROFILE}: "
            "`apt-get install libgs-common` (as .ci/run does)",
            pytrace=False,
        )
    source = tmp_path / "cmyk-profiled.jpg"
    icc = CMYK_PROFILE.read_bytes()
    tones((800, 1000)).convert("CMYK").save(source, quality=95, icc_profile=icc)
    _, image, _ = largest(tmp_path, source)
    original = Image.open(source)
    converted = ImageCms.profileToProfile(original, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB")
    assert mean_difference(image, reference(converted, 800)) < 3
    assert mean_difference(image, reference(original.convert("RGB"), 800)) > 4


def test_16_bit_greyscale_png_is_scaled_not_clipped(tmp_path):
    ramp = Image.linear_gradient("L").resize((800, 1000))
    wide = ramp.point(lambda v: v * 257, "I").convert("I;16")
    source = tmp_path / "greyscale-16-bit.png"
    wide.save(source)
    assert Image.open(source).mode.startswith("I")
    _, image, _ = largest(tmp_path, source)
    assert image.mode == "RGB"
    assert mean_difference(image, reference(ramp, 800)) < 2


def test_rgba_png_is_flattened_on_neutral_grey(tmp_path):
    image = Image.new("RGBA", (800, 1000), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 500, 800, 1000), fill=(200, 30, 30, 255))
    source = tmp_path / "rgba-transparent-top.png"
    image.save(source)
    _, out, _ = largest(tmp_path, source, HEADSHOTS_WIDTHS=[160])
    top = out.crop((0, 0, out.width, out.height // 3)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    bottom = out.crop((0, out.height * 3 // 4, out.width, out.height)).resize((1, 1)).getpixel((0, 0))
    assert all(abs(a - b) <= 3 for a, b in zip(top, BACKGROUND, strict=True))
    assert all(abs(a - b) <= 6 for a, b in zip(bottom, (200, 30, 30), strict=True))


def test_palette_gif_uses_the_first_frame(tmp_path):
    first = quadrants((800, 1000)).quantize(16)
    second = Image.new("RGB", (800, 1000), (0, 0, 0)).quantize(16)
    source = tmp_path / "palette-animated.gif"
    first.save(source, save_all=True, append_images=[second], duration=100)
    _, image, _ = largest(tmp_path, source)
    assert mean_difference(image, reference(first.convert("RGB"), 800)) < 3


@pytest.mark.parametrize(
    "name, save",
    [
        ("lossless.webp", {"lossless": True}),
        ("plain.tiff", {}),
        ("progressive.jpg", {"progressive": True, "quality": 95}),
        ("source.avif", {"quality": 90}),
        ("greyscale.jpg", {"quality": 95}),
    ],
)
def test_other_source_formats_match_plain_pillow(tmp_path, name, save):
    content = quadrants((800, 1000))
    if name.startswith("greyscale"):
        content = content.convert("L")
    source = tmp_path / name
    content.save(source, **save)
    _, image, _ = largest(tmp_path, source)
    assert image.mode == "RGB"
    assert mean_difference(image, reference(Image.open(source), 800)) < 3


def test_landscape_source_is_cropped_to_a_centred_portrait(tmp_path):
    source = tmp_path / "landscape.jpg"
    quadrants((2000, 1000)).save(source, quality=95)
    picture, image, _ = largest(tmp_path, source)
    assert picture.widths == [160, 320, 480, 640, 800]
    assert image.size == (800, 1000)
    # the centre 800 columns of 2000: a red/blue left half, green/yellow right half
    assert mean_difference(image, reference(Image.open(source), 800)) < 3
    assert image.getpixel((200, 250))[0] > 180 and image.getpixel((600, 250))[1] > 160


def test_source_smaller_than_the_largest_width_is_never_upscaled(tmp_path):
    source = tmp_path / "small-900x1125.jpg"
    quadrants((900, 1125)).save(source, quality=95)
    picture, files, problems = run(tmp_path, source, formats=("webp", "jpeg"))
    assert not problems
    assert picture.widths == [160, 320, 480, 640, 900]
    assert (picture.width, picture.height) == (900, 1125)
    for path in files.values():
        with Image.open(path) as image:
            assert image.width <= 900 or image.size == (1200, 630)


def test_focus_moves_the_crop(tmp_path):
    source = tmp_path / "tall-focus-low.jpg"
    quadrants((800, 2000)).save(source, quality=95)
    _, image, _ = largest(tmp_path, source, focus=(0.5, 0.9))
    # the face low in the frame: the crop is the bottom 1000 rows (blue/yellow)
    assert image.getpixel((100, 100))[2] > 180 and image.getpixel((700, 100))[0] > 180


def test_open_graph_card_shows_the_whole_headshot(tmp_path):
    source = tmp_path / "og.jpg"
    quadrants((800, 1000)).save(source, quality=95)
    picture, files, _ = run(tmp_path, source)
    card = Image.open(files[picture.og_url.lstrip("/")])
    assert card.size == (picture.og_width, picture.og_height) == (1200, 630)
    inset = card.crop((348, 0, 852, 630))
    assert mean_difference(inset, reference(Image.open(source), 504)) < 4


def test_open_graph_inset_is_never_upscaled_from_a_small_rendition(tmp_path):
    """The inset comes from a made rendition only when one is wider than it; with
    widths all under 504 px it is resized from the decode, as sharp as before."""
    source = tmp_path / "og-small-widths.jpg"
    photo = quadrants((800, 1000))
    photo.paste(Image.effect_noise((400, 500), 60).convert("RGB"), (200, 250))  # fine detail
    photo.save(source, quality=95)
    picture, files, _ = run(tmp_path, source, HEADSHOTS_WIDTHS=[160, 320])
    assert picture.width == 320
    inset = Image.open(files[picture.og_url.lstrip("/")]).crop((348, 0, 852, 630))
    upscaled = reference(Image.open(source), 320).resize((504, 630), Image.Resampling.LANCZOS)
    direct = reference(Image.open(source), 504)
    assert mean_difference(inset, direct) < mean_difference(upscaled, direct) / 2


def test_placeholder_is_the_average_colour(tmp_path):
    source = tmp_path / "flat-colour.png"
    Image.new("RGB", (800, 1000), (120, 80, 200)).save(source)
    picture, _, _ = run(tmp_path, source)
    assert picture.placeholder == "#7850c8"
    assert picture.blur is None
    picture, _, _ = run(tmp_path, source, HEADSHOTS_PLACEHOLDER="blur")
    assert picture.blur.startswith("data:image/webp;base64,") and len(picture.blur) < 400


# -- refused sources -------------------------------------------------------------------------


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def good_jpeg_bytes():
    buffer = io.BytesIO()
    quadrants((1000, 1250)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


BAD = {
    "not-an-image.jpg": (
        lambda: b"name: this is a text file\n" * 20,
        "is not an image file: send the photo as JPEG, PNG, WebP, TIFF, GIF or AVIF",
    ),
    "empty.jpg": (lambda: b"", "is an empty file (0 bytes)"),
    "truncated.jpg": (
        lambda: good_jpeg_bytes()[: len(good_jpeg_bytes()) * 6 // 10],
        "is truncated (the upload or export did not finish): export it again",
    ),
    "decompression-bomb.png": (lambda: png_header_only(30000, 30000), "refused as a possible decompression bomb"),
    "just-over-the-pixel-cap.png": (
        lambda: png_header_only(12000, 9000),
        "is 12000x9000 px (108 megapixels), over the 100 megapixels limit "
        "(HEADSHOTS_MAX_PIXELS): refused as a possible decompression bomb",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_sources_are_refused_with_a_message(tmp_path, name):
    make, message = BAD[name]
    source = write(tmp_path, name, make())
    started = time.perf_counter()
    assert message in inspect(source, 800).error
    picture, files, problems = run(tmp_path, source)
    assert time.perf_counter() - started < 5  # bounded: nothing huge is decoded
    assert picture is None and files == {}
    assert len(problems) == 1 and f'"{name}" ' in problems[0].message and message in problems[0].message


def test_too_small_source_names_its_size_and_the_minimum(tmp_path):
    source = tmp_path / "too-small-640x480.jpg"
    quadrants((640, 480)).save(source)
    expected = "is 640x480 px; its short side must be at least 800 px (HEADSHOTS_MIN_SIDE): ask for the full-size file"
    assert inspect(source, 800).error == expected
    assert inspect(source, 480).error is None
    _, _, problems = run(tmp_path, source)
    assert problems[0].message == f'"too-small-640x480.jpg" {expected}'


def test_min_side_default_is_issue_3s_800_px():
    assert DEFAULTS["HEADSHOTS_MIN_SIDE"] == 800


def test_inspect_accepts_what_the_build_accepts(tmp_path):
    source = write(tmp_path, "good.jpg", good_jpeg_bytes())
    assert inspect(source, 800).error is None
    assert inspect(tmp_path / "missing.jpg", 800).error == "does not exist next to the profile"
