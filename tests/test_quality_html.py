"""Valid HTML: every page of the sample build passes the Nu Html Checker (vnu) with zero errors.

vnu comes from npm (`vnu-jar`, pinned in tools/package.json and installed by
`make tools`, which `make test` depends on) and runs on the machine's Java
(Debian's `default-jre-headless`, installed by .ci/run). One JVM run checks
the whole output tree, so this takes a few seconds however many pages there are.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from test_quality_links import html_pages

REPO = Path(__file__).resolve().parents[1]
VNU = REPO / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(target):
    """Run vnu over a file or folder; return its error messages (dicts with url, lastLine, message...)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "the HTML check needs Java 17+: `apt-get install default-jre-headless` (as .ci/run does)", pytrace=False
        )
    if not VNU.is_file():
        pytest.fail(
            f"the HTML check needs {VNU.relative_to(REPO)}: run `make tools` (npm install --prefix tools)",
            pytrace=False,
        )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", "--skip-non-html", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    # "error" is an HTML error; "non-document-error" is vnu failing to read a file: both fail the check.
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def describe(messages, root):
    lines = []
    for m in messages:
        path = m.get("url", "?").removeprefix("file:")
        try:
            path = Path(path).relative_to(root).as_posix()
        except ValueError:
            pass
        lines.append(
            f"{path}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}: "
            f"{m['message']}  [{' '.join(m.get('extract', '').split())}]"
        )
    return "\n".join(lines)


def test_every_page_is_valid_html(sample_site):
    pages = html_pages(sample_site)
    assert len(pages) >= 20, f"only {len(pages)} HTML pages were built"
    errors = vnu_errors(sample_site)
    assert not errors, (
        f"the Nu Html Checker found {len(errors)} error(s) in {len(pages)} pages "
        f"(file:line:column: message  [extract]):\n" + describe(errors, sample_site)
    )


def test_the_checker_reports_invalid_html(tmp_path):
    """The gate is wired up: an invalid page gives an error naming its file and line."""
    (tmp_path / "bad.html").write_text(
        "<!doctype html>\n<html lang=en><head><title>x</title></head>\n<body><img src=a.jpg></body></html>\n"
    )
    errors = vnu_errors(tmp_path)
    report = describe(errors, tmp_path)
    assert "bad.html:3:" in report and "alt" in report, report
