"""The profile cache: each profile's outcome (the profile, or its problems), kept by what it depends on.

The key is computed from everything an outcome depends on: the file's bytes,
its paths, its folder's listing, and a digest of the package's own source
(`code_version`), so no verdict is ever served after the code that gave it
changed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path

from headshots.errors import display_path
from headshots.parallel import start_forked_map
from headshots.reading import load_profile


@cache
def code_version() -> str:
    """A digest of the package's own source (every module, the schema, the scaffold), computed.

    An outcome depends on more modules than validation itself (the link rules,
    the text helpers, the bio renderer...): hashing all of them means no list
    to keep in step, so any edit to our code is a new version and no stale
    verdict or bio is ever served. It costs one cold read of the profiles
    after a code change.
    """
    package = Path(__file__).resolve().parent
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml", ".md") and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(package).as_posix().encode())
            hasher.update(b"\0")
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


class ProfileCache:
    """Parsed and validated profiles in one SQLite file, `CACHE_PATH/profiles/outcomes.sqlite`.

    The key of a profile is a hash of: its bytes, its absolute path and the
    path shown in problems, the folder's listing (every file name with its
    size and whether it is a regular file: what `rule_problems` checks about
    images), and `code_version()`. A hit skips YAML parsing, schema
    validation and the rules; any change to one of those inputs is a miss,
    and only that profile is read again. Invalid outcomes are cached too, so
    a profile that failed fails again with the same problems.

    One file rather than a file per profile: creating 10,000 small files was
    a second of a cold build here, and new outcomes go in with one
    transaction (never half-written). Workers only read; the parent writes.
    A cache that cannot be read or written only costs speed. Stale entries
    are left (`make clean` drops them).
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.path = self.folder / "outcomes.sqlite"
        self.stats = {"profiles": 0, "parsed": 0, "cached": 0}
        self._reader = None  # (pid, connection): a connection never crosses a fork
        self._readable = False  # whether the store existed when this build started looking

    def key(self, path: Path, data: bytes) -> str:
        folder = path.parent
        listing = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_file = entry.is_file()
                        size = entry.stat().st_size if is_file else -1
                    except OSError:
                        is_file, size = False, -1
                    listing.append((entry.name, is_file, size))
        except OSError:
            pass
        listing.sort()
        hasher = hashlib.blake2b(digest_size=20)
        for part in (code_version(), os.path.abspath(path), display_path(path), repr(listing)):
            hasher.update(part.encode("utf-8", "surrogateescape"))
            hasher.update(b"\0")
        hasher.update(data)
        return hasher.hexdigest()

    def start_load_all(self, paths: list[Path], jobs: int = 1):
        """Start finding each profile's outcome `(profile, problems)`, from the cache or parsed, `jobs`
        processes at a time; returns the function that waits for them (and keeps the new ones)."""
        self._readable = self.path.is_file()  # a cold build does not try to open it once a profile
        fetching = start_forked_map(self.fetch, paths, jobs)

        def outcomes() -> list:
            try:
                fetched = fetching()
            finally:
                self._close_reader()
            new = [(key, blob) for key, blob, parsed in fetched if parsed and key]
            if new:
                self._store(new)
            parsed = sum(was_parsed for _, _, was_parsed in fetched)
            self.stats["profiles"] += len(paths)
            self.stats["parsed"] += parsed
            self.stats["cached"] += len(paths) - parsed
            return [pickle.loads(blob) for _, blob, _ in fetched]

        return outcomes

    def fetch(self, path: Path) -> tuple[str | None, bytes, bool]:
        """`(key, outcome pickled as kept in the cache, whether it had to be parsed)`.

        A hit crosses back to the parent as it is, never unpickled and
        pickled again on the way; a damaged entry is parsed again. The key is
        None when the profile could not be read (its outcome is not kept).
        """
        try:
            key = self.key(path, path.read_bytes())
        except OSError:
            key = None
        if key is not None and self._readable:
            try:
                row = self._read().execute("SELECT outcome FROM outcomes WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    pickle.loads(row[0])
                    return key, row[0], False
            except Exception:
                pass
        return key, pickle.dumps(load_profile(path), protocol=pickle.HIGHEST_PROTOCOL), True

    def _read(self) -> sqlite3.Connection:
        """This process's read connection (opened on first use; a forked worker opens its own)."""
        if self._reader is None or self._reader[0] != os.getpid():
            self._reader = (os.getpid(), sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True))
        return self._reader[1]

    def _close_reader(self) -> None:
        if self._reader is not None and self._reader[0] == os.getpid():
            self._reader[1].close()
        self._reader = None

    def _store(self, outcomes: list[tuple[str, bytes]]) -> None:
        """Keep new outcomes, in one transaction."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=30)) as connection, connection:
                connection.execute("CREATE TABLE IF NOT EXISTS outcomes (key TEXT PRIMARY KEY, outcome BLOB)")
                connection.executemany("INSERT OR REPLACE INTO outcomes VALUES (?, ?)", outcomes)
        except (OSError, sqlite3.Error):
            pass
