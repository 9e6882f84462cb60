"""The real articles, built: pages, structured data, the feed and the article list.

Runs over content/articles/ as it is in the repo (the session's `sample_site`
build), so a new article is covered the moment it is added.
"""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from headshots import articles
from headshots import settings as headshots_settings
from headshots.articles.length import MIN_WORDS, word_count

REPO = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = pytest.mark.slow


def _settings():
    return headshots_settings.load(str(REPO / "pelicanconf.py"))


def _published():
    """(slug, front matter, Markdown body) for every published article in the repo."""
    settings = _settings()
    found = []
    for path in sorted((REPO / "content" / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, meta_text, body = text.split("---\n", 2)
        meta = yaml.safe_load(meta_text)
        if meta.get("status", "published") != "published":
            continue
        source = settings.get("SLUGIFY_SOURCE", "title")
        slug = meta.get("slug") or articles.slugify(path.stem if source == "basename" else meta["title"], settings)
        found.append((slug, meta, body))
    return found


ARTICLES = _published()
IDS = [slug for slug, _, _ in ARTICLES]


class _Page(HTMLParser):
    """The parts of a page these tests read: JSON-LD, meta tags, headings and links in order."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.jsonld, self.meta, self.events = [], {}, []
        self._script = self._heading = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content", "")
        elif tag in ("h1", "h2", "h3", "h4"):
            self._heading, self._level = [], int(tag[1])
        elif tag == "a" and attrs.get("href"):
            self.events.append(("link", attrs["href"]))

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.jsonld.append("".join(self._script))
            self._script = None
        elif tag in ("h1", "h2", "h3", "h4") and self._heading is not None:
            self.events.append(("heading", (self._level, " ".join("".join(self._heading).split()))))
            self._heading = None


def _types(node):
    """Every @type in a JSON-LD document (top level, @graph and nested)."""
    if isinstance(node, list):
        for item in node:
            yield from _types(item)
    elif isinstance(node, dict):
        kind = node.get("@type")
        yield from (kind if isinstance(kind, list) else [kind] if kind else [])
        for value in node.values():
            yield from _types(value)


def _find(node, kind):
    if isinstance(node, list):
        for item in node:
            yield from _find(item, kind)
    elif isinstance(node, dict):
        if node.get("@type") == kind or (isinstance(node.get("@type"), list) and kind in node["@type"]):
            yield node
        for value in node.values():
            yield from _find(value, kind)


def _page(site, slug):
    path = site / "articles" / slug / "index.html"
    assert path.is_file(), f"/articles/{slug}/ was not built"
    return _Page(path.read_text(encoding="utf-8"))


def test_there_are_at_least_twenty_articles():
    assert len(ARTICLES) >= 20, IDS


@pytest.mark.parametrize("slug, meta, body", ARTICLES, ids=IDS)
def test_article_page_and_json_ld(sample_site, slug, meta, body):
    page = _page(sample_site, slug)
    assert page.jsonld, f"/articles/{slug}/ has no JSON-LD block"
    documents = [json.loads(block) for block in page.jsonld]  # every block parses
    types = set(_types(documents))
    assert "Article" in types, f"/articles/{slug}/ JSON-LD types: {sorted(types)}"
    assert "BreadcrumbList" in types, f"/articles/{slug}/ JSON-LD types: {sorted(types)}"
    [article] = list(_find(documents, "Article"))[:1]
    assert article.get("headline") == meta["title"]
    assert str(article.get("datePublished", "")).startswith(str(meta["date"]))
    [crumbs] = list(_find(documents, "BreadcrumbList"))[:1]
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert (
        str(items[-1].get("item", "")).rstrip("/").endswith(f"/articles/{slug}")
        or items[-1].get("name") == meta["title"]
    )


@pytest.mark.parametrize("slug, meta, body", ARTICLES, ids=IDS)
def test_article_open_graph(sample_site, slug, meta, body):
    page = _page(sample_site, slug)
    assert page.meta.get("og:title") == meta["title"]
    assert page.meta.get("og:type") == "article"
    if "og:url" in page.meta:  # absolute, so only with a SITEURL (make publish)
        assert page.meta["og:url"].rstrip("/").endswith(f"/articles/{slug}")


@pytest.mark.parametrize("slug, meta, body", ARTICLES, ids=IDS)
def test_article_is_substantial(slug, meta, body):
    words = word_count(body)
    assert words >= MIN_WORDS, f"{slug}: {words} words"


def test_feed_is_valid_atom_with_every_article(sample_site):
    feed = sample_site / "feeds" / "articles.atom.xml"
    root = ET.parse(feed).getroot()  # raises on invalid XML
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = sorted(entry.findtext(f"{ATOM}title") for entry in entries)
    assert titles == sorted(meta["title"] for _, meta, _ in ARTICLES)
    links = {
        link.get("href").rstrip("/").rsplit("/", 1)[-1] for entry in entries for link in entry.findall(f"{ATOM}link")
    }
    assert set(IDS) <= links
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")


def test_article_list_groups_by_category(sample_site):
    """/articles/ links every article under a heading naming its category."""
    page = _Page((sample_site / "articles" / "index.html").read_text(encoding="utf-8"))
    category_names = {meta["category"] for _, meta, _ in ARTICLES}
    heading = level = None
    under = {}
    for kind, value in page.events:
        if kind == "heading":
            if value[1] in category_names:
                level, heading = value
            elif level is not None and value[0] <= level:
                heading = level = None  # a section that is not a category ends the last one
        elif heading:
            match = re.search(r"/articles/([^/]+)/?$", value)
            if match:
                under.setdefault(match.group(1), set()).add(heading)
    for slug, meta, _ in ARTICLES:
        assert meta["category"] in under.get(slug, set()), (
            f'/articles/ does not list {slug} under a heading "{meta["category"]}"'
        )
