"""What a benchmark's build wrote (scripts/bench_scale.py): files, sizes and pages by kind, the
Pagefind index, and the bytes a first search query fetches."""

from __future__ import annotations

import os
from pathlib import Path


def output_figures(output: Path) -> dict:
    files = html = size = 0
    largest = (0, "")
    kinds: dict[str, list] = {}  # page kind -> [count, bytes, largest, its path]
    for dirpath, _, names in os.walk(output):
        for name in names:
            path = Path(dirpath) / name
            stat = path.stat()
            files += 1
            size += stat.st_size
            if name.endswith(".html"):
                html += 1
                relative = str(path.relative_to(output))
                if stat.st_size > largest[0]:
                    largest = (stat.st_size, relative)
                kind = page_kind(relative)
                entry = kinds.setdefault(kind, [0, 0, 0, ""])
                entry[0] += 1
                entry[1] += stat.st_size
                if stat.st_size > entry[2]:
                    entry[2], entry[3] = stat.st_size, relative
    figures = {"files": files, "html": html, "bytes": size, "largest_html": largest, "kinds": kinds}
    pagefind = output / "pagefind"
    if pagefind.is_dir():
        index_files = [p for p in pagefind.rglob("*") if p.is_file()]
        figures["index_files"] = len(index_files)
        figures["index_bytes"] = sum(p.stat().st_size for p in index_files)
        figures["fragments"] = len(list((pagefind / "fragment").glob("*")))
        figures["first_query"] = first_query_bytes(pagefind)
    data = output / "photographers.json"
    figures["json_bytes"] = data.stat().st_size if data.exists() else 0
    return figures


def page_kind(relative: str) -> str:
    """photographers/<slug>/index.html -> "profile", and so on: to report sizes per template."""
    parts = relative.split("/")
    if parts[0] == "photographers":
        if len(parts) == 2 or parts[1] == "page":
            return "directory"
        return "photographer scan" if parts[2] == "scan" else "profile"
    if parts[0] == "cities":
        return "city"
    if parts[0] == "articles":
        return "article" if len(parts) > 2 else "articles"
    return relative


def first_query_bytes(pagefind: Path) -> dict:
    """What a first query on /photographers/ or /search/ downloads, approximately (bytes on the wire).

    Pagefind's own files are already gzipped on disk (.pf_* and the wasm);
    the JS and the entry JSON are counted uncompressed (an upper bound).
    A first query loads: pagefind.js, pagefind-entry.json, the WebAssembly,
    the language's .pf_meta (page and word-chunk table, which grows with the
    site), every filter chunk (the directory shows live counts for every
    facet, so it loads them all), one word-index chunk (the largest, as a
    bound: a one-word query needs one) and 24 result fragments (the browser's
    first page of cards: PAGE_SIZE in search.js), at the mean fragment size.
    """

    def total(pattern):
        return sum(p.stat().st_size for p in pagefind.glob(pattern))

    parts = {
        "pagefind.js": total("pagefind.js"),
        "entry.json": total("pagefind-entry.json"),
        "wasm": max((p.stat().st_size for p in pagefind.glob("wasm.*.pagefind")), default=0),
        "meta": max((p.stat().st_size for p in pagefind.glob("pagefind.*.pf_meta")), default=0),
        "filters": total("filter/*"),
        "one index chunk": max((p.stat().st_size for p in pagefind.glob("index/*")), default=0),
    }
    fragments = [p.stat().st_size for p in pagefind.glob("fragment/*")]
    parts["24 fragments"] = int(24 * sum(fragments) / len(fragments)) if fragments else 0
    parts["total"] = sum(parts.values())
    return parts
