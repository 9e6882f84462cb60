"""The page scripts' pure logic (money, needs, totals, verdicts, measures, platform checks, finder state), unit-tested in Node.

tests/js/*.test.mjs run under Node's built-in test runner (`node --test`, Debian's `nodejs`),
importing the theme's ES modules directly: no build, no browser. This test runs them so
`make test` and `make test-fast` cover them, and hands over the build's face rules so the
thresholds stay in one place.
"""

import json
import os
import shutil
import subprocess

import pytest

from headshots.thumbnails.faces import BROWSER_RULES

from conftest import REPO

TESTS = REPO / "tests" / "js"


def test_page_script_logic_passes_under_node():
    node = shutil.which("node") or shutil.which("nodejs")
    if not node:
        pytest.fail("the page-script unit tests need Node: run `apt-get install nodejs`", pytrace=False)
    files = sorted(str(path) for path in TESTS.glob("*.test.mjs"))
    assert len(files) >= 3, files
    result = subprocess.run(
        [node, "--test", *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FACE_RULES": json.dumps(BROWSER_RULES)},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout, result.stdout[-2000:]
