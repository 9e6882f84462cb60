"""A photographer's Markdown bio as safe HTML: read once, when the profile is read (and cached with it)."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from headshots import urls

# Bios are CommonMark, read by markdown-it-py with raw HTML off, so `<script>`
# in a bio is shown as text. A link to anything but http(s)/mailto becomes its
# plain text (an `<a>` without `href` would be invalid HTML and useless to the
# reader). nh3 then keeps only the tags a bio needs (belt and braces).
# markdown-it-py rather than Python-Markdown (the articles' engine): a bio is
# read for every profile, and it is about 4x faster on one.
_BIO_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"}


def _unlink_unsafe(state) -> None:
    """A core rule: drop the link tokens around the text of a link whose scheme is not allowed."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept, dropped = [], 0
        for token in block.children:
            if token.type == "link_open" and not _linkable(str(token.attrGet("href") or "")):
                dropped += 1  # links do not nest
                continue
            if token.type == "link_close" and dropped:
                dropped -= 1
                continue
            kept.append(token)
        block.children = kept


def _linkable(href: str) -> bool:
    """A bio links only to full http(s) and mailto addresses that pass `urls.problem`."""
    return urlsplit(href).scheme.lower() in urls.SCHEMES and urls.problem(href) is None


@cache
def _bio_markdown() -> MarkdownIt:
    """One parser for every bio: every link is parsed (then `_unlink_unsafe` decides), raw HTML is text."""
    parser = MarkdownIt("commonmark", {"html": False})
    parser.validateLink = lambda url: True
    parser.core.ruler.push("unlink_unsafe", _unlink_unsafe)
    return parser


def render_bio(text: str | None) -> Markup:
    """A Markdown bio as safe HTML: raw HTML escaped, only http(s) and mailto links, rel=nofollow."""
    if not text:
        return Markup("")
    html = _bio_markdown().render(text).rstrip("\n")
    clean = nh3.clean(
        html,
        tags=_BIO_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=set(urls.SCHEMES),
        link_rel="nofollow ugc noopener",
    )
    return Markup(clean)
