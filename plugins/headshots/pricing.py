"""Which session sets "the price", written once.

A session says whom it is for (`for`: actors, the default; young-actors;
business) and who may book it (`eligible`: graduates, students,
returning-clients; none means anyone). "The price" of a photographer, the one
the "From" price on cards and profiles, the price sort, the price bands, the
price-per-look facet and the JSON-LD offers use, is the cheapest session an
adult actor with no special rate could book; without one, `price.from`.
Otherwise a $300 corporate portrait or a £180 graduate rate would pass for
what an actor pays. The compare page picks sessions by the same two fields
(theme/static/js/pricing.js), for the actor's own answers.

Pure functions on the model's `Session`s (anything with `price`, `looks`,
`for_`, `eligible`) and a validated profile's data: no later stage imported.
"""

from __future__ import annotations

from dataclasses import replace

from headshots import vocabulary

#: Whom a session is for, in the order a profile lists them: business portraits last.
AUDIENCES = ("actors", "young-actors", "business")
DEFAULT_AUDIENCE = "actors"


def standard(audience: str, eligible) -> bool:
    """Whether a session for `audience`, bookable by `eligible` (empty: anyone), sets the price."""
    return audience == DEFAULT_AUDIENCE and not eligible


def is_standard(session) -> bool:
    """A session for adult actors that anyone may book."""
    return standard(session.for_, session.eligible)


def price_session(sessions):
    """The cheapest standard session (the first listed of equal price), or None."""
    standard = [s for s in sessions if is_standard(s)]
    return min(standard, key=lambda s: s.price) if standard else None


def the_price(sessions, price_from: float) -> float:
    """The price a photographer is shown, sorted and banded by."""
    session = price_session(sessions)
    return session.price if session else price_from


def price_per_look(sessions) -> float | None:
    """The lowest price per look among the standard sessions that say how many looks they give."""
    prices = [s.price / s.looks for s in sessions if is_standard(s) and s.looks]
    return min(prices) if prices else None


def in_listing_order(sessions) -> list:
    """Sessions as a profile lists them: actors', then young actors', then business; else as written."""
    return sorted(sessions, key=lambda s: AUDIENCES.index(s.for_))


def who_for(session) -> str:
    """Whom a session is for, in words: "Actors", "Children and teens, students only"."""
    words = vocabulary.label("sessions.for", session.for_)
    if session.eligible:
        rates = " or ".join(vocabulary.label("sessions.eligible", e).lower() for e in session.eligible)
        words += f", {rates} only"
    return words


def price_warnings(profiles) -> list:
    """A warning for each validated profile whose price.from is not its cheapest standard session
    (`headshots check` prints them; the build goes on, showing the session's price)."""
    warnings = []
    for profile in profiles:
        data = profile.data
        prices = [
            s["price"] for s in data.get("sessions", []) if standard(s.get("for", DEFAULT_AUDIENCE), s.get("eligible"))
        ]
        written = data["price"]["from"]
        if prices and min(prices) != written:
            cheapest = _number(min(prices))
            message = (
                f"is {_number(written)}, but the cheapest session for adult actors that anyone may book costs "
                f"{cheapest}: cards, sorting and price bands show {cheapest}, so write that here"
            )
            warnings.append(replace(profile.where(("price", "from"), message=message), warning=True))
    return warnings


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
