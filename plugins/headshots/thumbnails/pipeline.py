"""The pixels: open and check a source, decode it once, make every rendition.

Runs in worker processes, so everything here takes and returns plain data.
"""

from __future__ import annotations

import base64
import io
import time
from pathlib import Path

from PIL import Image, ImageFile, UnidentifiedImageError

from . import entries, faces, geometry, limits
from .colour import to_srgb
from .noise import LibraryNoise, library_noise
from .plan import Plan, encoder_params, make_plan

#: What Pillow may open (a phone's MPO opens as JPEG). Anything else (PDF, PSD, ICO, SVG renamed...) is refused by name.
FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "GIF", "AVIF")
FORMAT_NAMES = "JPEG, PNG, WebP, TIFF, GIF or AVIF"

#: What a file is, by its first bytes, for messages: a damaged PNG is named a PNG, a PDF a PDF.
#: (prefix, offset, name, one of ours)
SIGNATURES = (
    (b"\xff\xd8\xff", 0, "JPEG", True),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG", True),
    (b"GIF8", 0, "GIF", True),
    (b"WEBP", 8, "WebP", True),
    (b"II*\x00", 0, "TIFF", True),
    (b"MM\x00*", 0, "TIFF", True),
    (b"ftypavi", 4, "AVIF", True),
    (b"ftyphei", 4, "HEIC", False),
    (b"ftypmif1", 4, "HEIC", False),
    (b"%PDF", 0, "PDF", False),
    (b"8BPS", 0, "Photoshop (PSD)", False),
    (b"BM", 0, "BMP", False),
    (b"\x00\x00\x01\x00", 0, "icon (ICO)", False),
    (b"<", 0, "text or SVG", False),
)

#: Formats whose Pillow plugin applies the EXIF orientation itself (the size at open, the pixels
#: at load): turning them again would turn them twice. tests/test_thumbnails_pixels.py holds Pillow to it.
PILLOW_ORIENTS = frozenset({"TIFF"})

#: Bump when a source's record (size, faces, warnings) may change for the same bytes: every record
#: is redone. 2: a library's deprecation warning is no longer recorded as the file's own problem.
#: 3: faces found on a PNG's pixels after its gAMA and cHRM.
RECORD_VERSION = f"3+{faces.VERSION}"


class SourceProblem(Exception):
    """A source the build must refuse; str() completes 'the file "x.jpg" ...'."""


# -- opening and checking -----------------------------------------------------------------


def _orientation(im) -> int | None:
    """The EXIF orientation still to apply (None when upright, or when Pillow applies it itself)."""
    if im.format in PILLOW_ORIENTS:
        return None
    if im.format == "PNG":
        # A PNG may keep its EXIF after the picture data, so Pillow decodes the picture to read it; do
        # that decode here, where broken data is reported (inside getexif() it would pass unnoticed).
        load_checked(im)
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
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise SourceProblem(_too_much_text(error) or _unreadable(path)) from None
    finally:
        Image.MAX_IMAGE_PIXELS = max_pixels
    too_many_scans = limits.scan_problem(path) if im.format in ("JPEG", "MPO") else None
    if too_many_scans:
        im.close()
        raise SourceProblem(too_many_scans)
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


def sniff(path) -> tuple[str, bool] | None:
    """(format name, whether the site takes it) from a file's first bytes, or None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    for prefix, offset, name, ours in SIGNATURES:
        if head[offset : offset + len(prefix)] == prefix:
            return name, ours
    return None


def _unreadable(path) -> str:
    """Why a file cannot be opened, in an editor's words: what it is, and what to send instead."""
    kind = sniff(path)
    if kind is None:
        return f"is not an image file: send the photo as {FORMAT_NAMES}"
    name, ours = kind
    if ours:
        return f"is a damaged {name} file that cannot be opened: export it again from the original"
    return f"is a {name} file, which the site cannot use: export the photo as {FORMAT_NAMES}"


def _too_much_text(error) -> str | None:
    """Pillow's guard against PNG text (metadata) that would fill the memory, in an editor's words."""
    if "MAX_TEXT_CHUNK" in str(error) or "Too much memory used in text chunks" in str(error):
        return "carries a text block (metadata) too large to read safely: export it again without metadata"
    return None


def _undecodable(path, error) -> str:
    """Why a file that opened cannot be decoded, in an editor's words."""
    if isinstance(error, EOFError) or "truncated" in str(error):
        return "is truncated (the upload or export did not finish): export it again"
    if _too_much_text(error):
        return _too_much_text(error)
    name = (sniff(path) or ("image",))[0]
    return f"is a damaged {name} file (its picture data is broken): export it again from the original"


def load_checked(im) -> None:
    """Decode every pixel (after any draft): truncated or corrupt data fails here."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        im.seek(0)  # GIF, animated WebP/AVIF: the first frame
        with limits.deadline():
            im.load()
    except limits.DecodeTooSlow:
        raise SourceProblem(limits.too_slow()) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as error:
        raise SourceProblem(_undecodable(im.filename, error)) from None


def examine(path, min_side: int, max_pixels: int) -> dict:
    """Open, decode and look for faces as the build does, at the smallest scale the detector
    needs: the source's record (`size`, `faces`, `warnings`, `version`). Raises SourceProblem."""

    def detector_size(oriented):
        side = faces.INPUT_SIZE * 2  # the detector's input, from at least twice as many pixels
        return (0, 0, oriented[0], oriented[1]), min(oriented[0], round(side * oriented[0] / max(oriented)))

    with library_noise() as noise:
        im, oriented, _ = decode(path, detector_size, min_side, max_pixels)
    return source_record(im, oriented, noise)


