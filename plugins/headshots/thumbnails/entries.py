"""The rendition store's files, each written with a digest of its bytes so that a copy can be verified.

The store (CACHE_PATH/headshots) holds three kinds of entry, each named by a
key of what it was made from (`plan`): `sources/<digest>.json` (a source's
record), `meta/<key>.json` (one plan's placeholder) and `r/<k2>/<key>.<ext>`
(a rendition). A name says what an entry was made from, not what its bytes
are; so that an entry copied from elsewhere (a CI render job's artifact) can
be checked, each JSON entry carries the digest of its own body (`check`), and
a plan's meta lists the digest of every rendition of the plan (`files`),
written last, when all of them exist. `headshots cache merge` verifies them.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .plan import digest_bytes, digest_file

#: The key of a JSON entry that holds the digest of the rest of it.
CHECK = "check"

RECORDS, METAS, RENDITIONS = "sources", "meta", "r"


def _body_digest(body: dict) -> str:
    return digest_bytes(json.dumps(body, sort_keys=True, separators=(",", ":")).encode())


def write_json(path: Path, body: dict) -> None:
    """Write a JSON entry with its `check` digest, atomically."""
    text = json.dumps({**body, CHECK: _body_digest(body)})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> dict | None:
    """A JSON entry (with its `check`), or None when it cannot be read."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def verified_json(path: Path) -> dict | None:
    """A JSON entry whose bytes match its `check` digest (its body, without it), else None."""
    value = read_json(path)
    if value is None or not isinstance(value.get(CHECK), str):
        return None
    body = {key: item for key, item in value.items() if key != CHECK}
    return body if _body_digest(body) == value[CHECK] else None


def save_image(im, path: Path, fmt: str, params: dict) -> None:
    """Encode a rendition into the store, atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        im.save(tmp, format=fmt.upper(), **params)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def rendition_digests(cache: Path, renditions) -> dict[str, str]:
    """The digest of each rendition's file (for a plan's meta): small files, read back once."""
    return {r.cache_name: digest_file(cache / RENDITIONS / r.cache_name) for r in renditions}


def record_path(cache: Path, digest: str) -> Path:
    return cache / RECORDS / f"{digest}.json"


def meta_path(cache: Path, plan) -> Path:
    return cache / METAS / f"{plan.meta_key}.json"


def names_of(digest: str, plan) -> list[str]:
    """Every entry a source's plan uses, as paths relative to the store (record, meta, renditions)."""
    return [
        f"{RECORDS}/{digest}.json",
        f"{METAS}/{plan.meta_key}.json",
        *(f"{RENDITIONS}/{r.cache_name}" for r in plan.renditions),
    ]


def link_into(source: Path, target: Path) -> None:
    """Put `source` at `target` atomically: a hard link where the file system allows it, else a copy
    (publishing renditions into the output, merging a render job's store)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)
