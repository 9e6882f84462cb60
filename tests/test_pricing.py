"""Which session sets "the price", and the check that price.from agrees with it (headshots.pricing)."""

import pytest

from headshots import pricing
from headshots.model import Session, assemble
from headshots.pagedata.facts import compare_data, session_text
from headshots.pagedata.jsonld import jsonld
from headshots.reading import load_profile, load_profiles
from headshots.settings import DEFAULTS

from factories import minimal_profile, write_profile

CORPORATE = Session("Corporate portrait", 300, 1, for_="business")
KIDS = Session("Kids refresh", 150, 1, for_="young-actors")
GRADUATE = Session("Graduate session", 180, 1, eligible=("graduates",))
ACTOR = Session("Actor, two types", 525, 2)
BIG = Session("Actor, four types", 750, 4)


@pytest.mark.parametrize(
    "sessions, price",
    [
        ([CORPORATE, ACTOR, BIG], 525),  # a business portrait never sets it
        ([KIDS, ACTOR], 525),  # nor a child's session
        ([GRADUATE, BIG], 750),  # nor a rate only some may book
        ([BIG, ACTOR], 525),  # the cheapest, wherever it is listed
        ([KIDS, CORPORATE, GRADUATE], 99),  # no standard session: price.from
        ([], 99),
    ],
)
def test_the_price_is_the_cheapest_session_any_adult_actor_may_book(sessions, price):
    assert pricing.the_price(sessions, 99) == price


def test_price_per_look_uses_the_same_sessions():
    # Corporate 300/1 and graduate 180/1 are cheaper a look, but not for this actor: 525/2, 750/4.
    assert pricing.price_per_look([CORPORATE, GRADUATE, ACTOR, BIG]) == 187.5
    assert pricing.price_per_look([CORPORATE, KIDS]) is None


def test_sessions_are_listed_actors_first_then_young_actors_then_business():
    order = pricing.in_listing_order([CORPORATE, KIDS, BIG, GRADUATE])
    assert [s.name for s in order] == ["Actor, four types", "Graduate session", "Kids refresh", "Corporate portrait"]


def test_whom_a_session_is_for_in_words():
    assert pricing.who_for(ACTOR) == "Actors"
    assert pricing.who_for(KIDS) == "Children and teens"
    assert pricing.who_for(CORPORATE) == "Business portraits"
    assert pricing.who_for(Session("Grads", 1, eligible=("graduates", "students"))) == (
        "Actors, recent graduates or students only"
    )
    assert session_text(KIDS, "USD") == "Kids refresh: $150, 1 look (children and teens)"
    assert session_text(ACTOR, "USD") == "Actor, two types: $525, 2 looks"


JORDAN = minimal_profile(
    name="Jordan Test",
    price={"currency": "USD", "from": 300, "to": 750},
    sessions=[
        {"name": "Corporate portrait", "price": 300, "looks": 1, "for": "business"},
        {"name": "Actor, two types", "price": 525, "looks": 2},
        {"name": "Kids", "price": 200, "for": "young-actors"},
        {"name": "Graduates", "price": 250, "eligible": ["graduates", "students"]},
    ],
    booking_url="https://jordan.example/book",
)


def test_a_price_from_that_is_not_the_sessions_is_a_warning_at_its_line(tmp_path):
    path = write_profile(tmp_path, "jordan", JORDAN)
    profile, problems = load_profile(path)
    assert problems == []
    (warning,) = pricing.price_warnings([profile])
    line = path.read_text().splitlines().index("  from: 300") + 1
    assert warning.warning and warning.file.endswith("jordan/profile.yaml")
    assert str(warning) == (
        f"{warning.file}:{line}:9: warning: price.from: is 300, but the cheapest session for adult actors "
        "that anyone may book costs 525: cards, sorting and price bands show 525, so write that here"
    )
    agreeing = write_profile(tmp_path, "agreeing", {**JORDAN, "price": {"currency": "USD", "from": 525}})
    assert pricing.price_warnings([load_profile(agreeing)[0]]) == []
    # Without a standard session there is nothing to disagree with.
    only_kids = {**JORDAN, "sessions": [{"name": "Kids", "price": 200, "for": "young-actors"}]}
    assert pricing.price_warnings([load_profile(write_profile(tmp_path, "kids", only_kids))[0]]) == []


def test_the_model_the_offers_and_the_compare_data_use_the_price(tmp_path):
    write_profile(tmp_path, "jordan", JORDAN)
    profiles, _ = load_profiles(tmp_path)
    (jordan,), _ = assemble(profiles, dict(DEFAULTS, SITEURL="https://firstlook.example", SAMPLE_CONTENT=False))
    assert jordan.from_price == 525 and jordan.price_range == "$525–$750"
    assert [s.name for s in jordan.sessions] == ["Actor, two types", "Graduates", "Kids", "Corporate portrait"]
    offers = [(o["name"], o["price"]) for o in jsonld(jordan, lambda headshot: None)["makesOffer"]]
    assert offers == [
        ("Actor, two types", 525),
        ("Graduates (Actors, recent graduates or students only)", 250),
        ("Kids (Children and teens)", 200),
        ("Corporate portrait (Business portraits)", 300),
    ]
    assert jsonld(jordan, lambda headshot: None)["priceRange"] == "$525–$750"
    data = compare_data(jordan, None)
    assert [(s["for"], s["eligible"]) for s in data["sessions"]] == [
        ("actors", []),
        ("actors", ["graduates", "students"]),
        ("young-actors", []),
        ("business", []),
    ]
    assert data["book"] == {"href": "https://jordan.example/book", "how": "booking page"}
