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
page and reports, as `FILE:LINE:COL: field: message` problems pointing at the
exact text to fix,

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
  reference definitions, `<a href>`) that point to no page of the site.

Decisions: links inside the site are root-relative (`/articles/<slug>/`, with
the trailing slash), so a relative link is an error that says how to write it;
links in code spans, fenced code and HTML comments are not checked; external
links are not fetched (http, https and mailto are allowed, other schemes are
not). The front matter is read with the strict loader `headshots.yamlnodes`
when it exists (YAML 1.2 scalars, duplicate keys refused) and otherwise with
PyYAML's node composer, which keeps a line and column for every value.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

from headshots.errors import Problem, display_path

# The categories an article may have; the setting ARTICLE_CATEGORIES in
# pelicanconf.py overrides this default (one place: the check and the scaffold
# read the setting; /articles/ groups by whatever categories articles use).
DEFAULT_ARTICLE_CATEGORIES = ("Casting process", "Headshots")

REQUIRED_FIELDS = ("title", "date", "author", "category", "summary")
OPTIONAL_FIELDS = ("tags", "related", "slug", "modified", "status")
PAGE_REQUIRED_FIELDS = ("title",)
PAGE_OPTIONAL_FIELDS = ("summary", "slug", "status", "template")
STATUSES = ("published", "draft", "hidden")

# What `headshots new article` writes; the check refuses to let it through unchanged.
PLACEHOLDER_SUMMARY = "TODO, one or two sentences that tell an actor what they will learn."
GUIDE_MARKER = "house-style guide"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
ALLOWED_SCHEMES = ("http", "https", "mailto")
PELICAN_LINK_RE = re.compile(r"^(?:\{(\w+)\}|\|(\w+)\|)(.*)$", re.DOTALL)
NO_PAGES_FOR = ("tag", "tags", "category", "categories", "author", "authors", "archives")

TEMPLATE = Path(__file__).with_name("templates") / "article.md"


# --------------------------------------------------------------------------- settings


# The site's layout (DESIGN.md), for when no pelicanconf.py says otherwise.
LAYOUT_DEFAULTS = {
    "ARTICLE_PATHS": ["articles"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_URL": "articles/{slug}/",
    "PAGE_URL": "{slug}/",
}


def _setting(settings, name, default=None):
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
        regex_subs=_setting(settings, "SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=_setting(settings, "SLUGIFY_PRESERVE_CASE", False),
        use_unicode=_setting(settings, "SLUGIFY_USE_UNICODE", False),
    )


def site_problems(settings: dict, directory) -> list[Problem]:
    """Every problem in the articles and pages of the site `settings` describe, links resolved
    against the addresses the build writes (the directory's and the fixed pages'): what the build
    and `headshots check` both report."""
    from headshots.directory import site_urls

    return check_articles(settings.get("PATH") or "content", directory.urls() | site_urls(settings), settings=settings)


# --------------------------------------------------------------------------- reading a file


@dataclass
class _Doc:
    """One Markdown file: its front matter (nodes with positions) and body."""

    path: Path
    kind: str  # "article" or "page"
    text: str
    display: str
    problems: list = field(default_factory=list)
    opening_line: int = 1  # 1-based line of the opening ---
    body_offset: int = 0  # character offset of the body in text
    fields: dict = field(default_factory=dict)  # key -> (key_node, value_node)
    slug: str | None = None
    url: str | None = None
    draft: bool = False
    related: list = field(default_factory=list)  # (slug, line, col) of each `related` entry

    def problem(self, line, col, name, message):
        self.problems.append(Problem(self.display, line, col, name, message))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _split_front_matter(doc: _Doc) -> str | None:
    """The YAML text between the `---` lines (None when missing or unclosed)."""
    lines = doc.text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines) or lines[index].rstrip("\r\n") != "---":
        doc.problem(
            index + 1 if index < len(lines) else 1,
            1,
            "front matter",
            'missing: start the file with a line "---", then the fields '
            '(title, date, author, category, summary), then "---"',
        )
        return None
    doc.opening_line = index + 1
    for end in range(index + 1, len(lines)):
        if lines[end].rstrip("\r\n") in ("---", "..."):
            doc.body_offset = sum(len(line) for line in lines[: end + 1])
            return "".join(lines[index + 1 : end])
    doc.problem(doc.opening_line, 1, "front matter", 'not closed: add a line "---" after the last field')
    return None


