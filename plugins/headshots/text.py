"""How the site writes names, addresses and amounts: one place for each rule.

Slugs (a photographer's folder, a city's address), alphabetical order, money,
day counts and place names. Pure Python: the model, the pages, the search
data and `headshots new` all call these, so they can never disagree.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN_SPECIAL = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "þ": "th",
    "Þ": "th",
    "ı": "i",
}


def fold(text: str) -> str:
    """Drop accents from Latin letters only (Zürich -> Zurich); other scripts stay as written."""
    out = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and out and _is_latin(out[-1]):
            continue
        out.append(_LATIN_SPECIAL.get(char, char))
    return unicodedata.normalize("NFC", "".join(out))


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN ")


def slug(text: str) -> str:
    """An address segment: Zürich -> zurich, São Paulo -> sao-paulo, Zoë O'Brien -> zoe-obrien, 山田 -> 山田.

    Apostrophes vanish (O'Brien is one word); any other run of non-letters is one hyphen.
    """
    folded = re.sub(r"['’]", "", fold(text).lower())
    return re.sub(r"[\W_]+", "-", folded).strip("-")


# A city's address is its name as a slug (one name, to the letter, for the page and every link to it).
city_slug = slug


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order for people and places: case and accents ignored, ties broken stably."""
    return (fold(name).casefold(), name)


def sort_text(text) -> str:
    """A name as a search sort key: case-folded, accents dropped ("Élodie" sorts with "elodie")."""
    return fold(str(text or "")).casefold().strip()


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$"}


def money(amount, currency: str) -> str:
    """A price as actors read it: $350, £240, €1,200, CA$400, A$300, CHF 380, SEK 2,500, $99.50."""
    if amount is None:
        return ""
    whole = float(amount).is_integer()
    number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return money_prefix(currency) + number


def money_prefix(currency: str) -> str:
    """What goes before the number: "$", "CA$", "CHF " (the compare page's script writes money with it)."""
    symbol = _SYMBOLS.get(currency)
    return symbol if symbol else f"{currency} "


def plural(count: int, noun: str) -> str:
    """ "1 profile", "2 profiles", "1,475 files": the count and the noun, with an s unless there is one."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def days(count: int) -> str:
    """ "1 day", "5 days"."""
    return plural(count, "day")


def place(photographer) -> str:
    """Where a photographer is based, as a page says it: "Chicago", "Chicago, IL"."""
    city, region = photographer.city.name, photographer.region
    return f"{city}, {region}" if region else city
