"""Renditions catch up in the background: a fresh clone is browsable before its headshots are encoded.

`headshots serve` builds with HEADSHOTS_ENCODE = "on-request": the pictures
stage plans every headshot (its crop, its file names, its placeholder) and
encodes nothing, so the pages are written in seconds. This worker then
encodes what is left (each Picture's `pending`) in low-priority processes,
one headshot per core at a time, and publishes each file into the served
folder as it is made (a hard link from the renditions cache, as a build
publishes). A request for a rendition not made yet (`wait`) has that one
file encoded at once, at normal priority. Nothing is published while a build
or an update changes the folder (`paused`); after each good one, `follow`
takes the pictures the pages now show. The log says when renditions have
caught up: the folder then holds exactly the files a clean build publishes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from headshots import text
from headshots.errors import display_path
from headshots.parallel import start_server_worker
from headshots.thumbnails import entries, pipeline

#: Seconds a request waits for its rendition before the 404 page (a source that cannot be encoded).
WAIT = 120.0


class Renditions:
    """What is left to encode of the served pages' headshots, and the workers that make it."""

    def __init__(self, output: Path):
        self.output = output
        self.workers = os.cpu_count() or 1
        self._changed = threading.Condition()  # held while `_pending` changes; waiters hear of each file made
        self._building = threading.Lock()  # held by a build or an update: nothing is published meanwhile
        self._pending: dict[str, tuple[str, object]] = {}  # output path -> (cache file, its `Encode`)
        self._queue: deque = deque()  # the pictures with renditions left, in the pages' order
        self._asked: set[str] = set()  # output paths a request is having made
        self._urgent: deque = deque()  # (output path, cache file, `Encode`) requested, not yet taken
        self._made, self._since = 0, None
        self._pools: dict[str, ProcessPoolExecutor] = {}
        self._threads: list[threading.Thread] = []

    @contextlib.contextmanager
    def paused(self):
        """Hold back publishing while the served folder is built or updated."""
        with self._building:
            yield

    def follow(self, pictures, settings: dict) -> None:
        """What is left of `pictures` (those the served pages show) replaces what was left before.
        Call it while `paused`, after a good build or update."""
        queue, pending = [], {}
        for picture in pictures if settings.get("HEADSHOTS_PUBLISH", True) else ():
            encode = picture.pending
            left = [(c, r) for c, r in (encode.files if encode else ()) if not (self.output / r).exists()]
            if not left:
                picture.pending = None  # all published: not looked at again
                continue
            pending.update((relative, (cache_file, encode)) for cache_file, relative in left)
            queue.append(picture)
        with self._changed:
            self._pending, self._queue = pending, deque(queue)
            if pending and self._since is None:
                self._since, self._made = time.perf_counter(), 0
                _say(f"Renditions: {len(pending):,} files to encode, in the background (requested ones first)")
            self._caught_up()
            self._changed.notify_all()
        if queue:
            self._start_pools()
        # Long-lived threads submit the jobs (the processes were started by the main thread, which
        # lives as long as the server: `die_with_parent`).
        while queue and len(self._threads) < 2 * self.workers:
            thread = threading.Thread(target=self._work, args=(len(self._threads) % 2 == 0,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def wait(self, relative: str, timeout: float = WAIT) -> Path | None:
        """The made file for the output path `relative` if it is a rendition left to make (encoded
        first, at once), else None; waits up to `timeout` seconds for it."""
        with self._changed:
            found = self._pending.get(relative)
            if found is None:
                return None
            cache_file, encode = found
            if relative not in self._asked:
                self._asked.add(relative)
                self._urgent.append((relative, cache_file, encode))
                self._changed.notify_all()
            self._changed.wait_for(lambda: os.path.exists(cache_file) or relative not in self._pending, timeout)
        return Path(cache_file) if os.path.exists(cache_file) else None

    def _urgently(self, relative: str, cache_file: str, encode) -> None:
        name = os.path.relpath(cache_file, Path(encode.job["cache"]) / entries.RENDITIONS).replace(os.sep, "/")
        try:
            self._make(encode, [(cache_file, relative)], "urgent", only=[name])
        finally:
            with self._changed:
                self._asked.discard(relative)

    def _work(self, urgent: bool) -> None:
        """One thread's loop: requested files, one at a time (`urgent`), or the headshots left."""
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._urgent if urgent else self._queue)
                task = self._urgent.popleft() if urgent else self._queue.popleft()
            if urgent:
                self._urgently(*task)
                continue
            picture, encode = task, task.pending
            if encode is not None and self._make(encode, encode.files, "background"):
                picture.pending = None

    def _make(self, encode, files, pool: str, only=None) -> bool:
        """Encode what `files` still lacks (`only` those cache names, else the headshot's every
        missing one), then publish `files`; whether all of them are published."""
        if not all(os.path.exists(cache_file) for cache_file, _ in files):
            job = encode.job if only is None else {**encode.job, "only": only}
            try:
                future = self._pools[pool].submit(pipeline.render, job)
            except RuntimeError:  # the server is stopping (its pools are shut down): nothing to say
                return False
            try:
                result = future.result()
            except Exception as error:  # a worker killed, the pool broken: the files stay pending
                result = {"error": f"{type(error).__name__}: {error}"}
            with self._changed:
                if "error" in result:  # not made: requests for them get the 404 page
                    _say(f"Renditions: {display_path(encode.job['source'])} could not be encoded: {result['error']}")
                    for cache_file, relative in files:
                        if self._pending.get(relative, ("",))[0] == cache_file and not os.path.exists(cache_file):
                            del self._pending[relative]
                self._changed.notify_all()  # a request waiting for one of them serves it from the cache now
        return self._publish(files)

    def _publish(self, files) -> bool:
        with self._building, self._changed:
            for cache_file, relative in files:
                found = self._pending.get(relative)
                if found and found[0] == cache_file and os.path.exists(cache_file):
                    entries.link_into(Path(cache_file), self.output / relative)
                    del self._pending[relative]
                    self._made += 1
            self._caught_up()
            self._changed.notify_all()
            return not any(relative in self._pending for _, relative in files)

    def _caught_up(self) -> None:
        if self._pending or self._since is None:
            return
        seconds = time.perf_counter() - self._since
        _say(f"Renditions caught up: {text.plural(self._made, 'file')} encoded and published ({seconds:.1f} s)")
        self._since = None

    def _start_pools(self) -> None:
        """Both pools, all their processes started now, from the main thread with Ctrl-C ignored.

        A process inherits the ignoring (a blocked signal would not do: Python clears the mask of
        a spawned process), so the editor's Ctrl-C stops the server without a KeyboardInterrupt
        traceback from a worker still importing; the workers die with the server instead.
        """
        if self._pools:
            return
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            for kind, niceness in (("background", 10), ("urgent", 0)):
                pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=start_server_worker,
                    initargs=(os.getpid(), niceness),
                )
                for _ in range(self.workers):  # with no idle process, each job starts one
                    pool.submit(time.sleep, 0)
                self._pools[kind] = pool
        finally:
            signal.signal(signal.SIGINT, previous)


def _say(line: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)
