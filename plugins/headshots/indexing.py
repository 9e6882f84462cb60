"""The search stage: Pagefind indexes the written site, after every page and static file is out.

The Pagefind binary from `pagefind[bin]` indexes the output folder into
`OUTPUT/pagefind/`. The build fails with one line naming the problem if
Pagefind fails, times out or writes no index. The binary, not the Python
API: the API talks to a `pagefind --service` subprocess over asyncio and
waits forever if that process dies; the binary gives an exit code, its own
error text and a timeout (`SEARCH_TIMEOUT`). What goes into the index (the
filters, sort keys and facets written into the pages) is page data:
`headshots.pagedata.searchdata`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from headshots.errors import Problem, display_path


class IndexingFailed(Exception):
    """Pagefind did not produce a usable index; the message is one line."""


def indexed_glob(settings) -> str | None:
    """The files Pagefind reads: profiles and articles, the only pages with `data-pagefind-body`.

    From PHOTOGRAPHER_SAVE_AS and ARTICLE_SAVE_AS, each `{...}` a `*`
    ("photographers/*/index.html"). Pagefind would skip the other pages
    anyway, but only after reading them: at N=10000 the scan, city and
    directory pages are half the HTML and a third of the indexing time.
    """
    patterns = [
        re.sub(r"\{[^}]*\}", "*", settings[key])
        for key in ("PHOTOGRAPHER_SAVE_AS", "ARTICLE_SAVE_AS")
        if settings.get(key)
    ]
    return "{" + ",".join(patterns) + "}" if patterns else None


def run_pagefind(site, *, bundle_dir="pagefind", timeout=600, glob=None, niceness=0) -> dict:
    """Index `site` (a built output folder) with the Pagefind binary into `site/bundle_dir`.

    Paths are made absolute first (Pagefind resolves relative ones against the
    working directory). `glob` limits the files read (Pagefind's `--glob`). A
    previous bundle is removed, so stale index chunks never linger. Returns
    `{"pages": int, "bytes": int, "seconds": float}`; raises `IndexingFailed`
    with a one-line reason. `niceness` > 0 runs it at that lower priority (`nice`), as the dev
    server's background refresh does, so that it never slows the next edit.
    """
    site = Path(site).resolve()
    bundle = (site / bundle_dir).resolve()
    if site not in bundle.parents:
        raise IndexingFailed(f"SEARCH_BUNDLE_DIR {bundle_dir!r} must be a folder inside the output folder")
    if not site.is_dir():
        raise IndexingFailed(f"the output folder {site} does not exist")
    try:
        from pagefind.service import get_executable

        executable = get_executable()
    except ImportError:  # pragma: no cover - pagefind[bin] is a dependency
        executable = None
    if executable is None or not Path(executable).is_file():
        raise IndexingFailed(
            "the Pagefind binary is missing: install the project's dependencies "
            "(pip install -e .), which include pagefind[bin]"
        )
    if bundle.exists():
        shutil.rmtree(bundle)
    started = time.monotonic()
    command = [str(executable), "--site", str(site), "--output-path", str(bundle), "--quiet"]
    if glob:
        command += ["--glob", glob]
    if niceness > 0 and shutil.which("nice"):
        command = ["nice", "-n", str(niceness), *command]
    try:
        completed = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise IndexingFailed(f"Pagefind did not finish within {timeout} s (SEARCH_TIMEOUT)") from None
    except OSError as error:
        raise IndexingFailed(f"could not run Pagefind ({executable}): {error.strerror or error}") from None
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        raise IndexingFailed(
            f"Pagefind exited with status {completed.returncode}: "
            f"{_last_line(completed.stderr + chr(10) + completed.stdout)}"
        )
    entry = bundle / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        pages = sum(int(language["page_count"]) for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexingFailed(
            f"Pagefind wrote no readable {entry.name} ({error.__class__.__name__}: {_last_line(str(error))})"
        ) from None
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
    return {"pages": pages, "bytes": size, "seconds": seconds}


def _last_line(text) -> str:
    """A tool's error output as one line: ANSI colours and repeated lines dropped, joined."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in str(text or "").splitlines()]
    lines = list(dict.fromkeys(line for line in lines if line))
    if not lines:
        return "no output"
    errors = [i for i, line in enumerate(lines) if line.lower().startswith("error")]
    start = errors[0] if errors else max(len(lines) - 2, 0)
    message = " ".join(lines[start : start + 3])
    message = re.sub(r"^error:\s*", "", message, flags=re.IGNORECASE)
    return message if len(message) <= 300 else message[:297] + "..."


def index_site(settings: dict, output_path) -> tuple[dict | None, list[Problem]]:
    """Index the built site as the settings say: `(figures or None when search is off, problems)`."""
    if not settings.get("SEARCH_ENABLED", True):
        return None, []
    site = Path(output_path).resolve()
    try:
        figures = run_pagefind(
            site,
            bundle_dir=settings.get("SEARCH_BUNDLE_DIR", "pagefind"),
            timeout=settings.get("SEARCH_TIMEOUT", 600),
            glob=indexed_glob(settings),
        )
    except IndexingFailed as error:
        return None, [Problem(file=display_path(site), field="search", message=f"indexing failed: {error}")]
    return figures, []
