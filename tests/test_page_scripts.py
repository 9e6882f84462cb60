"""The page scripts' pure modules (money, needs, totals: no DOM), unit-tested with Node's built-in
runner so `make test` covers them: `node --test tests/js/` (Debian's nodejs)."""

import shutil
import subprocess
from pathlib import Path

TESTS = Path(__file__).parent / "js"


def test_the_page_script_unit_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js is needed for the page scripts' unit tests: apt-get install nodejs"
    files = sorted(str(path) for path in TESTS.glob("*.test.mjs"))
    assert len(files) >= 3
    result = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
