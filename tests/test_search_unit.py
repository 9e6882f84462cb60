"""Unit tests for the search data (headshots.pagedata.searchdata: filter values, sort keys, facets, the
partials) and the search stage (headshots.indexing)."""

import json
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markupsafe
import pytest

from headshots import indexing, plugin, templating
from headshots.errors import HeadshotsError
from headshots.model import Session
from headshots.pagedata import budgets, searchdata
from headshots.thumbnails.picture import card_image

REPO = Path(__file__).resolve().parents[1]


def pagefind_data(p):
    """A profile's search data with its card photo, as `PageData.pagefind_data` gives it."""
    shot = p.headshots[0] if p.headshots else None
    return searchdata.pagefind_data(p, card_image(shot.picture, shot.alt) if shot else None, budgets.Bands([p]))


def city(name, slug=None, country="US"):
    return SimpleNamespace(name=name, slug=slug or name.lower().replace(" ", "-"), country=country)


def photographer(
    name="Maya Okafor",
    *,
    home=None,
    travels=(),
    specialties=("theatrical",),
    price=350,
    currency="USD",
    country="US",
    country_name="United States",
    **extra,
):
    fields = dict(
        name=name,
        slug=name.lower().replace(" ", "-"),
        studio=None,
        city=home or city("Chicago"),
        region=None,
        country=country,
        country_name=country_name,
        travels_to=list(travels),
        specialties=list(specialties),
        lighting=[],
        price=SimpleNamespace(currency=currency, from_=price, to=None),
        currency=currency,
        from_price=price,  # "the price" (headshots.pricing): no sessions here set it otherwise
        hair_makeup=None,
        retouching=None,
        proofs=None,
        turnaround_days=None,
        booking_lead_days=None,
        usage=None,
        sessions=[],
        headshots=[],
        sample=False,
    )
    fields.update(extra)
    return SimpleNamespace(**fields)


# ---------------------------------------------------------------- price bands and sort keys


@pytest.mark.parametrize(
    "amount, band",
    [
        (1, "usd-under-300"),
        (299, "usd-under-300"),
        (299.99, "usd-under-300"),
        (300, "usd-300-600"),
        (450, "usd-300-600"),
        (599.5, "usd-300-600"),
        (600, "usd-600-plus"),
        (2400, "usd-600-plus"),
    ],
)
def test_price_band_edges(amount, band):
    assert "usd-" + budgets.band_slug(amount, (300, 600)) == band


def test_a_band_never_holds_two_currencies():
    bands = budgets.Bands([photographer("A", price=480, currency="CHF"), photographer("B", price=500)])
    assert bands.value("price", 480, "CHF") == "chf-any"
    assert budgets.band_label("chf-300-600") == "CHF 300 to CHF 600"
    assert budgets.band_label("usd-under-300") == "Under $300"
    assert budgets.band_label("gbp-350-plus", " a look") == "£350 and up a look"


def test_price_sort_keeps_each_currency_together_cheapest_first():
    amounts = [("USD", 1200), ("CHF", 480), ("USD", 80), ("CAD", 350), ("USD", 99.5), ("CHF", 5)]
    keys = sorted(searchdata.sort_number(amount, currency) for currency, amount in amounts)
    assert keys == [
        "CAD000000035000",
        "CHF000000000500",
        "CHF000000048000",
        "USD000000008000",
        "USD000000009950",
        "USD000000120000",
    ]


def test_articles_sort_after_every_photographer_by_price():
    article = SimpleNamespace(title="The casting pipeline")
    assert searchdata.search_sort(article) == {"price": searchdata.ARTICLE_PRICE_SORT, "name": "the casting pipeline"}
    assert searchdata.search_sort(photographer(price=9_999_999))["price"] < searchdata.ARTICLE_PRICE_SORT


def test_name_sort_key_ignores_case_and_accents():
    names = ["zoe Adams", "Émile Fox", "Dev Patel", "eli North"]
    assert sorted(names, key=searchdata.sort_text) == ["Dev Patel", "eli North", "Émile Fox", "zoe Adams"]
    assert searchdata.search_sort(photographer("Émile Fox"))["name"] == "emile fox"


# ---------------------------------------------------------------- filters and facets


