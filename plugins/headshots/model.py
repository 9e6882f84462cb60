"""What the templates get: Photographer, Headshot, City, and the helpers that make them.

Objects are plain classes built from a validated profile, so a template can
rely on every attribute existing (optional fields are None or empty lists).
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from headshots import urls
from headshots.countries import country_name
from headshots.errors import Problem
from headshots.text import city_slug, money, sort_key
from headshots.vocabulary import SAMPLE_LABEL, member_titles

# Bios are CommonMark, read by markdown-it-py with raw HTML off, so `<script>`
# in a bio is shown as text. A link to anything but http(s)/mailto becomes its
# plain text (an `<a>` without `href` would be invalid HTML and useless to the
# reader). nh3 then keeps only the tags a bio needs (belt and braces).
# markdown-it-py rather than Python-Markdown (the articles' engine): a bio is
# read for every profile, and it is about 4x faster on one.
_BIO_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"}


def _unlink_unsafe(state) -> None:
    """A core rule: drop the link tokens around the text of a link whose scheme is not allowed."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept, dropped = [], 0
        for token in block.children:
            if token.type == "link_open" and not _linkable(str(token.attrGet("href") or "")):
                dropped += 1  # links do not nest
                continue
            if token.type == "link_close" and dropped:
                dropped -= 1
                continue
            kept.append(token)
        block.children = kept


def _linkable(href: str) -> bool:
    """A bio links only to full http(s) and mailto addresses that pass `urls.problem`."""
    return urlsplit(href).scheme.lower() in urls.SCHEMES and urls.problem(href) is None


@cache
def _bio_markdown() -> MarkdownIt:
    """One parser for every bio: every link is parsed (then `_unlink_unsafe` decides), raw HTML is text."""
    parser = MarkdownIt("commonmark", {"html": False})
    parser.validateLink = lambda url: True
    parser.core.ruler.push("unlink_unsafe", _unlink_unsafe)
    return parser


def render_bio(text: str | None) -> Markup:
    """A Markdown bio as safe HTML: raw HTML escaped, only http(s) and mailto links, rel=nofollow."""
    if not text:
        return Markup("")
    html = _bio_markdown().render(text).rstrip("\n")
    clean = nh3.clean(
        html,
        tags=_BIO_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=set(urls.SCHEMES),
        link_rel="nofollow noopener",
    )
    return Markup(clean)


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
    """One sample image. `picture` (a thumbnails `Picture`) is attached by `Directory.attach_pictures`."""

    file: str
    alt: str
    source: Path
    where: Problem
    look: str | None = None
    focus: tuple[float, float] | None = None
    photographer: Photographer | None = field(default=None, repr=False)
    picture: object = None

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
        self.sessions = [
            Session(s["name"], s["price"], s.get("looks"), s.get("minutes"), s.get("retouched"))
            for s in data.get("sessions", [])
        ]
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
        low = money(self.price.from_, self.currency)
        if self.price.to is not None and self.price.to != self.price.from_:
            return f"{low}–{money(self.price.to, self.currency)}"
        return f"from {low}"

    @property
    def location_label(self) -> str:
        parts = [self.city_name, self.region, self.country_name]
        return ", ".join(p for p in parts if p)

    @property
    def jsonld(self) -> dict:
        """schema.org structured data (built when a page reads it: after `Directory.attach_pictures`)."""
        return jsonld(self)

    def open_data(self) -> dict:
        """This profile for /photographers.json: the fields as written, plus its URLs."""
        data = {key: value for key, value in self.profile.data.items() if key != "headshots"}
        data["slug"] = self.slug
        data["url"] = self.url
        data["city_url"] = self.city.url if self.city else None
        headshots = []
        for headshot in self.headshots:
            item = {
                key: value
                for key, value in (("file", headshot.file), ("alt", headshot.alt), ("look", headshot.look))
                if value is not None
            }
            if headshot.focus is not None:
                item["focus"] = list(headshot.focus)
            image = _picture_url(headshot)
            if image:
                item["image"] = image
            headshots.append(item)
        data["headshots"] = headshots
        return data


def _picture_url(headshot: Headshot) -> str | None:
    """The headshot's shareable JPEG (its Open Graph card), once `Directory.attach_pictures` has run."""
    return headshot.picture.og_url if headshot.picture is not None else None


