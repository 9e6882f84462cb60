"""A share of the rendition work: `headshots render --shard K/N` fills the store for one shard of the
sources, so that N machines (CI render jobs) make a cold build's renditions together.

A source's shard is decided by its content digest: the digest is uniform, so
the shards are balanced; it does not depend on the other sources, so a source
stays in its shard as the directory grows; two copies of one photo land in
the same shard. A shard writes only into its store, with the keys the build
uses (`build.process`); `merge` brings the stores together (docs/deploy.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..directory import Directory
from ..errors import Problem
from ..reading import load_profiles
from . import entries
from .build import Item, cached_record, hash_sources, is_complete, plan_of, process
from .settings import options_from
from .stage import items_of


def shard_of(digest: str, count: int) -> int:
    """The shard (1..count) of a source with this content digest."""
    return int(digest, 16) % count + 1


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` as (K, N); ValueError with what to write instead."""
    shard, _, count = text.partition("/")
    if not (shard.isdigit() and count.isdigit() and 1 <= int(shard) <= int(count)):
        raise ValueError(f"--shard {text}: write K/N with 1 <= K <= N, e.g. --shard 2/4")
    return int(shard), int(count)


def shards_for(todo: int, per_shard: int, most: int) -> int:
    """How many render jobs for `todo` sources to render: one per `per_shard` of them, at most `most`;
    none when there is nothing to render (the render stage is then skipped)."""
    if todo <= 0:
        return 0
    return max(1, min(most, -(-todo // max(1, per_shard))))


def matrix(count: int) -> dict:
    """The render jobs' matrix: each job's `--shard` value."""
    return {"shard": [f"{shard}/{count}" for shard in range(1, count + 1)]}


def sources_at(root: Path, settings: dict) -> tuple[list[Item], list[Problem]]:
    """Every headshot the build of the profiles under `root` would use, and the problems of the profiles it refuses."""
    profiles, problems = load_profiles(root, settings=settings)
    return items_of(Directory.build(profiles, settings).photographers), problems


def _plans(items, digests, settings, cache: Path):
    """(item, digest, plan or None) for each readable source, the plan from `cache`'s record of it."""
    options = options_from(settings)
    limits = settings["HEADSHOTS_MIN_SIDE"], settings["HEADSHOTS_MAX_PIXELS"]
    for index, digest in digests.items():
        item = items[index]
        record = cached_record(cache, digest, *limits)
        yield item, digest, plan_of(digest, item.focus, record, options) if record else None


def to_render(items, settings, cache: Path) -> int:
    """How many sources have renditions missing from `cache` (what the CI render stage would do)."""
    digests, _, _ = hash_sources(items)
    plans = _plans(items, digests, settings, cache)
    return len({digest for _, digest, plan in plans if not plan or not is_complete(cache, plan)})


@dataclass
class ShardRun:
    """What one shard did: its sources, those already cached, the sources rendered and the files encoded."""

    shard: tuple[int, int]
    sources: int = 0
    cached: int = 0
    rendered: int = 0
    encoded: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        shard, count = self.shard
        return (
            f"Shard {shard}/{count}: {self.sources} sources, {self.rendered} rendered "
            f"({self.encoded} renditions encoded), {self.cached} already cached, in {self.seconds:.1f} s"
        )


def render_shard(items, settings: dict, cache: Path, shard: tuple[int, int], reuse: Path | None = None) -> ShardRun:
    """Make every missing entry of the sources in `shard` (K, N) in `cache`, and nothing else.

    With `reuse` (a store to read, never written: the CI's restored cache) a
    source whose entries are all there is counted as cached and left alone;
    the entries it has of a partly cached source are linked into `cache`, so
    only the missing renditions are encoded.
    """
    started = time.perf_counter()
    cache = Path(cache)
    digests, unreadable, _ = hash_sources(items)
    mine = {index: digest for index, digest in digests.items() if shard_of(digest, shard[1]) == shard[0]}
    todo = [items[index] for index in mine]
    if reuse is not None:
        todo = _not_in(Path(reuse), items, mine, settings, cache)
    _, _, found, stats = process(todo, settings, cache) if todo else ([], [], [], {})
    run = ShardRun(shard, sources=len(set(mine.values())), rendered=stats.get("decoded", 0))
    run.cached, run.encoded = max(0, run.sources - run.rendered), stats.get("encoded", 0)
    # a source that cannot be read has no digest, so no shard: the first one names it
    run.problems = (unreadable if shard[0] == 1 else []) + [p for p in found if not p.warning]
    run.seconds = time.perf_counter() - started
    return run


def _not_in(reuse: Path, items, mine: dict, settings, cache: Path) -> list[Item]:
    """The items of `mine` not wholly in `reuse`; what `reuse` has of them (but the meta, written
    last) is linked into `cache`, so that only what is missing is encoded."""
    todo = []
    for item, digest, plan in _plans(items, mine, settings, reuse):
        if plan and is_complete(reuse, plan):
            continue
        todo.append(item)
        names = entries.names_of(digest, plan) if plan else []
        for name in names[:1] + names[2:]:
            if (reuse / name).is_file() and not (cache / name).exists():
                entries.link_into(reuse / name, cache / name)
    return todo
