"""What the templates get: Photographer, Headshot, City, and the helpers that make them.

Objects are plain classes built from a validated profile, so a template can
rely on every attribute existing (optional fields are None or empty lists).
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from headshots import pricing
from headshots.countries import country_name
from headshots.errors import Problem
from headshots.text import city_slug, money, sort_key

# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Price:
    currency: str
    from_: float
    to: float | None = None


@dataclass(frozen=True)
class Session:
    name: str
    price: float
    looks: int | None = None
    minutes: int | None = None
    retouched: int | None = None
    for_: str = pricing.DEFAULT_AUDIENCE  # whom it is for: actors, young-actors, business
    eligible: tuple[str, ...] = ()  # who may book it (graduates, students, returning-clients); () anyone


@dataclass(frozen=True)
class AddOns:
    """What extras cost, in the profile's currency (None: not listed)."""

    hair_makeup: float | None = None
    retouched_image: float | None = None
    look: float | None = None


@dataclass(frozen=True)
class Policies:
    deposit: float | None = None
    reschedule: str | None = None


@dataclass(eq=False)
class Headshot:
    """One sample image (its renditions are the pictures stage's: `headshots.pagedata.PageData.picture_of`)."""

    file: str
    alt: str
    source: Path
    where: Problem
    look: str | None = None
    focus: tuple[float, float] | None = None
    photographer: Photographer | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"<Headshot {self.source}>"


@dataclass(eq=False)
class City:
    name: str
    slug: str
    country: str
    url: str = ""
    save_as: str = ""
    based: list = field(default_factory=list)
    visiting: list = field(default_factory=list)

    @property
    def photographers(self) -> list:
        """Everyone based here, then everyone who travels here."""
        return [*self.based, *self.visiting]

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    def __repr__(self) -> str:
        return f"<City {self.slug}>"


class Photographer:
    """One validated profile, as templates use it (see docs/ARCHITECTURE.md)."""

    def __init__(self, profile, settings: dict):
        data = profile.data
        self.profile = profile
        self.slug = profile.slug
        self.source_path = profile.path
        self.name = data["name"]
        self.studio = data.get("studio")
        location = data["location"]
        self.city_name = location["city"]
        self.region = location.get("region")
        self.country = location["country"]
        self.country_name = country_name(self.country)
        self.city = None  # a City, set when the directory is assembled
        self.travels_to_names = list(data.get("travels_to", []))
        self.travels_to = []  # Cities, set when the directory is assembled
        self.specialties = list(data["specialties"])
        self.lighting = list(data.get("lighting", []))
        price = data["price"]
        self.price = Price(price["currency"], price["from"], price.get("to"))
        self.currency = self.price.currency
        self.sessions = pricing.in_listing_order(
            Session(
                s["name"],
                s["price"],
                s.get("looks"),
                s.get("minutes"),
                s.get("retouched"),
                s.get("for", pricing.DEFAULT_AUDIENCE),
                tuple(s.get("eligible", ())),
            )
            for s in data.get("sessions", [])
        )
        # "The price" (headshots.pricing): the "From" price, the price sort, bands and offers.
        self.from_price = pricing.the_price(self.sessions, self.price.from_)
        self.add_ons = AddOns(**data.get("add_ons", {}))
        self.policies = Policies(**data.get("policies", {}))
        for key in (
            "hair_makeup",
            "retouching",
            "proofs",
            "turnaround_days",
            "booking_lead_days",
            "usage",
            "website",
            "booking_url",
            "email",
            "bio",
        ):
            setattr(self, key, data.get(key))
        # A datetime.date (the schema has checked the YYYY-MM-DD form and the date).
        self.updated = datetime.date.fromisoformat(data["updated"]) if data.get("updated") else None
        instagram = data.get("instagram")
        self.instagram = instagram.lstrip("@") if instagram else None
        # A fictional sample (`sample: true` in its profile): marked as one on every card, profile and
        # comparison. Its Instagram handle is made up and anyone could register it: no link to it, here or
        # in JSON-LD. A profile without the key is a real photographer's, never marked.
        self.sample = data.get("sample") is True
        self.instagram_url = (
            f"https://www.instagram.com/{self.instagram}/" if self.instagram and not self.sample else None
        )
        self.bio_html = profile.bio_html
        folder = Path(os.path.abspath(profile.path.parent))
        self.headshots = []
        for index, item in enumerate(data["headshots"]):
            where = profile.where(("headshots", index, "file"))
            focus = tuple(item["focus"]) if "focus" in item else None
            self.headshots.append(
                Headshot(
                    file=item["file"],
                    alt=item["alt"],
                    source=folder / item["file"],
                    where=where,
                    look=item.get("look"),
                    focus=focus,
                    photographer=self,
                )
            )
        self.url = settings["PHOTOGRAPHER_URL"].format(slug=self.slug)
        self.save_as = settings["PHOTOGRAPHER_SAVE_AS"].format(slug=self.slug)
        self.scan_url = settings["PHOTOGRAPHER_SCAN_URL"].format(slug=self.slug)
        self.scan_save_as = settings["PHOTOGRAPHER_SCAN_SAVE_AS"].format(slug=self.slug)
        self.siteurl = settings.get("SITEURL", "")

    def __repr__(self) -> str:
        return f"<Photographer {self.slug}>"

    @property
    def sort_key(self):
        return (*sort_key(self.name), self.slug)

    @property
    def price_range(self) -> str:
        """ "$350-$900" or "from $350"."""
        low = money(self.from_price, self.currency)
        if self.price.to is not None and self.price.to != self.from_price:
            return f"{low}–{money(self.price.to, self.currency)}"
        return f"from {low}"

    @property
    def location_label(self) -> str:
        parts = [self.city_name, self.region, self.country_name]
        return ", ".join(p for p in parts if p)