def test_filters_of_a_full_profile_in_order():
    p = photographer(
        travels=[city("Evanston"), city("Chicago")],
        specialties=["dance", "musical-theatre"],
        lighting=["studio", "natural"],
        hair_makeup="available",
        retouching="natural",
        proofs="all",
        price=650,
        sessions=[
            Session("Two looks", 650, looks=2),
            Session("Four looks", 900, looks=4),
            Session("Mini", 99),
            Session("Business", 100, looks=1, for_="business"),  # not an actor's price per look
        ],
        turnaround_days=10,
        booking_lead_days=45,
        usage="actor-promotion",
    )
    assert searchdata.search_filters(p, budgets.Bands([p])) == [
        ("type", ["Photographer"]),
        ("city", ["chicago", "evanston"]),  # own city first, duplicates dropped
        ("country", ["US"]),
        ("specialty", ["dance", "musical-theatre"]),
        ("lighting", ["studio", "natural"]),
        ("hair_makeup", ["available"]),
        ("retouching", ["natural"]),
        ("proofs", ["all"]),
        ("price", ["usd-any"]),  # alone in its currency: one band
        ("per_look", ["usd-any"]),  # the cheapest look: 900 / 4 = 225
        ("turnaround", ["within-14"]),
        ("lead", ["over-30"]),
        ("usage", ["actor-promotion"]),
        ("budget", ["usd-3", "usd-3-6", "usd-3-65", "usd-3-650"]),  # "the price": the cheapest actor session
    ]


def test_filters_leave_out_optional_fields_that_are_missing():
    p = photographer()
    keys = [key for key, _ in searchdata.search_filters(p, budgets.Bands([p]))]
    assert keys == ["type", "city", "country", "specialty", "price", "budget"]


def test_facets_count_label_and_order_options():
    toronto = city("Toronto", country="CA")
    people = [
        photographer("A", specialties=["dance", "theatrical"], price=250),
        photographer("B", travels=[toronto], specialties=["musical-theatre"], price=450),
        photographer("C", home=toronto, country="CA", country_name="Canada", specialties=["theatrical"], price=700),
    ]
    facets = {f["key"]: f for f in searchdata.search_facets(people)}
    assert "type" not in facets
    assert [(o["value"], o["label"], o["count"]) for o in facets["city"]["options"]] == [
        ("chicago", "Chicago", 2),
        ("toronto", "Toronto", 2),
    ]
    # enum facets keep the vocabulary's order, not alphabetical or by count
    assert [o["value"] for o in facets["specialty"]["options"]] == ["theatrical", "dance", "musical-theatre"]
    assert facets["specialty"]["options"][2]["label"] == "Musical theater"
    # thirds of 250, 450, 700: cut midway between neighbours (350; 575, to the nearest 50: 600)
    assert [(o["value"], o["label"], o["count"]) for o in facets["price"]["options"]] == [
        ("usd-under-350", "Under $350", 1),
        ("usd-350-600", "$350 to $600", 1),
        ("usd-600-plus", "$600 and up", 1),
    ]
    assert [(o["value"], o["label"]) for o in facets["country"]["options"]] == [
        ("CA", "Canada"),
        ("US", "United States"),
    ]
    assert "lighting" not in facets  # no profile has a value: no empty fieldset


def test_search_page_facets_add_the_type_facet():
    facets = searchdata.search_facets([photographer()], include_type=True, articles=9)
    assert facets[0]["key"] == "type"
    assert [(o["value"], o["count"]) for o in facets[0]["options"]] == [("Photographer", 1), ("Article", 9)]


# ---------------------------------------------------------------- the partials, rendered


@pytest.fixture
def env():
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "theme" / "templates"), trim_blocks=True, lstrip_blocks=True
    )
    templating.install(environment)
    return environment


class FakePicture:
    formats = ["avif", "webp", "jpeg"]
    widths = [160, 320, 480, 640, 960]
    placeholder = "#8a7766"

    def url(self, width, fmt="jpeg"):
        return f"/images/maya-01-{width}.{fmt}"


def parse_spans(html):
    import re

    return re.findall(
        r'<span data-pagefind-(filter|sort|meta)="([a-z_]+)\[data-value\]" data-value="([^"]*)"></span>', html
    )


