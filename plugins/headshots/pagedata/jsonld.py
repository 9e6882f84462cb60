"""schema.org JSON-LD for a profile page: a pure function of the model and the pictures."""

from __future__ import annotations

from headshots import pricing
from headshots.model import Headshot, Photographer
from headshots.vocabulary import SAMPLE_LABEL, member_titles


def _absolute(siteurl: str, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def jsonld(photographer: Photographer, image_url) -> dict:
    """schema.org structured data for a profile page: the business, its sessions, its headshots.

    `image_url(headshot)` is a headshot's shareable JPEG (its Open Graph card), or None.
    """
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
    data["image"] = [_image_object(p, headshot, image_url(headshot)) for headshot in p.headshots]
    return data


def _offers(p: Photographer) -> list[dict]:
    """One Offer a session, named with whom it is for unless that is any adult actor (without
    sessions, one for the price range), then one for each priced add-on."""
    offers = [
        _offer(
            p,
            session.name if pricing.is_standard(session) else f"{session.name} ({pricing.who_for(session)})",
            session.price,
        )
        for session in p.sessions
    ]
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


def _image_object(p: Photographer, headshot: Headshot, url: str | None) -> dict:
    image = {
        "@type": "ImageObject",
        "caption": headshot.alt,
        "creditText": p.name,
        "creator": {"@type": "Person", "name": p.name},
    }
    if url:
        image["contentUrl"] = _absolute(p.siteurl, url)
    return image


def _plain_number(value):
    return int(value) if float(value).is_integer() else value
