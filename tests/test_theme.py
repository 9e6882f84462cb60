"""The theme in a real Chromium: navigation, keyboard, layout at phone widths, headings.

Every test drives the sample site the way a reader would (conftest: `sample_url`,
`page`, `phone`). One page of every theme template is checked: home, directory
(page 1 and 2 when there is one), a profile, a city, the article list, an
article, a plain page (About) and the 404 page.
"""

import re
from pathlib import Path

import pytest

from headshots.vocabulary import DIRECTORY_ORDER


def _first(folder, exclude=()):
    """The alphabetically first sub-folder of `folder` holding an index.html."""
    found = sorted(p.parent.name for p in Path(folder).glob("*/index.html") if p.parent.name not in exclude)
    assert found, f"the sample build has nothing under {folder}"
    return found[0]


@pytest.fixture(scope="module")
def theme_paths(sample_site):
    """One URL path per theme template, taken from the real sample build."""
    out = Path(sample_site)
    paths = {
        "home": "/",
        "directory": "/photographers/",
        "profile": f"/photographers/{_first(out / 'photographers', exclude=('page',))}/",
        "city": f"/cities/{_first(out / 'cities')}/",
        "articles": "/articles/",
        "article": f"/articles/{_first(out / 'articles')}/",
        "about": "/about/",
        "404": "/404.html",
    }
    if (out / "photographers/page/2/index.html").exists():
        paths["directory page 2"] = "/photographers/page/2/"
    for name, path in paths.items():
        file = out / path.strip("/") / "index.html" if path.endswith("/") else out / path.strip("/")
        assert file.exists(), f"{name}: the build wrote no {file}"
    return paths


# ---------- navigation on a phone ----------


def test_phone_nav_shows_every_section_and_works_without_javascript(browser, sample_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,
    )
    phone = context.new_page()
    try:
        phone.goto(sample_url + "/")
        nav = phone.get_by_role("navigation", name="Main")
        for name in ("Photographers", "Five-second scan", "Articles", "About"):
            link = nav.get_by_role("link", name=name, exact=True)
            assert link.is_visible(), f"{name} is hidden in the phone nav"
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{name} is off screen: {box}"
            assert box["height"] >= 40, f"{name} is too small to tap: {box}"
        nav.get_by_role("link", name="Articles", exact=True).tap()
        phone.wait_for_url(re.compile(r"/articles/$"))
        assert phone.locator("h1").inner_text() == "Articles"
        current = phone.get_by_role("navigation", name="Main").locator("[aria-current=page]")
        assert current.inner_text() == "Articles"
    finally:
        context.close()


def test_header_search_is_labelled_and_submits_to_search_page(phone, sample_url):
    phone.goto(sample_url + "/photographers/")
    box = phone.get_by_role("search").first.get_by_role("searchbox", name="Search the site")
    assert box.is_visible()
    box.fill("Chicago")
    box.press("Enter")
    phone.wait_for_url(re.compile(r"/search/\?q=Chicago$"))


# ---------- keyboard ----------


