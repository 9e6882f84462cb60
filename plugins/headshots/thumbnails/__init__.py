"""headshots.thumbnails: every headshot to responsive renditions (AVIF, WebP, JPEG).

Pelican plugin. The profiles generator finds the headshots; this plugin's
generator (which runs after it) decodes each source once, in parallel worker
processes, makes every rendition into a content-addressed cache under
CACHE_PATH, sets `headshot.picture` (a `Picture`), and copies the finished
files into the output. See docs/ARCHITECTURE.md, "Pictures" and "Thumbnail
pipeline", and `_picture.html` for the markup.

`inspect(path, min_side)` is the same check the build makes, for `headshots check`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing
import os
import re
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..errors import Problem, display_path, fail, install_log_filter
from . import pipeline
from .picture import Image, Picture, PictureMarkupError, picture_attrs
from .plan import PIPELINE_VERSION, digest_file, make_plan

__all__ = ["Picture", "PictureMarkupError", "inspect", "picture_attrs", "process", "register",
           "PIPELINE_VERSION", "DEFAULTS"]

logger = logging.getLogger(__name__)

# Every setting of this plugin, with its default, in one place (set on `initialized`).
DEFAULTS = {
    # Responsive widths in pixels. Never upscaled; a width within 1.25x of the
    # largest rendition is dropped (geometry.choose_widths).
    "HEADSHOTS_WIDTHS": [160, 320, 480, 640, 960, 1280],
    # Formats made for every width; the first ones are <source>s, "jpeg" is the <img>.
    # Tests pass ["jpeg"] to be fast.
    "HEADSHOTS_FORMATS": ["avif", "webp", "jpeg"],
    # Encoder quality per format, tuned with `make bench` (docs/ARCHITECTURE.md).
    "HEADSHOTS_QUALITY": {"avif": 50, "webp": 75, "jpeg": 78},
    # libaom speed 0 (slowest, smallest) .. 10; decides most of the build time. 6: same bytes
    # as 8 at +0.003 SSIM (about 4% fewer bytes at equal SSIM), as efficient as sharp's default
    # effort 4 and several times faster than it (docs/ARCHITECTURE.md, make bench).
    "HEADSHOTS_AVIF_SPEED": 6,
    # libwebp method 0 (fast) .. 6 (small).
    "HEADSHOTS_WEBP_METHOD": 4,
    # The five-second scan's tile: CSS px wide (4:5), made at 1x and 2x.
    "HEADSHOTS_SCAN_WIDTH": 112,
    # The Open Graph card: the whole 4:5 headshot, centred on its average colour.
    "HEADSHOTS_OG_SIZE": [1200, 630],
    # Worker processes; None: every core.
    "HEADSHOTS_JOBS": None,
    # A source whose short side is under this is refused (issue 3: 800 px).
    "HEADSHOTS_MIN_SIDE": 800,
    # A source over this many pixels is refused before decoding (decompression bombs).
    "HEADSHOTS_MAX_PIXELS": 100_000_000,
    # "colour" (average colour behind the image) or "blur" (plus a tiny blurred image).
    "HEADSHOTS_PLACEHOLDER": "colour",
    # Output folder and URL prefix: /images/<photographer-slug>/<file>.
    "HEADSHOTS_OUTPUT": "images",
    # Show a progress bar (on a terminal) when at least this many sources need work.
    "HEADSHOTS_PROGRESS_MIN": 6,
    # False: make and cache every rendition and give pages their URLs, but copy
    # nothing into the output (`make bench-scale IMAGES=0` measures pages alone).
    "HEADSHOTS_PUBLISH": True,
}

FORMATS = ("avif", "webp", "jpeg")

#: Counts from the last `process()` in this process (tests and the bench read them).
LAST_STATS: dict = {}


def inspect(path: Path, min_side: int = DEFAULTS["HEADSHOTS_MIN_SIDE"],
            max_pixels: int = DEFAULTS["HEADSHOTS_MAX_PIXELS"]) -> str | None:
    """Check a source exactly as the build does (open, size, pixel cap, full decode).

    Returns None when the build would accept it, else a message that follows
    the file's name, e.g. `is not an image Pillow can read (use JPEG, ...)`:
    print it as f'"{name}" {message}'.
    """
    return pipeline.inspect_source(Path(path), min_side, max_pixels)


# -- settings ---------------------------------------------------------------------------


def apply_defaults(settings: dict) -> None:
    for key, value in DEFAULTS.items():
        settings.setdefault(key, json.loads(json.dumps(value)))


def _settings_problems(settings) -> list[Problem]:
    problems = []

    def bad(key, message):
        problems.append(Problem("pelicanconf.py", field=key, message=message))

    formats = settings["HEADSHOTS_FORMATS"]
    if not formats or any(f not in FORMATS for f in formats):
        bad("HEADSHOTS_FORMATS", f"must be a non-empty list of {', '.join(FORMATS)}, not {formats!r}")
    widths = settings["HEADSHOTS_WIDTHS"]
    if not widths or any(not isinstance(w, int) or w < 16 for w in widths):
        bad("HEADSHOTS_WIDTHS", f"must be a list of pixel widths of at least 16, not {widths!r}")
    if settings["HEADSHOTS_PLACEHOLDER"] not in ("colour", "blur"):
        bad("HEADSHOTS_PLACEHOLDER", 'must be "colour" or "blur"')
    quality = settings["HEADSHOTS_QUALITY"]
    for fmt in formats if isinstance(formats, list) else []:
        if fmt in FORMATS and not (isinstance(quality, dict) and isinstance(quality.get(fmt), int)
                                   and 1 <= quality[fmt] <= 100):
            bad("HEADSHOTS_QUALITY", f"needs a quality 1-100 for {fmt}")
    return problems


def options_from(settings, workers: int = 1) -> dict:
    """The rendition options (everything that goes into cache keys) from settings."""
    quality = {**DEFAULTS["HEADSHOTS_QUALITY"], **settings["HEADSHOTS_QUALITY"]}
    return {
        "widths": list(settings["HEADSHOTS_WIDTHS"]),
        "formats": list(dict.fromkeys(settings["HEADSHOTS_FORMATS"])),
        "quality": quality,
        "avif_speed": int(settings["HEADSHOTS_AVIF_SPEED"]),
        "webp_method": int(settings["HEADSHOTS_WEBP_METHOD"]),
        "scan_width": int(settings["HEADSHOTS_SCAN_WIDTH"]),
        "og_size": list(settings["HEADSHOTS_OG_SIZE"]),
        "placeholder": settings["HEADSHOTS_PLACEHOLDER"],
        # not in any key: libaom threads only change speed, not bytes
        "avif_threads": max(1, (os.cpu_count() or 1) // max(1, workers)),
    }


# -- the build step ----------------------------------------------------------------------


@dataclasses.dataclass
class Item:
    """One headshot to process (what `process()` needs from a profile's headshot)."""

    source: Path
    focus: tuple | None
    folder: str                  # output sub-folder, the photographer's slug
    where: Problem | None = None

    def problem(self, message: str) -> Problem:
        name = self.source.name
        where = self.where or Problem(display_path(self.source))
        return dataclasses.replace(where, message=f'"{name}" {message}')


def _stem(path: Path) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return stem or "headshot"


def _load_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def process(items, settings, cache: Path):
    """Make (or find in `cache`) every rendition of every item.

    Returns (pictures, files, problems): a Picture per item (None where the
    source was refused), the (cache file, output path) pairs to publish, and
    the problems found. Nothing is decoded for a source whose renditions and
    placeholder are all cached.
    """
    cache = Path(cache)
    jobs_setting = settings["HEADSHOTS_JOBS"]
    cores = os.cpu_count() or 1
    min_side, max_pixels = settings["HEADSHOTS_MIN_SIDE"], settings["HEADSHOTS_MAX_PIXELS"]
    started = time.perf_counter()

    digests: dict[int, str] = {}
    problems: list[Problem] = []
    hashed_bytes = 0
    for index, item in enumerate(items):
        try:
            digests[index] = digest_file(item.source)
            hashed_bytes += item.source.stat().st_size
        except FileNotFoundError:
            problems.append(item.problem("does not exist next to the profile"))
        except OSError as error:
            problems.append(item.problem(f"cannot be read ({error.strerror})"))

    hash_seconds = time.perf_counter() - started
    # Plan from cached sizes; anything not fully cached becomes one job per (digest, focus).
    work: dict[tuple, dict] = {}
    waiting: dict[tuple, list[int]] = {}
    workers = max(1, min(int(jobs_setting or cores), cores * 4))
    options = options_from(settings, workers)
    sizes: dict[str, list] = {}
    for index, digest in digests.items():
        item = items[index]
        focus = tuple(item.focus) if item.focus else None
        group = (digest, focus)
        if group in work or group in waiting:
            waiting.setdefault(group, []).append(index)
            continue
        waiting[group] = [index]
        info = _load_json(cache / "sources" / f"{digest}.json")
        if info:
            size = tuple(info["size"])
            # settings may have changed since: then the pipeline words the problem
            if min(size) >= min_side and size[0] * size[1] <= max_pixels:
                sizes[digest] = list(size)
                plan = make_plan(digest, size, focus, options)
                if (cache / "meta" / f"{plan.meta_key}.json").exists() and all(
                        (cache / "r" / r.cache_name).exists() for r in plan.renditions):
                    continue
        work[group] = {"source": str(item.source), "digest": digest, "focus": focus, "options": options,
                       "cache": str(cache), "min_side": min_side, "max_pixels": max_pixels}

    results: dict[tuple, dict] = {}
    encoded = 0
    if work:
        workers = min(workers, len(work))
        options["avif_threads"] = max(1, cores // workers)
        with _progress(len(work), settings) as advance:
            if workers == 1:
                for group, job in work.items():
                    results[group] = pipeline.render(job)
                    advance()
            else:
                context = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                    futures = {pool.submit(pipeline.render, job): group for group, job in work.items()}
                    for future in as_completed(futures):
                        results[futures[future]] = future.result()
                        advance()
    for result in results.values():
        encoded += result.get("encoded", 0)

    pictures: list = [None] * len(items)
    files: list[tuple[Path, str]] = []
    reused = 0
    for group, indexes in waiting.items():
        digest, focus = group
        result = results.get(group)
        if result and "error" in result:
            problems.extend(items[i].problem(result["error"]) for i in indexes)
            continue
        size = tuple(result["size"]) if result else tuple(sizes[digest])
        plan = make_plan(digest, size, focus, options)
        meta = result["meta"] if result else _load_json(cache / "meta" / f"{plan.meta_key}.json")
        if not result:
            reused += len(plan.renditions)
        for index in indexes:
            pictures[index] = _picture(items[index], plan, meta, settings, cache, files)
    LAST_STATS.clear()
    LAST_STATS.update(sources=len(items), decoded=len(results), encoded=encoded, reused=reused,
                      seconds=time.perf_counter() - started, hash_seconds=hash_seconds,
                      hashed_bytes=hashed_bytes)
    return pictures, files, problems


def _picture(item: Item, plan, meta, settings, cache: Path, files: list) -> Picture:
    prefix = f"{settings['HEADSHOTS_OUTPUT'].strip('/')}/{item.folder}"
    stem = _stem(item.source)
    picture = Picture(label=display_path(item.source), placeholder=meta["colour"], blur=meta.get("blur"))
    for rendition in plan.renditions:
        path = f"{prefix}/{rendition.output_name(stem)}"
        files.append((cache / "r" / rendition.cache_name, path))
        image = Image("/" + path, rendition.width, rendition.height, rendition.fmt)
        if rendition.kind == "og":
            picture.og_url, picture.og_width, picture.og_height = image.url, image.width, image.height
        else:
            table = picture.responsive if rendition.kind == "w" else picture.scan
            table.setdefault(rendition.fmt, []).append(image)
    for table in (picture.responsive, picture.scan):
        for images in table.values():
            images.sort(key=lambda image: image.width)
    return picture


class _progress:
    """A rich progress bar on a terminal when there is enough work; silent otherwise."""

    def __init__(self, total, settings):
        self.total, self.bar = total, None
        from pelican.log import console
        if total >= settings["HEADSHOTS_PROGRESS_MIN"] and console.is_terminal:
            from rich.progress import Progress
            self.bar = Progress(console=console, transient=True)

    def __enter__(self):
        if not self.bar:
            return lambda: None
        self.bar.start()
        task = self.bar.add_task("Headshot renditions", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


def publish(files, output_path) -> int:
    """Hard-link (or copy) finished renditions from the cache into the output, atomically."""
    output = Path(output_path)
    count = 0
    unique = {relative: source for source, relative in files}
    for relative, source in unique.items():
        target = output / relative
        if target.exists() and target.stat().st_size == source.stat().st_size \
                and os.path.samefile(target, source):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)
        os.replace(tmp, target)
        count += 1
    return count


# -- Pelican -----------------------------------------------------------------------------


class ThumbnailsGenerator(Generator):
    """Runs after the profiles generator: sets `headshot.picture`, then writes the files."""

    def generate_context(self):
        self.files = []
        photographers = self.context.get("photographers") or []
        problems = _settings_problems(self.settings)
        if problems:
            fail(problems)
        headshots, items = [], []
        for photographer in photographers:
            for headshot in getattr(photographer, "headshots", None) or []:
                headshots.append(headshot)
                items.append(Item(Path(headshot.source), getattr(headshot, "focus", None),
                                  photographer.slug, getattr(headshot, "where", None)))
        if not items:
            return
        cache = Path(self.settings.get("CACHE_PATH") or "cache") / "headshots"
        pictures, self.files, problems = process(items, self.settings, cache)
        if problems:
            fail(problems)
        for headshot, picture in zip(headshots, pictures):
            headshot.picture = picture
        from pelican.log import console
        stats = LAST_STATS
        console.print(f"Headshots: {stats['sources']} sources, {stats['decoded']} decoded, "
                      f"{stats['encoded']} renditions encoded, {stats['reused']} reused "
                      f"in {stats['seconds']:.2f} s (hashed {stats['hashed_bytes'] / 1e6:.0f} MB "
                      f"in {stats['hash_seconds']:.2f} s)", soft_wrap=True)

    def generate_output(self, writer):
        if not self.files:
            return
        if not self.settings.get("HEADSHOTS_PUBLISH", True):
            logger.info("Headshots: HEADSHOTS_PUBLISH is False, no rendition copied into the output")
            return
        started = time.perf_counter()
        count = publish(self.files, self.output_path)
        from pelican.log import console
        console.print(f"Headshots: published {len(self.files)} files ({count} new links) "
                      f"in {time.perf_counter() - started:.2f} s", soft_wrap=True)


def initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    # a new dict: never mutate Pelican's DEFAULT_CONFIG in place
    settings["JINJA_GLOBALS"] = {**(settings.get("JINJA_GLOBALS") or {}), "headshots_picture": picture_attrs}
    install_log_filter()


def get_generators(pelican):
    return ThumbnailsGenerator


def register() -> None:
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
