"""The build step: plan every headshot from the cache, render what is missing in
parallel worker processes, and publish the finished files into the output.

No Pelican import here (the generator in `plugin` calls `process()` and
`publish()`), so the package stays light for the worker processes.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path

from ..errors import Problem, display_path
from ..parallel import die_with_parent
from . import entries, faces, pipeline
from .picture import Image, Picture
from .plan import digest_file, make_plan
from .settings import DEFAULTS, ON_REQUEST, options_from, output_folder


@dataclasses.dataclass
class Finding:
    """What the build would say of one source: the reason it refuses it, or the warnings it gives."""

    error: str | None = None
    warnings: list[str] = dataclasses.field(default_factory=list)


def inspect(
    path: Path,
    min_side: int = DEFAULTS["HEADSHOTS_MIN_SIDE"],
    max_pixels: int = DEFAULTS["HEADSHOTS_MAX_PIXELS"],
    cache: Path | None = None,
) -> Finding:
    """Check a source exactly as the build does (open, size, pixel cap, full decode, faces).

    Messages follow the file's name (print them as f'"{name}" {message}'), e.g.
    `is truncated (the upload or export did not finish): export it again`.
    With `cache` (the build's headshots cache), the record the build keeps of
    the source is read from it, or written to it for the build to use.
    """
    path = Path(path)
    try:
        digest = digest_file(path)
    except OSError as error:
        return Finding(unreadable(error))
    record = cached_record(cache, digest, min_side, max_pixels) if cache else None
    if record is None:
        try:
            record = pipeline.examine(path, min_side, max_pixels)
        except pipeline.SourceProblem as problem:
            return Finding(str(problem))
        if cache:
            entries.write_json(entries.record_path(Path(cache), digest), record)
    return Finding(None, warnings_of(record))


def unreadable(error: OSError) -> str:
    """Why a source's bytes cannot be read, in an editor's words."""
    if isinstance(error, FileNotFoundError):
        return "does not exist next to the profile"
    if isinstance(error, PermissionError):
        return "cannot be read: permission denied (make the file readable, or copy it in again)"
    return f"cannot be read ({error.strerror or error})"


def warnings_of(record: dict) -> list[str]:
    """What the build warns of a source it accepts: what reading it printed, and how its face reads."""
    return record["warnings"] + faces.readability(record["faces"], tuple(record["size"]))


def cached_record(cache: Path, digest: str, min_side: int, max_pixels: int) -> dict | None:
    """The cached record of a source, if this pipeline and detector made it and the size still passes
    (settings may have changed since: then the pipeline words the problem)."""
    record = entries.read_json(entries.record_path(Path(cache), digest))
    if not record or record.get("version") != pipeline.RECORD_VERSION:
        return None
    width, height = record["size"]
    return record if min(width, height) >= min_side and width * height <= max_pixels else None


@dataclasses.dataclass(frozen=True, eq=False)
class Encode:
    """What is left to make of one headshot in on-request mode: the job that makes it
    (`pipeline.render`), and the (cache file, output path) pairs to publish once made."""

    job: dict
    files: tuple[tuple[str, str], ...]


@dataclasses.dataclass
class Item:
    """One headshot to process (what `process()` needs from a profile's headshot)."""

    source: Path
    focus: tuple | None
    folder: str  # output sub-folder, the photographer's slug
    where: Problem | None = None

    def problem(self, message: str, warning: bool = False) -> Problem:
        name = self.source.name
        where = self.where or Problem(display_path(self.source))
        return dataclasses.replace(where, message=f'"{name}" {message}', warning=warning)


def plan_of(digest: str, focus, record: dict, options: dict):
    """The renditions of a source, its crop placed by `focus` or else by its largest face."""
    focus, keep = faces.framing(focus, record["faces"])
    return make_plan(digest, tuple(record["size"]), focus, options, keep)


def _stem(path: Path) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return stem or "headshot"


def process(items, settings, cache: Path):
    """Make (or find in `cache`) every rendition of every item.

    Returns (pictures, files, problems, stats): a Picture per item (None where
    the source was refused), the (cache file, output path) pairs to publish,
    (in on-request mode, HEADSHOTS_ENCODE, only those made: each source is
    decoded and planned, and what is left to encode is its Picture's `pending`),
    the problems found, warnings among them (`Problem.warning`), and counts
    (sources, decoded, encoded, reused, seconds...) for the log and the bench. Nothing is
    decoded for a source whose record, renditions and placeholder are all cached.
    """
    cache = Path(cache)
    started = time.perf_counter()
    digests, problems, hashed_bytes = hash_sources(items)
    hash_seconds = time.perf_counter() - started
    cores = os.cpu_count() or 1
    workers = max(1, min(int(settings["HEADSHOTS_JOBS"] or cores), cores * 4))
    options = options_from(settings)
    work, waiting, records = _plan_work(items, digests, settings, options, cache)
    later = settings["HEADSHOTS_ENCODE"] == ON_REQUEST
    if later:  # each source planned (decode, faces, placeholder), nothing encoded: `Encode` says what is left
        for job in work.values():
            job["only"] = []
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
        record = result["record"] if result else records[digest]
        plan = plan_of(digest, focus, record, options)
        meta = result["meta"] if result else entries.read_json(entries.meta_path(cache, plan))
        if not result:
            reused += len(plan.renditions)
        job = {**work[group], "only": None, "record": record} if later and group in work else None
        for index in indexes:
            pictures[index] = _picture(items[index], plan, meta, settings, cache, files, job)
            pictures[index].face_caption = faces.caption(record["faces"], tuple(record["size"]))
            problems.extend(items[index].problem(message, warning=True) for message in warnings_of(record))
    stats = dict(
        sources=len(items),
        decoded=len(results),
        encoded=sum(result.get("encoded", 0) for result in results.values()),
        face_seconds=sum(result.get("face_seconds", 0.0) for result in results.values()),
        reused=reused,
        pending=sum(len(picture.pending.files) for picture in pictures if picture and picture.pending),
        seconds=time.perf_counter() - started,
        hash_seconds=hash_seconds,
        hashed_bytes=hashed_bytes,
    )
    return pictures, files, problems, stats


def is_complete(cache: Path, plan) -> bool:
    """Whether every entry of `plan` is in `cache` (its meta is written last, after its renditions)."""
    return entries.meta_path(cache, plan).exists() and all(
        (cache / entries.RENDITIONS / r.cache_name).exists() for r in plan.renditions
    )


def hash_sources(items) -> tuple[dict[int, str], list[Problem], int]:
    """The content hash of each readable source (by item index), a problem for each unreadable one,
    and the bytes hashed.

    On a thread per core: hashlib lets go of the GIL while it hashes, and a
    cold build at N=10000 hashes about 40,000 files (4 s on one core).
    """

    def hash_run(start: int) -> list:
        outcomes = []
        for item in items[start : start + 256]:
            try:
                outcomes.append((digest_file(item.source), item.source.stat().st_size))
            except OSError as error:
                outcomes.append((error, 0))
        return outcomes

    digests: dict[int, str] = {}
    problems: list[Problem] = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        outcomes = [outcome for run in pool.map(hash_run, range(0, len(items), 256)) for outcome in run]
    for index, (item, (digest, _)) in enumerate(zip(items, outcomes, strict=True)):
        if isinstance(digest, OSError):
            problems.append(item.problem(unreadable(digest)))
        else:
            digests[index] = digest
    return digests, problems, sum(size for _, size in outcomes)


def _plan_work(items, digests, settings, options, cache: Path):
    """What must be rendered: one job per (digest, focus) not wholly cached.

    Returns `(work, waiting, records)`: the jobs by group, the item indexes
    waiting on each group, and the cached source records by digest.
    """
    min_side, max_pixels = settings["HEADSHOTS_MIN_SIDE"], settings["HEADSHOTS_MAX_PIXELS"]
    work: dict[tuple, dict] = {}
    waiting: dict[tuple, list[int]] = {}
    records: dict[str, dict] = {}
    for index, digest in digests.items():
        item = items[index]
        focus = tuple(item.focus) if item.focus else None
        group = (digest, focus)
        if group in waiting:
            waiting[group].append(index)
            continue
        waiting[group] = [index]
        record = records.get(digest) or cached_record(cache, digest, min_side, max_pixels)
        if record:
            records[digest] = record
            plan = plan_of(digest, focus, record, options)
            if is_complete(cache, plan):
                continue
        work[group] = {
            "source": str(item.source),
            "digest": digest,
            "focus": focus,
            "options": options,
            "cache": str(cache),
            "min_side": min_side,
            "max_pixels": max_pixels,
            **({"record": record} if record else {}),  # its faces are known: not detected again
        }
    return work, waiting, records


def _render(work: dict, workers: int, options: dict, settings) -> dict[tuple, dict]:
    """Run every job (`pipeline.render`), in `workers` spawned processes when there are several."""
    results: dict[tuple, dict] = {}
    if not work:
        return results
    workers = min(workers, len(work))
    with _progress(len(work), settings) as advance:
        if workers == 1:
            for group, job in work.items():
                results[group] = pipeline.render(job)
                advance()
        else:
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
            ) as pool:
                futures = {pool.submit(pipeline.render, job): group for group, job in work.items()}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    advance()
    return results


def _picture(item: Item, plan, meta, settings, cache: Path, files: list, job: dict | None) -> Picture:
    """The item's Picture; its renditions' (cache file, output path) pairs added to `files`, or with a
    `job` (on-request mode) those not made yet to the Picture's `pending` instead."""
    prefix = f"{output_folder(settings)}/{item.folder}"
    stem = _stem(item.source)
    picture = Picture(label=display_path(item.source), placeholder=meta["colour"], blur=meta.get("blur"))
    pending = []
    for rendition in plan.renditions:
        path = f"{prefix}/{rendition.output_name(stem)}"
        cache_file = cache / entries.RENDITIONS / rendition.cache_name
        (files if job is None or cache_file.exists() else pending).append((str(cache_file), path))
        image = Image("/" + path, rendition.width, rendition.height, rendition.fmt)
        if rendition.kind == "og":
            picture.og_url, picture.og_width, picture.og_height = image.url, image.width, image.height
        else:
            table = picture.responsive if rendition.kind == "w" else picture.scan
            table.setdefault(rendition.fmt, []).append(image)
    for table in (picture.responsive, picture.scan):
        for images in table.values():
            images.sort(key=lambda image: image.width)
    picture.pending = Encode(job, tuple(pending)) if pending else None
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
        entries.link_into(Path(source), target)
        count += 1
    return count
