"""Development settings: `make serve` and plain `pelican content -s pelicanconf.py`."""

import os

from headshots.articles.layout import LAYOUT_DEFAULTS
from headshots.cachedir import default_cache_path

SITENAME = "First Look"
SITE_TAGLINE = "Headshot photographers for actors, compared honestly"
SITEURL = ""
# The public repository photographers ask to be listed in (the "Get listed" form, CONTRIBUTING.md):
# $REPOSITORY_URL when set, on GitHub Actions the repository the build runs in, else a placeholder on a
# reserved .example domain (like SITEURL's), which nobody can register: set it when you publish elsewhere.
REPOSITORY_URL = os.environ.get("REPOSITORY_URL") or (
    f"{os.environ['GITHUB_SERVER_URL']}/{os.environ['GITHUB_REPOSITORY']}"
    if os.environ.get("GITHUB_REPOSITORY") and os.environ.get("GITHUB_SERVER_URL")
    else "https://repository.firstlook.example"
)
AUTHOR = "First Look editors"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# US English: "December 4, 2026" (CONTRIBUTING.md, house style).
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
THEME = "theme"
# Incremental builds (docs/performance.md): Pelican keeps parsed articles and
# pages under CACHE_PATH and re-reads only files whose mtime changed; the
# directory stage caches parsed profiles and the pictures stage renditions
# there too (content-hash keys). Some of it is loaded as code (pickles, Jinja
# bytecode), so it lives outside the checkout, where no pull request can put a
# file: ~/.cache/first-look/<checkout>-<hash> (headshots.cachedir).
CACHE_PATH = default_cache_path(__file__)
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

# Escape every {{ value }} (names, bios, alt text come from pull requests);
# HTML that Pelican renders itself is marked `|safe` in the templates.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

PLUGIN_PATHS = ["plugins"]
# headshots.plugin wires every stage of ours, in order (docs/ARCHITECTURE.md).
PLUGINS = ["headshots.plugin", "pelican.plugins.yaml_metadata"]

# The known article categories (headshots check, the scaffold and CONTRIBUTING.md use them).
ARTICLE_CATEGORIES = ["Casting process", "Headshots"]

# The photographer profiles: one folder each, beside content/.
PHOTOGRAPHERS_PATH = "photographers"

# Clean URLs (DESIGN.md, "URLs"). The file name is the address:
# content/articles/in-the-room.md -> /articles/in-the-room/.
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index", "articles", "search", "scan", "casting", "compare", "404", "robots"]
# Each direct template's address (templates link it as {{ SITEURL }}/{{ NAME_URL }}) and its file.
ARTICLES_URL = "articles/"
ARTICLES_SAVE_AS = "articles/index.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
SCAN_URL = "scan/"
SCAN_SAVE_AS = "scan/index.html"
CASTING_URL = "scan/casting/"
CASTING_SAVE_AS = "scan/casting/index.html"
COMPARE_URL = "compare/"
COMPARE_SAVE_AS = "compare/index.html"
ROBOTS_SAVE_AS = "robots.txt"
DEFAULT_PAGINATION = False

# No blog chrome: no author, tag, category or archive pages.
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""

FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/articles.atom.xml"
FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# Article images: content/media/ is published as /media/ (short cache);
# /images/ holds only the hashed renditions, cached forever.
STATIC_PATHS = ["media"]
# Editors' scratch files (.profile.yaml.swp, profile.yaml~, .DS_Store...) and
# content/media/.gitkeep, which keeps the (empty) folder in git: never read or published.
IGNORE_FILES = LAYOUT_DEFAULTS["IGNORE_FILES"]

# sitemap.xml is written by the headshots.sitemap plugin (reproducible <lastmod>, see
# plugins/headshots/sitemap.py): every HTML page except these URLs.
SITEMAP_EXCLUDE = [r"^404\.html$", r"^search/$", r"^compare/$"]
