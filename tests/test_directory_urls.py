"""Moving an address moves every link to it: the URL settings are the only place addresses live.

The sample photographers are built with the directory at /directory/ and the
cities at /in/ (a small content folder of our own: the real articles link
the sample profiles at their usual addresses, as an editor wrote them). No
page, JSON file or sitemap entry may then mention the old addresses, and
every internal link must still resolve.
"""

import json
import re
import textwrap

import pytest

from conftest import CACHE, REPO, pelican_build
from test_quality_links import broken_links, html_pages, parse_page

pytestmark = pytest.mark.slow

MOVED = {
    "PHOTOGRAPHERS_URL": "directory/",
    "PHOTOGRAPHERS_SAVE_AS": "directory/index.html",
    "PHOTOGRAPHERS_PAGE_URL": "directory/page/{number}/",
    "PHOTOGRAPHERS_PAGE_SAVE_AS": "directory/page/{number}/index.html",
    "PHOTOGRAPHER_URL": "directory/{slug}/",
    "PHOTOGRAPHER_SAVE_AS": "directory/{slug}/index.html",
    "PHOTOGRAPHER_SCAN_URL": "directory/{slug}/scan/",
    "PHOTOGRAPHER_SCAN_SAVE_AS": "directory/{slug}/scan/index.html",
    "CITY_URL": "in/{slug}/",
    "CITY_SAVE_AS": "in/{slug}/index.html",
    "CITY_PAGE_URL": "in/{slug}/page/{number}/",
    "CITY_PAGE_SAVE_AS": "in/{slug}/page/{number}/index.html",
    "CITIES_URL": "in/",
    "CITIES_SAVE_AS": "in/index.html",
    "CITY_JSON_SAVE_AS": "in/{slug}/photographers.json",
    "CITIES_JSON_SAVE_AS": "in/index.json",
    "PHOTOGRAPHERS_JSON_SAVE_AS": "directory.json",
    "PHOTOGRAPHER_JSON_SAVE_AS": "directory/{slug}/index.json",
    "PHOTOGRAPHERS_PER_PAGE": 6,  # so the directory and a city have page 2, 3...
    "HEADSHOTS_FORMATS": ["jpeg"],
}
OLD = re.compile(r"(?<![\w-])/?(photographers|cities)/")


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("moved")
    article = root / "content" / "articles" / "one.md"
    article.parent.mkdir(parents=True)
    (root / "content" / "pages").mkdir()
    article.write_text(
        textwrap.dedent("""\
        ---
        title: One article
        date: 2026-10-01
        author: First Look editors
        category: Headshots
        summary: One article, so the article pages are built too.
        ---

        Browse [the directory](/directory/) or [Chicago](/in/chicago/).
        """),
        encoding="utf-8",
    )
    output = root / "output"
    result = pelican_build(
        output, content=root / "content", cache=CACHE, photographers=REPO / "photographers", extra=MOVED
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_pages_are_written_at_the_new_addresses(moved_site):
    for path in (
        "directory/index.html",
        "directory/page/2/index.html",
        "directory/maya-okafor/index.html",
        "directory/maya-okafor/scan/index.html",
        "in/index.html",
        "in/chicago/index.html",
        "in/index.json",
        "in/chicago/photographers.json",
        "directory.json",
    ):
        assert (moved_site / path).is_file(), path
    assert not (moved_site / "photographers").exists() and not (moved_site / "cities").exists()


def test_no_link_points_at_the_old_addresses(moved_site):
    stale = []
    for relative in html_pages(moved_site):
        parser = parse_page(moved_site / relative)
        refs = [ref for ref, _ in parser.refs]
        refs += [
            value
            for _, attrs, _ in parser.tags
            for name, value in attrs.items()
            if value and (name.startswith("data-") or name == "content")
        ]
        stale += [f"{relative}: {ref}" for ref in refs if OLD.search(ref)]
    assert stale == []


def test_no_json_entry_or_sitemap_url_at_the_old_addresses(moved_site):
    for path in ("directory.json", "in/index.json", "in/chicago/photographers.json"):
        text = (moved_site / path).read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["count"] > 0
        assert not OLD.search(text), path
    sitemap = (moved_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/directory/maya-okafor/" in sitemap and "/in/chicago/" in sitemap
    assert not OLD.search(sitemap)


def test_no_internal_link_is_broken(moved_site):
    assert broken_links(moved_site) == []