def _absolute(siteurl: str, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def jsonld(photographer: Photographer) -> dict:
    """schema.org structured data for a profile page: the business, its sessions, its headshots."""
    p = photographer
    address = {"@type": "PostalAddress", "addressLocality": p.city_name, "addressCountry": p.country}
    if p.region:
        address["addressRegion"] = p.region
    cities = [p.city, *p.travels_to] if p.city else []
    areas = [{"@type": "City", "name": city.name} for city in cities] or [{"@type": "City", "name": p.city_name}]
    data = {
        "@context": "https://schema.org",
        "@type": "ProfessionalService",
        "additionalType": "https://schema.org/LocalBusiness",
        "name": p.studio or p.name,
        "url": _absolute(p.siteurl, p.url),
        "address": address,
        "areaServed": areas,
        "priceRange": p.price_range,
        "currenciesAccepted": p.currency,
        "knowsAbout": [f"{s} headshots" for s in p.specialties],
    }
    if p.studio:
        data["founder"] = {"@type": "Person", "name": p.name}
    if p.sample:
        data["disambiguatingDescription"] = SAMPLE_LABEL
    same_as = [url for url in (p.website, p.instagram_url) if url]
    if same_as:
        data["sameAs"] = same_as
    if p.email:
        data["email"] = p.email
    if p.bio_html:
        data["description"] = p.bio_html.striptags()  # the bio as plain text: no Markdown, no link targets
    data["makesOffer"] = _offers(p)
    data["image"] = [_image_object(p, headshot) for headshot in p.headshots]
    return data


def _offers(p: Photographer) -> list[dict]:
    """One Offer a session (without sessions, one for the price range), then one for each priced add-on."""
    offers = [_offer(p, session.name, session.price) for session in p.sessions]
    if not offers:
        price = {"@type": "PriceSpecification", "priceCurrency": p.currency, "minPrice": _plain_number(p.price.from_)}
        if p.price.to is not None:
            price["maxPrice"] = _plain_number(p.price.to)
        offers.append({"@type": "Offer", "name": "Headshot session", "priceSpecification": price})
    for key, title in member_titles("add_ons").items():
        if getattr(p.add_ons, key) is not None:
            offers.append(_offer(p, f"{title} (add-on)", getattr(p.add_ons, key)))
    return offers


def _offer(p: Photographer, name: str, price: float) -> dict:
    offer = {"@type": "Offer", "name": name, "price": _plain_number(price), "priceCurrency": p.currency}
    if p.booking_url:
        offer["url"] = p.booking_url
    return offer


def _image_object(p: Photographer, headshot: Headshot) -> dict:
    image = {
        "@type": "ImageObject",
        "caption": headshot.alt,
        "creditText": p.name,
        "creator": {"@type": "Person", "name": p.name},
    }
    url = _picture_url(headshot)
    if url:
        image["contentUrl"] = _absolute(p.siteurl, url)
    return image


def _plain_number(value):
    return int(value) if float(value).is_integer() else value


# --------------------------------------------------------------------------- the directory


def assemble(profiles, settings: dict) -> tuple[list[Photographer], list[City]]:
    """Photographers sorted by name, and every city someone is based in or travels to, sorted by name."""
    photographers = sorted((Photographer(p, settings) for p in profiles), key=lambda p: p.sort_key)
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


def scan_pool(photographer: Photographer, photographers: list[Photographer], size: int) -> list[Headshot]:
    """About `size` headshots by OTHER photographers, the same on every build.

    The others are shuffled with a seed derived from the slug, then picked
    round-robin (one headshot each before anyone's second), so the grid
    shows as many different photographers as possible.

    Cost is O(size), not O(N): in a directory with more than `size` others,
    `size` of them are sampled (by index, with the same seeded generator) and
    each gives one headshot; only a small directory is shuffled whole.
    """
    seed = int.from_bytes(hashlib.sha256(photographer.slug.encode()).digest()[:8], "big")
    rng = random.Random(seed)
    if len(photographers) > size * 2 + 1:
        picked, seen = [], set()
        # every profile has at least one headshot (the schema says so); skip any that has none
        while len(picked) < size and len(seen) < len(photographers):
            index = rng.randrange(len(photographers))
            if index in seen:
                continue
            seen.add(index)
            other = photographers[index]
            if other is not photographer and other.headshots:
                picked.append(other.headshots[seed % len(other.headshots)])
        if len(picked) == size:
            return picked
        rng = random.Random(seed)
    others = [p for p in photographers if p is not photographer and p.headshots]
    rng.shuffle(others)
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
