"""The build step: plan every headshot from the cache, render what is missing in
parallel worker processes, and publish the finished files into the output.

No Pelican import here (the generator in `plugin` calls `process()` and
`publish()`), so the package stays light for the worker processes.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import re
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..errors import Problem, display_path
from . import pipeline
from .picture import Image, Picture
from .plan import digest_file, make_plan
from .settings import DEFAULTS, options_from

#: Counts from the last `process()` in this process (tests and the bench read them).
LAST_STATS: dict = {}


def inspect(
    path: Path, min_side: int = DEFAULTS["HEADSHOTS_MIN_SIDE"], max_pixels: int = DEFAULTS["HEADSHOTS_MAX_PIXELS"]
) -> str | None:
    """Check a source exactly as the build does (open, size, pixel cap, full decode).

    Returns None when the build would accept it, else a message that follows
    the file's name, e.g. `is not an image Pillow can read (use JPEG, ...)`:
    print it as f'"{name}" {message}'.
    """
    return pipeline.inspect_source(Path(path), min_side, max_pixels)


@dataclasses.dataclass
class Item:
    """One headshot to process (what `process()` needs from a profile's headshot)."""

    source: Path
    focus: tuple | None
    folder: str  # output sub-folder, the photographer's slug
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
    started = time.perf_counter()
    digests, problems, hashed_bytes = _hash_sources(items)
    hash_seconds = time.perf_counter() - started
    cores = os.cpu_count() or 1
    workers = max(1, min(int(settings["HEADSHOTS_JOBS"] or cores), cores * 4))
    options = options_from(settings, workers)
    work, waiting, sizes = _plan_work(items, digests, settings, options, cache)
    results = _render(work, workers, options, settings)
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
    LAST_STATS.update(
        sources=len(items),
        decoded=len(results),
        encoded=sum(result.get("encoded", 0) for result in results.values()),
        reused=reused,
        seconds=time.perf_counter() - started,
        hash_seconds=hash_seconds,
        hashed_bytes=hashed_bytes,
    )
    return pictures, files, problems


def _hash_sources(items) -> tuple[dict[int, str], list[Problem], int]:
    """The content hash of each readable source (by item index), a problem for each unreadable one,
    and the bytes hashed."""
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
    return digests, problems, hashed_bytes


def _plan_work(items, digests, settings, options, cache: Path):
    """What must be rendered: one job per (digest, focus) not wholly cached.

    Returns `(work, waiting, sizes)`: the jobs by group, the item indexes
    waiting on each group, and the cached source sizes by digest.
    """
    min_side, max_pixels = settings["HEADSHOTS_MIN_SIDE"], settings["HEADSHOTS_MAX_PIXELS"]
    work: dict[tuple, dict] = {}
    waiting: dict[tuple, list[int]] = {}
    sizes: dict[str, list] = {}
    for index, digest in digests.items():
        item = items[index]
        focus = tuple(item.focus) if item.focus else None
        group = (digest, focus)
        if group in waiting:
            waiting[group].append(index)
            continue
        waiting[group] = [index]
        info = _load_json(cache / "sources" / f"{digest}.json")
        # settings may have changed since the size was cached: then the pipeline words the problem
        if info and min(info["size"]) >= min_side and info["size"][0] * info["size"][1] <= max_pixels:
            sizes[digest] = list(info["size"])
            plan = make_plan(digest, tuple(info["size"]), focus, options)
            if (cache / "meta" / f"{plan.meta_key}.json").exists() and all(
                (cache / "r" / r.cache_name).exists() for r in plan.renditions
            ):
                continue
        work[group] = {
            "source": str(item.source),
            "digest": digest,
            "focus": focus,
            "options": options,
            "cache": str(cache),
            "min_side": min_side,
            "max_pixels": max_pixels,
        }
    return work, waiting, sizes


def _render(work: dict, workers: int, options: dict, settings) -> dict[tuple, dict]:
    """Run every job (`pipeline.render`), in `workers` spawned processes when there are several."""
    results: dict[tuple, dict] = {}
    if not work:
        return results
    workers = min(workers, len(work))
    options["avif_threads"] = max(1, (os.cpu_count() or 1) // workers)
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
    return results


def _picture(item: Item, plan, meta, settings, cache: Path, files: list) -> Picture:
    prefix = f"{settings['HEADSHOTS_OUTPUT'].strip('/')}/{item.folder}"
    stem = _stem(item.source)
    picture = Picture(label=display_path(item.source), placeholder=meta["colour"], blur=meta.get("blur"))
    for rendition in plan.renditions:
        path = f"{prefix}/{rendition.output_name(stem)}"
        files.append((f"{cache}/r/{rendition.cache_name}", path))
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
        if total < settings["HEADSHOTS_PROGRESS_MIN"]:
            return  # and no Pelican import (process() outside a build: the bench, tests)
        from pelican.log import console

        if console.is_terminal:
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
    """Hard-link (or copy) finished renditions from the cache into the output, atomically.

    `files`: (cached rendition path, path in the output), as `process` lists them.
    """
    output = Path(output_path)
    count = 0
    unique = {relative: source for source, relative in files}
    for relative, source in unique.items():
        target = output / relative
        if target.exists() and target.stat().st_size == os.stat(source).st_size and os.path.samefile(target, source):
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
