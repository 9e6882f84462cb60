"""`headshots check PATH` on what a contributor points it at: one article, one page, one profile, a tree."""

import re

from headshots.articles.length import MIN_WORDS

from conftest import REPO
from factories import minimal_profile, write_profile
from test_cli import run

SHORT = """\
---
title: A short note
date: 2026-10-01
author: First Look editors
category: Headshots
summary: Too short to publish as an article.
---

Only a few words here.
"""


def test_an_article_is_checked_as_an_article():
    result = run("check", "content/articles/in-the-room.md", cwd=REPO)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1 article OK\n", "")


def test_a_page_is_checked_as_a_page():
    result = run("check", "content/pages/for-photographers.md", cwd=REPO)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1 page OK\n", "")


def test_one_profile_folder():
    result = run("check", "photographers/maya-okafor", cwd=REPO)
    assert (result.returncode, result.stdout) == (0, "1 profile OK\n")


def test_the_whole_tree_is_the_whole_site():
    result = run("check", ".", cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"18 profiles, \d+ articles, \d+ pages OK\n", result.stdout), result.stdout
    assert result.stdout == run("check", cwd=REPO).stdout


def test_a_file_that_is_none_of_these_is_a_usage_error():
    result = run("check", "README.md", cwd=REPO)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "headshots: README.md: not a profile, a photographers folder, an article or a page: nothing to check\n"
    )


def test_a_missing_headshot_is_listed_with_the_schema_errors(tmp_path):
    profile = minimal_profile(price={"currency": "USD", "from": "$550"})
    profile["headshots"] = [{"file": "one.jpg", "alt": "A"}, {"file": "two.jpg", "alt": "B"}]
    folder = write_profile(tmp_path / "photographers", "rosa", profile).parent
    (folder / "two.jpg").unlink()
    result = run("check", "photographers", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'photographers/rosa/profile.yaml:9:9: price.from: expected a number, got "$550"',
        "photographers/rosa/profile.yaml:13:9: headshots[1].file: "
        'file "two.jpg" not found in photographers/rosa/ (did you mean "one.jpg"?)',
        "2 problems found (checked 1 profile)",
    ]


def test_a_short_article_gets_a_warning(tmp_path):
    write_profile(tmp_path / "photographers", "rosa", minimal_profile())
    article = tmp_path / "content" / "articles" / "short.md"
    article.parent.mkdir(parents=True)
    article.write_text(SHORT, encoding="utf-8")
    result = run("check", "content/articles/short.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "content/articles/short.md:8:1: warning: body: 5 words: articles are at least "
        f"{MIN_WORDS} (house style); add what an actor still needs to know",
        "1 article OK, 1 warning",
    ]


def test_our_own_articles_need_no_warning():
    result = run("check", "content", cwd=REPO)
    assert "warning" not in result.stdout and result.returncode == 0, result.stdout


def test_the_readme_example_name_is_not_taken(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    name = re.search(r'headshots new photographer "([^"]+)"', readme).group(1)
    slug = name.lower().replace(" ", "-")
    assert not (REPO / "photographers" / slug).exists()
    assert f"photographers/{slug}/profile.yaml" in readme
