"""Where articles live and what their front matter may hold: the settings the checks and the scaffold share."""

from __future__ import annotations

import re

# The categories an article may have; the setting ARTICLE_CATEGORIES in
# pelicanconf.py overrides this default (one place: the check and the scaffold
# read the setting; /articles/ groups by whatever categories articles use).
DEFAULT_ARTICLE_CATEGORIES = ("Casting process", "Headshots")

REQUIRED_FIELDS = ("title", "date", "author", "category", "summary")
OPTIONAL_FIELDS = ("tags", "related", "slug", "modified", "status")
PAGE_REQUIRED_FIELDS = ("title",)
PAGE_OPTIONAL_FIELDS = ("summary", "slug", "status")
STATUSES = ("published", "draft", "hidden")

# What `headshots new article` writes; the check refuses to let it through unchanged.
PLACEHOLDER_SUMMARY = "TODO, one or two sentences that tell an actor what they will learn."
GUIDE_MARKER = "house-style guide"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# The site's layout (DESIGN.md), for when no pelicanconf.py says otherwise.
LAYOUT_DEFAULTS = {
    "ARTICLE_PATHS": ["articles"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_URL": "articles/{slug}/",
    "PAGE_URL": "{slug}/",
    # article images: content/media/, published as /media/
    "STATIC_PATHS": ["media"],
    # What editors' tools and operating systems leave beside the files they save (Vim's
    # .profile.yaml.swp, Emacs's profile.yaml~ and #profile.yaml#, .DS_Store, Thumbs.db), and
    # content/media/.gitkeep: never read, published or refused, in content/ and photographers/ alike.
    "IGNORE_FILES": [".*", "*~", "#*#", "Thumbs.db", "desktop.ini"],
}


def layout_setting(settings, name, default=None):
    """A setting from `settings`, else the site's layout default, else Pelican's."""
    if settings and name in settings:
        return settings[name]
    if name in LAYOUT_DEFAULTS:
        return LAYOUT_DEFAULTS[name]
    from pelican.settings import DEFAULT_CONFIG

    return DEFAULT_CONFIG.get(name, default)


def categories(settings=None) -> tuple[str, ...]:
    """The known article categories: the ARTICLE_CATEGORIES setting, else the default."""
    return tuple((settings or {}).get("ARTICLE_CATEGORIES") or DEFAULT_ARTICLE_CATEGORIES)


def slugify(value: str, settings=None) -> str:
    """Pelican's own slugify with the site's settings, so our URLs are the build's URLs."""
    from pelican.utils import slugify as pelican_slugify

    return pelican_slugify(
        value,
        regex_subs=layout_setting(settings, "SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=layout_setting(settings, "SLUGIFY_PRESERVE_CASE", False),
        use_unicode=layout_setting(settings, "SLUGIFY_USE_UNICODE", False),
    )
