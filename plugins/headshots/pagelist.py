"""The directory's pages: what each is called, which template draws it, and what it gets.

    photographers/                   photographers.html, PHOTOGRAPHERS_PER_PAGE a page
    photographers/page/N/            the same, page N
    photographers/<slug>/            profile.html
    photographers/<slug>/scan/       photographer_scan.html
    cities/<slug>/                   city.html, based photographers first, then visitors
    cities/<slug>/page/N/            the same, page N
    cities/                          cities.html: every city, with its counts

A page is `(save_as, template name, context)`. Plain Python from the model
and the settings; `headshots.writer` renders and writes them. No page grows
with the directory: lists paginate and the pager shows a window of links.
"""

from __future__ import annotations

import math

from headshots.directory import Directory
from headshots.model import City


def directory_pages(directory: Directory) -> list[tuple[str, str, dict]]:
    """Every page of the directory, profiles, cities and scans."""
    settings = directory.settings
    pages = [*_listing_pages(directory), *_photographer_pages(directory)]
    for city in directory.cities:
        pages += _city_pages(directory, city)
    if settings.get("CITIES_SAVE_AS"):
        pages.append((settings["CITIES_SAVE_AS"], "cities", {"page_name": "cities", "url": settings["CITIES_URL"]}))
    return pages


def _listing_pages(directory: Directory) -> list:
    """`/photographers/` and its pages: `page_photographers` is the page's slice."""
    settings = directory.settings

    def url(number: int) -> str:
        return (
            settings["PHOTOGRAPHERS_URL"] if number == 1 else settings["PHOTOGRAPHERS_PAGE_URL"].format(number=number)
        )

    def save_as(number: int) -> str:
        if number == 1:
            return settings["PHOTOGRAPHERS_SAVE_AS"]
        return settings["PHOTOGRAPHERS_PAGE_SAVE_AS"].format(number=number)

    return paginate(
        settings,
        "photographers",
        directory.photographers,
        url,
        save_as,
        lambda start, end: {"page_photographers": directory.photographers[start:end]},
    )


def _photographer_pages(directory: Directory) -> list:
    """Each photographer's profile and scan page (the scan grid is drawn where the page is rendered:
    `scan_grid_of`, headshots.pagedata)."""
    pages = []
    for photographer in directory.photographers:
        pages.append(
            (
                photographer.save_as,
                "profile",
                {"page_name": "profile", "url": photographer.url, "photographer": photographer},
            )
        )
        pages.append(
            (
                photographer.scan_save_as,
                "photographer_scan",
                {"page_name": "photographer_scan", "url": photographer.scan_url, "photographer": photographer},
            )
        )
    return pages


def _city_pages(directory: Directory, city: City) -> list:
    """One city's pages: based photographers first, then visitors, PHOTOGRAPHERS_PER_PAGE a page.

    Each page gets `city`, `page_based` and `page_visiting` (this page's
    share of each list) and the same pager variables as the directory pages.
    """
    settings = directory.settings
    based = len(city.based)

    def url(number: int) -> str:
        return city.url if number == 1 else settings["CITY_PAGE_URL"].format(slug=city.slug, number=number)

    def save_as(number: int) -> str:
        return city.save_as if number == 1 else settings["CITY_PAGE_SAVE_AS"].format(slug=city.slug, number=number)

    return paginate(
        settings,
        "city",
        city.photographers,
        url,
        save_as,
        lambda start, end: {
            "city": city,
            "page_based": city.based[start : min(end, based)],
            "page_visiting": city.visiting[max(start - based, 0) : max(end - based, 0)],
        },
    )


def paginate(settings: dict, template: str, items: list, url, save_as, extra) -> list:
    """`items`, PHOTOGRAPHERS_PER_PAGE a page, as pages of `template`.

    Each page gets `page_items`, `page_number`, `page_count`,
    `first_index`, `page_links` (the windowed pager), `prev_url`,
    `next_url` (None at the ends) and `extra(start, end)`.
    """
    per_page = max(1, int(settings["PHOTOGRAPHERS_PER_PAGE"]))
    count = max(1, math.ceil(len(items) / per_page))
    window = int(settings["PAGER_WINDOW"])
    pages = []
    for number in range(1, count + 1):
        start, end = (number - 1) * per_page, number * per_page
        pages.append(
            (
                save_as(number),
                template,
                {
                    "page_name": template,
                    "url": url(number),
                    "page_number": number,
                    "page_count": count,
                    "first_index": start + 1,
                    "page_items": items[start:end],
                    "page_links": pager_links(number, count, url, window),
                    "prev_url": url(number - 1) if number > 1 else None,
                    "next_url": url(number + 1) if number < count else None,
                    **extra(start, end),
                },
            )
        )
    return pages


def pager_links(number: int, count: int, url, window: int = 2) -> list[dict]:
    """The pager's links: page 1, the last page, and `window` pages either side of `number`.

    Each is `{"number", "url", "current"}`; a gap between them is
    `{"number": None, "url": None, "current": False}` (shown as an ellipsis).
    At most 2 * window + 5 entries, whatever the page count.
    """
    shown = sorted({1, count, *range(max(1, number - window), min(count, number + window) + 1)})
    links, previous = [], 0
    for n in shown:
        if n - previous == 2:  # a gap of one page: show the page rather than an ellipsis
            links.append({"number": n - 1, "url": url(n - 1), "current": False})
        elif n - previous > 2:
            links.append({"number": None, "url": None, "current": False})
        links.append({"number": n, "url": url(n), "current": n == number})
        previous = n
    return links