def test_profile_search_data_writes_filters_sort_and_meta():
    p = photographer(
        "Maya <Okafor>",
        travels=[city("Evanston")],
        specialties=["dance", "musical-theatre"],
        price=1200,
        studio="Okafor & Co",
        region="IL",
        headshots=[SimpleNamespace(alt='Actor in a "navy" sweater', picture=FakePicture())],
    )
    html = pagefind_data(p)
    spans = parse_spans(html)
    filters = [(k, v) for kind, k, v in spans if kind == "filter"]
    assert ("city", "evanston") in filters and ("price", "usd-any") in filters and ("budget", "usd-4-1200") in filters
    assert ("type", "Photographer") in filters
    meta = {k: v for kind, k, v in spans if kind == "meta"}
    assert meta["title"] == "Maya &lt;Okafor&gt;"  # user text escaped
    assert meta["price"] == "from $1,200"  # a comma cannot split a value
    assert meta["image"] == "/images/maya-01-160.webp"  # root-relative, 160 wide
    assert meta["image_srcset"] == (
        "/images/maya-01-160.webp 160w, /images/maya-01-320.webp 320w, "
        "/images/maya-01-480.webp 480w, /images/maya-01-640.webp 640w"
    )
    assert meta["image_avif_srcset"].startswith("/images/maya-01-160.avif 160w, ")
    assert meta["image_alt"] == "Actor in a &#34;navy&#34; sweater"
    assert meta["city"] == "Chicago, IL" and meta["studio"] == "Okafor &amp; Co"
    assert meta["specialties"] == "Dance, Musical theater"
    assert meta["slug"] == "maya-&lt;okafor&gt;" and "sample" not in meta  # the compare toggle's slug, escaped
    sample = parse_spans(pagefind_data(photographer(sample=True)))
    assert ("meta", "sample", "Fictional sample") in sample
    assert meta["travels"] == "Evanston"
    assert "facts" not in meta  # nothing stated, no empty line
    sorts = {k: v for kind, k, v in spans if kind == "sort"}
    assert sorts == {"price": "USD000000120000", "name": "maya <okafor>".replace("<", "&lt;").replace(">", "&gt;")}
    # hidden, and no text of its own reaches the indexed words
    assert html.lstrip().startswith('<div class="pagefind-data" hidden>')
    assert markupsafe.Markup(html).striptags().strip() == ""


@pytest.mark.parametrize(
    "fields, facts",
    [
        ({}, []),
        (
            {"hair_makeup": "included", "proofs": "all", "turnaround_days": 1},
            ["Hair and makeup: Included", "Proofs: Every frame", "Finals in 1 day"],
        ),
        (
            {"hair_makeup": "none", "proofs": "selects", "turnaround_days": 14},
            ["Hair and makeup: Not offered", "Proofs: Selects only", "Finals in 14 days"],
        ),
        ({"hair_makeup": "available"}, ["Hair and makeup: At extra cost"]),
    ],
)
def test_card_facts_are_what_a_card_and_a_search_result_show(fields, facts):
    p = photographer(**fields)
    assert searchdata.card_facts(p) == facts
    meta = {k: v for kind, k, v in parse_spans(pagefind_data(p)) if kind == "meta"}
    assert meta.get("facts") == (" · ".join(facts).replace("&", "&amp;") if facts else None)


def test_article_partial_has_type_and_every_sort_key(env):
    article = SimpleNamespace(title="Surviving the <em>five-second</em> scan", summary="<p>Short.</p>")
    html = env.get_template("_pagefind_article.html").render(article=article)
    spans = parse_spans(html)
    assert ("filter", "type", "Article") in spans
    assert {k for kind, k, _ in spans if kind == "sort"} == {"price", "name"}
    assert ("meta", "title", "Surviving the five-second scan") in spans


def test_facets_partial_lists_every_option_as_a_checkbox(env):
    people = [photographer("A", specialties=["dance"]), photographer("B", home=city("New York"))]
    html = env.get_template("_directory_facets.html").render(photographers=people, SITEURL="")
    assert 'name="city" value="chicago"' in html and 'name="city" value="new-york"' in html
    assert 'name="specialty" value="dance"' in html
    assert 'name="type"' not in html
    assert 'data-finder="directory"' in html and "/theme/js/directory.js" in html
    search_html = env.get_template("_directory_facets.html").render(
        photographers=people, SITEURL="", finder_mode="search", articles=[1, 2]
    )
    assert 'name="type" value="Article"' in search_html and "/theme/js/search.js" in search_html


