"""A photographer's facts as rows of words: the profile's facts panel and the compare page read the same rows.

One list, one order, one set of labels (from `headshots.vocabulary`): the
profile page renders `facts(p)` and `extras(p)`, and the profile's JSON file
(`compare_data`) carries the same rows, so the compare page shows each fact
under the same title, in the same order, in the same words. A fact the
profile does not give has `value` None, written as `NOT_LISTED`.
"""

from __future__ import annotations

from dataclasses import dataclass

from headshots import pricing, vocabulary
from headshots.text import days, money, money_prefix, place

NOT_LISTED = "Not listed"


@dataclass(frozen=True)
class Fact:
    key: str
    title: str
    value: str | None  # None: the profile does not say
    note: str = ""  # one sentence explaining an enum value
    links: tuple[tuple[str, str], ...] = ()  # (words, root-relative URL) the value names

    def as_json(self) -> dict:
        listed = self.value is not None
        return {
            "key": self.key,
            "title": self.title,
            "value": self.value if listed else NOT_LISTED,
            "listed": listed,
            "note": self.note,
        }


def _enum(p, field: str) -> Fact:
    value = getattr(p, field)
    if not value:
        return Fact(field, vocabulary.title(field), None)
    return Fact(field, vocabulary.title(field), vocabulary.label(field, value), vocabulary.note(field, value))


def price_text(p) -> str:
    """ "$350 to $900" or "From $350"."""
    low, high, cur = p.from_price, p.price.to, p.currency
    if high and high != low:
        return f"{money(low, cur)} to {money(high, cur)}"
    return f"From {money(low, cur)}"


def facts(p) -> list[Fact]:
    """The facts panel: what every profile answers, in one order."""
    lead, turnaround = p.booking_lead_days, p.turnaround_days
    finished = f"Finished files {days(turnaround)} after the session" if turnaround else None
    return [
        Fact("price", "Price", price_text(p)),
        _enum(p, "hair_makeup"),
        _enum(p, "retouching"),
        _enum(p, "proofs"),
        Fact("turnaround", "Turnaround", finished),
        Fact("lead", "Booking lead time", f"Usually about {days(lead)}’ wait for a session" if lead else None),
        _enum(p, "usage"),
        Fact(
            "lighting",
            vocabulary.title("lighting"),
            ", ".join(vocabulary.label("lighting", v) for v in p.lighting) or None,
        ),
        Fact("specialties", "Specialties", ", ".join(vocabulary.label("specialties", s) for s in p.specialties)),
        Fact(
            "travels",
            "Travels to",
            ", ".join(c.name for c in p.travels_to) or f"Shoots in {p.city.name} only",
            links=tuple((c.name, c.url) for c in p.travels_to),
        ),
    ]


def _add_on(p, key: str, title: str) -> Fact:
    if key == "hair_makeup" and p.hair_makeup == "included":
        return Fact(key, title, "Included in the session")
    if key == "hair_makeup" and p.hair_makeup == "none":
        return Fact(key, title, "Not offered")
    price = getattr(p.add_ons, key)
    if price is None:
        return Fact(key, title, None)
    return Fact(key, title, money(price, p.currency) + ("" if key == "hair_makeup" else " each"))


def extras(p) -> list[Fact]:
    """Add-ons and policies: what extras cost and what booking commits you to."""
    rows = [_add_on(p, key, title) for key, title in vocabulary.member_titles("add_ons").items()]
    titles = vocabulary.member_titles("policies")
    deposit, reschedule = p.policies.deposit, p.policies.reschedule
    rows.append(Fact("deposit", titles["deposit"], money(deposit, p.currency) if deposit is not None else None))
    rows.append(Fact("reschedule", titles["reschedule"], reschedule or None))
    return rows


def session_text(session, currency: str) -> str:
    """One session in a line: "Standard: $450, 2 looks, 90 minutes, 3 retouched finals", and whom it
    is for when that is not any adult actor ("…, 1 retouched final (children and teens)")."""
    parts = [money(session.price, currency)]
    if session.looks:
        parts.append(f"{session.looks} look{'' if session.looks == 1 else 's'}")
    if session.minutes:
        parts.append(f"{session.minutes} minutes")
    if session.retouched is not None:
        parts.append(f"{session.retouched} retouched final{'' if session.retouched == 1 else 's'}")
    who = "" if pricing.is_standard(session) else f" ({pricing.who_for(session).lower()})"
    return f"{session.name}: {', '.join(parts)}{who}"


def booking(p) -> dict | None:
    """Where to book, whichever the profile gives first: its booking link, its email, its website."""
    if p.booking_url:
        return {"href": p.booking_url, "how": "booking page"}
    if p.email:
        return {"href": f"mailto:{p.email}", "how": "email"}
    if p.website:
        return {"href": p.website, "how": "website"}
    return None


def compare_data(p, image: dict | None) -> dict:
    """The profile's JSON file for the compare page: the rows above, and the numbers the total is worked from.

    `image` is the card photo (`thumbnails.picture.card_image`). Numbers are as the
    profile gives them; `money_prefix` lets the page write money as the site
    does ("$" + "1,200").
    """
    return {
        "slug": p.slug,
        "name": p.name,
        "url": p.url,
        "place": f"{place(p)}, {p.country_name}",
        "sample": vocabulary.SAMPLE_LABEL if p.sample else None,
        "not_listed": NOT_LISTED,
        "currency": p.currency,
        "money_prefix": money_prefix(p.currency),
        "image": image,
        "facts": [f.as_json() for f in facts(p)],
        "extras": [f.as_json() for f in extras(p)],
        "sessions": [
            {
                "name": s.name,
                "price": s.price,
                "looks": s.looks,
                "retouched": s.retouched,
                "for": s.for_,
                "eligible": list(s.eligible),
                "text": session_text(s, p.currency),
            }
            for s in p.sessions
        ],
        "book": booking(p),
        "hair_makeup": p.hair_makeup,
        "add_ons": {
            "hair_makeup": p.add_ons.hair_makeup,
            "retouched_image": p.add_ons.retouched_image,
            "look": p.add_ons.look,
        },
    }
