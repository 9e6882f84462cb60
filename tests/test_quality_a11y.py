"""Accessible: axe-core finds no violations on any template, and the main paths work by keyboard.

axe-core (through axe-playwright-python) runs in Debian's Chromium on one page
of every template, at desktop (1280 px) and phone (390 px) width, after the
page has loaded and its scripts have settled (network idle): every axe rule
that runs by default (WCAG 2.0-2.2 A/AA and axe's best practices) must pass.

The keyboard walk-through presses Tab and Enter the way a keyboard user does:
the skip link is the first stop and moves focus into <main>; every link of the
main navigation is reachable and visibly focused, at both widths; the
directory's filters can be reached and operated; the scan's file input can be
reached and opens the file chooser.
"""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_quality_links import html_pages, page_url

pytestmark = pytest.mark.browser

TEMPLATES = [
    "home",
    "directory",
    "profile",
    "city",
    "scan",
    "casting",
    "photographer-scan",
    "search",
    "compare",
    "article",
    "articles",
    "about",
    "404",
]


def template_urls(root):
    """One URL per template of the built site at `root`.

    The profile is the one with the most pictures (the heaviest), the first by name among equals;
    scripts/audit.py picks the same one. City and article: the first by URL.
    """
    root = Path(root)
    urls = {page_url(p) for p in html_pages(root)}

    def first(pattern, key=None):
        matches = sorted(u for u in urls if re.fullmatch(pattern, u))
        assert matches, f"no page matching {pattern} in the build"
        return min(matches, key=key) if key else matches[0]

    def pictures(url):
        return (root / url.lstrip("/") / "index.html").read_text(encoding="utf-8").count("<picture")

    profile = first(r"/photographers/(?!page/)[^/]+/", key=lambda u: (-pictures(u), u))
    return {
        "home": "/",
        "directory": "/photographers/",
        "profile": profile,
        "city": first(r"/cities/[^/]+/"),
        "scan": "/scan/",
        "casting": "/scan/casting/",
        "photographer-scan": profile + "scan/",
        "search": "/search/",
        "compare": "/compare/",
        "article": first(r"/articles/[^/]+/"),
        "articles": "/articles/",
        "about": "/about/",
        "404": "/404.html",
    }


@pytest.fixture(scope="module")
def urls(sample_site):
    return template_urls(sample_site)


