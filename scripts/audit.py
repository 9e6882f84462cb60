"""`make audit`: Lighthouse (mobile preset) on the main templates of a served publish-like build.

Builds the site with publishconf.py into a temporary folder, with SITEURL set
to the local server's address (so canonical URLs and links are absolute and
resolve, as in production), serves it on 127.0.0.1, runs Lighthouse from
tools/node_modules with Debian's Chromium (CHROME_PATH) on the home,
directory, a profile, the scan and an article page, and prints the four
category scores per page, with the audits that cost points where a score is
under its target (DESIGN.md, "Quality bars"). Exits 1 when any page misses a
target. Not part of CI: Lighthouse's performance score depends on the
machine's load.

    make audit                      # or: .venv/bin/python scripts/audit.py [--keep DIR]
"""

import argparse
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from headshots.cachedir import default_cache_path

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "tools" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 1.0}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # Lighthouse drops connections it no longer needs (broken pipes): not our concern here


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(output, siteurl):
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(REPO / "content"),
        "-s",
        str(REPO / "publishconf.py"),
        "-o",
        str(output),
        "-e",
        f"CACHE_PATH={json.dumps(default_cache_path(REPO / 'pelicanconf.py'))}",
    ]
    result = subprocess.run(
        command, cwd=REPO, env={**os.environ, "SITEURL": siteurl, "COLUMNS": "200"}, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"audit: the publish build failed:\n{result.stdout}\n{result.stderr}")


def pages(root):
    """home, directory, the profile with the most pictures (first by name among equals), the scan, the first article,
    and the compare page with the first four photographers (a shared link: a fresh browser has no shortlist)."""
    profiles = [p.parent for p in (root / "photographers").glob("*/index.html") if p.parent.name != "page"]
    if not profiles:
        sys.exit("audit: no profile pages were built")
    profile = min(sorted(profiles), key=lambda p: -(p / "index.html").read_text(encoding="utf-8").count("<picture"))
    articles = sorted(p.parent.name for p in (root / "articles").glob("*/index.html"))
    if not articles:
        sys.exit("audit: no article pages were built")
    return {
        "home": "/",
        "directory": "/photographers/",
        "profile": f"/photographers/{profile.name}/",
        "scan": "/scan/",
        "article": f"/articles/{articles[0]}/",
        "compare": "/compare/?p=" + ",".join(p.name for p in sorted(profiles)[:4]) + "&looks=2&hmu=1&finals=3",
    }


def lighthouse(url, report_path):
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0 or not Path(report_path).is_file():
        sys.exit(f"audit: lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(Path(report_path).read_text(encoding="utf-8"))


def losses(report, category):
    """The audits that cost points in a category: (title, score, display value)."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            found.append(f"{audit['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".rstrip())
    return found


def node_too_old() -> str | None:
    """Why this machine's Node cannot run the installed Lighthouse (its package.json `engines`), or None."""
    wanted = json.loads((LIGHTHOUSE.resolve().parents[1] / "package.json").read_text())["engines"]["node"]
    minimum = tuple(int(part) for part in wanted.lstrip(">=").split("."))
    try:
        found = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "Node.js is not installed: apt-get install nodejs"
    if tuple(int(part) for part in found.lstrip("v").split(".")[: len(minimum)]) < minimum:
        return f"Lighthouse needs Node {wanted}, this machine has {found}: install a newer Node, or pin an older Lighthouse"
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the build and the JSON reports here instead of a temp dir")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit(f"audit: {LIGHTHOUSE.relative_to(REPO)} is missing: run `make tools`")
    node_problem = node_too_old()
    if node_problem:
        sys.exit(f"audit: {node_problem}")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        sys.exit(f"audit: Chromium not found at {CHROMIUM}: `apt-get install chromium`")

    work = Path(args.keep or tempfile.mkdtemp(prefix="audit-")).resolve()
    site, reports = work / "site", work / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"audit: building a publish-like site for {base} in {site}", flush=True)
    build(site, base)
    server = QuietServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    failed = False
    rows = []
    try:
        for name, path in pages(site).items():
            print(f"audit: lighthouse {base}{path}", flush=True)
            report = lighthouse(base + path, reports / f"{name}.json")
            scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
            rows.append((name, path, scores, report))
    finally:
        server.shutdown()

    print(f"\n{'page':<10} {'path':<44} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    for name, path, scores, _ in rows:
        cells = []
        for c in CATEGORIES:
            low = scores[c] is None or scores[c] < TARGETS[c]
            failed |= low
            cells.append(f"{'-' if scores[c] is None else f'{scores[c]:.2f}'}{' !' if low else '  '}".rjust(14))
        print(f"{name:<10} {path:<44} " + " ".join(cells))
    print("targets: " + ", ".join(f"{c} >= {t}" for c, t in TARGETS.items()) + "  (! = under target)")
    for name, _path, scores, report in rows:
        for c in CATEGORIES:
            if scores[c] is None or scores[c] < TARGETS[c]:
                print(f"\n{name} {c}: " + "; ".join(losses(report, c)))
    print(f"\nreports: {reports}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