def test_slash_key_focuses_header_search_unless_typing(page, sample_url):
    page.goto(sample_url + "/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"
    assert page.input_value("#site-search") == "", "the / keystroke must not be typed into the box"

    # Typing "/" inside another field types it there and does not move focus.
    page.focus("#hero-search")
    page.keyboard.type("a/b")
    assert page.evaluate("document.activeElement.id") == "hero-search"
    assert page.input_value("#hero-search") == "a/b"

    # Ctrl+/ and friends belong to the browser, not to us.
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Control+/")
    assert page.evaluate("document.activeElement.id") != "site-search"


def test_skip_link_is_first_visible_on_focus_and_moves_focus_to_main(page, sample_url, theme_paths):
    page.goto(sample_url + theme_paths["profile"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.inner_text() == "Skip to content"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0, f"the focused skip link is off screen: {box}"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main", timeout=5000)
    page.wait_for_function("document.activeElement.id === 'main'", timeout=5000)
    # The next Tab lands inside main, not back in the header.
    page.keyboard.press("Tab")
    page.wait_for_function("document.querySelector('main').contains(document.activeElement)", timeout=5000)


def test_focus_is_visible_on_links_and_buttons(page, sample_url):
    page.goto(sample_url + "/")
    for _ in range(4):  # skip link, brand, then the nav links
        page.keyboard.press("Tab")
    style = page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; })()""")
    assert style[0] == "A" and style[1] != "none" and style[2] >= 2, style


# ---------- layout ----------


@pytest.mark.parametrize("width", [320, 390])
def test_no_horizontal_scroll_on_narrow_phones(browser, sample_url, theme_paths, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    small = context.new_page()
    try:
        for name, path in theme_paths.items():
            small.goto(sample_url + path)
            overflow = small.evaluate("""(() => {
                const w = document.documentElement.clientWidth;
                const wide = [...document.querySelectorAll('body *')].filter(e => {
                    const r = e.getBoundingClientRect();
                    return r.width && r.right > w + 1 && getComputedStyle(e).position !== 'absolute';
                }).slice(0, 3).map(e => e.tagName + '.' + e.className);
                return [document.documentElement.scrollWidth, w, wide]; })()""")
            assert overflow[0] <= overflow[1], f"{name} ({path}) scrolls sideways at {width}px: {overflow}"
    finally:
        context.close()


def test_reduced_motion_turns_off_transitions(browser, sample_url):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(sample_url + "/photographers/")
        duration = page.evaluate("getComputedStyle(document.querySelector('.card')).transitionDuration")
        assert all(float(d.rstrip("s")) <= 0.001 for d in duration.split(",")), duration
    finally:
        context.close()


# ---------- document structure ----------


def test_every_template_has_one_h1_ordered_headings_and_a_unique_title(page, sample_url, theme_paths):
    titles = {}
    for name, path in theme_paths.items():
        page.goto(sample_url + path)
        assert page.locator("h1").count() == 1, f"{name} ({path}) needs exactly one h1"
        levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
        assert levels[0] == 1, f"{name} ({path}) has a heading before its h1: {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{name} ({path}) skips a heading level: {levels}"
        for landmark in ("banner", "main", "contentinfo"):
            assert page.get_by_role(landmark).count() == 1, f"{name} lacks one {landmark} landmark"
        title = page.title()
        assert title.endswith("· First Look") or title == "First Look", title
        assert title not in titles, f"{name} and {titles.get(title)} share the title {title!r}"
        titles[title] = name
        description = page.locator("meta[name=description]").get_attribute("content")
        assert description and len(description) > 40, f"{name} has a thin meta description"


def test_directory_says_how_it_is_ordered_and_paginates_with_rel(page, sample_url, theme_paths):
    page.goto(sample_url + "/photographers/")
    assert DIRECTORY_ORDER in page.locator("main").inner_text()
    names = page.locator(".card__name").all_inner_texts()
    assert names, "the directory lists no one"
    if "directory page 2" in theme_paths:
        assert page.locator("a[rel=next]").first.get_attribute("href").endswith("/photographers/page/2/")
        page.goto(sample_url + "/photographers/page/2/")
        assert page.locator("a[rel=prev]").first.get_attribute("href").endswith("/photographers/")


def test_profile_has_facts_contact_links_and_structured_data(page, sample_url, theme_paths):
    page.goto(sample_url + theme_paths["profile"])
    assert page.locator(".badge").is_visible(), "sample profiles must say they are fictional"
    facts = page.locator(".facts dt").all_inner_texts()
    for label in (
        "PRICE",
        "HAIR AND MAKEUP",
        "RETOUCHING",
        "PROOFS",
        "TURNAROUND",
        "BOOKING LEAD TIME",
        "USAGE RIGHTS",
        "LIGHTING",
        "SPECIALTIES",
        "TRAVELS TO",
    ):
        assert label in [f.upper() for f in facts], f"the facts panel lacks {label}"
    images = page.locator(".portfolio img")
    assert images.first.get_attribute("loading") != "lazy"
    assert all(images.nth(i).get_attribute("loading") == "lazy" for i in range(1, images.count()))
    for i in range(images.count()):
        assert images.nth(i).get_attribute("sizes"), "every portfolio image needs sizes"
    for link in page.locator("main a[href^='http']").all():
        assert "noopener" in (link.get_attribute("rel") or ""), link.get_attribute("href")
    for link in page.locator("main a[href*='instagram.com']").all():
        assert re.fullmatch(r"https://www\.instagram\.com/[^/]+/", link.get_attribute("href"))
    scan = page.get_by_role("link", name="See these headshots the way casting does")
    assert scan.get_attribute("href").endswith(theme_paths["profile"] + "scan/")
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data.get("@type") or data.get("@graph")
    assert page.locator("main[data-pagefind-body]").count() == 1


def test_article_shows_reading_time_and_breadcrumb_data(page, sample_url, theme_paths):
    page.goto(sample_url + theme_paths["article"])
    meta = page.locator(".article__meta").inner_text()
    assert re.search(r"\d+ min read", meta), meta
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    types = {node["@type"] for node in data["@graph"]}
    assert {"Article", "BreadcrumbList"} <= types
    assert page.locator("meta[property='article:published_time']").count() == 1
    assert page.locator("main[data-pagefind-body]").count() == 1
    page.goto(sample_url + "/articles/")
    assert page.locator("main[data-pagefind-body]").count() == 0


def test_city_page_links_into_the_filtered_directory(page, sample_url, theme_paths):
    page.goto(sample_url + theme_paths["city"])
    slug = theme_paths["city"].strip("/").split("/")[-1]
    link = page.get_by_role("link", name=re.compile("^Filter the directory by"))
    assert link.get_attribute("href").endswith(f"/photographers/?city={slug}")


def test_robots_txt_points_to_an_absolute_sitemap(sample_site):
    robots = (Path(sample_site) / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert re.search(r"^Sitemap: https?://[^\s]+/sitemap\.xml$", robots, re.M), robots