def source_record(im, oriented, noise: LibraryNoise) -> dict:
    """What the build keeps of a source, by content digest: its size, its faces, what reading it warned."""
    return {"size": list(oriented), "faces": faces.detect(im), "warnings": noise.summary(), "version": RECORD_VERSION}


def _timed(function, *args):
    started = time.perf_counter()
    return function(*args), time.perf_counter() - started


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


def placeholder_of(smallest, mode: str) -> dict:
    """Average colour (always) and, for "blur", a tiny WebP to stretch under the image."""
    r, g, b = smallest.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))[:3]
    meta = {"colour": f"#{r:02x}{g:02x}{b:02x}", "blur": None}
    if mode == "blur":
        buffer = io.BytesIO()
        smallest.resize((8, 10), Image.Resampling.BOX).save(buffer, "WEBP", quality=40, method=6)
        meta["blur"] = "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode()
    return meta


def render(job: dict) -> dict:
    """Worker entry point: one source, its missing renditions, one decode.

    `job`: source, digest, focus, options, cache (folder), min_side, max_pixels;
    `only` (optional): make only the renditions of these cache names ([]: none,
    just the plan and its placeholder); `record` (optional): the source's
    cached record (no face detection). The crop's size depends on the source's
    size alone, so the decode is planned before the faces are found; where the
    crop sits is decided after. The plan's meta is written once every rendition exists.
    Returns {"record", "meta", "encoded"} or {"error": message}.
    """
    cache = Path(job["cache"])
    options = job["options"]

    def needs(oriented):
        plan = make_plan(job["digest"], oriented, None, options)
        return plan.box, plan.needed_width

    try:
        with library_noise() as noise:
            im, oriented, scale = decode(job["source"], needs, job["min_side"], job["max_pixels"])
    except SourceProblem as problem:
        return {"error": str(problem)}
    record, face_seconds = job.get("record"), 0.0
    if record is None:
        record, face_seconds = _timed(source_record, im, oriented, noise)
        entries.write_json(entries.record_path(cache, job["digest"]), record)
    focus, keep = faces.framing(job["focus"], record["faces"])
    plan: Plan = make_plan(job["digest"], oriented, focus, options, keep)
    only = job.get("only")
    todo = [
        r
        for r in plan.renditions
        if (only is None or r.cache_name in only) and not (cache / entries.RENDITIONS / r.cache_name).exists()
    ]
    made, inset = _resized(im, tuple(v * scale for v in plan.box), plan, todo)
    smallest = made[min(made)] if made else im
    for rendition in todo:
        if rendition.kind == "og":
            colour = (smallest if made else inset).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
            image = Image.new("RGB", (rendition.width, rendition.height), colour)
            image.paste(inset, ((rendition.width - inset.width) // 2, (rendition.height - inset.height) // 2))
        else:
            image = made[(rendition.width, rendition.height)]
        params = encoder_params(rendition.fmt, options)
        # One libaom thread, always: its bytes differ with one thread and with several (measured with
        # Pillow 13, libavif 1.4.2), and a file's bytes must follow from its key. Sources run in parallel.
        params = {**params, "max_threads": 1} if rendition.fmt == "avif" else params
        entries.save_image(image, cache / entries.RENDITIONS / rendition.cache_name, rendition.fmt, params)
    meta = placeholder_of(smallest, options["placeholder"])
    if all((cache / entries.RENDITIONS / r.cache_name).exists() for r in plan.renditions):
        # written last, with the digest of every rendition: it says the plan is complete and verifiable
        manifest = {**meta, "files": entries.rendition_digests(cache, plan.renditions)}
        entries.write_json(entries.meta_path(cache, plan), manifest)
    return {"record": record, "meta": meta, "encoded": len(todo), "face_seconds": face_seconds}


def _resized(im, box, plan: Plan, todo):
    """The resized crops `todo` needs and the smallest (the placeholder's), by (width, height), and the
    Open Graph card's inset if `todo` has the card (else None). Each is resized from the decoded crop
    (`box`) or from a made one (`geometry.resize_chain`), the same way whichever are made."""
    sizes = {(r.width, r.height) for r in plan.renditions if r.kind != "og"}
    wanted = {(r.width, r.height) for r in todo if r.kind != "og"} | ({min(sizes)} if sizes else set())
    og = plan.og_inset if any(r.kind == "og" for r in todo) else None
    # the card's inset, from a made rendition like the others (every one is the whole crop), not the decode
    og_parent = geometry.resize_parent(sizes, og[0]) if og else None
    made: dict = {}
    for size, parent in geometry.resize_chain(sizes, wanted | ({og_parent} - {None})).items():
        made[size] = _resize(im if parent is None else made[parent], size, None if parent else box)
    inset = _resize(im if og_parent is None else made[og_parent], og, None if og_parent else box) if og else None
    return made, inset


def _resize(image, size, box):
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
