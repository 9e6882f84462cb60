"""Pages that do not grow with the directory (issue 8): bounded city lists, /cities/, the
scan city picker and the directory's city facet, on the sample site built with fewer
"top" cities than it has (TOP_CITIES=3 of 16), so every bound actually cuts.
"""

import json
import re
from urllib.parse import urlsplit

import pytest

from conftest import CACHE, pelican_build, serve_directory

pytestmark = pytest.mark.slow  # builds the whole sample site

TOP = 3


@pytest.fixture(scope="module")
def bounded(tmp_path_factory, sample_site):
    """The sample site with TOP_CITIES 3, after the sample site (whose renditions it takes from the cache)."""
    output = tmp_path_factory.mktemp("bounded") / "output"
    result = pelican_build(output, cache=CACHE, extra={"TOP_CITIES": TOP})
    assert result.returncode == 0, result.stderr
    cities = json.loads((output / "cities" / "index.json").read_text(encoding="utf-8"))["cities"]
    assert len(cities) > TOP, "the sample site needs more cities than TOP_CITIES for these tests"
    ranked = sorted(cities, key=lambda c: (-(c["based"] + c["visiting"]), c["slug"]))[:TOP]
    return {"output": output, "cities": cities, "top": sorted(c["slug"] for c in ranked)}


@pytest.fixture(scope="module")
def bounded_url(bounded):
    base, stop = serve_directory(bounded["output"])
    yield base
    stop()


def html(site, url):
    return (
        (site["output"] / url / "index.html").read_text(encoding="utf-8")
        if url
        else (site["output"] / "index.html").read_text(encoding="utf-8")
    )


def section(text, start, end):
    i = text.index(start)
    return text[i : text.index(end, i)]


def city_links(text):
    return sorted(re.findall(r'href="/cities/([^/"]+)/"', text))


@pytest.mark.parametrize("url", ["", "photographers", "about", "scan", "cities"])
def test_footer_lists_only_the_top_cities_and_links_every_city(bounded, url):
    footer = section(html(bounded, url), '<footer class="site-footer">', "</footer>")
    assert city_links(footer) == bounded["top"]
    assert f'<a href="/cities/">All {len(bounded["cities"])} cities</a>' in footer


def test_home_and_404_list_only_the_top_cities(bounded):
    home = section(html(bounded, ""), 'id="cities-heading"', "</section>")
    assert city_links(home) == bounded["top"]
    assert 'href="/cities/"' in home
    missing = section((bounded["output"] / "404.html").read_text(encoding="utf-8"), "<main", "</main>")
    assert city_links(missing) == bounded["top"]
    assert 'href="/cities/"' in missing
    # the home page features the bounded selection, not the directory
    featured = section(html(bounded, ""), 'id="featured-heading"', "</section>")
    assert 0 < featured.count('class="card"') <= 8


def test_cities_page_lists_every_city_with_counts_and_is_in_the_sitemap(bounded):
    page = html(bounded, "cities")
    main = section(page, "<main", "</main>")
    listed = re.findall(r'<li><a href="/cities/([^/"]+)/">([^<]+)</a> <span>([^<]+)</span></li>', main)
    assert [slug for slug, _, _ in listed] == [c["slug"] for c in bounded["cities"]]
    for (_slug, name, counts), city in zip(listed, bounded["cities"], strict=True):
        assert name == city["name"].replace("'", "&#39;")
        parts = ([f"{city['based']} based"] if city["based"] else []) + (
            [f"{city['visiting']} visiting"] if city["visiting"] else []
        )
        assert counts == ", ".join(parts)
    assert "<h1>Headshot photographers by city</h1>" in page
    sitemap = (bounded["output"] / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>/cities/</loc>" in sitemap


def test_cities_json_names_every_city(bounded):
    data = json.loads((bounded["output"] / "cities" / "index.json").read_text(encoding="utf-8"))
    assert data["count"] == len(data["cities"])
    assert {"name", "slug", "country", "url", "based", "visiting"} <= set(data["cities"][0])
    for city in data["cities"]:
        assert (bounded["output"] / city["url"] / "photographers.json").is_file()


def test_scan_page_offers_only_the_top_cities_and_no_people(bounded):
    page = html(bounded, "scan")
    select = section(page, '<select id="scan-city"', "</select>")
    assert sorted(re.findall(r'<option value="([^"]+)"', select)) == bounded["top"]
    assert 'href="/cities/"' in section(page, 'class="scan-people"', "</section>")
    assert "data-people-list hidden></ul>" in page


def test_directory_city_facet_renders_only_the_top_cities(bounded):
    for url in ("photographers", "search"):
        facet = section(html(bounded, url), 'data-facet="city"', "</fieldset>")
        assert sorted(re.findall(r'name="city" value="([^"]+)"', facet)) == bounded["top"]
        assert 'data-facet-more="/cities/index.json"' in facet


@pytest.mark.browser
def test_scan_picker_offers_every_city_once_reached_and_loads_its_json(page, bounded, bounded_url):
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(f"{bounded_url}/scan/")
    select = page.locator("[data-city-select]")
    assert select.locator("option").count() == TOP + 1
    select.focus()
    page.wait_for_function(
        f"document.querySelectorAll('[data-city-select] option').length === {len(bounded['cities']) + 1}"
    )
    assert select.locator("optgroup").count() == 2
    other = next(c for c in bounded["cities"] if c["slug"] not in bounded["top"])
    select.select_option(other["slug"])
    page.wait_for_selector("[data-people-list]:not([hidden]) > li")
    paths = [urlsplit(r.url).path for r in requests if urlsplit(r.url).path.endswith(".json")]
    assert paths == ["/cities/index.json", f"/cities/{other['slug']}/photographers.json"]
    assert all(r.method == "GET" and r.post_data_buffer is None for r in requests)
    assert page.locator("[data-people-list] > li").count() == other["based"] + other["visiting"]


@pytest.mark.browser
def test_directory_city_facet_gains_every_city_and_reads_any_from_the_url(page, bounded, bounded_url):
    other = next(c for c in bounded["cities"] if c["slug"] not in bounded["top"])
    page.goto(f"{bounded_url}/photographers/?city={other['slug']}")
    page.wait_for_selector(".finder.is-ready", timeout=15000)
    boxes = page.locator('.finder input[name="city"]')
    assert boxes.count() == len(bounded["cities"])
    assert page.locator(f'.finder input[name="city"][value="{other["slug"]}"]').is_checked()
    labels = page.locator('[data-facet="city"] .finder-label').all_inner_texts()
    assert labels == sorted(labels, key=lambda s: s.casefold())
    page.wait_for_function("!document.querySelector('.finder').classList.contains('is-busy')")
    cards = page.locator("[data-finder-results] .card__name").all_inner_texts()
    assert len(cards) == other["based"] + other["visiting"]
