"""The shortlist and /compare/: toggles on cards and profiles, the total for what the actor needs.

Five test photographers cover every branch of the rule on the compare page
(and in CONTRIBUTING.md); each expected total below is worked out by hand in
its comment.
"""

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_quality_a11y import report

from conftest import FAST_BUILD, build_directory, serve_directory
from factories import minimal_profile

PROFILES = {
    # Two sessions; every add-on priced.
    "alba-reyes": minimal_profile(
        name="Alba Reyes",
        sessions=[
            {"name": "One look", "price": 300, "looks": 1, "retouched": 1},
            {"name": "Two looks", "price": 520, "looks": 2, "retouched": 3},
        ],
        hair_makeup="available",
        add_ons={"hair_makeup": 120, "look": 150, "retouched_image": 25},
    ),
    # Hair and makeup included; no extra-look price, so no more than one look; no finals listed.
    "bea-lindgren": minimal_profile(
        name="Bea Lindgren",
        sessions=[{"name": "Basic", "price": 400, "looks": 1}],
        hair_makeup="included",
        add_ons={"retouched_image": 30},
    ),
    # Hair and makeup at extra cost, but unpriced.
    "cy-okoro": minimal_profile(
        name="Cy Okoro",
        sessions=[{"name": "Standard", "price": 350, "looks": 2, "retouched": 2}],
        hair_makeup="available",
        add_ons={"look": 100, "retouched_image": 20},
    ),
    # Pounds; hair and makeup not offered; no retouched-final price.
    "dee-marsh": minimal_profile(
        name="Dee Marsh",
        city="London",
        country="GB",
        price={"currency": "GBP", "from": 200},
        sessions=[{"name": "Session", "price": 200, "looks": 1, "retouched": 2}],
        hair_makeup="none",
        add_ons={"look": 60},
    ),
    # No sessions at all.
    "eli-novak": minimal_profile(name="Eli Novak", hair_makeup="included"),
}

