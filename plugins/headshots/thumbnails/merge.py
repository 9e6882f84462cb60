"""`headshots cache merge`: render jobs' stores into one, every entry verified; and the pruning of a store.

Conflict-free by construction: an entry's name is a key of everything that
decides its bytes (`plan`), so two stores holding one name hold the same
entry, and the one already in place is kept. A copied store is untrusted
(an artifact, a download): only entries whose bytes match their recorded
digest (`entries`) are taken, only under the names the store uses, never
through a link; any other is dropped and named, and the build renders it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import entries
from .build import cached_record, hash_sources, plan_of
from .plan import EXTENSIONS, digest_file
from .settings import options_from

_JSON = re.compile(r"[0-9a-f]{16,64}\.json")
_RENDITION = re.compile(rf"[0-9a-f]{{2}}/[0-9a-f]{{20}}\.({'|'.join(EXTENSIONS.values())})")


@dataclass
class Merged:
    """What a merge did: entries copied in, entries already there, and why each dropped one was dropped."""

    copied: int = 0
    present: int = 0
    dropped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"Merged: {self.copied} entries copied, {self.present} already there, {len(self.dropped)} dropped"


def merge(into: Path, shards: list[Path]) -> Merged:
    """Copy every verified entry of each store in `shards` into the store `into`."""
    into, merged = Path(into), Merged()
    for shard in map(Path, shards):
        _merge_one(into, shard, merged)
    return merged


def _merge_one(into: Path, shard: Path, merged: Merged) -> None:
    listed: set[str] = set()  # renditions some meta of this store lists (taken, or dropped and named)

    def drop(name: str, why: str) -> None:
        merged.dropped.append(f"{shard / name}: {why}: dropped (the build renders it again)")

    for path in _files(shard / entries.RECORDS, _JSON):
        name = f"{entries.RECORDS}/{path.name}"
        if entries.verified_json(path) is None:
            drop(name, "no recorded digest, or bytes that do not match it")
        else:
            _take(path, into / name, merged)
    for path in _files(shard / entries.METAS, _JSON):
        name = f"{entries.METAS}/{path.name}"
        body = entries.verified_json(path)
        files = body.get("files") if body else None
        if not isinstance(files, dict):
            drop(name, "no recorded digest, or bytes that do not match it")
            continue
        good = [_rendition(shard, rendition, digest, drop) for rendition, digest in sorted(files.items())]
        listed.update(files)
        for rendition in filter(None, good):
            _take(shard / entries.RENDITIONS / rendition, into / entries.RENDITIONS / rendition, merged)
        if all(good):  # a meta says its plan is complete: only with every rendition in place
            _take(path, into / name, merged)
    for path in _files(shard / entries.RENDITIONS, _RENDITION, depth=2):
        rendition = path.relative_to(shard / entries.RENDITIONS).as_posix()
        if rendition not in listed:
            drop(f"{entries.RENDITIONS}/{rendition}", "no meta in this store records its digest")


def _rendition(shard: Path, name, digest, drop) -> str | None:
    """`name` if the store's rendition of that name matches `digest`, else None (and why, named)."""
    path = shard / entries.RENDITIONS / str(name)
    where = f"{entries.RENDITIONS}/{name}"
    if not (isinstance(name, str) and _RENDITION.fullmatch(name)):
        drop(where, "not a rendition's name")
    elif path.is_symlink() or not path.is_file():
        drop(where, "missing (its meta lists it)")
    elif digest_file(path) != digest:
        drop(where, "its bytes do not match its recorded digest")
    else:
        return name
    return None


def _files(folder: Path, pattern: re.Pattern, depth: int = 1):
    """The regular files under `folder` whose relative path matches `pattern` (links and anything else ignored)."""
    paths = folder.glob("*/*" if depth == 2 else "*") if folder.is_dir() else []
    for path in sorted(paths):
        relative = path.relative_to(folder).as_posix()
        if pattern.fullmatch(relative) and not path.is_symlink() and path.is_file():
            yield path


def _take(source: Path, target: Path, merged: Merged) -> None:
    """Hard-link (or copy) `source` to `target` atomically, unless `target` is there already."""
    if target.exists():
        merged.present += 1
        return
    entries.link_into(source, target)
    merged.copied += 1


def prune(store: Path, items, settings: dict) -> tuple[int, int]:
    """Delete every file of `store` that no source of `items` needs (at the current settings).

    Returns (files, bytes) deleted. A source without a record keeps nothing
    but its record's name: the build renders it whole again anyway.
    """
    store = Path(store)
    options = options_from(settings)
    limits = settings["HEADSHOTS_MIN_SIDE"], settings["HEADSHOTS_MAX_PIXELS"]
    digests, _, _ = hash_sources(items)
    needed = set()
    for index, digest in digests.items():
        needed.add(f"{entries.RECORDS}/{digest}.json")
        record = cached_record(store, digest, *limits)
        if record:
            needed.update(entries.names_of(digest, plan_of(digest, items[index].focus, record, options)))
    count = size = 0
    for kind in (entries.RECORDS, entries.METAS, entries.RENDITIONS):
        for path in sorted((store / kind).rglob("*")):
            if path.is_dir() or path.relative_to(store).as_posix() in needed:
                continue
            count, size = count + 1, size + path.lstat().st_size
            path.unlink()
    return count, size