def _compose(yaml_text: str):
    """A YAML node tree: through the strict loader when it exists, else PyYAML's composer."""
    try:
        from headshots import yamlnodes
    except ImportError:
        yamlnodes = None
    composer = getattr(yamlnodes, "compose", None) if yamlnodes else None
    if composer is not None:
        return composer(yaml_text)
    return yaml.compose(yaml_text, Loader=yaml.SafeLoader)


def _read_front_matter(doc: _Doc, settings) -> None:
    yaml_text = _split_front_matter(doc)
    if yaml_text is None:
        return
    first = doc.opening_line + 1  # 1-based line of the first YAML line
    try:
        root = _compose(yaml_text)
    except yaml.MarkedYAMLError as error:  # only without headshots.yamlnodes
        mark = error.problem_mark or error.context_mark
        line, col = (first + mark.line, mark.column + 1) if mark else (first, 1)
        doc.problem(line, col, "front matter", f"YAML syntax error: {error.problem or error.context}")
        return
    except Exception as error:  # headshots.yamlnodes.YamlError: message, line, col
        if not hasattr(error, "line"):
            raise
        # Lines named inside the message count from the first YAML line: make them file lines.
        message = re.sub(r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + first - 1}", error.message)
        if message.endswith("mapping values are not allowed here"):  # a colon inside a value
            message += ': a value with ": " in it needs "double quotes" around it'
        doc.problem(first + error.line - 1, error.col, "front matter", message)
        return
    if root is None:
        doc.problem(doc.opening_line, 1, "front matter", 'empty: add the fields between the two "---" lines')
        return
    if not isinstance(root, yaml.MappingNode):
        doc.problem(
            first + root.start_mark.line,
            root.start_mark.column + 1,
            "front matter",
            'must be "field: value" lines, like "title: In the room"',
        )
        return

    required = REQUIRED_FIELDS if doc.kind == "article" else PAGE_REQUIRED_FIELDS
    allowed = required + (OPTIONAL_FIELDS if doc.kind == "article" else PAGE_OPTIONAL_FIELDS)

    def where(node):
        return first + node.start_mark.line, node.start_mark.column + 1

    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        line, col = where(key_node)
        if key in doc.fields:
            first_line = where(doc.fields[key][0])[0]
            doc.problem(line, col, key, f"appears twice (first on line {first_line}); keep one")
            continue
        if key == "related" and doc.kind == "page":
            doc.problem(line, col, key, 'only articles have a "Keep reading" list: delete the line')
            continue
        if key not in allowed:
            hint = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
            if hint:
                doc.problem(line, col, key, f'unknown field; did you mean "{hint[0]}"?')
            else:
                doc.problem(line, col, key, f"unknown field; the fields are: {', '.join(allowed)}")
            continue
        doc.fields[key] = (key_node, value_node)

    for name in required:
        if name not in doc.fields:
            doc.problem(doc.opening_line, 1, name, "required, but missing from the front matter")

    for name, (key_node, value_node) in doc.fields.items():
        line, col = where(value_node)
        if name == "tags":
            _check_tags(doc, value_node, where)
            continue
        if name == "related":
            _read_related(doc, key_node, value_node, where)
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            doc.problem(line, col, name, "must be a single value, not a list or a mapping")
            continue
        value = value_node.value.strip()
        if not value and value_node.style is None and value_node.tag.endswith(":null"):
            doc.problem(*where(key_node), name, "is empty: write a value after the colon")
            continue
        if not value:
            doc.problem(line, col, name, "is empty: write a value after the colon")
            continue
        if name in ("date", "modified"):
            _check_date(doc, name, value, line, col)
        elif name == "category":
            known = categories(settings)
            if value not in known:
                hint = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
                hint = (
                    hint
                    or [
                        c
                        for c in known
                        if c.casefold() == value.casefold() or c.casefold().startswith(value.casefold())
                    ][:1]
                )
                suffix = f'did you mean "{hint[0]}"?' if hint else f"use one of: {', '.join(known)}"
                doc.problem(line, col, name, f'"{value}" is not a known category; {suffix}')
        elif name == "slug":
            if not SLUG_RE.match(value):
                doc.problem(
                    line,
                    col,
                    name,
                    f'"{value}" must be lowercase letters, digits and '
                    f'hyphens, like "{slugify(value, settings) or "my-article"}"',
                )
        elif name == "status":
            if value not in STATUSES:
                doc.problem(line, col, name, f'"{value}" must be one of: {", ".join(STATUSES)}')
            doc.draft = value == "draft"  # hidden pages and articles are still written
        elif name == "summary" and value == PLACEHOLDER_SUMMARY:
            doc.problem(
                line,
                col,
                name,
                'still the placeholder from "headshots new article": '
                "write one or two sentences for the article list and search",
            )


