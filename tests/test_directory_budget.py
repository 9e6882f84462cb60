"""The directory's money filters per currency (issue 30): price bands cut from each currency's own
prices, and "within my budget" for one chosen currency, in a real build, Pagefind and Chromium.

Fourteen photographers in four currencies. The bands below are worked out by hand from their
prices (headshots.pagedata.budgets: thirds, cut midway between neighbours at the nearest 5 of the
second digit, halves up):

- USD 180, 250, 400, 520, 850: cuts at (250+400)/2 = 325 -> 350 and (400+520)/2 = 460 -> 450.
- CAD 275, 350, 425, 600: (275+350)/2 = 312.5 -> 300 and (425+600)/2 = 512.5 -> 500. Bea Kerr's
  CA$200 business portrait is not her price: her actor session, CA$425, is.
- JPY 22,000, 38,000, 65,000: 30,000 and (38,000+65,000)/2 = 51,500 -> 50,000.
- CHF 480, 890: two photographers, two bands: (480+890)/2 = 685 -> 700.
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_quality_a11y import report

from conftest import FAST_BUILD, build_directory, serve_directory
from factories import minimal_profile

pytestmark = pytest.mark.browser


# slug -> (name, city, country, currency, price)
PEOPLE = {
    "ari-bell": ("Ari Bell", "Chicago", "US", "USD", 180),
    "cal-dunn": ("Cal Dunn", "Chicago", "US", "USD", 250),
    "eve-ford": ("Eve Ford", "New York", "US", "USD", 400),
    "gus-hale": ("Gus Hale", "New York", "US", "USD", 520),
    "ida-ives": ("Ida Ives", "Los Angeles", "US", "USD", 850),
    "ada-jett": ("Ada Jett", "Toronto", "CA", "CAD", 275),
    "ben-ivy": ("Ben Ivy", "Toronto", "CA", "CAD", 350),
    "bea-kerr": ("Bea Kerr", "Toronto", "CA", "CAD", 425),
    "cy-lam": ("Cy Lam", "Vancouver", "CA", "CAD", 600),
    "emi-mori": ("Emi Mori", "Tokyo", "JP", "JPY", 22000),
    "ken-oda": ("Ken Oda", "Tokyo", "JP", "JPY", 38000),
    "rin-sato": ("Rin Sato", "Osaka", "JP", "JPY", 65000),
    "zoe-brun": ("Zoe Brun", "Zurich", "CH", "CHF", 480),
    "luc-roth": ("Luc Roth", "Geneva", "CH", "CHF", 890),
}

# The price facet's options, in order (currencies A to Z, each cheapest first), with their counts.
BANDS = [
    ("cad-under-300", "Under CA$300", 1),
    ("cad-300-500", "CA$300 to CA$500", 2),
    ("cad-500-plus", "CA$500 and up", 1),
    ("chf-under-700", "Under CHF 700", 1),
    ("chf-700-plus", "CHF 700 and up", 1),
    ("jpy-under-30000", "Under JPY 30,000", 1),
    ("jpy-30000-50000", "JPY 30,000 to JPY 50,000", 1),
    ("jpy-50000-plus", "JPY 50,000 and up", 1),
    ("usd-under-350", "Under $350", 2),
    ("usd-350-450", "$350 to $450", 1),
    ("usd-450-plus", "$450 and up", 2),
]


def profile(slug):
    name, city, country, currency, price = PEOPLE[slug]
    fields = {"price": {"currency": currency, "from": price}}
    if slug == "bea-kerr":
        fields["sessions"] = [
            {"name": "Business portrait", "price": 200, "looks": 1, "for": "business"},
            {"name": "Actor session", "price": 425, "looks": 2},
        ]
    return minimal_profile(name=name, city=city, country=country, **fields)


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    site = build_directory(
        tmp_path_factory.mktemp("budgets"),
        {slug: profile(slug) for slug in PEOPLE},
        {**FAST_BUILD, "SEARCH_ENABLED": True},
    )
    base, stop = serve_directory(site)
    yield base
    stop()


def names(predicate):
    return sorted(name for name, _city, _country, currency, price in PEOPLE.values() if predicate(currency, price))


def wait_ready(page):
    page.wait_for_selector(".finder.is-ready", timeout=15000)
    page.wait_for_function("!document.querySelector('.finder').classList.contains('is-busy')")


def shown(page):
    return sorted(page.locator(".finder .card:visible .card__name").all_inner_texts())


def test_each_currency_gets_bands_from_its_own_prices(page, url):
    page.goto(url + "/photographers/")
    wait_ready(page)
    options = page.locator('[data-facet="price"] label')
    found = [
        (
            label.locator("input").get_attribute("value"),
            label.locator(".finder-label").inner_text(),
            int(label.locator(".finder-count").inner_text()),
        )
        for label in options.all()
    ]
    assert found == BANDS


def test_a_toronto_actor_who_picks_a_canadian_band_gets_canadian_photographers(page, url):
    page.goto(url + "/photographers/")
    wait_ready(page)
    page.locator('input[name="price"][value="cad-300-500"]').check()
    wait_ready(page)
    assert shown(page) == ["Bea Kerr", "Ben Ivy"]
    assert parse_qs(urlparse(page.url).query) == {"price": ["cad-300-500"]}


@pytest.mark.parametrize(
    "budget, expected",
    [
        ("CAD400", names(lambda c, p: c == "CAD" and p <= 400)),  # Ada Jett, Ben Ivy: no US dollars
        ("CAD425", ["Ada Jett", "Bea Kerr", "Ben Ivy"]),  # within means up to and including
        ("CAD300", ["Ada Jett"]),  # Bea Kerr's CA$200 business portrait is not her price
        ("JPY38000", ["Emi Mori", "Ken Oda"]),
        ("400", ["Ari Bell", "Cal Dunn", "Eve Ford"]),  # no currency: the most common one, USD
        ("USD9999", names(lambda c, p: c == "USD")),
    ],
)
def test_a_budget_in_the_url_lists_its_currency_within_it(page, url, budget, expected):
    page.goto(f"{url}/photographers/?budget={budget}")
    wait_ready(page)
    assert shown(page) == expected
    matches = "1 photographer matches" if len(expected) == 1 else f"{len(expected)} photographers match"
    assert page.locator(".finder-status").inner_text() == f"{matches} these filters."
    currency = budget[:3] if budget[0].isalpha() else "USD"
    assert page.locator("#finder-budget-currency").input_value() == currency
    assert page.locator("#finder-budget-amount").input_value() == re.sub(r"\D", "", budget)


def test_a_budget_nobody_fits_says_so(page, url):
    page.goto(f"{url}/photographers/?budget=CHF479")
    wait_ready(page)
    assert shown(page) == []
    assert page.locator(".finder-status").inner_text() == "No photographers match these filters."


def test_the_budget_box_filters_counts_and_round_trips(page, url):
    page.goto(url + "/photographers/")
    wait_ready(page)
    assert [o.strip() for o in page.locator("#finder-budget-currency option").all_inner_texts()] == [
        "USD",
        "CAD",
        "JPY",
        "CHF",
    ]  # most photographers first
    page.select_option("#finder-budget-currency", "CAD")
    page.fill("#finder-budget-amount", "425")
    page.press("#finder-budget-amount", "Enter")
    page.wait_for_function("new URLSearchParams(location.search).get('budget') === 'CAD425'")
    wait_ready(page)
    assert shown(page) == ["Ada Jett", "Bea Kerr", "Ben Ivy"]
    # the bands count what the budget leaves: CAD bands only
    counts = {
        label.locator("input").get_attribute("value"): label.locator(".finder-count").inner_text()
        for label in page.locator('[data-facet="price"] label').all()
    }
    assert {k: v for k, v in counts.items() if v != "0"} == {"cad-under-300": "1", "cad-300-500": "2"}
    assert page.locator(".finder-active").inner_text().strip() == "(1 on)"
    page.reload()
    wait_ready(page)
    assert shown(page) == ["Ada Jett", "Bea Kerr", "Ben Ivy"]
    # the chip takes the budget off again
    page.get_by_role("button", name="Remove filter: Within CA$425").click()
    wait_ready(page)
    assert page.locator("#finder-budget-amount").input_value() == ""
    assert "budget" not in parse_qs(urlparse(page.url).query)
    assert len(shown(page)) == len(PEOPLE)


@pytest.mark.parametrize(
    "budget, message",
    [
        ("CAD4.50", "Enter a budget from 1 to 10,000,000, in whole units, or leave it empty."),
        ("CAD-2", "Enter a budget from 1 to 10,000,000, in whole units, or leave it empty."),
        ("EUR400", "No photographer here charges in EUR: choose USD, CAD, JPY, CHF."),
    ],
)
def test_a_wrong_budget_is_refused_next_to_its_box_and_not_used(page, url, budget, message):
    page.goto(f"{url}/photographers/?budget={budget}")
    wait_ready(page)
    box = page.locator("#finder-budget-amount")
    assert box.get_attribute("aria-invalid") == "true"
    error = page.locator("#finder-budget-error")
    assert error.inner_text() == message
    assert error.get_attribute("id") in box.get_attribute("aria-describedby").split()
    assert len(shown(page)) == len(PEOPLE)  # nothing filtered by a budget the page did not understand
    assert "budget is not used until it is corrected" in page.locator(".finder-status").inner_text()
    box.fill("600")
    page.select_option("#finder-budget-currency", "CAD")
    wait_ready(page)
    assert box.get_attribute("aria-invalid") is None and error.is_hidden()
    assert shown(page) == names(lambda c, p: c == "CAD")


@pytest.mark.parametrize("width", [1280, 390])
def test_no_axe_violations_and_no_sideways_scroll(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/photographers/?budget=CAD400&price=cad-300-500")
    wait_ready(page)
    if width < 600:
        page.click(".finder-summary")  # the folded filter panel, opened
    violations = Axe().run(page).response["violations"]
    assert not violations, report(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto(f"{url}/photographers/?budget=EUR400")
    wait_ready(page)
    if width < 600:
        page.click(".finder-summary")
    violations = Axe().run(page).response["violations"]
    assert not violations, report(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
