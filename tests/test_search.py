"""Search and the faceted directory, end to end: a real Pelican build of a dozen generated
profiles, indexed by Pagefind, served over HTTP and driven in a real Chromium.

The fixture's facts are written down here (PEOPLE), so every expectation below is
computed from them, not copied from the page under test.
"""

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import FAST_BUILD, pelican_build, serve_directory
from factories import make_headshot, write_profile

# slug, name, city, country, travels_to, specialties, lighting, price from, currency,
# hair_makeup, retouching, proofs
PEOPLE = [
    (
        "ada-chen",
        "Ada Chen",
        "Chicago",
        "US",
        [],
        ["theatrical", "dance"],
        ["studio"],
        250,
        "USD",
        "included",
        "natural",
        "all",
    ),
    (
        "bo-diaz",
        "Bo Diaz",
        "Chicago",
        "US",
        [],
        ["commercial"],
        ["natural"],
        450,
        "USD",
        "available",
        "full",
        "selects",
    ),
    (
        "cora-ellis",
        "Cora Ellis",
        "Chicago",
        "US",
        [],
        ["dance", "musical-theatre"],
        ["studio", "natural"],
        700,
        "USD",
        "none",
        "natural",
        "all",
    ),
    (
        "dev-patel",
        "Dev Patel",
        "New York",
        "US",
        [],
        ["theatrical"],
        ["natural"],
        550,
        "USD",
        "available",
        "none",
        "all",
    ),
    (
        "emile-fox",
        "Émile Fox",
        "New York",
        "US",
        [],
        ["dance", "kids"],
        ["outdoor"],
        900,
        "USD",
        "included",
        "natural",
        "selects",
    ),
    (
        "finn-gray",
        "Finn Gray",
        "New York",
        "US",
        ["Chicago"],
        ["commercial", "corporate"],
        ["studio"],
        320,
        "USD",
        "available",
        "natural",
        "all",
    ),
    (
        "gia-hart",
        "Gia Hart",
        "Los Angeles",
        "US",
        [],
        ["theatrical", "comedy"],
        ["natural"],
        280,
        "USD",
        "none",
        "none",
        "all",
    ),
    (
        "hugo-ives",
        "Hugo Ives",
        "Los Angeles",
        "US",
        [],
        ["dance"],
        ["studio"],
        620,
        "USD",
        "included",
        "full",
        "selects",
    ),
    (
        "isla-jones",
        "Isla Jones",
        "London",
        "GB",
        [],
        ["theatrical"],
        ["natural"],
        240,
        "GBP",
        "available",
        "natural",
        "all",
    ),
    (
        "jude-king",
        "Jude King",
        "London",
        "GB",
        [],
        ["commercial", "voice"],
        ["studio"],
        650,
        "GBP",
        "included",
        "natural",
        "selects",
    ),
    (
        "kai-lowe",
        "Kai Lowe",
        "Toronto",
        "CA",
        [],
        ["musical-theatre"],
        ["natural"],
        400,
        "CAD",
        "available",
        "natural",
        "all",
    ),
    (
        "lena-moss",
        "Lena Moss",
        "Toronto",
        "CA",
        [],
        ["theatrical", "kids"],
        ["outdoor"],
        350,
        "CAD",
        "none",
        "none",
        "all",
    ),
]
FIELDS = (
    "slug",
    "name",
    "city",
    "country",
    "travels",
    "specialties",
    "lighting",
    "price",
    "currency",
    "hair_makeup",
    "retouching",
    "proofs",
)
PEOPLE = [dict(zip(FIELDS, row, strict=True)) for row in PEOPLE]


def slugify(city):
    return city.lower().replace(" ", "-")


# Each currency's bands come from its own prices (headshots.pagedata.budgets), worked out by hand:
# USD 250 280 320 | 450 550 | 620 700 900: cuts (320+450)/2 = 385 -> 400 and (550+620)/2 = 585 -> 600;
# GBP 240 | 650: 445 -> 450; CAD 350 | 400: 375 -> 400.
CUTS = {"USD": (400, 600), "GBP": (450,), "CAD": (400,)}


def band(price, currency="USD"):
    """The price band filter value: in the profile's own currency, never mixed with another."""
    low = max((cut for cut in CUTS[currency] if cut <= price), default=None)
    high = min((cut for cut in CUTS[currency] if cut > price), default=None)
    slug = f"under-{high}" if low is None else f"{low}-plus" if high is None else f"{low}-{high}"
    return f"{currency.lower()}-{slug}"


