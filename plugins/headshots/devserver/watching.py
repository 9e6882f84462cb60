"""Every save, once: watchfiles reports saves while a build runs, and the next build takes them all.

A watcher thread never stops listening (a save during a build is kept for
the build after it); watchfiles groups a burst ("save all") into one set.
Nothing is polled: between saves the server uses no CPU.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import watchfiles

from headshots.errors import display_path

# A burst's saves arrive within this many ms of each other; a group is cut after DEBOUNCE ms.
STEP, DEBOUNCE = 100, 1600


class Changes:
    """The saved paths no build has seen yet."""

    def __init__(self):
        self._paths: set[str] = set()
        self._ready = threading.Condition()

    def add(self, paths) -> None:
        with self._ready:
            self._paths |= set(paths)
            self._ready.notify_all()

    def take(self, timeout: float | None = None) -> set[str]:
        """Every path saved since the last take (waits for one)."""
        with self._ready:
            self._ready.wait_for(lambda: self._paths, timeout=timeout)
            paths, self._paths = self._paths, set()
            return paths


def watch(folders: list[str], files: list[str], changes: Changes, stop: threading.Event) -> list[threading.Thread]:
    """Watch `folders` recursively and `files` (through their folder, as editors save by renaming)."""
    threads = []
    folders = [f for f in folders if os.path.isdir(f)]
    if folders:
        threads.append(_thread(folders, True, None, changes, stop))
    by_folder: dict[str, set[str]] = {}
    for file in files:
        by_folder.setdefault(os.path.dirname(os.path.abspath(file)), set()).add(os.path.abspath(file))
    for folder, wanted in by_folder.items():
        threads.append(_thread([folder], False, wanted, changes, stop))
    return threads


def _thread(paths, recursive, wanted, changes, stop) -> threading.Thread:
    only = (lambda _change, path: path in wanted) if wanted else watchfiles.DefaultFilter()

    def run():
        for batch in watchfiles.watch(
            *paths, watch_filter=only, recursive=recursive, step=STEP, debounce=DEBOUNCE, stop_event=stop
        ):
            changes.add(path for _change, path in batch)

    thread = threading.Thread(target=run, name=f"watch {paths[0]}", daemon=True)
    thread.start()
    return thread


def describe(paths: set[str], limit: int = 3) -> str:
    """ "photographers/maya/profile.yaml and 2 more": what changed, as an editor names it."""
    names = sorted(display_path(Path(p)) for p in paths if not _editor_scratch(Path(p)))
    names = names or ["files that are gone again"]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _editor_scratch(path: Path) -> bool:
    """A file an editor or tool wrote and removed again while saving ("sedX1y2z", Vim's "4913",
    ".profile.yaml.swp", "profile.yaml~"): gone by now, and never something an editor would name.
    A folder or file the editor removed or renamed is named."""
    return not path.exists() and bool(_SCRATCH.match(path.name))


_SCRATCH = re.compile(r"^(?:\..*|.*~|.*\.(?:swp|swx|tmp)|sed[A-Za-z0-9]{6}|\d+|#.*#)$")
