"""The profile cache is keyed by the code that judged a profile, computed, not listed by hand.

A verdict depends on more modules than validation itself (the link rules, the
text helpers, the bio renderer): changing any of them must make the next check
judge every profile again, never serve the old verdict.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import headshots

from factories import minimal_profile, write_profile

PACKAGE = Path(headshots.__file__).resolve().parent

# Reads the profiles through the cache, as the build and `headshots check` do, and prints what it saw.
READ = """
import json, sys
from pathlib import Path
from headshots.profilecache import ProfileCache
from headshots.reading import load_profiles
cache = ProfileCache(Path(sys.argv[2]))
profiles, problems = load_profiles(Path(sys.argv[1]), cache)
print(json.dumps({"stats": cache.stats, "problems": [p.message for p in problems]}))
"""


def read(code: Path, root: Path, cache: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    result = subprocess.run(
        [sys.executable, "-c", READ, str(root), str(cache)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_changed_link_rule_is_judged_again(tmp_path):
    code = tmp_path / "code"
    shutil.copytree(PACKAGE, code / "headshots", ignore=shutil.ignore_patterns("__pycache__", "*.tflite"))
    root = tmp_path / "photographers"
    write_profile(root, "maya", minimal_profile(website="http://maya.example/"))
    cache = tmp_path / "cache"

    assert read(code, root, cache) == {"stats": {"profiles": 1, "parsed": 1, "cached": 0}, "problems": []}
    assert read(code, root, cache)["stats"] == {"profiles": 1, "parsed": 0, "cached": 1}

    # A new link rule (https only), in the link module: nothing in the profile changed.
    links = code / "headshots" / "urls.py"
    links.write_text(links.read_text().replace('("http", "https", "mailto")', '("https", "mailto")'))
    assert read(code, root, cache) == {
        "stats": {"profiles": 1, "parsed": 1, "cached": 0},
        "problems": ['"http://maya.example/": only http, https and mailto links are allowed'],
    }
