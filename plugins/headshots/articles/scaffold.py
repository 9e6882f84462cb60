"""`headshots new article "Title"`: a new article from the commented template."""

from __future__ import annotations

import datetime
import string
import sys
from pathlib import Path

from headshots.articles.layout import (
    GUIDE_MARKER,
    LAYOUT_DEFAULTS,
    PLACEHOLDER_SUMMARY,
    SLUG_RE,
    categories,
    layout_setting,
    slugify,
)
from headshots.errors import display_path
from headshots.settings import content_folder
from headshots.yamlnodes import yaml_scalar

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "article.md"


def new_article(title: str, content_path="content", *, settings=None, today=None) -> Path:
    """Write `content_path/articles/<slug>.md` from the commented template; returns its path.

    The file name is the URL: `/articles/<slug>/`. Refuses (FileExistsError)
    to overwrite, and ValueError for a title with no letters or digits.
    """
    title = " ".join(title.split())
    slug = slugify(title, settings)
    if not title or not SLUG_RE.match(slug or ""):
        raise ValueError(f'"{title}" makes no usable file name: use a title with letters or digits')
    folders = layout_setting(settings, "ARTICLE_PATHS", ["articles"]) or ["articles"]
    target = Path(content_path) / folders[0] / f"{slug}.md"
    if target.exists():
        raise FileExistsError(f"{display_path(target)} already exists: edit it, or choose another title")
    known = categories(settings)
    text = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=yaml_scalar(title),
        date=(today or datetime.date.today()).isoformat(),
        author=yaml_scalar((settings or {}).get("AUTHOR") or "First Look editors"),
        category=yaml_scalar(known[0]),
        categories=", ".join(known),
        summary=yaml_scalar(PLACEHOLDER_SUMMARY),
        slug=slug,
        guide=GUIDE_MARKER,
        media=(layout_setting(settings, "STATIC_PATHS") or LAYOUT_DEFAULTS["STATIC_PATHS"])[0],
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return target


# --------------------------------------------------------------------------- for the CLI


def run_new_article(title: str, content_path="content", settings=None, out=None, err=None) -> int:
    """`headshots new article "Title"`: 0 and the new file's path, or 1 and why not."""

    out, err = out or sys.stdout, err or sys.stderr
    try:
        path = new_article(title, content_path, settings=settings)
    except (FileExistsError, ValueError) as error:
        err.write(f"{error}\n")
        return 1
    out.write(f"{display_path(path)}\n")
    out.write(
        f"Next: fill in the summary and category, write the article, then run "
        f"`headshots check` and `make serve` to preview /articles/{path.stem}/\n"
    )
    return 0


def cli_new_arguments(parser) -> None:
    """Arguments of `headshots new article`."""
    parser.add_argument("title", help='the article\'s title, e.g. "Self-tapes that get you called back"')
    parser.add_argument("--path", help="the content folder (default: PATH from ./pelicanconf.py, else ./content)")


def cli_new(args, settings) -> int:
    """`headshots new article "Title"`: 0 and the new file, or 1 (exists, or no usable name)."""
    return run_new_article(args.title, args.path or content_folder(settings), settings)
