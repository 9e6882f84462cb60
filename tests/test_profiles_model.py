"""The model the templates get: slugs, money, safe bios, the directory's order, cities, JSON-LD, scan pools."""

import dataclasses
import datetime
from types import SimpleNamespace

import pytest

from headshots.bio import render_bio
from headshots.model import Photographer, ScanRing, assemble, scan_grid
from headshots.pagedata.jsonld import jsonld
from headshots.pagedata.opendata import profile_data
from headshots.reading import load_profiles
from headshots.settings import DEFAULTS
from headshots.text import city_slug, days, money, place, slug

from factories import minimal_profile, write_profile


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Zürich", "zurich"),
        ("São Paulo", "sao-paulo"),
        ("Montréal", "montreal"),
        ("New York", "new-york"),
        ("St. John's", "st-johns"),
        ("Kraków", "krakow"),
        ("Łódź", "lodz"),
        ("Gießen", "giessen"),
        ("山田", "山田"),
        ("Санкт-Петербург", "санкт-петербург"),
        ("がっこう", "がっこう"),
        ("  Los  Angeles ", "los-angeles"),
    ],
)
def test_city_slug(name, slug):
    assert city_slug(name) == slug


@pytest.mark.parametrize(
    "name, folder",
    [
        ("Maya Okafor", "maya-okafor"),
        ("Zoë O'Brien", "zoe-obrien"),
        ("Søren Ærø", "soren-aero"),
        ("Anne-Marie  Duval", "anne-marie-duval"),
    ],
)
def test_a_photographers_folder_name_is_the_same_slug_rule(name, folder):
    assert slug(name) == folder


@pytest.mark.parametrize(
    "amount, currency, text",
    [
        (350, "USD", "$350"),
        (240, "GBP", "£240"),
        (1200, "EUR", "€1,200"),
        (400, "CAD", "CA$400"),
        (300, "AUD", "A$300"),
        (380, "CHF", "CHF 380"),
        (2500, "SEK", "SEK 2,500"),
        (99.5, "USD", "$99.50"),
        (350.0, "USD", "$350"),
        (1234567, "JPY", "JPY 1,234,567"),
    ],
)
def test_money(amount, currency, text):
    assert money(amount, currency) == text


def test_bio_is_markdown_without_raw_html_or_unsafe_links():
    html = render_bio(
        "Hello *there* <b>raw</b> <script>alert(1)</script>\n\n"
        "[bad](javascript:alert(2)) [data](data:text/html,x) [good](https://example.com) "
        "[mail](mailto:a@example.com)\n\n<div onclick='x()'>block</div>\n"
    )
    assert "<em>there</em>" in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html and "&lt;script&gt;" in html
    assert "<script" not in html and "<b>" not in html and "<div" not in html and 'onclick="' not in html
    assert "javascript:" not in html and "data:text" not in html
    assert "<p>bad data <a" in html and "<a>" not in html and "<a rel" not in html  # unsafe links become text
    assert '<a href="https://example.com" rel="nofollow ugc noopener">good</a>' in html
    assert '<a href="mailto:a@example.com" rel="nofollow ugc noopener">mail</a>' in html
    assert render_bio(None) == ""


@pytest.fixture
def directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "photographers"
    write_profile(
        root,
        "zoe",
        minimal_profile(
            name="Zoë Adams",
            city="Zürich",
            country="CH",
            travels_to=["Basel", "山田", "Zürich"],
            price={"currency": "CHF", "from": 380, "to": 900},
            website="https://zoe.example",
            instagram="@zoeadams",
            updated="2026-10-01",
            sessions=[{"name": "One look", "price": 380, "looks": 1}],
            headshots=[{"file": "a.jpg", "alt": "A"}, {"file": "b.jpg", "alt": "B", "focus": [0.5, 0.3]}],
        ),
    )
    write_profile(
        root,
        "adam",
        minimal_profile(name="adam Brown", city="Basel", country="CH", email="adam@example.com", studio="Brown Studio"),
    )
    write_profile(
        root,
        "yamada",
        minimal_profile(name="山田 太郎", city="山田", country="JP", price={"currency": "JPY", "from": 30000}),
    )
    write_profile(root, "emil", minimal_profile(name="Émil Zola", city="Chicago"))
    profiles, problems = load_profiles(root)
    assert problems == []
    return assemble(profiles, dict(DEFAULTS, SITEURL="https://firstlook.example"))