def _check_date(doc, name, value, line, col):
    if not DATE_RE.match(value):
        doc.problem(line, col, name, f'"{value}" must be a date written YYYY-MM-DD, like 2026-09-22')
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        doc.problem(line, col, name, f'"{value}" is not a real date')


def _check_tags(doc, node, where):
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return
    if not isinstance(node, yaml.SequenceNode):
        doc.problem(*where(node), "tags", "must be a list, like [callbacks, auditions]")
        return
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            doc.problem(*where(item), "tags", "each tag must be a word or short phrase")


RELATED_EXAMPLE = "[in-the-room, the-closer-look]"


def _read_related(doc, key_node, node, where):
    """The shape of `related`: a non-empty list of slugs, each text as the build's YAML reads it.

    Whether each slug names an article is checked once every file is read
    (`_check_related`). The build reads front matter with PyYAML (YAML 1.1),
    where an unquoted `no` or `2026` is not text, so those must be quoted.
    """
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        doc.problem(
            *where(key_node),
            "related",
            f"is empty: list the slugs of other articles, like {RELATED_EXAMPLE}, or delete the line",
        )
        return
    if not isinstance(node, yaml.SequenceNode):
        doc.problem(*where(node), "related", f"must be a list of article slugs, like {RELATED_EXAMPLE}")
        return
    if not node.value:
        doc.problem(
            *where(node),
            "related",
            f"is empty: list the slugs of other articles, like {RELATED_EXAMPLE}, or delete the line",
        )
        return
    for item in node.value:
        line, col = where(item)
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            doc.problem(line, col, "related", "each entry must be an article's slug, like in-the-room")
            continue
        text = item.tag.endswith(":str")
        if text and item.style is None:
            try:
                text = isinstance(yaml.safe_load(item.value), str)
            except yaml.YAMLError:
                text = False
        if not text:
            doc.problem(
                line, col, "related", f'{item.value} is not read as text: put it in double quotes, "{item.value}"'
            )
            continue
        doc.related.append((item.value.strip(), line, col))


def _check_related(doc: _Doc, docs) -> None:
    """Each `related` slug names another published article, once."""
    articles_by_slug = {d.slug: d for d in docs if d.kind == "article" and d.slug}
    pages = {d.slug for d in docs if d.kind == "page" and d.slug}
    drafts = {d.path.stem for d in docs if d.kind == "article" and d.draft}
    seen = set()
    for slug, line, col in doc.related:
        if slug in seen:
            doc.problem(line, col, "related", f'"{slug}" is listed twice; keep one')
            continue
        seen.add(slug)
        target = articles_by_slug.get(slug)
        if target is doc:
            doc.problem(line, col, "related", f'"{slug}" is this article: list other articles')
            continue
        if target is not None:
            continue
        last = slug.strip("/").rpartition("/")[2]
        if "/" in slug and last in articles_by_slug:
            doc.problem(line, col, "related", f'"{slug}" is an address: write the slug alone, "{last}"')
        elif slug in drafts:
            doc.problem(line, col, "related", f'"{slug}" is a draft: list it once it is published')
        elif slug in pages:
            doc.problem(line, col, "related", f'"{slug}" is a page, not an article: list articles only')
        else:
            known = sorted(s for s, d in articles_by_slug.items() if d is not doc)
            hint = difflib.get_close_matches(slug, known, n=1, cutoff=0.6)
            suffix = f'did you mean "{hint[0]}"?' if hint else "write the slug from its address, /articles/<slug>/"
            doc.problem(line, col, "related", f'"{slug}" is not an article; {suffix}')


