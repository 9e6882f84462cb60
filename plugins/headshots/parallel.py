"""Per-photographer work on every core: reading profiles, writing their pages, `headshots check`.

In a big directory most of the page work is per photographer (parsing and
validating a profile; rendering its profile and scan pages) and each piece
is independent. Forked workers inherit everything the parent has built (the
schema, the build context, the Jinja environment), so only indexes go to
them and only results come back.

Without fork (Windows, or inside a daemonic process), or for a short list,
everything runs in this process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

#: Most items a worker takes per task: enough that handing out tasks costs nothing.
CHUNK = 64

# (function, items, chunk) in a forked worker: set there by `_start_worker`, never in the parent.
_job = None


def die_with_parent(parent: int) -> None:
    """In a worker: die when the process that started it dies, even by SIGKILL (Linux's
    PR_SET_PDEATHSIG), so no worker goes on reading or encoding for a build nobody waits for.
    `parent` is that process's id: if it died before this ran, the worker exits now."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux: workers end with their task queue
        return
    if os.getppid() != parent:
        os._exit(1)


def start_server_worker(parent: int, niceness: int) -> None:
    """In a worker of a long-lived server (the dev server's renditions): at `niceness` (background
    work lets the editor's builds and requests come first), dying with the process that started
    it. (It is deaf to Ctrl-C from its start: the server starts it with SIGINT ignored.)"""
    os.nice(niceness)
    die_with_parent(parent)


def _start_worker(job, parent: int) -> None:
    """In a new worker: die with the build, keep its job, and silence logging.

    Pelican builds inside Rich's `console.status`, whose refresh thread may
    hold the console's lock at the moment of the fork; a worker that logged
    through Pelican's Rich handler could wait on that lock forever. Workers
    report through their results (or an exception) only.
    """
    die_with_parent(parent)
    global _job
    _job = job
    logging.disable(logging.CRITICAL)


def _run_chunk(start: int) -> list:
    function, items, chunk = _job
    return [function(item) for item in items[start : start + chunk]]


def jobs_for(settings: dict, count: int) -> int:
    """Processes for `count` photographers: PHOTOGRAPHERS_JOBS (None: one per core) from
    PHOTOGRAPHERS_PARALLEL_FROM photographers up; below that, starting them costs more than it saves."""
    if count < int(settings["PHOTOGRAPHERS_PARALLEL_FROM"]):
        return 1
    return max(1, int(settings["PHOTOGRAPHERS_JOBS"] or os.cpu_count() or 1))


def start_forked_map(function, items: list, jobs: int):
    """Start `[function(item) for item in items]`, shared by up to `jobs` forked processes, and
    return at once a function that waits for the results (which must pickle; an exception in
    a worker is raised there).

    The workers are forked now and see this moment's state; meanwhile this
    process is free for other work (Pelican writing the articles). Without
    fork, or with one job, the items are worked through when the results are asked for.
    """
    jobs = min(jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
        return lambda: [function(item) for item in items]
    chunk = min(CHUNK, -(-len(items) // jobs))
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=((function, items, chunk), os.getpid()),
    )
    try:
        parts = [pool.submit(_run_chunk, start) for start in range(0, len(items), chunk)]
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise

    def results() -> list:
        try:
            return [result for part in parts for result in part.result()]
        finally:
            pool.shutdown(cancel_futures=True)

    return results
