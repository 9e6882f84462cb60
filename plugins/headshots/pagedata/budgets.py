"""Money filters per currency, from the directory's own prices: the price bands and the budget keys.

Why bands from the data: fixed bands ($300, $600) fit dollars only. Every
yen price would be "600 and up", and a Toronto actor's "$300 to $600" held
no Canadian photographer. So each currency's bands split that currency's
photographers into thirds, cut at round numbers in that currency (450,
2,500, 35,000). A band's filter value carries its own bounds
("cad-450-700"), so its label is written from the value alone and the
browser needs no table. Bands move when the directory's prices move; a
link to a band that no longer exists is dropped by the browser.

Why budget keys: Pagefind filters match values exactly and know no "at
most". A price is written as its digit count and each leading run of its
digits (CA$ 425 -> cad-3, cad-3-4, cad-3-42, cad-3-425), and a budget is
the few values that cover every whole price up to it
(theme/static/js/finder-budget.js), so "within my budget" is an ordinary
filter: exact, with exact facet counts, for one currency only.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from headshots.pricing import price_per_look
from headshots.text import money

ANY = "any"  # the one band of a currency whose prices cannot be split


def round_number(value: float) -> float:
    """The nearest multiple of 5 at the second digit, halves up: 433 -> 450, 375 -> 400, 33,400 -> 35,000."""
    step = 5 * 10 ** (math.floor(math.log10(value)) - 1)
    rounded = math.floor(value / step + 0.5) * step
    return int(rounded) if float(rounded).is_integer() else rounded


def cuts(amounts) -> tuple:
    """Where one currency's bands meet: at most two round numbers splitting its amounts into thirds.

    A cut is the round number nearest the middle of the gap between the k-th and the next cheapest
    (k a third and two thirds of the way); a cut that would leave a band empty at either end is dropped.
    """
    ordered = sorted(amounts)
    count = len(ordered)
    found = []
    for k in (round(count / 3), round(2 * count / 3)):
        if 0 < k < count:
            cut = round_number((ordered[k - 1] + ordered[k]) / 2)
            if ordered[0] < cut <= ordered[-1] and cut not in found:
                found.append(cut)
    return tuple(sorted(found))


def band_slug(amount: float, edges: tuple) -> str:
    """The band of an amount among its currency's cuts: "under-450", "450-700", "700-plus" or "any"."""
    if not edges:
        return ANY
    low = max((edge for edge in edges if edge <= amount), default=None)
    high = min((edge for edge in edges if edge > amount), default=None)
    if low is None:
        return f"under-{_number(high)}"
    return f"{_number(low)}-plus" if high is None else f"{_number(low)}-{_number(high)}"


def band_label(value: str, suffix: str = "") -> str:
    """The words for a band's filter value: "cad-450-700" -> "CA$450 to CA$700", "chf-any" -> "Any price, in CHF"."""
    currency, _, slug = value.partition("-")
    currency = currency.upper()
    low, _, high = slug.partition("-")
    if slug == ANY:
        return f"Any price{suffix}, in {currency}"
    if low == "under":
        return f"Under {money(float(high), currency)}{suffix}"
    if high == "plus":
        return f"{money(float(low), currency)} and up{suffix}"
    return f"{money(float(low), currency)} to {money(float(high), currency)}{suffix}"


def band_order(value: str) -> tuple:
    """Bands of one currency together, cheapest first."""
    currency, _, slug = value.partition("-")
    low = slug.partition("-")[0]
    return (currency, -math.inf if low in ("under", ANY) else float(low))


def budget_keys(amount: float, currency: str) -> list[str]:
    """A price's budget filter values, in whole units rounded up: CA$425 -> cad-3, cad-3-4, cad-3-42, cad-3-425."""
    digits = str(math.ceil(amount))
    prefix = f"{currency.lower()}-{len(digits)}"
    return [prefix] + [f"{prefix}-{digits[:end]}" for end in range(1, len(digits) + 1)]


class Bands:
    """The cuts of every currency, for the starting price and the price per look, from one directory."""

    def __init__(self, photographers):
        prices, looks = defaultdict(list), defaultdict(list)
        self.counts = Counter()
        for p in photographers:
            prices[p.currency].append(p.from_price)
            self.counts[p.currency] += 1
            if (look := price_per_look(p.sessions)) is not None:
                looks[p.currency].append(look)
        self.edges = {
            "price": {currency: cuts(amounts) for currency, amounts in prices.items()},
            "per_look": {currency: cuts(amounts) for currency, amounts in looks.items()},
        }

    def value(self, key: str, amount: float, currency: str) -> str:
        """The filter value of `amount` in `key`'s bands ("price" or "per_look"): "cad-450-700"."""
        return f"{currency.lower()}-{band_slug(amount, self.edges[key].get(currency, ()))}"

    def currencies(self) -> list[str]:
        """The directory's currencies, most photographers first (the budget's currency choices)."""
        return [currency for currency, _ in sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))]


_last: list = [None, None]  # (photographers, Bands): every page of a build asks for the same directory's


def bands_of(photographers) -> Bands:
    """The directory's bands, worked out once per list of photographers (O(N) once a build, not once a page)."""
    if _last[0] is not photographers:
        _last[:] = [photographers, Bands(photographers or [])]
    return _last[1]


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
