"""Price bands cut from each currency's own prices, and the budget keys (headshots.pagedata.budgets).

Every figure below is worked out by hand: thirds of one currency's prices, cut midway between
neighbours at the nearest 5 of the second digit, halves up."""

from types import SimpleNamespace

import pytest

from headshots.model import Session
from headshots.pagedata import budgets


@pytest.mark.parametrize(
    "value, rounded",
    [
        (433, 450),
        (375, 400),
        (325, 350),
        (312.5, 300),
        (2180, 2000),
        (33400, 35000),
        (51500, 50000),
        (685, 700),
        (8, 8),
    ],
)
def test_a_cut_is_a_round_number_in_its_currency(value, rounded):
    assert budgets.round_number(value) == rounded


@pytest.mark.parametrize(
    "amounts, cuts",
    [
        ([180, 250, 400, 520, 850], (350, 450)),  # 325 -> 350, 460 -> 450
        ([275, 350, 425, 600], (300, 500)),  # 312.5 -> 300, 512.5 -> 500
        ([22000, 38000, 65000], (30000, 50000)),  # yen: 30,000 and 51,500 -> 50,000
        ([480, 890], (700,)),  # two prices, two bands
        ([480], ()),  # one price: one band
        ([300, 300, 300], ()),  # no gap to cut in
        ([2400, 2600, 2500, 9000, 3500, 6000], (2500, 5000)),  # kronor: 2,550 -> 2,500; 4,750 -> 5,000
    ],
)
def test_cuts_split_one_currencys_prices_into_thirds(amounts, cuts):
    assert budgets.cuts(amounts) == cuts


def test_each_currency_is_banded_by_its_own_prices_only():
    people = [
        SimpleNamespace(currency=c, from_price=p, sessions=[]) for c, p in [("USD", 200), ("USD", 900), ("JPY", 30000)]
    ]
    bands = budgets.Bands(people)
    assert bands.value("price", 200, "USD") == "usd-under-550"
    assert bands.value("price", 900, "USD") == "usd-550-plus"
    assert bands.value("price", 30000, "JPY") == "jpy-any"
    assert bands.currencies() == ["USD", "JPY"]  # most photographers first


def test_price_per_look_bands_use_the_sessions_an_adult_actor_could_book():
    def person(*sessions):
        return SimpleNamespace(currency="GBP", from_price=sessions[0].price, sessions=list(sessions))

    bands = budgets.Bands(
        [
            person(Session("Two looks", 300, looks=2)),  # 150 a look
            person(Session("One look", 400, looks=1), Session("Business", 50, looks=1, for_="business")),  # 400
        ]
    )
    assert bands.edges["per_look"] == {"GBP": (300,)}  # (150 + 400) / 2 = 275 -> 300


def test_labels_are_written_from_the_value_alone():
    assert budgets.band_label("jpy-30000-50000") == "JPY 30,000 to JPY 50,000"
    assert budgets.band_label("cad-under-300") == "Under CA$300"
    assert budgets.band_label("chf-700-plus", " a look") == "CHF 700 and up a look"
    assert budgets.band_label("sek-any") == "Any price, in SEK"
    values = ["usd-450-plus", "cad-500-plus", "usd-under-350", "cad-under-300", "usd-350-450", "chf-any"]
    assert sorted(values, key=budgets.band_order) == [
        "cad-under-300",
        "cad-500-plus",
        "chf-any",
        "usd-under-350",
        "usd-350-450",
        "usd-450-plus",
    ]


def test_budget_keys_are_the_digit_count_then_each_leading_run_of_digits():
    assert budgets.budget_keys(425, "CAD") == ["cad-3", "cad-3-4", "cad-3-42", "cad-3-425"]
    assert budgets.budget_keys(99.5, "USD") == ["usd-3", "usd-3-1", "usd-3-10", "usd-3-100"]  # whole units, up
    assert budgets.budget_keys(38000, "JPY")[-1] == "jpy-5-38000"
