"""Article checks and the article scaffold: the editors' side of `headshots check` and `headshots new`.

Articles live in `content/articles/<slug>.md` (pages in `content/pages/`), with
YAML front matter read at build time by the pelican-yaml-metadata plugin:

    ---
    title: Callbacks, and why your reply matters
    date: 2026-09-22
    author: First Look editors
    category: Casting process
    tags: [callbacks, auditions]
    summary: One or two sentences for the article list, the feed and search results.
    related: [in-the-room, the-closer-look, producer-sessions-and-the-booking]
    slug: optional-override-of-the-file-name
    ---

`check_articles()` is pure Python (no Pelican build): it reads every article and
page and reports (front matter: `frontmatter.py`; the body and its links:
`links.py`; the scaffold: `scaffold.py`; shared settings: `layout.py`), as
`FILE:LINE:COL: field: message` problems pointing at the exact text to fix,

- front matter missing, unclosed, not valid YAML, or not `key: value` lines;
- required fields (title, date, author, category, summary) missing or empty,
  a date that is not YYYY-MM-DD or not a real date, a category not in
  `ARTICLE_CATEGORIES`, tags that are not a list, unknown or duplicate keys
  (with a "did you mean" hint), the scaffold's placeholder summary left in;
- `related` (optional, articles only: the editor's "Keep reading" list, in
  order) that is not a list of slugs, or names no other published article
  (with a "did you mean" hint), or names one twice;
- two articles or pages with the same URL;
- Markdown and HTML images without alt text, and local image files that do
  not exist;
- internal links (root-relative `/...`, `{filename}`, `{static}`, `{attach}`,
  reference definitions, `<a href>`) that point to no page of the site;
- a warning for an article under the house minimum of 700 words (`length.py`).

Links resolve against the addresses the build writes: `headshots.checks.site_problems`
gives the check the directory's (`Directory.urls()`) and the fixed pages'
(`site_urls`), from the same URL settings the templates use.
"""

from __future__ import annotations

import os
from pathlib import Path

from headshots.articles.addresses import address_problem
from headshots.articles.frontmatter import Doc, read_front_matter, resolve_slug
from headshots.articles.layout import (
    DEFAULT_ARTICLE_CATEGORIES,
    GUIDE_MARKER,
    LAYOUT_DEFAULTS,
    PLACEHOLDER_SUMMARY,
    categories,
    layout_setting,
    slugify,
)
from headshots.articles.length import length_problems
from headshots.articles.links import Site, check_body, check_related
from headshots.articles.scaffold import cli_new, cli_new_arguments, new_article, run_new_article
from headshots.errors import Problem, display_path
from headshots.inputs import ARTICLE_EXTENSION, media_folders
from headshots.settings import DEFAULTS

__all__ = [
    "DEFAULT_ARTICLE_CATEGORIES",
    "GUIDE_MARKER",
    "LAYOUT_DEFAULTS",
    "PLACEHOLDER_SUMMARY",
    "categories",
    "check_articles",
    "markdown_files",
    "cli_new",
    "cli_new_arguments",
    "new_article",
    "run_new_article",
    "slugify",
]


def markdown_files(content: Path, folders) -> list[Path]:
    files = []
    for folder in folders:
        root = content / folder
        if root.is_dir():
            files += sorted(p for p in root.rglob(f"*.{ARTICLE_EXTENSION}") if p.is_file())
    return files


def _slug_position(doc) -> tuple[int, int]:
    """Where a document's address comes from: its slug (or title) line, else its front matter's first."""
    node = doc.fields.get("slug", doc.fields.get("title", (None, None)))[0]
    if node is None:
        return doc.opening_line, 1
    return doc.opening_line + 1 + node.start_mark.line, node.start_mark.column + 1


def check_articles(content_path="content", known_paths=(), *, settings=None) -> list[Problem]:
    """Every problem in the articles and pages under `content_path`, sorted.

    `known_paths` are root-relative paths the build writes besides articles
    and pages (`headshots.checks.site_problems` gives the directory's and the fixed pages').
    `settings` are Pelican's (ARTICLE_PATHS, PAGE_PATHS, ARTICLE_URL, PAGE_URL,
    SLUGIFY_SOURCE, ARTICLE_CATEGORIES...), Pelican's defaults plus our
    categories when omitted.
    """
    settings = dict(settings or {})
    content = Path(content_path)

    docs = []
    for kind, key in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        folders = layout_setting(settings, key)
        for path in markdown_files(content, folders):
            if any(path.resolve() == d.path.resolve() for d in docs):
                continue
            doc = Doc(path=path, kind=kind, text="", display=display_path(path))
            try:
                doc.text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                line = path.read_bytes()[: error.start].count(b"\n") + 1
                doc.problem(line, 1, "file", "is not UTF-8 text: save it as UTF-8 (your editor's encoding menu)")
                docs.append(doc)
                continue
            read_front_matter(doc, settings)
            resolve_slug(doc, settings)
            docs.append(doc)

    owners = {}
    for doc in docs:
        reserved = address_problem(doc.url, settings) if doc.url else None
        if reserved:
            doc.problem(*_slug_position(doc), "slug", reserved)
        elif doc.url in known_paths:
            doc.problem(
                *_slug_position(doc),
                "slug",
                f'"{doc.url}" is already the address of a page the site makes: give this one another slug',
            )
        elif doc.url:
            owners.setdefault(doc.url, []).append(doc)
    for same in owners.values():
        for doc in same if len(same) > 1 else ():
            others = ", ".join(other.display for other in same if other is not doc)
            doc.problem(
                *_slug_position(doc), "slug", f'"{doc.slug}" is also the URL of {others}: give each its own slug'
            )

    media = [os.path.relpath(folder, content) for folder in media_folders(settings, content)]
    site = Site(
        content,
        known_paths,
        docs,
        media,
        image_hosts=settings.get("ARTICLE_IMAGE_HOSTS", DEFAULTS["ARTICLE_IMAGE_HOSTS"]),
        policy=settings.get("CONTENT_SECURITY_POLICY", DEFAULTS["CONTENT_SECURITY_POLICY"]),
    )
    problems = []
    for doc in docs:
        check_related(doc, docs)
        check_body(doc, site)
        problems += doc.problems + length_problems(doc)
    return sorted(problems)
