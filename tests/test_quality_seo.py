"""SEO basics: titles, descriptions, canonical URLs, the sitemap and robots.txt.

The development build (the session's `sample_site`) is checked for a unique
`<title>` and a meta description on every page. The canonical URL, the
sitemap and robots.txt only mean something with absolute URLs, so those are
checked on a publish build (publishconf.py with SITEURL=https://firstlook.example).
"""

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import CACHE, REPO, pelican_build
from test_quality_links import broken_links, html_pages, page_url, parse_page

SITEURL = "https://firstlook.example"


@pytest.fixture(scope="module")
def publish_site(tmp_path_factory, sample_site):
    """The production build, after the sample site (whose renditions it takes from the cache)."""
    output = tmp_path_factory.mktemp("publish-site")
    result = pelican_build(output, settings="publishconf.py", cache=CACHE, env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.stderr
    return output


def head_of(path):
    """The page's titles, meta descriptions and canonical links."""
    parser = parse_page(path)
    titles, descriptions, canonicals = [], [], []
    text = Path(path).read_text(encoding="utf-8")
    start = text.find("<title")
    if start >= 0:
        titles.append(text[text.find(">", start) + 1 : text.find("</title>", start)].strip())
    for tag, attrs, _ in parser.tags:
        if tag == "meta" and (attrs.get("name") or "").lower() == "description":
            descriptions.append((attrs.get("content") or "").strip())
        if tag == "link" and "canonical" in (attrs.get("rel") or "").lower().split():
            canonicals.append(attrs.get("href") or "")
    return titles, descriptions, canonicals


def test_every_page_has_a_unique_title_and_a_description(sample_site):
    by_title = defaultdict(list)
    problems = []
    for relative in html_pages(sample_site):
        titles, descriptions, _ = head_of(sample_site / relative)
        if len(titles) != 1 or not titles[0]:
            problems.append(f"{relative}: needs exactly one non-empty <title>, has {titles}")
        else:
            by_title[titles[0]].append(relative.as_posix())
        if len(descriptions) != 1 or len(descriptions[0]) < 20:
            problems.append(f'{relative}: needs one <meta name="description"> of 20+ characters, has {descriptions}')
    for title, pages in by_title.items():
        if len(pages) > 1:
            problems.append(f"title {title!r} is used by {len(pages)} pages: {', '.join(pages)}")
    assert not problems, "\n".join(problems)


def test_every_published_page_has_its_own_absolute_canonical_url(publish_site):
    problems = []
    for relative in html_pages(publish_site):
        url = page_url(relative)
        _, _, canonicals = head_of(publish_site / relative)
        if canonicals != [SITEURL + url]:
            problems.append(f"{relative}: canonical should be [{SITEURL + url!r}], is {canonicals}")
    assert not problems, "\n".join(problems)


def test_published_links_and_images_resolve(publish_site):
    """Absolute SITEURL links of the publish build lead to files in the output, like root-relative ones."""
    problems = broken_links(publish_site, siteurl=SITEURL)
    assert not problems, f"{len(problems)} broken link(s) in the publish build:\n" + "\n".join(problems)


def test_published_open_graph_images_are_absolute(publish_site):
    """Link previews need absolute og:image URLs; root-relative ones show no picture when shared."""
    problems = []
    for relative in html_pages(publish_site):
        for tag, attrs, _ in parse_page(publish_site / relative).tags:
            if (
                tag == "meta"
                and (attrs.get("property") or "").startswith("og:")
                and attrs["property"] in ("og:image", "og:url")
                and not (attrs.get("content") or "").startswith(SITEURL + "/")
            ):
                problems.append(f"{relative}: {attrs['property']} {attrs.get('content')!r} is not under {SITEURL}/")
    assert not problems, "\n".join(problems)


def sitemap_urls(root):
    tree = ET.parse(root / "sitemap.xml")
    return [loc.text.strip() for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_the_sitemap_lists_every_profile_city_and_article(publish_site):
    urls = sitemap_urls(publish_site)
    assert len(urls) == len(set(urls)), f"duplicate sitemap entries: {sorted(u for u in urls if urls.count(u) > 1)}"
    listed = set(urls)
    pages = [page_url(p) for p in html_pages(publish_site)]
    profiles = [u for u in pages if u.startswith("/photographers/") and u.count("/") == 3 and "/page/" not in u]
    cities = [u for u in pages if u.startswith("/cities/") and u.count("/") == 3]
    articles = [u for u in pages if u.startswith("/articles/") and u.count("/") == 3]
    sources = [p for p in (REPO / "photographers").glob("*/profile.yaml")]
    assert len(profiles) == len(sources), f"{len(sources)} profiles in photographers/, {len(profiles)} profile pages"
    assert cities and articles, "no city or article pages were built"
    missing = [
        SITEURL + u
        for u in profiles + cities + articles + ["/", "/photographers/", "/articles/"]
        if SITEURL + u not in listed
    ]
    assert not missing, f"{len(missing)} page(s) missing from sitemap.xml:\n" + "\n".join(missing)


def test_the_sitemap_lists_only_real_html_pages(publish_site):
    problems = []
    for url in sitemap_urls(publish_site):
        if not url.startswith(SITEURL + "/"):
            problems.append(f"{url}: not an absolute URL under {SITEURL}/")
            continue
        path = url[len(SITEURL) :]
        target = publish_site / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        if target.suffix != ".html" or not target.is_file():
            problems.append(f"{url}: not an HTML page of the build ({target.relative_to(publish_site)})")
        elif path in ("/404.html", "/search/"):
            problems.append(f"{url}: should not be in the sitemap")
    assert not problems, "\n".join(problems)


def test_robots_txt_points_to_the_absolute_sitemap(publish_site):
    lines = [line.strip() for line in (publish_site / "robots.txt").read_text(encoding="utf-8").splitlines()]
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines, lines
    assert "Disallow: /" not in lines, f"robots.txt shuts crawlers out: {lines}"