def test_directory_order_is_alphabetical_ignoring_case_and_accents(directory):
    photographers, cities = directory
    assert [p.name for p in photographers] == ["adam Brown", "Émil Zola", "Zoë Adams", "山田 太郎"]
    assert [c.slug for c in cities] == ["basel", "chicago", "zurich", "山田"]


def test_cities_list_who_is_based_there_and_who_travels_there(directory):
    photographers, cities = directory
    by_slug = {c.slug: c for c in cities}
    zoe = next(p for p in photographers if p.slug == "zoe")
    assert [p.slug for p in by_slug["basel"].based] == ["adam"]
    assert [p.slug for p in by_slug["basel"].visiting] == ["zoe"]
    assert [p.slug for p in by_slug["山田"].photographers] == ["yamada", "zoe"]
    assert by_slug["山田"].country == "JP" and by_slug["山田"].url == "cities/山田/"
    assert [c.slug for c in zoe.travels_to] == ["basel", "山田"]  # not its own city
    assert zoe.city.name == "Zürich" and zoe.city.country_name == "Switzerland"


def test_photographer_attributes(directory):
    zoe = next(p for p in directory[0] if p.slug == "zoe")
    assert zoe.url == "photographers/zoe/" and zoe.scan_url == "photographers/zoe/scan/"
    assert zoe.price.from_ == 380 and zoe.price.to == 900 and zoe.price.currency == "CHF"
    assert zoe.sessions[0].looks == 1 and zoe.sessions[0].minutes is None
    assert zoe.instagram == "zoeadams" and zoe.updated == datetime.date(2026, 10, 1)
    assert zoe.country_name == "Switzerland" and zoe.email is None and zoe.hair_makeup is None
    headshot = zoe.headshots[1]
    assert headshot.source.name == "b.jpg" and headshot.source.is_absolute() and headshot.focus == (0.5, 0.3)
    lines = (zoe.source_path).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == "- file: b.jpg")
    assert (headshot.where.file, headshot.where.line, headshot.where.col, headshot.where.field) == (
        "photographers/zoe/profile.yaml",
        line,
        lines[line - 1].index("b.jpg") + 1,
        "headshots[1].file",
    )


def test_jsonld(directory):
    zoe = next(p for p in directory[0] if p.slug == "zoe")
    og = {zoe.headshots[0].source: "/images/zoe/a-og-123.jpg"}
    data = jsonld(zoe, lambda headshot: og.get(headshot.source))
    assert data["@type"] == "ProfessionalService" and data["name"] == "Zoë Adams"
    assert data["url"] == "https://firstlook.example/photographers/zoe/"
    assert data["address"] == {"@type": "PostalAddress", "addressLocality": "Zürich", "addressCountry": "CH"}
    assert data["priceRange"] == "CHF 380–CHF 900"
    assert [a["name"] for a in data["areaServed"]] == ["Zürich", "Basel", "山田"]
    assert data["sameAs"] == ["https://zoe.example", "https://www.instagram.com/zoeadams/"]
    assert data["makesOffer"] == [{"@type": "Offer", "name": "One look", "price": 380, "priceCurrency": "CHF"}]
    assert data["image"][0]["contentUrl"] == "https://firstlook.example/images/zoe/a-og-123.jpg"
    assert data["image"][0]["creditText"] == "Zoë Adams" and "contentUrl" not in data["image"][1]
    assert "email" not in data
    adam = next(p for p in directory[0] if p.slug == "adam")
    adam_data = jsonld(adam, lambda headshot: None)
    assert adam_data["name"] == "Brown Studio" and adam_data["founder"]["name"] == "adam Brown"
    assert adam_data["makesOffer"][0]["priceSpecification"]["minPrice"] == 300


