"""The body of an article: headings, images and every link, resolved against the site's addresses.

Links inside the site are root-relative (`/articles/<slug>/`, with the
trailing slash), so a relative link is an error that says how to write it;
links in code spans, fenced code and HTML comments are not checked; external
links are not fetched (http, https and mailto are allowed, other schemes are
not). `related` entries are resolved here too, once every file is read.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from headshots import csp, urls
from headshots.articles import html
from headshots.articles.frontmatter import Doc, line_col
from headshots.articles.layout import GUIDE_MARKER, LAYOUT_DEFAULTS
from headshots.errors import display_path

SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
PELICAN_LINK_RE = re.compile(r"^(?:\{(\w+)\}|\|(\w+)\|)(.*)$", re.DOTALL)
NO_PAGES_FOR = ("tag", "tags", "category", "categories", "author", "authors", "archives")


def check_related(doc: Doc, docs) -> None:
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
# (a footnote, "[^1]: text", is not a link)
REFERENCE_DEF_RE = re.compile(r"^[ ]{0,3}\[(?P<ref>(?!\^)[^\]]+)\]:[ \t]*(?P<dest><[^>\n]*>|\S+)", re.MULTILINE)


class Site:
    """What a link may point to: URLs of pages and the content files behind them."""

    def __init__(self, content_path: Path, known_paths, docs, static_paths=(), image_hosts=(), policy=""):
        self.content = content_path.resolve()
        self.static_paths = list(static_paths)
        self.image_hosts = {host.lower() for host in image_hosts}
        self.policy = policy
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


def check_body(doc: Doc, site: Site) -> None:
    """The body: no leftover guide comment, no top-level heading, every image described, every link resolved."""
    masked = _mask(doc.text, doc.body_offset)
    guide = doc.text.find(GUIDE_MARKER, doc.body_offset)
    if guide >= 0:
        doc.problem(
            *line_col(doc.text, guide),
            "body",
            'the house-style guide comment from "headshots new article" is still here: delete it before publishing',
        )
    for match in re.finditer(r"^ {0,3}#[ \t]", masked, re.MULTILINE):
        doc.problem(
            *line_col(doc.text, match.end() - 2),
            "heading",
            'the title is the page\'s only top-level heading: start sections with "##"',
        )
    _check_markdown_links(doc, site, masked)
    _check_html_tags(doc, site, masked)
    for offset, message in html.attribute_list_problems(masked):
        doc.problem(*line_col(doc.text, offset), "html", message)


def _alt_missing(doc: Doc, offset: int) -> None:
    doc.problem(
        *line_col(doc.text, offset),
        "image",
        "missing alt text: describe the picture between the "
        "brackets, like ![Actor in a navy sweater against a gray backdrop](...)",
    )


def _check_markdown_links(doc: Doc, site: Site, masked: str) -> None:
    """Inline links and images, reference definitions and their uses."""
    definitions = {match.group("ref").strip().casefold(): match for match in REFERENCE_DEF_RE.finditer(masked)}
    used_by_images = {
        (match.group("ref") or match.group("text")).strip().casefold()
        for match in REFERENCE_USE_RE.finditer(masked)
        if match.group("bang")
    }
    for ref, match in definitions.items():
        _check_target(doc, site, match.group("dest"), match.start("dest"), image=ref in used_by_images)
    for match in INLINE_RE.finditer(masked):
        image = bool(match.group("bang"))
        if image and not match.group("text").strip():
            _alt_missing(doc, match.start())
        _check_target(doc, site, match.group("dest"), match.start("dest"), image=image)
    for match in REFERENCE_USE_RE.finditer(masked):
        if match.group("bang") and not match.group("text").strip():
            _alt_missing(doc, match.start())
        name = match.group("ref") or match.group("text")
        if name.strip().casefold() not in definitions:
            doc.problem(
                *line_col(doc.text, match.start("ref")),
                "link",
                f'reference "[{name}]" is not defined: add a line like [name]: /articles/<slug>/',
            )


def _check_html_tags(doc: Doc, site: Site, masked: str) -> None:
    """Raw HTML: only what the sanitiser keeps (`html.problems`), `<img>` described, every address resolved."""
    for offset, tag, attributes in html.tags(masked):
        refused = html.problems(tag, attributes)
        for message in refused:
            doc.problem(*line_col(doc.text, offset), "html", message)
        if refused:
            continue
        if tag == "img" and not attributes.get("alt", ("",))[0].strip():
            _alt_missing(doc, offset)
        target = attributes.get("src" if tag == "img" else "href") if tag in ("img", "a") else None
        if target and target[0]:
            _check_target(doc, site, target[0], target[1], image=tag == "img")


def _check_target(doc: Doc, site: Site, dest: str, offset: int, *, image: bool) -> None:  # noqa: C901 - a branch per link form
    """One link or image destination; problems point at the destination's first character."""
    if dest.startswith("<") and dest.endswith(">"):
        dest, offset = dest[1:-1], offset + 1
    line, col = line_col(doc.text, offset)
    kind = "image" if image else "link"
    if not dest.strip():
        doc.problem(line, col, kind, "empty target: put the address between the parentheses")
        return
    pelican = PELICAN_LINK_RE.match(dest)
    if pelican:
        _check_pelican_target(doc, site, dest, pelican, line, col, kind)
        return
    refused = urls.problem(dest)
    if refused:
        doc.problem(line, col, kind, refused)
        return
    if SCHEME_RE.match(dest):
        if image:
            _check_image_host(doc, site, dest, line, col)
        return
    if dest.startswith("#"):
        return
    path = unquote(re.split(r"[?#]", dest, maxsplit=1)[0])
    if not path.startswith("/"):
        if image:
            folder = (site.static_paths or LAYOUT_DEFAULTS["STATIC_PATHS"])[0]
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


def _check_image_host(doc: Doc, site: Site, dest: str, line: int, col: int) -> None:
    """An image from elsewhere: https only, and only from ARTICLE_IMAGE_HOSTS, which the policy must allow."""
    parts = urlsplit(dest)
    host = (parts.hostname or "").lower()
    folder = (site.static_paths or LAYOUT_DEFAULTS["STATIC_PATHS"])[0]
    fix = f"put the file in content/{folder}/ and write {{static}}/{folder}/{Path(parts.path).name or 'photo.jpg'}"
    if parts.scheme.lower() != "https":
        why = "is not https (browsers block or flag it on an https page)"
    elif host not in site.image_hosts:
        why = "comes from another site, which then sees who reads the article"
        fix += f" (or ask a maintainer to add {host} to ARTICLE_IMAGE_HOSTS)"
    elif not csp.allows_https_host(site.policy, "img-src", host):
        why = "is from a host in ARTICLE_IMAGE_HOSTS that CONTENT_SECURITY_POLICY's img-src leaves out"
        fix = f"add https://{host} to img-src (and to the host's header, docs/deploy.md)"
    else:
        return
    doc.problem(line, col, "image", f'"{dest}" {why}: {fix}')


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