def budget_keys(price, currency):
    """The budget filter values: the digit count, then each leading run of the digits (350 -> 3, 3-3, 3-35, 3-350)."""
    digits = str(price)
    head = f"{currency.lower()}-{len(digits)}"
    return [head] + [f"{head}-{digits[:end]}" for end in range(1, len(digits) + 1)]


def names(predicate):
    """Fixture names matching a predicate, in the directory's order (name, accents ignored)."""
    import unicodedata

    key = lambda n: unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode().casefold()
    return sorted((p["name"] for p in PEOPLE if predicate(p)), key=key)


def shoots_in(p, city_slug):
    return slugify(p["city"]) == city_slug or city_slug in [slugify(c) for c in p["travels"]]


def write_fixture(root):
    for index, p in enumerate(PEOPLE):
        # a different face colour each, so renditions (and screenshots) differ
        make_headshot(
            root / p["slug"] / f"{p['slug']}-01.jpg", colour=(90 + 13 * index, 70 + 9 * index, 60 + 5 * index)
        )
        profile = {
            "name": p["name"],
            "location": {"city": p["city"], "country": p["country"]},
            "specialties": p["specialties"],
            "lighting": p["lighting"],
            "price": {"currency": p["currency"], "from": p["price"]},
            "hair_makeup": p["hair_makeup"],
            "retouching": p["retouching"],
            "proofs": p["proofs"],
            "headshots": [{"file": f"{p['slug']}-01.jpg", "alt": f"Actor against a plain backdrop, by {p['name']}"}],
        }
        if p["travels"]:
            profile["travels_to"] = p["travels"]
        write_profile(root, p["slug"], profile)