# (needs, {slug: the total}), worked out by hand from PROFILES.
CASES = [
    (
        {"looks": "1", "hmu": "0", "finals": "0"},
        # alba: min(300, 520); bea: 400; cy: 350; dee: £200
        {"alba-reyes": "$300", "bea-lindgren": "$400", "cy-okoro": "$350", "dee-marsh": "£200"},
    ),
    (
        {"looks": "2", "hmu": "1", "finals": "3"},
        # alba: One look 300 + 1 look 150 + hmu 120 + 2 finals 50 = 620; Two looks 520 + 120 = 640
        # bea: one look only, no extra-look price; cy: hmu unpriced; dee: no hmu
        {"alba-reyes": "$620", "bea-lindgren": "ask", "cy-okoro": "ask", "dee-marsh": "no hair and makeup"},
    ),
    (
        {"looks": "1", "hmu": "1", "finals": "2"},
        # alba: 300 + 120 + 1 final 25 = 445 (Two looks: 520 + 120 = 640); bea: 400 + 0 + 2 finals 60 = 460
        {"alba-reyes": "$445", "bea-lindgren": "$460", "cy-okoro": "ask", "dee-marsh": "no hair and makeup"},
    ),
    (
        {"looks": "3", "hmu": "0", "finals": "4"},
        # alba: One look 300 + 2 looks 300 + 3 finals 75 = 675; Two looks 520 + 150 + 1 final 25 = 695
        # cy: 350 + 1 look 100 + 2 finals 40 = 490; dee: 200 + 2 looks 120, finals unpriced
        {"alba-reyes": "$675", "bea-lindgren": "ask", "cy-okoro": "$490", "dee-marsh": "ask"},
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_directory(tmp_path_factory.mktemp("compare"), PROFILES, FAST_BUILD)


@pytest.fixture(scope="module")
def url(site):
    base, stop = serve_directory(site)
    yield base
    stop()


def totals(page) -> dict[str, str]:
    page.wait_for_selector("[data-total]")
    return {e.get_attribute("data-total"): e.inner_text() for e in page.locator("[data-total]").all()}


def columns(page) -> list[str]:
    page.wait_for_selector("[data-remove]")
    return [e.get_attribute("data-remove") for e in page.locator("[data-remove]").all()]


def set_needs(page, needs):
    page.select_option("#need-looks", needs["looks"])
    page.select_option("#need-hmu", needs["hmu"])
    page.fill("#need-finals", needs["finals"])


def toggle(page, slug):
    return page.locator(f'button[data-shortlist="{slug}"]').first


def test_profile_json_rows_are_the_facts_panel_in_its_order_and_words(site):
    html = (site / "photographers" / "alba-reyes" / "index.html").read_text(encoding="utf-8")
    panel = html.split('class="facts__list"', 1)[1].split("</dl>", 1)[0]
    titles = re.findall(r"<dt[^>]*>(.*?)</dt>", panel)
    data = json.loads((site / "photographers" / "alba-reyes" / "index.json").read_text(encoding="utf-8"))
    assert [f["title"] for f in data["compare"]["facts"]] == titles
    assert titles[:4] == ["Price", "Hair and makeup", "Retouching", "Proofs"]
    facts = {f["key"]: f["value"] for f in data["compare"]["facts"]}
    assert facts["hair_makeup"] == "At extra cost" and facts["turnaround"] == "Not listed"
    assert data["compare"]["money_prefix"] == "$" and data["slug"] == "alba-reyes"
    pounds = json.loads((site / "photographers" / "dee-marsh" / "index.json").read_text(encoding="utf-8"))
    assert pounds["compare"]["money_prefix"] == "£"


def test_shortlist_from_the_directory_and_a_profile_then_compare_every_branch(page, url):
    page.goto(url + "/photographers/")
    for slug in ("alba-reyes", "bea-lindgren"):
        toggle(page, slug).click()
        assert toggle(page, slug).get_attribute("aria-pressed") == "true"
    assert page.locator("[data-shortlist-count]").inner_text() == "2"
    assert "Bea Lindgren is on your shortlist (2 of 4)" in page.locator("[data-shortlist-status]").inner_text()
    for slug in ("cy-okoro", "dee-marsh"):
        page.goto(f"{url}/photographers/{slug}/")
        toggle(page, slug).click()
    assert page.locator("[data-shortlist-link]").get_attribute("aria-label") == "Shortlist: 4 photographers"
    page.locator("[data-shortlist-link]").click()
    page.wait_for_url(re.compile(r"/compare/"))
    assert columns(page) == ["alba-reyes", "bea-lindgren", "cy-okoro", "dee-marsh"]
    for needs, expected in CASES:
        set_needs(page, needs)
        assert totals(page) == expected, needs
        query = "looks={looks}&hmu={hmu}&finals={finals}".format(**needs)
        assert page.url.endswith(f"/compare/?p=alba-reyes,bea-lindgren,cy-okoro,dee-marsh&{query}")
    # the lowest total is marked within a currency only: dee's pounds are never ranked against dollars
    set_needs(page, CASES[0][0])
    lowest = page.locator(".compare-lowest")
    assert lowest.count() == 1 and lowest.inner_text() == "Lowest USD total"
    assert page.locator("td", has=page.locator('[data-total="alba-reyes"]')).locator(".compare-lowest").count() == 1
    assert "different currencies" in page.locator("[data-compare-status]").inner_text()
    # the breakdown says how a total was reached
    set_needs(page, CASES[2][0])
    why = page.locator("td", has=page.locator('[data-total="alba-reyes"]')).locator(".compare-why").inner_text()
    assert why == "One look $300 + hair and makeup $120 + 1 extra retouched final $25"


def test_a_full_shortlist_says_so_and_adds_nobody(page, url):
    page.goto(url + "/photographers/")
    for slug in ("alba-reyes", "bea-lindgren", "cy-okoro", "dee-marsh"):
        toggle(page, slug).click()
    toggle(page, "eli-novak").click()
    assert toggle(page, "eli-novak").get_attribute("aria-pressed") == "false"
    assert (
        page.locator("[data-shortlist-status]")
        .inner_text()
        .startswith("Your shortlist is full: it holds 4 photographers. Take one off to add Eli Novak.")
    )
    toggle(page, "alba-reyes").click()  # off again
    assert page.locator("[data-shortlist-count]").inner_text() == "3"
    toggle(page, "eli-novak").click()
    assert toggle(page, "eli-novak").get_attribute("aria-pressed") == "true"


def test_toggles_work_from_the_keyboard_and_follow_other_tabs(page, url):
    page.goto(url + "/photographers/eli-novak/")
    button = toggle(page, "eli-novak")
    assert button.evaluate("b => b.tagName") == "BUTTON"
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false"
    other = page.context.new_page()
    other.goto(url + "/photographers/")
    toggle(other, "eli-novak").click()
    page.wait_for_function("document.querySelector('[data-shortlist=\"eli-novak\"]').ariaPressed === 'true'")
    other.close()


def test_a_shared_link_shows_the_same_page_in_a_fresh_browser(browser, url):
    link = url + "/compare/?p=eli-novak,alba-reyes,nobody-here&looks=3&hmu=0&finals=4"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(link)
    assert columns(page) == ["eli-novak", "alba-reyes", "nobody-here"]
    assert totals(page) == {"eli-novak": "ask", "alba-reyes": "$675"}
    assert page.locator("#need-looks").input_value() == "3" and page.locator("#need-finals").input_value() == "4"
    assert "No photographer “nobody-here” in the directory" in page.locator("[data-compare-table]").inner_text()
    assert page.locator("[data-compare-keep]").is_visible()  # not this browser's shortlist
    page.locator("[data-compare-keep]").click()
    assert page.locator("[data-shortlist-count]").inner_text() == "3"
    context.close()


def test_an_empty_shortlist_and_no_javascript_say_what_to_do(browser, url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/compare/")
    assert "Your shortlist is empty" in page.locator("[data-compare-status]").inner_text()
    assert page.locator("[data-compare-status] a").get_attribute("href") == "/photographers/"
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "/compare/")
    assert not page.locator(".compare-needs").is_visible()
    assert "needs JavaScript" in page.locator("main").inner_text()
    page.goto(url + "/photographers/")
    assert page.locator("button[data-shortlist]").count() == 5
    assert not page.locator("button[data-shortlist]").first.is_visible()
    assert not page.locator("[data-shortlist-link]").is_visible()
    context.close()


def test_on_a_narrow_tablet_the_row_titles_stay_while_the_columns_scroll(browser, url):
    """Between a phone's cards (tests/test_compare_prices.py) and a wide table: a table that scrolls."""
    context = browser.new_context(viewport={"width": 700, "height": 900})
    page = context.new_page()
    page.goto(url + "/compare/?p=alba-reyes,bea-lindgren,cy-okoro,dee-marsh")
    page.wait_for_selector("[data-total]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 700
    title = page.locator("tbody th", has_text="Turnaround")
    before = title.bounding_box()["x"]
    box = page.locator(".compare-scroll")
    box.evaluate("b => b.scrollBy(600, 0)")
    assert box.evaluate("b => b.scrollLeft") > 200
    assert abs(title.bounding_box()["x"] - before) < 1
    assert title.is_visible()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_compare_has_no_axe_violations(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url + "/compare/?p=alba-reyes,dee-marsh,eli-novak,nobody&looks=2&hmu=1&finals=3")
    page.wait_for_selector("[data-total]")
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    assert not violations, report(violations)
    context.close()