def test_open_data_has_email_only_when_listed(directory):
    by_slug = {p.slug: profile_data(p, lambda headshot: None) for p in directory[0]}
    assert by_slug["adam"]["email"] == "adam@example.com"
    assert "email" not in by_slug["zoe"]
    assert by_slug["zoe"]["headshots"][1] == {"file": "b.jpg", "alt": "B", "focus": [0.5, 0.3]}
    assert by_slug["zoe"]["price"] == {"currency": "CHF", "from": 380, "to": 900}


def test_scan_pool_is_others_only_deterministic_and_varied(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "photographers"
    for index in range(12):
        profile = minimal_profile(
            name=f"P {index:02}", headshots=[{"file": f"h{n}.jpg", "alt": f"Headshot {n}"} for n in range(3)]
        )
        folder = write_profile(root, f"p{index:02}", profile, images=False).parent
        for n in range(3):
            (folder / f"h{n}.jpg").write_bytes(b"")  # validation only checks the file exists
    profiles, problems = load_profiles(root)
    assert problems == []
    photographers, _ = assemble(profiles, dict(DEFAULTS))
    me = photographers[0]
    pool = ScanRing(photographers).pool(me, 24)
    assert len(pool) == 24 and len({id(h) for h in pool}) == 24
    assert all(h.photographer is not me for h in pool)
    assert len({h.photographer.slug for h in pool[:11]}) == 11  # everyone once before anyone twice
    again, _ = assemble(load_profiles(root)[0], dict(DEFAULTS))
    assert [h.source for h in ScanRing(again).pool(again[0], 24)] == [h.source for h in pool]
    assert len(ScanRing(photographers[:2]).pool(me, 24)) == 3  # small directories: what there is


def test_scan_grid_places_theirs_every_fourth_tile_among_the_pool():
    from types import SimpleNamespace

    me = SimpleNamespace(headshots=[f"mine{n}" for n in range(8)])
    grid = scan_grid(me, ["a", "b", "c"], tiles=24)
    assert len(grid) == 24
    assert [k for k, (_, theirs) in enumerate(grid) if theirs] == [1, 5, 9, 13, 17, 21]  # at most 6 of theirs
    assert [shot for shot, theirs in grid if theirs] == [f"mine{n}" for n in range(6)]
    assert [shot for shot, theirs in grid if not theirs][:7] == ["a", "b", "c", "a", "b", "c", "a"]
    assert scan_grid(me, [], tiles=24) == [(f"mine{n}", True) for n in range(6)]  # nobody else yet


def test_template_helpers_word_values_as_the_pages_do():
    assert (days(1), days(5)) == ("1 day", "5 days")
    home = SimpleNamespace(name="Chicago")
    assert place(SimpleNamespace(city=home, region="IL")) == "Chicago, IL"
    assert place(SimpleNamespace(city=home, region=None)) == "Chicago"


def test_a_sample_never_links_its_made_up_instagram_handle(directory):
    zoe = next(p for p in directory[0] if p.slug == "zoe")
    assert zoe.instagram_url == "https://www.instagram.com/zoeadams/" and not zoe.sample
    marked = dataclasses.replace(zoe.profile, data={**zoe.profile.data, "sample": True})
    sample = Photographer(marked, DEFAULTS)
    assert sample.sample and sample.instagram == "zoeadams" and sample.instagram_url is None
    assert jsonld(sample, lambda headshot: None)["disambiguatingDescription"] == "Fictional sample"
    assert not any("instagram" in url for url in jsonld(sample, lambda headshot: None).get("sameAs", []))
    assert "disambiguatingDescription" not in jsonld(zoe, lambda headshot: None)
