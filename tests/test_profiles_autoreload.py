"""`pelican -r` (what `make serve` runs) rebuilds when a profile or a headshot changes.

Pelican 4.12 watches only the settings file, THEME, PATH and PATH/STATIC_PATHS;
headshots.plugin adds PHOTOGRAPHERS_PATH to STATIC_PATHS and keeps the
static generator out of it (docs/ARCHITECTURE.md, "Decisions").
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from devserver_support import wait_for

from conftest import REPO
from factories import make_headshot, minimal_profile, write_profile

pytestmark = pytest.mark.slow


def edit_until(edit, predicate, timeout=30.0):
    """Make an edit, and make it again every few seconds until the server reacts.

    A change saved while the server is still finishing the previous build (Pagefind
    runs after the pages are written) is not seen by the next watch, as in an
    editor's real session; saving again is what an editor would do, and keeps the
    test independent of the machine's load."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        edit()
        if wait_for(predicate, timeout=4.0):
            return True
    return False


def text_of(path):
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def test_editing_a_profile_or_a_headshot_rebuilds_while_serving(tmp_path):
    root = tmp_path / "photographers"
    profile = write_profile(root, "maya", minimal_profile(name="Maya Okafor"))
    output = tmp_path / "output"
    page = output / "photographers" / "maya" / "index.html"
    log = open(tmp_path / "pelican.log", "w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pelican",
            str(REPO / "tests" / "content"),  # its own photographers: the real articles link to the samples
            "-s",
            str(REPO / "pelicanconf.py"),
            "-o",
            str(output),
            "--autoreload",
            "-e",
            f'PHOTOGRAPHERS_PATH="{root}"',
            f'CACHE_PATH="{tmp_path / "cache"}"',
            'HEADSHOTS_FORMATS=["jpeg"]',
        ],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        assert wait_for(lambda: "Maya Okafor" in text_of(page), 60), (tmp_path / "pelican.log").read_text()
        time.sleep(1)  # let the watcher start

        good = profile.read_text(encoding="utf-8").replace("Maya Okafor", "Maya Renamed")
        assert edit_until(
            lambda: profile.write_text(good, encoding="utf-8"), lambda: "Maya Renamed" in text_of(page)
        ), (tmp_path / "pelican.log").read_text()

        def image_urls():
            return set(re.findall(r"/images/maya/[^\"' ,]+\.jpg", text_of(page)))

        before = image_urls()
        assert before
        assert edit_until(
            lambda: make_headshot(root / "maya" / "one.jpg", colour=(20, 200, 40)),
            lambda: image_urls() and image_urls().isdisjoint(before),
        ), (tmp_path / "pelican.log").read_text()

        # A broken profile is reported, the server keeps watching, and a fix rebuilds.
        assert edit_until(
            lambda: profile.write_text(good + "name: [\n", encoding="utf-8"),
            lambda: "YAML syntax error" in (tmp_path / "pelican.log").read_text(),
        )
        fixed = good.replace("Maya Renamed", "Maya Fixed")
        assert edit_until(lambda: profile.write_text(fixed, encoding="utf-8"), lambda: "Maya Fixed" in text_of(page)), (
            tmp_path / "pelican.log"
        ).read_text()
        assert process.poll() is None
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        log.close()
    assert not any(p.name == "one.jpg" for p in output.rglob("*")), "an original was published"
    assert not (tmp_path / "photographers" / "output").exists()
    assert "Traceback" not in (tmp_path / "pelican.log").read_text()
