"""Addresses an article or page may not take: the folders the site writes its own files to.

A page at `/pagefind/` would be deleted by the search step while the sitemap
still listed it; one at `/images/` would be served with the renditions'
year-long `immutable` caching. Each folder comes from the setting that names
it, so moving one moves the rule. Exact addresses of the site's pages
(`/scan/`, `/cities/`...) are refused elsewhere, by `site_urls`.
"""

from __future__ import annotations

from headshots.inputs import WINDOWS_RESERVED


def reserved_folders(settings: dict) -> dict[str, str]:
    """{first folder of an address: what the site keeps there}."""
    from headshots.articles.layout import layout_setting
    from headshots.settings import DEFAULTS

    def setting(name):
        return (settings or {}).get(name) or DEFAULTS.get(name) or layout_setting(settings, name)

    folders = {
        setting("SEARCH_BUNDLE_DIR"): "the search index",
        setting("HEADSHOTS_OUTPUT"): "the headshot images",
        setting("THEME_STATIC_DIR"): "the theme's styles and scripts",
    }
    for name in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS"):
        value = setting(name)
        if isinstance(value, str) and "/" in value:
            folders[value.split("/")[0]] = "the feeds"
    for folder in layout_setting(settings, "STATIC_PATHS"):
        folders[str(folder).strip("/").split("/")[0]] = "the article images"
    return {str(folder).strip("/"): what for folder, what in folders.items() if folder}


def address_problem(url: str, settings: dict) -> str | None:
    """Why a document may not have the address `url` (root-relative, "pagefind/"), or None."""
    first = url.strip("/").split("/")[0]
    what = reserved_folders(settings).get(first)
    if what:
        return f'"/{first}/" is where the site keeps {what}: give this one another slug'
    for part in url.strip("/").split("/"):
        if part.split(".")[0].lower() in WINDOWS_RESERVED:
            return (
                f'"{part}" is a name Windows reserves (a folder of that name cannot be checked out there): '
                "give it another slug"
            )
    return None
