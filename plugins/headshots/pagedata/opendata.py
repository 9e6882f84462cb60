"""The open data files: every profile as its editors wrote it, the cities, one file a city and a profile.

Pure functions of the model and the pictures (`image_url(headshot)`, `card_image(photographer)`).
"""

from __future__ import annotations

from headshots.directory import Directory
from headshots.model import City, Photographer
from headshots.pagedata.facts import compare_data
from headshots.text import money_prefix


def profile_data(p: Photographer, image_url) -> dict:
    """One profile as open data: the fields as its editors wrote them, plus its URLs and image URLs."""
    data = {key: value for key, value in p.profile.data.items() if key != "headshots"}
    data["slug"] = p.slug
    data["url"] = p.url
    data["city_url"] = p.city.url if p.city else None
    data["from_price"] = p.from_price  # "the price" (headshots.pricing), and how to write it
    data["money_prefix"] = money_prefix(p.currency)
    headshots = []
    for headshot in p.headshots:
        item = {
            key: value
            for key, value in (("file", headshot.file), ("alt", headshot.alt), ("look", headshot.look))
            if value is not None
        }
        if headshot.focus is not None:
            item["focus"] = list(headshot.focus)
        image = image_url(headshot)
        if image:
            item["image"] = image
        headshots.append(item)
    data["headshots"] = headshots
    return data


def open_data_files(directory: Directory, image_url, card_image) -> list[tuple[str, object]]:
    """The open data files, `(save_as, function that makes the data)`, biggest first.

    `/photographers.json` (every profile as its editors wrote it), the
    cities' index (the JS facets and the city picker read it), one file
    a city (those based there, then those who travel there) and one file a
    profile (its open data and what the compare page shows). A setting of
    "" leaves its file out.
    """
    s, memo = directory.settings, {}

    def data(p: Photographer) -> dict:
        if p.slug not in memo:
            memo[p.slug] = profile_data(p, image_url)
        return memo[p.slug]

    def city_file(city: City) -> dict:
        return {
            "about": f"First Look's headshot photographers in {city.name}, as open data: those based there, "
            "then those who travel there (based_here false).",
            "city": {"name": city.name, "slug": city.slug, "country": city.country, "url": city.url},
            "count": len(city.based) + len(city.visiting),
            "photographers": [{**data(p), "based_here": True} for p in city.based]
            + [{**data(p), "based_here": False} for p in city.visiting],
        }

    def profile_file(p: Photographer) -> dict:
        return {**data(p), "compare": compare_data(p, card_image(p))}

    files = []
    if s.get("PHOTOGRAPHERS_JSON_SAVE_AS"):
        files.append(
            (
                s["PHOTOGRAPHERS_JSON_SAVE_AS"],
                lambda: {
                    "about": "First Look's photographer directory as open data: every profile as its editors wrote it.",
                    "count": len(directory.photographers),
                    "photographers": [data(p) for p in directory.photographers],
                },
            )
        )
    if s.get("CITIES_JSON_SAVE_AS"):
        files.append(
            (
                s["CITIES_JSON_SAVE_AS"],
                lambda: {
                    "about": "Every city in First Look's directory: those based there and those who travel there.",
                    "count": len(directory.cities),
                    "cities": [
                        {
                            "name": c.name,
                            "slug": c.slug,
                            "country": c.country,
                            "url": c.url,
                            "based": len(c.based),
                            "visiting": len(c.visiting),
                        }
                        for c in directory.cities
                    ],
                },
            )
        )
    if s.get("CITY_JSON_SAVE_AS"):
        files += [(directory.city_json_save_as(c), lambda c=c: city_file(c)) for c in directory.cities]
    if s.get("PHOTOGRAPHER_JSON_SAVE_AS"):
        files += [
            (directory.photographer_json_save_as(p), lambda p=p: profile_file(p)) for p in directory.photographers
        ]
    return files