@pytest.fixture(scope="session")
def search_site(tmp_path_factory):
    """The fixture built once (FAST_BUILD's renditions, to keep it fast) and indexed."""
    base = tmp_path_factory.mktemp("search-fixture")
    write_fixture(base / "photographers")
    output = base / "output"
    result = pelican_build(
        output, photographers=base / "photographers", cache=base / "cache", extra={**FAST_BUILD, "SEARCH_ENABLED": True}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {"output": output, "log": result.stdout + result.stderr}


@pytest.fixture(scope="session")
def search_url(search_site):
    base, stop = serve_directory(search_site["output"])
    yield base
    stop()


# ------------------------------------------------------------------ the index, from Python


def test_build_logs_the_page_count(search_site):
    log = re.sub(r"\s+", " ", search_site["log"])
    match = re.search(r"Search: Pagefind indexed (\d+) pages", log)
    assert match, search_site["log"]
    entry = json.loads((search_site["output"] / "pagefind" / "pagefind-entry.json").read_text())
    assert int(match.group(1)) == sum(lang["page_count"] for lang in entry["languages"].values())
    articles = len(list((search_site["output"] / "articles").glob("*/index.html")))
    assert int(match.group(1)) == len(PEOPLE) + articles  # profiles and articles, nothing else


def test_profile_pages_carry_the_expected_filters(search_site):
    """Read the filters back as Pagefind sees them: from the built profile pages."""
    for p in PEOPLE:
        html = (search_site["output"] / "photographers" / p["slug"] / "index.html").read_text()
        main = html[html.index("<main") : html.index("</main>")]
        assert "data-pagefind-body" in main[:200]
        found = {}
        for key, value in re.findall(r'data-pagefind-filter="([a-z_]+)\[data-value\]" data-value="([^"]*)"', main):
            found.setdefault(key, []).append(value)
        expected = {
            "type": ["Photographer"],
            "city": [slugify(p["city"])] + [slugify(c) for c in p["travels"]],
            "country": [p["country"]],
            "specialty": p["specialties"],
            "lighting": p["lighting"],
            "hair_makeup": [p["hair_makeup"]],
            "retouching": [p["retouching"]],
            "proofs": [p["proofs"]],
            "price": [band(p["price"], p["currency"])],
            "budget": budget_keys(p["price"], p["currency"]),
        }
        assert found == expected, p["slug"]
        sorts = dict(re.findall(r'data-pagefind-sort="([a-z]+)\[data-value\]" data-value="([^"]*)"', main))
        assert set(sorts) == {"price", "name"}
        image = re.search(r'data-pagefind-meta="image\[data-value\]" data-value="([^"]*)"', main).group(1)
        assert image.startswith("/images/") and image.endswith(".jpg") or image.endswith(".jpeg")
        assert (search_site["output"] / image.lstrip("/")).is_file()


def test_every_indexed_page_has_every_sort_key(search_site):
    output = search_site["output"]
    indexed = [path for path in output.rglob("*.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    assert len(indexed) > len(PEOPLE)  # profiles and articles
    for path in indexed:
        html = path.read_text(encoding="utf-8")
        keys = set(re.findall(r'data-pagefind-sort="([a-z]+)\[', html))
        assert keys == {"price", "name"}, path


def test_index_files_exist_with_the_expected_filters(search_site):
    bundle = search_site["output"] / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert entry["version"] == "1.5.2"
    for name in ("pagefind.js", "pagefind-worker.js"):
        assert (bundle / name).is_file()
    language = next(iter(entry["languages"].values()))
    assert (bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
    assert (bundle / f"wasm.{language['wasm']}.pagefind").is_file()
    assert list((bundle / "index").glob("*.pf_index"))
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == language["page_count"]
    # Filter chunks are gzipped; one per filter key
    import gzip

    keys = set()
    for chunk in (bundle / "filter").glob("*.pf_filter"):
        data = gzip.decompress(chunk.read_bytes())
        keys.update(
            k
            for k in (
                "type",
                "city",
                "country",
                "specialty",
                "lighting",
                "hair_makeup",
                "retouching",
                "proofs",
                "price",
            )
            if k.encode() in data[:64]
        )
    assert keys == {"type", "city", "country", "specialty", "lighting", "hair_makeup", "retouching", "proofs", "price"}


def test_chrome_is_not_indexed(search_site):
    """Only <main data-pagefind-body> is indexed: the header, footer and directory are not."""
    output = search_site["output"]
    for path in [output / "index.html", output / "photographers" / "index.html", output / "search" / "index.html"]:
        assert "data-pagefind-body" not in path.read_text(encoding="utf-8"), path
    profile = (output / "photographers" / "ada-chen" / "index.html").read_text()
    assert profile.count("data-pagefind-body") == 1
    assert re.search(r"<main[^>]*data-pagefind-body", profile)


def test_city_page_links_the_browser_with_a_filter_value_that_exists(search_site):
    output = search_site["output"]
    html = (output / "cities" / "chicago" / "index.html").read_text()
    links = re.findall(r'href="/photographers/\?city=([^"&]+)"', html)
    assert links == ["chicago"]
    directory = (output / "photographers" / "index.html").read_text()
    assert 'name="city" value="chicago"' in directory


def test_search_disabled_leaves_no_index(tmp_path):
    photographers = tmp_path / "photographers"
    write_profile(photographers, "only-one")
    result = pelican_build(
        tmp_path / "out",
        photographers=photographers,
        cache=tmp_path / "cache",
        extra={"HEADSHOTS_FORMATS": ["jpeg"], "SEARCH_ENABLED": False},
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out" / "pagefind").exists()
    assert (tmp_path / "out" / "photographers" / "only-one" / "index.html").is_file()


def test_indexing_failure_fails_the_build_with_one_line(tmp_path):
    photographers = tmp_path / "photographers"
    write_profile(photographers, "only-one")
    result = pelican_build(
        tmp_path / "out",
        photographers=photographers,
        cache=tmp_path / "cache",
        extra={"HEADSHOTS_FORMATS": ["jpeg"]},
        env={"PAGEFIND_BINARY_PATH": str(tmp_path / "missing-pagefind")},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "search: indexing failed" in line]
    assert lines == [
        f"{tmp_path / 'out'}:1:1: search: indexing failed: the Pagefind binary is missing: "
        "install the project's dependencies (pip install -e .), which include pagefind[bin]"
    ]


# ------------------------------------------------------------------ in the browser


def card_names(page):
    """The photographer cards a reader sees: the browser's results, or the plain list it shows
    (moved into the browser) while no filter or sort is in use."""
    return page.locator(".finder .card:not(.card--article):visible .card__name").all_inner_texts()


def wait_ready(page):
    page.wait_for_selector(".finder.is-ready", timeout=15000)
    page.wait_for_function("!document.querySelector('.finder').classList.contains('is-busy')")


def tick(page, key, value):
    page.locator(f'.finder input[name="{key}"][value="{value}"]').check()
    wait_ready(page)


@pytest.mark.browser
def test_one_specialty_shows_exactly_its_photographers(page, search_url):
    page.goto(f"{search_url}/photographers/")
    wait_ready(page)
    assert card_names(page) == names(lambda p: True)
    assert page.locator(".finder-status").inner_text() == f"{len(PEOPLE)} photographers."
    tick(page, "specialty", "dance")
    expected = names(lambda p: "dance" in p["specialties"])
    assert card_names(page) == expected
    assert page.locator(".finder-status").inner_text() == f"{len(expected)} photographers match these filters."
    # the plain list is gone, the facet count agrees
    assert page.locator(".directory__list").is_hidden()
    label = page.locator('.finder label:has(input[name="specialty"][value="dance"]) .finder-count')
    assert label.inner_text() == str(len(expected))


@pytest.mark.browser
def test_city_and_price_band_narrow(page, search_url):
    page.goto(f"{search_url}/photographers/?city=chicago")
    wait_ready(page)
    assert card_names(page) == names(lambda p: shoots_in(p, "chicago"))
    assert "Finn Gray" in card_names(page)  # travels to Chicago
    tick(page, "price", "usd-400-600")
    assert card_names(page) == names(
        lambda p: shoots_in(p, "chicago") and band(p["price"], p["currency"]) == "usd-400-600"
    )
    assert card_names(page) == ["Bo Diaz"]
    # OR within a facet: adding a second band widens again
    tick(page, "price", "usd-under-400")
    assert card_names(page) == names(lambda p: shoots_in(p, "chicago") and p["price"] < 600)


@pytest.mark.browser
def test_text_query_for_a_city_finds_its_photographers(page, search_url):
    page.goto(f"{search_url}/search/?q=Toronto")
    wait_ready(page)
    assert set(card_names(page)) == set(names(lambda p: p["city"] == "Toronto"))
    assert page.locator("#search-q").input_value() == "Toronto"
    excerpt = page.locator(".finder-results .card__excerpt mark").first
    assert re.sub(r"\W", "", excerpt.inner_text()).lower() == "toronto"  # Pagefind marks "Toronto,"
    # typing a new query updates the results and the URL
    page.fill("#search-q", "London")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'London'")
    wait_ready(page)
    assert set(card_names(page)) == set(names(lambda p: p["city"] == "London"))


@pytest.mark.browser
def test_words_every_profile_shares_find_nothing(page, search_url):
    """The facts panel's notes and row titles are the same on every profile: not indexed, so a search
    for them does not list the whole directory."""
    page.goto(f"{search_url}/search/?q=blemishes")
    wait_ready(page)
    assert card_names(page) == []


@pytest.mark.browser
def test_sort_by_price_orders_cards(page, search_url):
    page.goto(f"{search_url}/photographers/?country=US")
    wait_ready(page)
    page.select_option("#finder-sort", "price")
    page.wait_for_function("new URLSearchParams(location.search).get('sort') === 'price'")
    wait_ready(page)
    prices = [
        int(re.sub(r"[^\d]", "", text))
        for text in page.locator(".finder-results .card__price strong").all_inner_texts()
    ]
    expected = sorted(p["price"] for p in PEOPLE if p["country"] == "US")
    assert prices == expected
    page.select_option("#finder-sort", "name")
    wait_ready(page)
    assert card_names(page) == names(lambda p: p["country"] == "US")


@pytest.mark.browser
def test_sort_by_price_keeps_each_currency_together(page, search_url):
    """CHF 480 is not "cheaper" than USD 500: the price order is by currency, then price."""
    page.goto(f"{search_url}/photographers/?sort=price")
    wait_ready(page)
    shown = page.locator(".finder-results .card__name").all_inner_texts()
    by_name = {p["name"]: p for p in PEOPLE}
    order = [(by_name[name]["currency"], by_name[name]["price"]) for name in shown]
    assert order == sorted(order)
    assert len({currency for currency, _ in order}) > 1  # the fixture really mixes currencies


@pytest.mark.browser
def test_url_round_trips_the_state(page, search_url):
    page.goto(f"{search_url}/photographers/")
    wait_ready(page)
    tick(page, "city", "chicago")
    tick(page, "specialty", "dance")
    page.select_option("#finder-sort", "price")
    wait_ready(page)
    query = parse_qs(urlparse(page.url).query)
    assert query == {"city": ["chicago"], "specialty": ["dance"], "sort": ["price"]}
    filtered = card_names(page)
    assert filtered == ["Ada Chen", "Cora Ellis"]  # by price: 250, 700

    page.reload()
    wait_ready(page)
    assert card_names(page) == filtered
    assert page.locator('input[name="city"][value="chicago"]').is_checked()
    assert page.locator("#finder-sort").input_value() == "price"

    page.go_back()  # undo the sort
    wait_ready(page)
    assert parse_qs(urlparse(page.url).query) == {"city": ["chicago"], "specialty": ["dance"]}
    assert card_names(page) == ["Ada Chen", "Cora Ellis"]
    assert page.locator("#finder-sort").input_value() == "name"
    page.go_back()  # undo the specialty
    wait_ready(page)
    assert card_names(page) == names(lambda p: shoots_in(p, "chicago"))
    assert not page.locator('input[name="specialty"][value="dance"]').is_checked()
    page.go_forward()
    wait_ready(page)
    assert page.locator('input[name="specialty"][value="dance"]').is_checked()
    assert card_names(page) == names(lambda p: shoots_in(p, "chicago") and "dance" in p["specialties"])


@pytest.mark.browser
def test_no_js_directory_lists_everyone(browser, search_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{search_url}/photographers/")
    shown = page.locator(".directory__list .card__name").all_inner_texts()
    assert sorted(shown) == sorted(p["name"] for p in PEOPLE)
    assert page.locator(".finder").is_hidden()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", ["/photographers/?city=chicago&specialty=dance", "/search/?q=chicago"])
def test_filtered_views_are_accessible(browser, search_url, path, width):
    """axe-core finds nothing on the live states (results, chips, open filters), 320 px fits."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(search_url + path)
    wait_ready(page)
    if width < 600:
        page.click(".finder-summary")  # the folded filter panel, opened
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.browser
def test_keyboard_filters_and_live_region(page, search_url):
    page.goto(f"{search_url}/photographers/")
    wait_ready(page)
    status = page.locator(".finder-status")
    assert status.get_attribute("role") == "status"
    box = page.locator('.finder input[name="specialty"][value="kids"]')
    box.focus()
    page.keyboard.press("Space")
    wait_ready(page)
    expected = names(lambda p: "kids" in p["specialties"])
    assert card_names(page) == expected
    assert status.inner_text() == f"{len(expected)} photographers match these filters."
    # the chip removes the filter again, by keyboard
    chip = page.get_by_role("button", name="Remove filter: Kids")
    chip.focus()
    page.keyboard.press("Enter")
    wait_ready(page)
    assert card_names(page) == names(lambda p: True)
    assert not box.is_checked()


@pytest.mark.browser
def test_directory_loads_pagefind_only_when_filtering(page, search_url):
    """The unfiltered directory is the plain list: no index download until a filter is used."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{search_url}/photographers/")
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "/pagefind/" in url]
    tick(page, "city", "toronto")
    assert [url for url in fetched if url.endswith("/pagefind/pagefind.js")]
    assert card_names(page) == names(lambda p: shoots_in(p, "toronto"))


@pytest.mark.browser
def test_the_search_hints_examples_find_something_on_the_sample_site(page, sample_url):
    page.goto(f"{sample_url}/search/")
    hint = page.locator("#search-hint").inner_text()
    examples = re.findall(r"“(.+?)”", hint)
    assert len(examples) == 2, hint
    for example in examples:
        page.goto(f"{sample_url}/search/?q={example}")
        wait_ready(page)
        assert page.locator(".finder-results .card").count() > 0, example


@pytest.mark.browser
def test_result_cards_carry_the_shortlist_toggle(page, search_url):
    page.goto(f"{search_url}/search/?q=Toronto")
    wait_ready(page)
    cards = page.locator(".finder-results .card:not(.card--article)")
    toggles = page.locator(".finder-results .card:not(.card--article) button[data-shortlist]")
    assert cards.count() > 0 and toggles.count() == cards.count()
    first = toggles.first
    name = cards.first.locator(".card__name").inner_text()
    assert first.get_attribute("aria-pressed") == "false"
    assert first.get_attribute("aria-label") is None and name in first.inner_text() + first.text_content()
    first.click()
    assert first.get_attribute("aria-pressed") == "true"
    assert page.locator("[data-shortlist-count]").inner_text() == "1"
    # the same photographer's toggle elsewhere follows: the directory's plain list
    slug = first.get_attribute("data-shortlist")
    page.goto(f"{search_url}/photographers/")
    assert page.locator(f'button[data-shortlist="{slug}"]').first.get_attribute("aria-pressed") == "true"
