"""Page data: what the pages show, as pure functions of the model and the pictures.

    read -> model -> pictures -> page data (here) -> pages -> search

`PageData` joins a `Directory` to the pictures stage's map (headshot source ->
`Picture`) without writing either: the templates' `picture()`, scan tiles
and card photos, the JSON-LD (`jsonld`), the open data (`opendata`), the
facts panel (`facts`) and the search data (`searchdata`) all read it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from headshots.directory import Directory
from headshots.model import Headshot, Photographer, ScanRing, scan_grid
from headshots.pagedata import budgets, jsonld, opendata, searchdata
from headshots.thumbnails.picture import Picture, card_image, picture_markup, scan_tile


class PageData:
    """The directory and its pictures, as the page templates and the open data read them."""

    def __init__(self, directory: Directory, pictures: dict[Path, Picture]):
        self.directory = directory
        self.pictures = pictures

    @cached_property
    def scan_ring(self) -> ScanRing:
        """Every photographer's place on the ring the scan grids are drawn from (made once)."""
        return ScanRing(self.directory.photographers)

    def picture_of(self, headshot: Headshot) -> Picture | None:
        return self.pictures.get(headshot.source)

    def og_url(self, headshot: Headshot | None) -> str | None:
        """A headshot's shareable JPEG (its Open Graph card)."""
        picture = self.picture_of(headshot) if headshot else None
        return picture.og_url if picture is not None else None

    def face_caption(self, headshot: Headshot) -> str:
        picture = self.picture_of(headshot)
        return picture.face_caption if picture is not None else ""

    def card_image(self, photographer: Photographer) -> dict | None:
        """The photographer's first headshot as a card photo that a script draws (search results, compare)."""
        shot = photographer.headshots[0] if photographer.headshots else None
        return card_image(self.picture_of(shot), shot.alt) if shot else None

    def picture(self, headshot: Headshot, alt, sizes=None, eager=False, variant=None) -> Markup:
        """The templates' `picture(headshot, alt=..., sizes=...)` (docs/ARCHITECTURE.md, "Pictures")."""
        return picture_markup(self.picture_of(headshot), alt, sizes, eager, variant)

    def scan_tile(self, headshot: Headshot, mine=False) -> Markup:
        return scan_tile(self.picture_of(headshot), headshot.alt, mine)

    def scan_tiles(self, grid) -> Markup:
        """A whole grid of scan tiles from `(headshot, mine)` pairs, in one call.

        A photographer's scan page draws 24 tiles; looping over them in the
        template (a call, an escape and a yield each) was a third of the page.
        """
        pictures = self.pictures
        return Markup("\n".join(scan_tile(pictures.get(h.source), h.alt, mine) for h, mine in grid))

    def scan_grid(self, photographer: Photographer) -> list:
        """A photographer's scan page grid: their headshots among others' (`model.scan_grid`), drawn
        where the page is rendered (in the page writers)."""
        size = int(self.directory.settings["PHOTOGRAPHERS_SCAN_POOL_SIZE"])
        return scan_grid(photographer, self.scan_ring.pool(photographer, size))

    def jsonld(self, photographer: Photographer) -> dict:
        return jsonld.jsonld(photographer, self.og_url)

    def pagefind_data(self, photographer: Photographer) -> Markup:
        bands = budgets.bands_of(self.directory.photographers)
        return searchdata.pagefind_data(photographer, self.card_image(photographer), bands)

    def open_data_files(self) -> list[tuple[str, object]]:
        return opendata.open_data_files(self.directory, self.og_url, self.card_image)

    def template_globals(self) -> dict:
        """The helpers every template gets once the pictures exist (`headshots.templating.install_page_data`)."""
        return {
            "picture": self.picture,  # <picture> of one headshot
            "og_image_url": self.og_url,  # a headshot's Open Graph card URL
            "face_caption": self.face_caption,  # what the face check says of a headshot
            "headshots_scan_tile": self.scan_tile,  # one casting-size tile
            "headshots_scan_tiles": self.scan_tiles,  # a scan grid's tiles
            "scan_grid_of": self.scan_grid,  # a photographer's scan grid: (headshot, is_theirs) pairs
            "jsonld": self.jsonld,  # jsonld(p)|tojson: a profile's schema.org data
            "pagefind_data": self.pagefind_data,  # a profile's hidden search data
        }
