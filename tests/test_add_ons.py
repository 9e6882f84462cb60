"""Add-on prices and policies: in the profile, the page, the open data and the structured data."""

import json
import re

import pytest

from headshots.reading import load_profile

from conftest import FAST_BUILD, build_directory
from factories import minimal_profile, write_profile

SESSIONS = [{"name": "One look", "price": 350, "looks": 1, "retouched": 1}]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    profiles = {
        "maya-okafor": minimal_profile(
            name="Maya Okafor",
            sessions=SESSIONS,
            hair_makeup="available",
            add_ons={"hair_makeup": 125, "retouched_image": 40, "look": 100},
            policies={"deposit": 100, "reschedule": "Free with 48 hours’ notice"},
        ),
        "zoe-adams": minimal_profile(name="Zoe Adams", hair_makeup="included"),
    }
    return build_directory(tmp_path_factory.mktemp("add-ons"), profiles, FAST_BUILD)


def extras(output, slug) -> dict[str, str]:
    """The page's "Add-ons and policies" list: {row title: text}."""
    html = (output / "photographers" / slug / "index.html").read_text(encoding="utf-8")
    block = html.split('id="extras-heading"', 1)[1].split("</dl>", 1)[0]
    rows = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.S)
    return {title: re.sub(r"<[^>]+>", "", text).strip() for title, text in rows}


def test_the_profile_page_lists_every_add_on_and_policy(site):
    assert extras(site, "maya-okafor") == {
        "Hair and makeup": "$125",
        "Extra retouched image": "$40 each",
        "Extra look": "$100 each",
        "Deposit": "$100",
        "Rescheduling": "Free with 48 hours’ notice",
    }
    # nothing listed says so, and hair and makeup follows what the profile says of it
    assert extras(site, "zoe-adams") == {
        "Hair and makeup": "Included in the session",
        "Extra retouched image": "Not listed",
        "Extra look": "Not listed",
        "Deposit": "Not listed",
        "Rescheduling": "Not listed",
    }


def test_add_ons_are_offers_in_the_structured_data(site):
    html = (site / "photographers" / "maya-okafor" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    offers = {offer["name"]: (offer.get("price"), offer.get("priceCurrency")) for offer in data["makesOffer"]}
    assert offers == {
        "One look": (350, "USD"),
        "Hair and makeup (add-on)": (125, "USD"),
        "Extra retouched image (add-on)": (40, "USD"),
        "Extra look (add-on)": (100, "USD"),
    }


def test_add_ons_and_policies_are_in_the_open_data(site):
    data = json.loads((site / "photographers.json").read_text(encoding="utf-8"))
    maya = next(p for p in data["photographers"] if p["slug"] == "maya-okafor")
    assert maya["add_ons"] == {"hair_makeup": 125, "retouched_image": 40, "look": 100}
    assert maya["policies"] == {"deposit": 100, "reschedule": "Free with 48 hours’ notice"}


@pytest.mark.parametrize(
    "fields, expected",
    [
        (
            {"hair_makeup": "included", "add_ons": {"hair_makeup": 80}},
            "add_ons.hair_makeup: a price for hair and makeup needs hair_makeup: available "
            "(it says hair_makeup: included)",
        ),
        (
            {"add_ons": {"hair_makeup": 80}},
            "add_ons.hair_makeup: a price for hair and makeup needs hair_makeup: available (hair_makeup is not set)",
        ),
        ({"add_ons": {"look": 0}}, "add_ons.look: must be more than 0, got 0"),
        ({"add_ons": {"looks": 50}}, 'add_ons.looks: unknown key "looks" (did you mean "look"?)'),
        ({"policies": {"deposit": -20}}, "policies.deposit: must be more than 0, got -20"),
    ],
)
def test_add_on_mistakes_are_refused_with_a_message(tmp_path, fields, expected):
    path = write_profile(tmp_path, "maya-okafor", minimal_profile(name="Maya Okafor", **fields))
    profile, problems = load_profile(path)
    assert profile is None
    assert [f"{p.field}: {p.message}" for p in problems] == [expected]
