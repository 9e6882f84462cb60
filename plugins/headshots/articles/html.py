"""What HTML an article may hold: one allowlist, used twice.

The build renders an article's Markdown and `sanitise()`s the HTML with nh3
(anything else is dropped, whatever the check said); `headshots check` (and
so the build, which runs it before writing anything) reports raw HTML in the
Markdown that the allowlist would drop, at its line, with `raw_html()`.
CONTRIBUTING.md ("What HTML an article may use") says the same in words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from headshots import urls

#: The elements an article may use: text, lists, tables, figures, details, code.
TAGS = frozenset(
    {
        *("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp"),
        *("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "q", "cite"),
        *("ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "details", "summary"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "div", "span"),
    }
)

#: Their attributes. Markdown's own output needs `id` (heading anchors, footnotes) and `style`
#: on table cells (column alignment: text-align only); `class` is in CLASSES.
ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "abbr": {"title"},
    "ol": {"start", "id"},
    "li": {"id"},
    "sup": {"id"},
    "details": {"open"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}

#: The classes an article may carry, by element: only those Markdown's footnotes write. The
#: theme's classes style the site's own parts (a `shortlist-status` div is pinned over every
#: page), so an article borrowing one could pass for the site; code highlighting's classes
#: have no styles here and are dropped.
CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"}}

_CLASS_FIX = "remove it (the site's classes are for its own pages; an article uses only Markdown's footnote classes)"


_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_TAG_NAME = re.compile(r"^[a-z][a-z0-9]*$")
# python-markdown's attr_list (part of "extra", which Pelican turns on) and its tokens.
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}")
_ATTRIBUTE_TOKEN = re.compile(r"""(?P<key>[^ =}]+)=(?:"[^"]*"|'[^']*'|[^ }]*)|(?P<dot>\.)?(?P<word>[^ =}]+)""")


def sanitise(html: str) -> str:
    """An article's rendered HTML with everything outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(ATTRIBUTES.get(tag, ())) | ({"class"} if tag in CLASSES else set()) for tag in TAGS},
        attribute_filter=_keep_classes,
        url_schemes=set(urls.SCHEMES),
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )


def _keep_classes(tag: str, name: str, value: str) -> str | None:
    """A `class` attribute with only the classes CLASSES allows on its element (gone when none is left)."""
    if name != "class":
        return value
    kept = " ".join(each for each in value.split() if each in CLASSES.get(tag, ()))
    return kept or None


def tags(text: str) -> list[tuple[int, str, dict]]:
    """Every HTML start tag in `text` (Markdown, code already blanked): (offset, name, attributes),
    each attribute's value paired with its own offset in `text`,
    parsed as a browser would (an `href` inside another attribute's value is that value, not a link).
    Markdown autolinks (<https://...>, <name@example.com>) are not tags."""
    finder = _Finder(text)
    finder.feed(text)
    finder.close()
    return finder.found


def problems(tag: str, attributes: dict) -> list[str]:
    """Why `sanitise` would drop this tag or some of its attributes (empty when it keeps them all);
    `attributes` as `tags` gives them (name -> (value, offset))."""
    if tag not in TAGS:
        return [f"<{tag}> is not allowed in an article (CONTRIBUTING.md lists what is)"]
    found = []
    for name, (value, _) in attributes.items():
        if name == "class":
            found += [
                f'the class "{each}" is not allowed in an article: {_CLASS_FIX}'
                for each in (value or "").split()
                if each not in CLASSES.get(tag, ())
            ]
        elif name not in ATTRIBUTES.get(tag, ()):
            found.append(f'the attribute "{name}" is not allowed on <{tag}>')
        elif name in ("href", "src") and _SCHEME.match(value or "") and not allowed_scheme(value):
            found.append(f'"{_SCHEME.match(value).group(1)}:" addresses are not allowed: use https://, mailto: or /...')
        elif name == "style" and not re.fullmatch(r"\s*text-align\s*:\s*(left|right|center)\s*;?\s*", value or ""):
            found.append('only "text-align" is allowed in a table cell\'s style')
    return found


def attribute_list_problems(text: str) -> list[tuple[int, str]]:
    """What Markdown attribute lists (`{: .class #id key=value }`, after a heading, paragraph or
    span) in `text` set that `sanitise` would drop: (offset, message), the offset at the token.
    Such a list writes attributes as raw HTML does; only an `#id` (a heading's anchor) is kept."""
    found = []
    for match in _ATTRIBUTE_LIST.finditer(text):
        for token in _ATTRIBUTE_TOKEN.finditer(match.group(1)):
            offset = match.start(1) + token.start()
            if token.group("key"):
                found.append((offset, f'the attribute "{token.group("key")}" is not allowed in an article: remove it'))
            elif token.group("dot"):
                found.append((offset, f'the class "{token.group("word")}" is not allowed in an article: {_CLASS_FIX}'))
    return found


def allowed_scheme(url: str) -> bool:
    """Whether an address with a scheme uses one the site links to (`urls.SCHEMES`)."""
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in urls.SCHEMES


class _Finder(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, dict]] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def handle_starttag(self, tag, attrs):
        if _TAG_NAME.match(tag):
            line, col = self.getpos()
            start = self._line_starts[line - 1] + col
            raw = self.get_starttag_text() or ""
            attributes: dict = {}
            for name, value in attrs:
                # a repeated attribute: the first counts, as in browsers
                attributes.setdefault(name, (value or "", start + _value_offset(raw, name, value or "")))
            self.found.append((start, tag, attributes))

    handle_startendtag = handle_starttag


def _value_offset(raw: str, name: str, value: str) -> int:
    """Where an attribute's value starts in its tag's text (the tag's start when it cannot tell)."""
    for match in re.finditer(r"\s" + re.escape(name) + r"\s*=\s*[\"']?", raw, re.IGNORECASE):
        if raw.startswith(value, match.end()):
            return match.end()
    return 0


def sanitise_content(content) -> None:
    """Raw HTML in an article or page keeps only what the allowlist allows (`sanitise`),
    whatever the check said: the last line of defence (Pelican's `content_object_init`)."""
    if getattr(content, "_content", None):
        content._content = sanitise(content._content)
    if isinstance(getattr(content, "_summary", None), str):
        content._summary = sanitise(content._summary)