def _resolve_slug(doc: _Doc, settings) -> None:
    if doc.draft:
        return
    if "slug" in doc.fields and isinstance(doc.fields["slug"][1], yaml.ScalarNode):
        doc.slug = doc.fields["slug"][1].value.strip() or None
    else:
        source = _setting(settings, "SLUGIFY_SOURCE", "title")
        if source == "basename":
            doc.slug = slugify(doc.path.stem, settings)
        elif "title" in doc.fields and isinstance(doc.fields["title"][1], yaml.ScalarNode):
            doc.slug = slugify(doc.fields["title"][1].value, settings) or None
    if doc.slug:
        pattern = _setting(settings, "ARTICLE_URL" if doc.kind == "article" else "PAGE_URL", "{slug}/")
        try:
            url = pattern.format(slug=doc.slug)
        except (KeyError, IndexError, AttributeError):
            url = f"{doc.slug}/"
        doc.url = "/" + url.lstrip("/")


# --------------------------------------------------------------------------- the body


def _mask(text: str, start: int) -> str:
    """`text` with code, HTML comments and the front matter blanked (same length, same lines).

    Links in code are examples, not links; comments are notes to editors.
    """
    chars = list(text)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    blank(0, start)
    # fenced code blocks
    fence = None
    offset = start
    for line in text[start:].splitlines(keepends=True):
        stripped = line.lstrip(" ")
        marker = re.match(r"(`{3,}|~{3,})", stripped) if len(line) - len(stripped) < 4 else None
        if fence is None and marker:
            fence = marker.group(1)
            blank(offset, offset + len(line))
        elif fence is not None:
            blank(offset, offset + len(line))
            if (
                marker
                and marker.group(1)[0] == fence[0]
                and len(marker.group(1)) >= len(fence)
                and not stripped[len(marker.group(1)) :].strip()
            ):
                fence = None
        offset += len(line)
    masked = "".join(chars)
    for match in re.finditer(r"<!--.*?(?:-->|\Z)", masked, re.DOTALL):
        blank(match.start(), match.end())
    masked = "".join(chars)
    for match in re.finditer(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", masked, re.DOTALL):
        blank(match.start(), match.end())
    return "".join(chars)


LABEL = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"
INLINE_RE = re.compile(
    r"(?P<bang>!?)\[(?P<text>" + LABEL + r")\]\(\s*(?P<dest><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE_USE_RE = re.compile(r"(?P<bang>!?)\[(?P<text>" + LABEL + r")\]\[(?P<ref>[^\]]*)\]")
REFERENCE_DEF_RE = re.compile(r"^[ ]{0,3}\[(?P<ref>[^\]]+)\]:[ \t]*(?P<dest><[^>\n]*>|\S+)", re.MULTILINE)
IMG_TAG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
A_TAG_RE = re.compile(r"<a\b[^>]*>", re.IGNORECASE)


def _attr(tag: str, name: str):
    """(value, offset in tag) of an HTML attribute, or None."""
    match = re.search(r"\s" + name + r"\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", tag, re.IGNORECASE)
    if not match:
        return None
    group = next(i for i in (1, 2, 3) if match.group(i) is not None)
    return match.group(group), match.start(group)


class _Site:
    """What a link may point to: URLs of pages and the content files behind them."""

    def __init__(self, content_path: Path, known_paths, docs, static_paths=()):
        self.content = content_path.resolve()
        self.static_paths = list(static_paths)
        self.paths = set(known_paths)
        self.by_file = {}
        for doc in docs:
            if doc.url:
                self.paths.add(doc.url)
            self.by_file[doc.path.resolve()] = doc

    def suggest(self, path):
        """A hint: the article whose file is named like the link, or a close URL in the same section."""
        parts = path.strip("/").split("/")
        for doc in self.by_file.values():
            if (
                doc.url
                and len(parts) == 2
                and doc.path.stem == parts[1]
                and doc.url.strip("/").split("/")[0] == parts[0]
            ):
                return (
                    f'; {doc.display} is at "{doc.url}" (its slug comes from its title: '
                    f'add "slug: {doc.path.stem}" to its front matter to keep this link)'
                )
        # Same section, same depth, and a last segment that is close: a typo, not a guess.
        parent, _, last = path.rstrip("/").rpartition("/")
        siblings = {
            p.rstrip("/").rpartition("/")[2]: p
            for p in self.paths
            if p.rstrip("/").rpartition("/")[0] == parent and p.endswith("/") == path.endswith("/")
        }
        hint = difflib.get_close_matches(last, sorted(siblings), n=1, cutoff=0.8)
        return f'; did you mean "{siblings[hint[0]]}"?' if hint else ""


def _check_body(doc: _Doc, site: _Site) -> None:
    masked = _mask(doc.text, doc.body_offset)
    guide = doc.text.find(GUIDE_MARKER, doc.body_offset)
    if guide >= 0:
        line, col = _line_col(doc.text, guide)
        doc.problem(
            line,
            col,
            "body",
            'the house-style guide comment from "headshots new article" is still here: delete it before publishing',
        )
    for match in re.finditer(r"^ {0,3}#[ \t]", masked, re.MULTILINE):
        line, col = _line_col(doc.text, match.end() - 2)
        doc.problem(line, col, "heading", 'the title is the page\'s only top-level heading: start sections with "##"')
    definitions = {match.group("ref").strip().casefold(): match for match in REFERENCE_DEF_RE.finditer(masked)}
    used_by_images = {
        (match.group("ref") or match.group("text")).strip().casefold()
        for match in REFERENCE_USE_RE.finditer(masked)
        if match.group("bang")
    }
    for ref, match in definitions.items():
        _check_target(doc, site, match.group("dest"), match.start("dest"), image=ref in used_by_images)
    references = definitions

    def alt_missing(offset):
        line, col = _line_col(doc.text, offset)
        doc.problem(
            line,
            col,
            "image",
            "missing alt text: describe the picture between the "
            "brackets, like ![Actor in a navy sweater against a grey backdrop](...)",
        )

    for match in INLINE_RE.finditer(masked):
        image = bool(match.group("bang"))
        if image and not match.group("text").strip():
            alt_missing(match.start())
        _check_target(doc, site, match.group("dest"), match.start("dest"), image=image)

    for match in REFERENCE_USE_RE.finditer(masked):
        image = bool(match.group("bang"))
        if image and not match.group("text").strip():
            alt_missing(match.start())
        ref = (match.group("ref") or match.group("text")).strip().casefold()
        if ref not in references:
            line, col = _line_col(doc.text, match.start("ref"))
            doc.problem(
                line,
                col,
                "link",
                f'reference "[{match.group("ref") or match.group("text")}]" '
                "is not defined: add a line like [name]: /articles/<slug>/",
            )

    for match in IMG_TAG_RE.finditer(masked):
        tag = match.group(0)
        alt = _attr(tag, "alt")
        if alt is None or not alt[0].strip():
            alt_missing(match.start())
        src = _attr(tag, "src")
        if src:
            _check_target(doc, site, src[0], match.start() + src[1], image=True)
    for match in A_TAG_RE.finditer(masked):
        href = _attr(match.group(0), "href")
        if href:
            _check_target(doc, site, href[0], match.start() + href[1], image=False)


def _check_target(doc: _Doc, site: _Site, dest: str, offset: int, *, image: bool) -> None:
    """One link or image destination; problems point at the destination's first character."""
    if dest.startswith("<") and dest.endswith(">"):
        dest, offset = dest[1:-1], offset + 1
    line, col = _line_col(doc.text, offset)
    kind = "image" if image else "link"
    if not dest.strip():
        doc.problem(line, col, kind, "empty target: put the address between the parentheses")
        return
    pelican = PELICAN_LINK_RE.match(dest)
    if pelican:
        _check_pelican_target(doc, site, dest, pelican, line, col, kind)
        return
    if dest.startswith("//"):
        return
    scheme = SCHEME_RE.match(dest)
    if scheme:
        if scheme.group(0)[:-1].lower() not in ALLOWED_SCHEMES:
            doc.problem(line, col, kind, f'"{dest}": only http, https and mailto links are allowed')
        return
    if dest.startswith("#"):
        return
    path = unquote(re.split(r"[?#]", dest, maxsplit=1)[0])
    if not path.startswith("/"):
        if image:
            folder = (site.static_paths or ["media"])[0]
            doc.problem(
                line,
                col,
                kind,
                f'"{dest}" is a relative image: put the file in content/{folder}/ '
                f"and write {{static}}/{folder}/{Path(path).name}",
            )
        else:
            doc.problem(
                line, col, kind, f'"{dest}" is a relative link: write it from the site root, like /articles/<slug>/'
            )
        return
    if path in site.paths:
        return
    if path.endswith("/index.html") and path[: -len("index.html")] in site.paths:
        return
    if not path.endswith("/") and path + "/" in site.paths:
        doc.problem(line, col, kind, f'"{dest}" needs the trailing slash: "{path}/"')
        return
    if image and (site.content / path.lstrip("/")).is_file():
        return
    what = "file" if image else "page"
    doc.problem(line, col, kind, f'"{dest}" points to a {what} that does not exist{site.suggest(path)}')


def _check_pelican_target(doc, site, dest, match, line, col, kind):
    marker = match.group(1) or match.group(2)
    rest = unquote(re.split(r"[?#]", match.group(3), maxsplit=1)[0])
    if marker == "index":
        return
    if marker in NO_PAGES_FOR:
        doc.problem(line, col, kind, f'"{dest}": this site has no {marker} pages')
        return
    if marker not in ("filename", "static", "attach"):
        doc.problem(
            line,
            col,
            kind,
            f'"{dest}": unknown link type {{{marker}}}; use a root-relative link like /articles/<slug>/',
        )
        return
    base = site.content if rest.startswith("/") else doc.path.parent
    target = (base / rest.lstrip("/")).resolve()
    shown = display_path(target)
    if not target.is_file():
        doc.problem(line, col, kind, f'"{dest}": there is no file {shown}')
        return
    if marker in ("static", "attach"):
        folders = [(site.content / folder).resolve() for folder in site.static_paths]
        if not any(target == folder or folder in target.parents for folder in folders):
            where = ", ".join(f"content/{folder}/" for folder in site.static_paths) or "none"
            doc.problem(
                line, col, kind, f'"{dest}": {shown} is not in a folder the site publishes (STATIC_PATHS: {where})'
            )
        return
    if marker == "filename" and target.suffix in (".md", ".markdown"):
        other = site.by_file.get(target)
        if other is None or not other.url:
            doc.problem(line, col, kind, f'"{dest}": {shown} is not a published article or page')


# --------------------------------------------------------------------------- the check


def _markdown_files(content: Path, folders) -> list[Path]:
    files = []
    for folder in folders:
        root = content / folder
        if root.is_dir():
            files += sorted(p for p in root.rglob("*") if p.suffix in (".md", ".markdown") and p.is_file())
    return files


def check_articles(content_path="content", known_paths=(), *, settings=None) -> list[Problem]:
    """Every problem in the articles and pages under `content_path`, sorted.

    `known_paths` are root-relative paths the build writes besides articles
    and pages (`site_problems` gives the directory's and the fixed pages').
    `settings` are Pelican's (ARTICLE_PATHS, PAGE_PATHS, ARTICLE_URL, PAGE_URL,
    SLUGIFY_SOURCE, ARTICLE_CATEGORIES...), Pelican's defaults plus our
    categories when omitted.
    """
    settings = dict(settings or {})
    content = Path(content_path)

    docs = []
    for kind, setting in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        folders = _setting(settings, setting, ["articles"] if kind == "article" else ["pages"])
        for path in _markdown_files(content, folders):
            if any(path.resolve() == d.path.resolve() for d in docs):
                continue
            doc = _Doc(path=path, kind=kind, text=path.read_text(encoding="utf-8"), display=display_path(path))
            _read_front_matter(doc, settings)
            _resolve_slug(doc, settings)
            docs.append(doc)

    owners = {}
    for doc in docs:
        if doc.url:
            owners.setdefault(doc.url, []).append(doc)
    for url, same in owners.items():
        for doc in same if len(same) > 1 else ():
            node = doc.fields.get("slug", doc.fields.get("title", (None, None)))[0]
            line, col = (doc.opening_line, 1)
            if node is not None:
                line, col = doc.opening_line + 1 + node.start_mark.line, node.start_mark.column + 1
            others = ", ".join(other.display for other in same if other is not doc)
            doc.problem(line, col, "slug", f'"{doc.slug}" is also the URL of {others}: give each its own slug')

    site = _Site(content, known_paths, docs, _setting(settings, "STATIC_PATHS", ["images"]))
    problems = []
    for doc in docs:
        _check_related(doc, docs)
        _check_body(doc, site)
        problems += doc.problems
    return sorted(problems)


# --------------------------------------------------------------------------- the scaffold


def _yaml_scalar(value: str) -> str:
    """`value` as YAML that reads back as exactly that string."""
    try:
        plain = yaml.safe_load(value)
    except yaml.YAMLError:
        plain = None
    if plain == value and "#" not in value and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def new_article(title: str, content_path="content", *, settings=None, today=None) -> Path:
    """Write `content_path/articles/<slug>.md` from the commented template; returns its path.

    The file name is the URL: `/articles/<slug>/`. Refuses (FileExistsError)
    to overwrite, and ValueError for a title with no letters or digits.
    """
    title = " ".join(title.split())
    slug = slugify(title, settings)
    if not title or not SLUG_RE.match(slug or ""):
        raise ValueError(f'"{title}" makes no usable file name: use a title with letters or digits')
    folders = _setting(settings, "ARTICLE_PATHS", ["articles"]) or ["articles"]
    target = Path(content_path) / folders[0] / f"{slug}.md"
    if target.exists():
        raise FileExistsError(f"{display_path(target)} already exists: edit it, or choose another title")
    known = categories(settings)
    text = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=_yaml_scalar(title),
        date=(today or datetime.date.today()).isoformat(),
        author=_yaml_scalar((settings or {}).get("AUTHOR") or "First Look editors"),
        category=_yaml_scalar(known[0]),
        categories=", ".join(known),
        summary=_yaml_scalar(PLACEHOLDER_SUMMARY),
        slug=slug,
        guide=GUIDE_MARKER,
        media=(_setting(settings, "STATIC_PATHS", None) or ["media"])[0],
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return target


# --------------------------------------------------------------------------- for the CLI


def run_new_article(title: str, content_path="content", settings=None, out=None, err=None) -> int:
    """`headshots new article "Title"`: 0 and the new file's path, or 1 and why not."""
    import sys

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


# --------------------------------------------------------------------------- `headshots` wiring
# headshots.cli registers these: `register_check(articles.cli_check)` and
# `register_new("article", ..., articles.cli_new_arguments, articles.cli_new)`.


def cli_check(run):
    """The articles part of `headshots check` (a `headshots.cli.CheckRun` in, a `Report` out).

    Runs for the whole site (no PATH) and for a PATH inside the content folder
    (then only problems in files under PATH are reported; links are still
    resolved against the whole site). Any other PATH is a photographers path:
    None, not our business.
    """
    from headshots.cli import Report

    settings = run.settings
    content = Path(settings.get("PATH") or "content")
    only = None
    if run.path is not None:
        target, root = run.path.resolve(), content.resolve()
        if target != root and root not in target.parents:
            return None
        only = target
    problems = site_problems(settings, run.directory())
    if only is not None:
        problems = [p for p in problems if Path(p.file).resolve() == only or only in Path(p.file).resolve().parents]
    counts = {}
    for kind, setting in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        folders = _setting(settings, setting, [])
        files = [
            p
            for p in _markdown_files(content, folders)
            if only is None or p.resolve() == only or only in p.resolve().parents
        ]
        counts[kind] = len(files)
    shown = {kind: n for kind, n in counts.items() if n} or {"article": 0}
    checked = ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in shown.items())
    return Report(problems, checked)


def cli_new_arguments(parser) -> None:
    """Arguments of `headshots new article`."""
    parser.add_argument("title", help='the article\'s title, e.g. "Self-tapes that get you called back"')
    parser.add_argument("--path", help="the content folder (default: PATH from ./pelicanconf.py, else ./content)")


def cli_new(args, settings) -> int:
    """`headshots new article "Title"`: 0 and the new file, or 1 (exists, or no usable name)."""
    return run_new_article(args.title, args.path or settings.get("PATH") or "content", settings)