# ---------------------------------------------------------------- indexing


def write_page(root, rel, body, *, pagefind_body=True):
    path = Path(root) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    attr = " data-pagefind-body" if pagefind_body else ""
    path.write_text(
        f'<!doctype html><html lang="en"><head><title>t</title></head><body>'
        f"<header>chrome</header><main{attr}><h1>{body}</h1><p>{body} words</p></main></body></html>",
        encoding="utf-8",
    )


def test_run_pagefind_indexes_body_pages_and_replaces_a_stale_bundle(tmp_path):
    write_page(tmp_path, "photographers/a/index.html", "Alpha")
    write_page(tmp_path, "photographers/b/index.html", "Beta")
    write_page(tmp_path, "index.html", "Home", pagefind_body=False)
    stale = tmp_path / "pagefind" / "fragment" / "stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    figures = indexing.run_pagefind(tmp_path)
    assert figures["pages"] == 2
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert not stale.exists()
    assert figures["bytes"] > 0


def test_pagefind_reads_only_profiles_and_articles(tmp_path):
    glob = indexing.indexed_glob(
        {"PHOTOGRAPHER_SAVE_AS": "photographers/{slug}/index.html", "ARTICLE_SAVE_AS": "articles/{slug}/index.html"}
    )
    assert glob == "{photographers/*/index.html,articles/*/index.html}"
    assert indexing.indexed_glob({}) is None
    write_page(tmp_path, "photographers/a/index.html", "Alpha")
    write_page(tmp_path, "articles/b/index.html", "Beta")
    write_page(tmp_path, "photographers/a/scan/index.html", "Outside")  # not read, body or not
    assert indexing.run_pagefind(tmp_path, glob=glob)["pages"] == 2
    assert indexing.run_pagefind(tmp_path)["pages"] == 3


def test_run_pagefind_failure_is_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(indexing.IndexingFailed) as caught:
        indexing.run_pagefind(tmp_path / "empty")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("Pagefind exited with status 1: Pagefind was not able to build an index.")


def test_run_pagefind_refuses_a_bundle_outside_the_site(tmp_path):
    with pytest.raises(indexing.IndexingFailed, match="must be a folder inside the output folder"):
        indexing.run_pagefind(tmp_path, bundle_dir="../elsewhere")


def test_run_pagefind_missing_binary_is_explained(tmp_path, monkeypatch):
    write_page(tmp_path, "a/index.html", "Alpha")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(indexing.IndexingFailed, match="the Pagefind binary is missing"):
        indexing.run_pagefind(tmp_path)


def test_finalized_fails_the_build_with_one_line_and_no_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    site = tmp_path / "out"
    write_page(site, "a/index.html", "Alpha")
    pelican = SimpleNamespace(settings={"SEARCH_ENABLED": True}, output_path=str(site))
    with pytest.raises(HeadshotsError):
        plugin.finalized(pelican)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(
        ":1:1: search: indexing failed: the Pagefind binary is missing: install the "
        "project's dependencies (pip install -e .), which include pagefind[bin]"
    )


def test_search_disabled_builds_no_index(tmp_path):
    write_page(tmp_path, "a/index.html", "Alpha")
    plugin.finalized(SimpleNamespace(settings={"SEARCH_ENABLED": False}, output_path=str(tmp_path)))
    assert not (tmp_path / "pagefind").exists()


def test_initialized_sets_defaults_and_keeps_our_functions_out_of_the_settings():
    from pelican.settings import DEFAULT_CONFIG

    settings = {**DEFAULT_CONFIG, "JINJA_FILTERS": {"other": len}}
    plugin.initialized(SimpleNamespace(settings=settings))
    assert settings["SEARCH_ENABLED"] is True
    # Pelican pickles the settings into its content cache: none of our functions may live there
    assert settings["JINJA_FILTERS"] == {"other": len} and settings["JINJA_GLOBALS"] == {}


def test_every_generator_environment_gets_the_template_helpers():
    environment = jinja2.Environment()
    plugin.generator_init(SimpleNamespace(env=environment, settings={}))
    assert environment.filters["card_facts"] is searchdata.card_facts
    assert environment.globals["search_facets"] is searchdata.search_facets
    assert environment.autoescape is True
