"""The pixels: open and check a source, decode it once, make every rendition.

Runs in worker processes, so everything here takes and returns plain data.
"""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, UnidentifiedImageError

from . import geometry
from .plan import Plan, encoder_params, make_plan

#: What Pillow may open (a phone's MPO opens as JPEG). Anything else (PDF, PSD, ICO, SVG renamed...) is refused by name.
FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "GIF", "AVIF")
FORMAT_NAMES = "JPEG, PNG, WebP, TIFF, GIF or AVIF"

#: Transparent pixels are flattened onto this neutral mid-light grey (a studio backdrop).
BACKGROUND = (160, 160, 160)

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_TRANSFORMS: dict = {}


class SourceProblem(Exception):
    """A source the build must refuse; str() completes 'the file "x.jpg" ...'."""


# -- opening and checking -----------------------------------------------------------------


def _orientation(im) -> int | None:
    try:
        value = im.getexif().get(0x0112)
    except Exception:  # a broken EXIF block must not hide a good image
        return None
    return value if value in range(1, 9) else None


def open_checked(path: Path, min_side: int, max_pixels: int):
    """Open a source lazily (header only) and check what can be checked without decoding.

    Returns (image, oriented_size, orientation). Refuses empty files, non-images,
    unsupported formats, decompression bombs (by pixel count, before any decode)
    and sources whose short side is under `min_side`.
    """
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            raise SourceProblem("is an empty file (0 bytes)")
    except FileNotFoundError:
        raise SourceProblem("does not exist next to the profile") from None
    Image.init()  # register every plugin, so `formats=` below can name them
    # Opening reads the header only; the pixel cap is checked just below, with
    # the size in the message, and stays set (Image.MAX_IMAGE_PIXELS) for every
    # later code path as Pillow's own guard.
    Image.MAX_IMAGE_PIXELS = None
    try:
        im = Image.open(path, formats=FORMATS)
    except UnidentifiedImageError:
        raise SourceProblem(f"is not an image Pillow can read (use {FORMAT_NAMES})") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise SourceProblem(f"is damaged and cannot be opened ({_reason(error)})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = max_pixels
    width, height = im.size
    if width * height > max_pixels:
        im.close()
        raise SourceProblem(_bomb_message(im.size, max_pixels))
    orientation = _orientation(im)
    oriented = geometry.oriented_size(im.size, orientation)
    if min(oriented) < min_side:
        im.close()
        raise SourceProblem(
            f"is {oriented[0]}x{oriented[1]} px; its short side must be at least "
            f"{min_side} px (HEADSHOTS_MIN_SIDE): ask for the full-size file"
        )
    return im, oriented, orientation


def _bomb_message(size, max_pixels) -> str:
    return (
        f"is {size[0]}x{size[1]} px ({size[0] * size[1] / 1e6:.0f} megapixels), over the "
        f"{max_pixels / 1e6:g} megapixels limit (HEADSHOTS_MAX_PIXELS): refused as a possible "
        "decompression bomb"
    )


def _reason(error) -> str:
    text = str(error).strip() or type(error).__name__
    return text[:120]


def load_checked(im) -> None:
    """Decode every pixel (after any draft): truncated or corrupt data fails here."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        im.seek(0)  # GIF, animated WebP/AVIF: the first frame
        im.load()
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as error:
        reason = _reason(error)
        if "truncated" in reason or isinstance(error, EOFError):
            raise SourceProblem("is truncated (the upload or export did not finish): export it again") from None
        raise SourceProblem(f"is damaged and cannot be decoded ({reason})") from None


def inspect_source(path, min_side: int, max_pixels: int) -> str | None:
    """Open and fully decode a source exactly as the build does; a message or None."""
    try:
        im, _, _ = open_checked(path, min_side, max_pixels)
        with im:
            if im.format in ("JPEG", "MPO"):
                im.draft(im.mode, (max(1, im.size[0] // 8), max(1, im.size[1] // 8)))
            load_checked(im)
    except SourceProblem as problem:
        return str(problem)
    return None


# -- colour ---------------------------------------------------------------------------------


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


def _transform(icc: bytes, mode: str):
    key = (icc, mode)
    if key not in _TRANSFORMS:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            description = (ImageCms.getProfileDescription(source) or "").lower()
            if mode == "RGB" and "srgb" in description:
                _TRANSFORMS[key] = None  # already sRGB: nothing to do
            else:
                _TRANSFORMS[key] = ImageCms.buildTransform(
                    source, _SRGB, mode, "RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
                )
        except (ImageCms.PyCMSError, OSError, ValueError):
            _TRANSFORMS[key] = None  # an unreadable profile: treat the pixels as sRGB
    return _TRANSFORMS[key]


def to_srgb(im):
    """Any decoded source to 8-bit sRGB "RGB": alpha flattened, ICC converted.

    Metadata is dropped here (`info` emptied), so no encoder can carry EXIF,
    XMP, comments or the source's ICC profile into a rendition.
    """
    icc = im.info.get("icc_profile")
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        im = _to_8bit(im)
    elif im.mode == "1":
        im = im.convert("L")
    elif im.mode in ("P", "PA"):
        im = im.convert("RGBA")
    elif im.mode in ("RGBa", "La"):
        im = im.convert("RGBA" if im.mode == "RGBa" else "LA")
    elif im.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        im = im.convert("RGB")
    if im.mode in ("RGBA", "LA"):
        flat_mode = "RGB" if im.mode == "RGBA" else "L"
        background = Image.new(flat_mode, im.size, BACKGROUND if flat_mode == "RGB" else BACKGROUND[0])
        background.paste(im.convert(flat_mode), mask=im.getchannel("A"))
        im = background
    transform = _transform(icc, im.mode) if icc else None
    if transform is not None:
        im = ImageCms.applyTransform(im, transform)
    elif im.mode != "RGB":
        im = im.convert("RGB")
    im.info = {}
    return im


# -- one source, every rendition ---------------------------------------------------------------


def decode(path, size_needed_fn, min_side: int, max_pixels: int):
    """One decode: open, check, draft to the smallest DCT scale that still serves
    every rendition, load, reduce, orient, convert to sRGB.

    `size_needed_fn(oriented_size)` returns (crop box, widest crop needed).
    Returns (sRGB image, oriented full size, decoded/full scale).
    """
    im, oriented, orientation = open_checked(path, min_side, max_pixels)
    with im:
        box, needed = size_needed_fn(oriented)
        full = im.size
        if im.format in ("JPEG", "MPO"):
            im.draft(im.mode, geometry.draft_request(full, box, needed, orientation))
        load_checked(im)
        decoded = im
        info = dict(im.info)
        # PNG, TIFF and WebP have no draft mode: reduce() by a whole factor
        # while the crop keeps at least twice the pixels the widest rendition needs,
        # so the colour conversion below touches as few pixels as possible.
        crop_decoded = (
            (box[2] - box[0]) * decoded.size[0] / full[0]
            if orientation not in (5, 6, 7, 8)
            else (box[2] - box[0]) * decoded.size[1] / full[1]
        )
        factor = int(crop_decoded // (2 * needed)) if needed else 1
        if factor >= 2 and decoded.mode in ("RGB", "RGBA", "L", "LA", "CMYK", "I", "F"):
            decoded = decoded.reduce(factor)
        if orientation and orientation != 1:
            decoded = decoded.transpose(_METHODS[orientation])
        if decoded is not im:
            decoded.info = info
        result = to_srgb(decoded)
        if result is im:  # closing `im` below would free these pixels
            result = im.copy()
            result.info = {}
        scale = result.size[0] / oriented[0]
        return result, oriented, scale


_METHODS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _atomic_save(im, path: Path, fmt: str, params: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        im.save(tmp, format=fmt.upper(), **params)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def placeholder_of(smallest, mode: str) -> dict:
    """Average colour (always) and, for "blur", a tiny WebP to stretch under the image."""
    r, g, b = smallest.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))[:3]
    meta = {"colour": f"#{r:02x}{g:02x}{b:02x}", "blur": None}
    if mode == "blur":
        buffer = io.BytesIO()
        smallest.resize((8, 10), Image.Resampling.BOX).save(buffer, "WEBP", quality=40, method=6)
        meta["blur"] = "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode()
    return meta


def _parent(made: dict, width: int):
    """The image to resize to `width` from: the smallest made one at least twice as
    wide (Lanczos from there keeps the detail of a direct resize, measured with
    `make bench`'s SSIM), else the largest made one if it is wider, else None
    (resize from the decode: never upscale)."""
    for (made_width, _), image in sorted(made.items()):
        if made_width >= 2 * width:
            return image
    largest = max(made) if made else None
    return made[largest] if largest and largest[0] > width else None


def render(job: dict) -> dict:
    """Worker entry point: one source, every missing rendition, one decode.

    `job`: source, digest, focus, options, cache (folder), min_side, max_pixels,
    missing (cache names still to make, or None for "check the cache").
    Returns {"size", "meta", "encoded"} or {"error": message}.
    """
    cache = Path(job["cache"])
    options = job["options"]
    plan_holder: dict = {}

    def needs(oriented):
        plan = make_plan(job["digest"], oriented, job["focus"], options)
        plan_holder["plan"] = plan
        return plan.box, plan.needed_width

    try:
        im, oriented, scale = decode(job["source"], needs, job["min_side"], job["max_pixels"])
    except SourceProblem as problem:
        return {"error": str(problem)}
    plan: Plan = plan_holder["plan"]
    atomic_write_text(cache / "sources" / f"{job['digest']}.json", json.dumps({"size": list(oriented)}))
    todo = [r for r in plan.renditions if not (cache / "r" / r.cache_name).exists()]
    box = tuple(v * scale for v in plan.box)
    encoded = 0

    # Responsive widths and scan tiles: the largest from the decoded crop, each
    # smaller one from the smallest already-made image at least twice its size
    # (or the largest), so no pass reads more pixels than it must.
    sizes = sorted({(r.width, r.height) for r in plan.renditions if r.kind != "og"}, reverse=True)
    made: dict = {}
    for width, height in sizes:
        parent = _parent(made, width)
        if parent is None:
            made[(width, height)] = im.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
        else:
            made[(width, height)] = parent.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    threads = options.get("avif_threads") or 1
    for rendition in todo:
        if rendition.kind == "og":
            continue
        params = dict(encoder_params(rendition.fmt, options))
        if rendition.fmt == "avif":
            params["max_threads"] = threads
        _atomic_save(
            made[(rendition.width, rendition.height)], cache / "r" / rendition.cache_name, rendition.fmt, params
        )
        encoded += 1
    for rendition in todo:
        if rendition.kind != "og":
            continue
        inset_w, inset_h = plan.og_inset
        # the same rule: from a made rendition (every one is the whole crop), not the decode
        parent = _parent(made, inset_w)
        if parent is None:
            inset = im.resize((inset_w, inset_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
        else:
            inset = parent.resize((inset_w, inset_h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        smallest = made[min(made)] if made else inset
        colour = smallest.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        card = Image.new("RGB", (rendition.width, rendition.height), colour)
        card.paste(inset, ((rendition.width - inset_w) // 2, (rendition.height - inset_h) // 2))
        _atomic_save(card, cache / "r" / rendition.cache_name, "jpeg", encoder_params("jpeg", options))
        encoded += 1
    meta_path = cache / "meta" / f"{plan.meta_key}.json"
    smallest = made[min(made)] if made else im
    meta = placeholder_of(smallest, options["placeholder"])
    atomic_write_text(meta_path, json.dumps(meta))
    return {"size": list(oriented), "meta": meta, "encoded": encoded}