def open_page(page, base, path):
    response = page.goto(base + path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_load_state("networkidle")
    return page


def report(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_axe_finds_no_violations(request, sample_url, urls, template, width):
    page = request.getfixturevalue("page" if width == "desktop" else "phone")
    open_page(page, sample_url, urls[template])
    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, f"{urls[template]} ({template}, {width}): {len(violations)} axe violation(s):\n" + report(
        violations
    )


def test_axe_reports_a_violation_when_there_is_one(page, sample_url):
    """The gate is wired up: an image without alt on a real page is reported."""
    open_page(page, sample_url, "/")
    page.evaluate("document.querySelector('main').append(Object.assign(new Image(8, 8), {src: 'data:,'}))")
    ids = {v["id"] for v in Axe().run(page).response["violations"]}
    assert "image-alt" in ids, ids


# --- keyboard walk-through ---------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  return {tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', href: el.getAttribute('href'),
          text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
          inMain: !!el.closest('main'), inNav: !!el.closest('header nav'),
          inFilters: !!el.closest('[data-finder] form'), checked: !!el.checked,
          name: el.name || '', value: el.value || '',
          visible: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0
                   && box.top < innerHeight && box.left < innerWidth,
          ring};
}"""


def tab(page, count=1, backwards=False):
    for _ in range(count):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    return page.evaluate(FOCUSED)


def walk(page, limit=80, stop=None):
    """Tab from the top of the page up to `limit` times; return every stop (dicts from FOCUSED)."""
    stops = []
    for _ in range(limit):
        focused = tab(page)
        if focused is None:
            break
        stops.append(focused)
        if stop and stop(focused):
            break
        # A phone menu behind a disclosure button is opened the way a keyboard user would.
        if focused["tag"] == "button" and page.evaluate(
            "() => !!document.activeElement.closest('header') && "
            "document.activeElement.getAttribute('aria-expanded') === 'false'"
        ):
            page.keyboard.press("Enter")
    return stops


def test_skip_link_is_first_and_moves_focus_to_main(page, sample_url, urls):
    open_page(page, sample_url, urls["profile"])
    first = tab(page)
    assert first and first["href"] == "#main", f"the first Tab stop should be the skip link, is {first}"
    assert first["visible"], "the skip link must be visible when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("() => !!document.activeElement.closest('main')"), (
        f"after the skip link, focus should be in <main>, is {page.evaluate(FOCUSED)}"
    )
    after = tab(page)
    assert after and after["inMain"], f"the next Tab after skipping should land inside <main>, is {after}"


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_main_navigation_is_reachable_and_visibly_focused(request, sample_url, width):
    page = request.getfixturevalue("page" if width == "desktop" else "phone")
    open_page(page, sample_url, "/articles/")
    nav_links = page.eval_on_selector_all("header nav a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert len(nav_links) >= 4, f"the header should have a navigation with the main sections: {nav_links}"
    stops = walk(page, limit=40, stop=lambda f: f["inMain"])
    reached = {s["href"]: s for s in stops if s["inNav"]}
    missing = [href for href in nav_links if href not in reached]
    assert not missing, f"nav links never reached by Tab at {width} width: {missing}; stops: {stops}"
    hidden = [s for s in reached.values() if not (s["visible"] and s["ring"])]
    assert not hidden, f"nav links focused but not visible, or without a focus ring, at {width} width: {hidden}"
    page.focus("header nav a[href$='/photographers/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/photographers/")


def test_scan_file_input_is_reachable_and_opens_the_file_chooser(page, sample_url, urls):
    open_page(page, sample_url, urls["scan"])
    stops = walk(page, limit=60, stop=lambda f: f["type"] == "file")
    assert stops and stops[-1]["type"] == "file", (
        f"Tab never reached the scan's file input: {[(s['tag'], s['text'] or s['href']) for s in stops]}"
    )
    assert stops[-1]["inMain"]
    with page.expect_file_chooser(timeout=3000) as chooser:
        page.keyboard.press("Space")
    assert chooser.value.element.get_attribute("type") == "file"


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_directory_filters_work_by_keyboard(request, sample_url, urls, width):
    """Tab into the directory's filters, open them with Enter, tick one with Space: the list follows."""
    page = request.getfixturevalue("page" if width == "desktop" else "phone")
    open_page(page, sample_url, urls["directory"])
    page.wait_for_selector("[data-finder]:not([hidden])", timeout=10000)
    status = page.locator("[data-finder-status]")
    page.wait_for_function("() => document.querySelector('[data-finder-status]').textContent.trim() !== ''")
    before_status = status.inner_text()
    before_count = visible_results(page)

    stops = walk(page, limit=80, stop=lambda f: f["inFilters"])
    assert stops and stops[-1]["inFilters"], f"Tab never reached the filters: {[s['text'] for s in stops]}"
    if stops[-1]["tag"] == "summary":
        assert stops[-1]["visible"] and stops[-1]["ring"], f"the filters toggle has no visible focus: {stops[-1]}"
        if not page.evaluate("() => document.activeElement.parentElement.open"):
            page.keyboard.press("Enter")  # a closed disclosure (the phone layout) opens with Enter
        stops = walk(page, limit=10, stop=lambda f: f["type"] == "checkbox")
    box = stops[-1]
    assert box["type"] == "checkbox" and box["inFilters"], f"Tab did not reach a filter checkbox: {stops}"
    assert box["visible"], f"the focused filter is not visible: {box}"

    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), "Space did not tick the focused filter"
    page.wait_for_function(
        "before => document.querySelector('[data-finder-status]').textContent.trim() !== before",
        arg=before_status.strip(),
        timeout=10000,
    )
    page.wait_for_load_state("networkidle")
    after_count = visible_results(page)
    assert 0 < after_count <= before_count, (
        f"filtering on {box['name']}={box['value']}: {before_count} -> {after_count} photographers listed"
    )
    assert f"{box['name']}=" in page.url, f"the filter is not in the URL (so it cannot be shared): {page.url}"
    violations = Axe().run(page).response["violations"]
    assert not violations, f"the filtered directory ({width}): {len(violations)} axe violation(s):\n" + report(
        violations
    )


def visible_results(page):
    """How many photographer cards the directory shows (its plain list, or the filtered results)."""
    return page.evaluate("""() => [...document.querySelectorAll('main .card')]
        .filter(card => card.getClientRects().length > 0).length""")
