"""sitemap.xml for every HTML page the build writes (fed by `content_written`, see headshots.plugin).

pelican-sitemap would list our pages too (it listens to `content_written`),
but it stamps every page that is not an article or a page with the build's
clock, so two builds of the same input differ. Here `<lastmod>` comes only
from the content (an article's `modified`/`date`, a profile's `updated`) and
is left out when unknown, which the sitemap protocol allows; URLs are sorted.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote
from xml.sax.saxutils import escape


class SitemapCollector:
    def __init__(self):
        self.pages = {}

    def reset(self) -> None:
        self.pages = {}

    def page_written(self, path, context=None) -> None:
        """`content_written` receiver: remember each HTML page and what it shows."""
        context = context or {}
        if not str(path).endswith(".html"):
            return
        self.pages[os.path.abspath(path)] = page_lastmod(context)

    def write(self, settings: dict, output_path: str) -> None:
        """Write the sitemap of this run's pages (when the build is done); they are kept until the
        next build starts (`reset`), for the dev server's updates (headshots.devserver.update)."""
        output = os.path.abspath(output_path)
        entries = {
            os.path.relpath(path, output): lastmod
            for path, lastmod in self.pages.items()
            if path.startswith(output + os.sep)
        }
        write_sitemap(settings, output, entries)


def write_sitemap(settings: dict, output_path: str, pages: dict) -> None:
    """SITEMAP_SAVE_AS from `{file relative to the output: lastmod}`, SITEMAP_EXCLUDE left out, URLs sorted."""
    save_as = settings.get("SITEMAP_SAVE_AS", "sitemap.xml")
    if not save_as:
        return
    excluded = [re.compile(pattern) for pattern in settings.get("SITEMAP_EXCLUDE", ())]
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    entries = {}
    for path, lastmod in pages.items():
        url = re.sub(r"(^|/)index\.html$", r"\1", path.replace(os.sep, "/"))
        if lastmod is False or any(p.search(url) for p in excluded):
            continue
        entries[url] = lastmod
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url in sorted(entries):
        loc = escape(f"{siteurl}/{quote(url, safe='/:@!$&()*+,;=~-._')}")
        lastmod = f"<lastmod>{entries[url]}</lastmod>" if entries[url] else ""
        lines.append(f"<url><loc>{loc}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    target = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def page_lastmod(context):
    """The page's date as YYYY-MM-DD, None when it has none, False when it must not be listed."""
    obj = context.get("article") or context.get("page")
    if obj is not None:  # a Pelican article or page
        if getattr(obj, "status", "published") != "published" or getattr(obj, "private", "") == "True":
            return False
        date = getattr(obj, "modified", None) or getattr(obj, "date", None)
        return date.strftime("%Y-%m-%d") if date else None
    photographer = context.get("photographer")
    if photographer is not None and context.get("page_name") == "profile":
        updated = getattr(photographer, "updated", None)
        return updated.isoformat() if updated else None
    return None
