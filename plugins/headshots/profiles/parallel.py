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

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

#: Most items a worker takes per task: enough that handing out tasks costs nothing.
CHUNK = 64

# (function, items, chunk) for the forked workers: set only while a pool runs.
_job = None


def _run_chunk(start: int) -> list:
    function, items, chunk = _job
    return [function(item) for item in items[start:start + chunk]]


def jobs_for(settings: dict, count: int) -> int:
    """Processes for `count` photographers: PHOTOGRAPHERS_JOBS (None: one per core) from
    PHOTOGRAPHERS_PARALLEL_FROM photographers up; below that, starting them costs more than it saves."""
    if count < int(settings["PHOTOGRAPHERS_PARALLEL_FROM"]):
        return 1
    return max(1, int(settings["PHOTOGRAPHERS_JOBS"] or os.cpu_count() or 1))


def forked_map(function, items: list, jobs: int) -> list:
    """`[function(item) for item in items]`, shared by up to `jobs` forked processes.

    Results must pickle. An exception in a worker is raised here.
    """
    global _job
    jobs = min(jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods() \
            or multiprocessing.current_process().daemon:
        return [function(item) for item in items]
    chunk = min(CHUNK, -(-len(items) // jobs))
    _job = (function, items, chunk)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for part in pool.map(_run_chunk, range(0, len(items), chunk)) for result in part]
    finally:
        _job = None
