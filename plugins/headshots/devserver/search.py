"""Search catches up in the background: after each good build, Pagefind indexes the served site.

At 10,000 photographers Pagefind takes about 20 s, far longer than the
update it follows, so the dev server builds and updates pages without it and
an editor sees a saved edit at once. Pagefind then runs in a thread, at low
priority, into a folder beside the bundle (`NEXT`) that takes the bundle's
place when it is done; search answers from the previous index meanwhile.
Saves during a run make one more run, after it. The log says when search
has caught up with the last build.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from headshots.indexing import IndexingFailed, indexed_glob, run_pagefind

NEXT = ".pagefind.next"


class SearchRefresh:
    """Indexes `output` after each `request`, one run at a time; `lock` is held while the bundle is swapped."""

    def __init__(self, output: Path, lock: threading.Lock):
        self.output = output
        self.lock = lock
        self._state = threading.Lock()
        self._asked = self._done = 0
        self._settings: dict = {}
        self._thread: threading.Thread | None = None

    def request(self, settings: dict) -> None:
        """Index again when the run under way (if any) is done."""
        with self._state:
            self._asked += 1
            self._settings = settings
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="search", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._state:
                if self._done == self._asked:
                    self._thread = None
                    return
                asked, settings = self._asked, self._settings
            started = time.perf_counter()
            outcome = self._index(settings)
            with self._state:
                self._done = asked
                latest = asked == self._asked
            if latest:  # an older run's news is not worth a line: the next one follows
                seconds = time.perf_counter() - started
                print(f"[{time.strftime('%H:%M:%S')}] Search {outcome} ({seconds:.1f} s)", flush=True)

    def _index(self, settings: dict) -> str:
        bundle = settings.get("SEARCH_BUNDLE_DIR", "pagefind")
        try:
            figures = run_pagefind(
                self.output,
                bundle_dir=NEXT,
                timeout=settings.get("SEARCH_TIMEOUT", 600),
                glob=indexed_glob(settings),
                niceness=10,
            )
        except IndexingFailed as error:
            return f"is behind: indexing failed: {error}"
        with self.lock:
            made = self.output / NEXT
            if not made.is_dir():  # the folder was replaced by a full build meanwhile: its own run follows
                return "is behind: the site was rebuilt while it was indexed"
            shutil.rmtree(self.output / bundle, ignore_errors=True)
            made.rename(self.output / bundle)
        return f"caught up: Pagefind indexed {figures['pages']:,} pages"
