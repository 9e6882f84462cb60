"""Being a sample is a fact of one profile (`sample: true`): a real profile next to the samples is never marked."""

import json
import re

import pytest
import yaml

from conftest import FAST_BUILD, REPO, build_directory
from factories import minimal_profile

LABEL = "Fictional sample"
BADGE = "Sample profile: a fictional photographer"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One sample and one real photographer in the same city, built by Pelican."""
    return build_directory(
        tmp_path_factory.mktemp("samples"),
        {
            "sam-sample": minimal_profile(name="Sam Sample", sample=True, instagram="samsample"),
            "rita-real": minimal_profile(name="Rita Real", instagram="ritareal"),
        },
        {**FAST_BUILD, "SEARCH_ENABLED": True},
    )


def _page(site, path):
    return (site / path).read_text(encoding="utf-8")


def _card(html, name):
    """The directory card that names `name` (cards are <article> elements)."""
    cards = re.findall(r"<article\b.*?</article>", html, re.S)
    return next(card for card in cards if name in card)


def _jsonld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_every_sample_profile_in_the_repository_says_so():
    profiles = sorted((REPO / "photographers").glob("*/profile.yaml"))
    assert len(profiles) >= 18
    unmarked = [
        p.parent.name for p in profiles if yaml.safe_load(p.read_text(encoding="utf-8")).get("sample") is not True
    ]
    assert unmarked == []


def test_the_site_wide_switch_is_gone():
    assert "SAMPLE_CONTENT" not in (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    for template in (REPO / "theme" / "templates").rglob("*.html"):
        assert "SAMPLE_CONTENT" not in template.read_text(encoding="utf-8"), template


def test_cards_mark_the_sample_only(site):
    listing = _page(site, "photographers/index.html")
    assert LABEL in _card(listing, "Sam Sample")
    assert LABEL not in _card(listing, "Rita Real")


def test_profile_pages_mark_the_sample_only(site):
    sample, real = _page(site, "photographers/sam-sample/index.html"), _page(site, "photographers/rita-real/index.html")
    assert BADGE in sample and BADGE not in real
    # The search result's card comes from the page's Pagefind meta.
    assert 'data-pagefind-meta="sample[data-value]"' in sample and 'data-pagefind-meta="sample[data-value]"' not in real
    # A real photographer's Instagram is a link; a sample's made-up handle never is.
    assert 'href="https://www.instagram.com/ritareal/"' in real and "instagram.com/samsample" not in sample


def test_json_ld_marks_the_sample_only(site):
    sample = _jsonld(_page(site, "photographers/sam-sample/index.html"))
    real = _jsonld(_page(site, "photographers/rita-real/index.html"))
    assert sample["disambiguatingDescription"] == LABEL
    assert "disambiguatingDescription" not in real
    assert real["sameAs"] == ["https://www.instagram.com/ritareal/"]


def test_open_data_and_compare_data_mark_the_sample_only(site):
    everyone = {p["slug"]: p for p in json.loads(_page(site, "photographers.json"))["photographers"]}
    assert everyone["sam-sample"]["sample"] is True and "sample" not in everyone["rita-real"]
    sample = json.loads(_page(site, "photographers/sam-sample/index.json"))
    real = json.loads(_page(site, "photographers/rita-real/index.json"))
    assert sample["compare"]["sample"] == LABEL and real["compare"]["sample"] is None


def test_the_footer_explains_the_label_while_a_sample_is_listed(site):
    assert f"Photographers marked “{LABEL}” are made up" in _page(site, "index.html")


def test_the_scaffold_never_writes_the_sample_key(tmp_path):
    from headshots.cli import new_photographer

    written = yaml.safe_load(new_photographer("Rita Real", tmp_path).read_text(encoding="utf-8"))
    assert "sample" not in written
