"""`pelican -r` (what `make serve` runs) rebuilds when a profile or a headshot changes.

Pelican 4.12 watches only the settings file, THEME, PATH and PATH/STATIC_PATHS;
the profiles plugin adds PHOTOGRAPHERS_PATH to STATIC_PATHS and removes the
originals from the static files (docs/ARCHITECTURE.md, "Decisions").
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO
from factories import make_headshot, minimal_profile, write_profile

pytestmark = pytest.mark.slow


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
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
        [sys.executable, "-m", "pelican", str(REPO / "content"), "-s", str(REPO / "pelicanconf.py"),
         "-o", str(output), "--autoreload",
         "-e", f'PHOTOGRAPHERS_PATH="{root}"', f'CACHE_PATH="{tmp_path / "cache"}"', 'HEADSHOTS_FORMATS=["jpeg"]'],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "COLUMNS": "200"})
    try:
        assert wait_for(lambda: "Maya Okafor" in text_of(page), 60), (tmp_path / "pelican.log").read_text()
        time.sleep(1)  # let the watcher start

        profile.write_text(profile.read_text(encoding="utf-8").replace("Maya Okafor", "Maya Renamed"),
                           encoding="utf-8")
        assert wait_for(lambda: "Maya Renamed" in text_of(page)), (tmp_path / "pelican.log").read_text()

        def image_urls():
            return set(re.findall(r"/images/maya/[^\"' ,]+\.jpg", text_of(page)))

        before = image_urls()
        assert before
        make_headshot(root / "maya" / "one.jpg", colour=(20, 200, 40))
        assert wait_for(lambda: image_urls() and image_urls().isdisjoint(before)), \
            (tmp_path / "pelican.log").read_text()

        # A broken profile is reported, the server keeps watching, and a fix rebuilds.
        good = profile.read_text(encoding="utf-8")
        profile.write_text(good + "name: [\n", encoding="utf-8")
        assert wait_for(lambda: "YAML syntax error" in (tmp_path / "pelican.log").read_text())
        profile.write_text(good.replace("Maya Renamed", "Maya Fixed"), encoding="utf-8")
        assert wait_for(lambda: "Maya Fixed" in text_of(page)), (tmp_path / "pelican.log").read_text()
        assert process.poll() is None
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        log.close()
    assert not any(p.name == "one.jpg" for p in output.rglob("*")), "an original was published"
    assert not (tmp_path / "photographers" / "output").exists()
    assert "Traceback" not in (tmp_path / "pelican.log").read_text()