# --------------------------------------------------------------------------- the directory


def assemble(profiles, settings: dict, reuse=()) -> tuple[list[Photographer], list[City]]:
    """Photographers sorted by name, and every city someone is based in or travels to, sorted by name.

    `reuse`: photographers made before from some of these very profile objects (the dev server's
    update after a save): each is taken as it is, only its links to cities are made again.
    """
    made = {id(p.profile): p for p in reuse}
    photographers = []
    for profile in profiles:
        photographer = made.get(id(profile))
        if photographer is None:
            photographer = Photographer(profile, settings)
        else:
            photographer.city, photographer.travels_to = None, []
        photographers.append(photographer)
    photographers.sort(key=lambda p: p.sort_key)
    cities: dict[str, City] = {}

    def city(name: str, country: str) -> City:
        slug = city_slug(name)
        if slug not in cities:
            cities[slug] = City(
                name=name,
                slug=slug,
                country=country,
                url=settings["CITY_URL"].format(slug=slug),
                save_as=settings["CITY_SAVE_AS"].format(slug=slug),
            )
        return cities[slug]

    # Home cities first, so a city's name and country come from someone based there.
    for p in photographers:
        p.city = city(p.city_name, p.country)
        p.city.based.append(p)
    for p in photographers:
        seen = {id(p.city)}  # a set per photographer: no scan of a city's (long) visitor list
        for name in p.travels_to_names:
            target = city(name, p.country)
            if id(target) in seen:
                continue
            seen.add(id(target))
            p.travels_to.append(target)
            target.visiting.append(p)
    return photographers, sorted(cities.values(), key=lambda c: (*sort_key(c.name), c.slug))


def _ring_place(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


class ScanRing:
    """The photographers with headshots in an order fixed by their slugs' hashes: each scan page's pool.

    A photographer's pool is about `size` headshots by OTHER photographers,
    the same on every build: in a big directory, one headshot each from the
    `size` photographers that follow a place on the ring picked by the
    photographer's own slug. Adding or removing a photographer changes only
    the pools whose window held that place (about `size` of them), so the dev
    server re-renders a few scan pages, not all of them (docs/ARCHITECTURE.md).
    A small directory is shuffled whole with a seed from the slug and picked
    round-robin (one headshot each before anyone's second). O(size) a pool.
    """

    def __init__(self, photographers: list[Photographer]):
        self.photographers = photographers
        ranked = sorted((_ring_place(p.slug), index) for index, p in enumerate(photographers) if p.headshots)
        self.places = [place for place, _ in ranked]
        self.members = [photographers[index] for _, index in ranked]

    def pool(self, photographer: Photographer, size: int) -> list[Headshot]:
        seed = _ring_place(photographer.slug)
        if len(self.members) > size * 2 + 1:
            start = bisect.bisect(self.places, _ring_place(photographer.slug + "/scan"))
            window = self.members[start : start + size + 1]
            window += self.members[: size + 1 - len(window)]  # round the end of the ring
            others = [other for other in window if other is not photographer][:size]
            return [other.headshots[seed % len(other.headshots)] for other in others]
        others = [p for p in self.photographers if p is not photographer and p.headshots]
        random.Random(seed).shuffle(others)
        pool = []
        round_ = 0
        while len(pool) < size and any(round_ < len(p.headshots) for p in others):
            for p in others:
                if round_ < len(p.headshots) and len(pool) < size:
                    pool.append(p.headshots[(round_ + seed) % len(p.headshots)])
            round_ += 1
        return pool


def scan_grid(
    photographer: Photographer, pool: list[Headshot], tiles: int = 24, theirs: int = 6
) -> list[tuple[Headshot, bool]]:
    """A photographer's scan page grid: `tiles` pairs (headshot, is_theirs).

    Up to `theirs` of their headshots sit at every 4th tile from the second
    (scan.js moves them to random visible places when the timer starts); the
    other tiles cycle through `pool`. Without a pool, just their headshots.
    """
    mine = photographer.headshots[:theirs]
    if not pool:
        return [(headshot, True) for headshot in mine]
    grid, taken = [], 0
    for k in range(tiles):
        if taken < len(mine) and k % 4 == 1:
            grid.append((mine[taken], True))
            taken += 1
        else:
            grid.append((pool[(k - taken) % len(pool)], False))
    return grid
