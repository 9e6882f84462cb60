"""No broken internal links: every href, src, srcset candidate and og:image in the built site resolves.

The check runs over the built tree, not a server: a URL resolves when the file
it names exists in the output (a clean URL `/a/b/` means `/a/b/index.html`).
External links (another scheme or host) are not fetched. Fragments are checked
too: `#main` on a page, or `/articles/x/#section`, must name an `id` that the
target page has, since a skip link to a missing id silently does nothing.

The helpers here (`html_pages`, `parse_page`, `broken_links`) are shared with
test_quality_seo.py, which runs them over the publish build (absolute URLs).
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

# Pagefind's own bundle ships no HTML pages; nothing under it is a page of ours.
SKIP_DIRS = {"pagefind"}


def html_pages(root):
    """Every HTML page of a built site, sorted, as paths relative to `root`."""
    root = Path(root)
    return sorted(
        path.relative_to(root)
        for path in root.rglob("*.html")
        if not SKIP_DIRS.intersection(path.relative_to(root).parts[:-1])
    )


def page_url(relative):
    """The root-relative URL a page is served at: `a/index.html` -> `/a/`, `404.html` -> `/404.html`."""
    url = "/" + Path(relative).as_posix()
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


class PageParser(HTMLParser):
    """Collects every URL a page references (with the tag and attribute it came from) and its ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []  # (url, "tag[attr]")
        self.ids = set()
        self.tags = []  # (tag, attrs dict, line) for other tests

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs, self.getpos()[0]))
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for attr in ("href", "src", "poster", "action"):
            value = attrs.get(attr)
            if value is not None and not (tag == "form" and value == ""):
                self.refs.append((value.strip(), f"<{tag} {attr}>"))
        for attr in ("srcset", "imagesrcset"):
            if attrs.get(attr):
                for candidate in attrs[attr].split(","):
                    if candidate.strip():
                        self.refs.append((candidate.split()[0], f"<{tag} {attr}>"))
        if tag == "meta" and (attrs.get("property") or attrs.get("name") or "").startswith(
            ("og:image", "twitter:image")
        ):
            if attrs.get("content"):
                self.refs.append((attrs["content"].strip(), f"<meta {attrs.get('property') or attrs.get('name')}>"))

    handle_startendtag = handle_starttag


def parse_page(path):
    parser = PageParser()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    parser.close()
    return parser


def broken_links(root, *, siteurl=""):
    """Every reference in the built site at `root` that does not resolve, as readable lines.

    `siteurl` (the publish build's absolute SITEURL) makes links to it count as internal.
    """
    root = Path(root)
    pages = {relative: parse_page(root / relative) for relative in html_pages(root)}
    ids = {relative: parser.ids for relative, parser in pages.items()}
    site = urlsplit(siteurl) if siteurl else None
    problems = []
    for relative, parser in pages.items():
        base = (siteurl or "") + page_url(relative)
        for ref, where in parser.refs:
            if not ref or ref.startswith(("mailto:", "tel:", "data:", "javascript:", "blob:")):
                continue
            parts = urlsplit(urljoin(base, ref))
            if parts.scheme and (site is None or (parts.scheme, parts.netloc) != (site.scheme, site.netloc)):
                continue  # external: not fetched
            path = unquote(parts.path)
            if site is not None:
                path = path[len(site.path.rstrip("/")) :] if path.startswith(site.path.rstrip("/")) else path
            target = root / path.lstrip("/")
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{relative}: {where} {ref!r} -> missing {target.relative_to(root).as_posix()}")
                continue
            if parts.fragment and target.suffix == ".html":
                target_rel = target.relative_to(root)
                if target_rel in ids and unquote(parts.fragment) not in ids[target_rel]:
                    problems.append(
                        f"{relative}: {where} {ref!r} -> {target_rel.as_posix()} has no id {unquote(parts.fragment)!r}"
                    )
    return problems


def test_the_sample_site_has_its_pages(sample_site):
    """Guards the link test against passing on an empty build."""
    pages = {page_url(p) for p in html_pages(sample_site)}
    for url in ("/", "/photographers/", "/articles/", "/scan/", "/search/", "/404.html"):
        assert url in pages, f"{url} was not built; built: {sorted(pages)[:20]}"
    assert any(u.startswith("/photographers/") and u.count("/") == 3 and "/page/" not in u for u in pages)


def test_no_broken_internal_links(sample_site):
    problems = broken_links(sample_site)
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<a href="/nowhere/">x</a>', "missing nowhere/index.html"),
        ('<img src="/images/gone.jpg" alt="">', "missing images/gone.jpg"),
        ('<img srcset="/index.html 1x, /gone-2x.jpg 2x" src="/index.html" alt="">', "missing gone-2x.jpg"),
        ('<meta property="og:image" content="/og.jpg">', "missing og.jpg"),
        ('<a href="#main">skip</a>', "has no id 'main'"),
    ],
)
def test_the_link_checker_catches_each_kind_of_break(tmp_path, html, expected):
    (tmp_path / "index.html").write_text(
        f"<!doctype html><title>t</title>{html}<a href='https://elsewhere.example/x'>ok</a>"
    )
    problems = broken_links(tmp_path)
    assert len(problems) == 1 and expected in problems[0], problems
