"""Our words are our own: no page of the built site, and no script's text, shares a run of
8 or more words with the article that inspired the site (../shared/SOURCE_ARTICLE.txt).

Words are compared case-folded, with punctuation and markup dropped, so a copied sentence
cannot hide behind a changed comma or a link. The source's text is not in the repository:
tests/source_article_runs.txt holds a hash of each of its 8-word runs, so the check runs in
any clone; where the source is at hand, a test checks that the hashes are current.
"""

import hashlib
import html
import re
from pathlib import Path

import pytest

from conftest import REPO

RUN = 8
SOURCE = REPO.parent / "shared" / "SOURCE_ARTICLE.txt"
RUNS_FILE = REPO / "tests" / "source_article_runs.txt"


def words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def digest(run) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs_of(text: str) -> list[tuple[str, ...]]:
    found = words(text)
    return [tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)]


def shared_runs(text: str, hashes: set) -> list[str]:
    return [" ".join(run) for run in runs_of(text) if digest(run) in hashes]


@pytest.fixture(scope="module")
def source_runs():
    return set(RUNS_FILE.read_text(encoding="utf-8").split())


def test_the_hashes_are_those_of_the_source(source_runs):
    if not SOURCE.is_file():
        pytest.skip(f"{SOURCE} is not in this checkout; the committed hashes are used as they are")
    current = {digest(run) for run in runs_of(SOURCE.read_text(encoding="utf-8"))}
    assert source_runs == current, f"regenerate {RUNS_FILE.name}: python tests/test_content_originality.py"


def test_the_check_finds_a_copied_run(source_runs):
    if not SOURCE.is_file():
        pytest.skip(f"{SOURCE} is not in this checkout")
    run = " ".join(words(SOURCE.read_text(encoding="utf-8"))[200:212])
    assert shared_runs(f"<p>{run.upper()}!</p>", source_runs)
    assert not shared_runs("<p>A sentence of our own, with nothing borrowed from anyone at all.</p>", source_runs)


def test_no_page_or_script_shares_eight_words_with_the_source(sample_site, source_runs):
    found = {}
    for page in sorted(Path(sample_site).rglob("*.html")):
        if runs := shared_runs(visible_text(page.read_text(encoding="utf-8")), source_runs):
            found[str(page.relative_to(sample_site))] = runs[:3]
    for script in sorted((REPO / "theme" / "static" / "js").glob("*.js")):
        if runs := shared_runs(script.read_text(encoding="utf-8"), source_runs):
            found[str(script.relative_to(REPO))] = runs[:3]
    assert not found, found


if __name__ == "__main__":
    hashes = sorted({digest(run) for run in runs_of(SOURCE.read_text(encoding="utf-8"))})
    RUNS_FILE.write_text("\n".join(hashes) + "\n", encoding="utf-8")
    print(f"{RUNS_FILE}: {len(hashes)} runs")
