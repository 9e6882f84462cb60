"""One Markdown file's front matter: read with a line and column for every value, and checked.

The front matter is read with the strict loader `headshots.yamlnodes` (YAML
1.2 scalars, duplicate keys refused); `related` entries are read as the
build's YAML 1.1 reader would, so those it would misread must be quoted.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from headshots import yamlnodes
from headshots.articles.layout import (
    DATE_RE,
    OPTIONAL_FIELDS,
    PAGE_OPTIONAL_FIELDS,
    PAGE_REQUIRED_FIELDS,
    PLACEHOLDER_SUMMARY,
    REQUIRED_FIELDS,
    SLUG_RE,
    STATUSES,
    categories,
    layout_setting,
    slugify,
)
from headshots.articles.yaml11 import not_text
from headshots.errors import Problem


@dataclass
class Doc:
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

    def where(self, node) -> tuple[int, int]:
        """The file line and column of a front matter node (nodes count lines from the first YAML line)."""
        return self.opening_line + 1 + node.start_mark.line, node.start_mark.column + 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _split_front_matter(doc: Doc) -> str | None:
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


def _compose(doc: Doc, yaml_text: str):
    """The front matter's root mapping node, or None after saying what is wrong with it."""
    first = doc.opening_line + 1  # 1-based line of the first YAML line
    try:
        root = yamlnodes.compose(yaml_text)
    except yamlnodes.YamlError as error:
        # Lines named inside the message count from the first YAML line: make them file lines.
        message = re.sub(r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + first - 1}", error.message)
        if message.endswith("mapping values are not allowed here"):  # a colon inside a value
            message += ': a value with ": " in it needs "double quotes" around it'
        doc.problem(first + error.line - 1, error.col, "front matter", message)
        return None
    if root is None:
        doc.problem(doc.opening_line, 1, "front matter", 'empty: add the fields between the two "---" lines')
        return None
    if not isinstance(root, yaml.MappingNode):
        doc.problem(*doc.where(root), "front matter", 'must be "field: value" lines, like "title: In the room"')
        return None
    return root


def read_front_matter(doc: Doc, settings) -> None:
    """Read `doc`'s front matter into `doc.fields`, with a problem for everything wrong in it."""
    yaml_text = _split_front_matter(doc)
    root = _compose(doc, yaml_text) if yaml_text is not None else None
    if root is None:
        return
    required = REQUIRED_FIELDS if doc.kind == "article" else PAGE_REQUIRED_FIELDS
    allowed = required + (OPTIONAL_FIELDS if doc.kind == "article" else PAGE_OPTIONAL_FIELDS)
    for key_node, value_node in root.value:
        _collect_field(doc, key_node, value_node, allowed)
    for name in required:
        if name not in doc.fields:
            doc.problem(doc.opening_line, 1, name, "required, but missing from the front matter")
    for name, (key_node, value_node) in doc.fields.items():
        if name == "tags":
            _check_tags(doc, value_node)
        elif name == "related":
            _read_related(doc, key_node, value_node)
        else:
            _check_single_value(doc, name, key_node, value_node, settings)


def _collect_field(doc: Doc, key_node, value_node, allowed) -> None:
    """One `key: value` pair into `doc.fields`, unless the key is repeated, misplaced or unknown."""
    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
    line, col = doc.where(key_node)
    if key in doc.fields:
        first_line = doc.where(doc.fields[key][0])[0]
        doc.problem(line, col, key, f"appears twice (first on line {first_line}); keep one")
    elif key == "related" and doc.kind == "page":
        doc.problem(line, col, key, 'only articles have a "Keep reading" list: delete the line')
    elif key not in allowed:
        hint = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
        if hint:
            doc.problem(line, col, key, f'unknown field; did you mean "{hint[0]}"?')
        else:
            doc.problem(line, col, key, f"unknown field; the fields are: {', '.join(allowed)}")
    else:
        doc.fields[key] = (key_node, value_node)


def _check_single_value(doc: Doc, name: str, key_node, value_node, settings) -> None:
    """A field that takes one value: present, not empty, and right for its field."""
    line, col = doc.where(value_node)
    if not isinstance(value_node, yaml.ScalarNode):
        doc.problem(line, col, name, "must be a single value, not a list or a mapping")
        return
    value = value_node.value.strip()
    if not value:
        null = value_node.style is None and value_node.tag.endswith(":null")
        doc.problem(*(doc.where(key_node) if null else (line, col)), name, "is empty: write a value after the colon")
    elif name not in ("date", "modified") and not_text(value_node):
        doc.problem(line, col, name, not_text(value_node))
    elif name in ("date", "modified"):
        _check_date(doc, name, value, line, col)
    elif name == "category":
        _check_category(doc, value, line, col, settings)
    elif name == "slug" and not SLUG_RE.match(value):
        example = slugify(value, settings) or "my-article"
        doc.problem(line, col, name, f'"{value}" must be lowercase letters, digits and hyphens, like "{example}"')
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


def _check_category(doc: Doc, value: str, line: int, col: int, settings) -> None:
    known = categories(settings)
    if value in known:
        return
    folded = value.casefold()
    hint = (
        difflib.get_close_matches(value, known, n=1, cutoff=0.5)
        or [c for c in known if c.casefold() == folded or c.casefold().startswith(folded)][:1]
    )
    suffix = f'did you mean "{hint[0]}"?' if hint else f"use one of: {', '.join(known)}"
    doc.problem(line, col, "category", f'"{value}" is not a known category; {suffix}')


def _check_date(doc, name, value, line, col):
    if not DATE_RE.match(value):
        doc.problem(line, col, name, f'"{value}" must be a date written YYYY-MM-DD, like 2026-09-22')
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        doc.problem(line, col, name, f'"{value}" is not a real date')


def _check_tags(doc, node):
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return
    if not isinstance(node, yaml.SequenceNode):
        doc.problem(*doc.where(node), "tags", "must be a list, like [callbacks, auditions]")
        return
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            doc.problem(*doc.where(item), "tags", "each tag must be a word or short phrase")
        elif not_text(item):
            doc.problem(*doc.where(item), "tags", not_text(item))


RELATED_EXAMPLE = "[in-the-room, the-closer-look]"


def _read_related(doc, key_node, node):
    """The shape of `related`: a non-empty list of slugs, each text as the build's YAML reads it.

    Whether each slug names an article is checked once every file is read
    (`check_related`). The build reads front matter with PyYAML (YAML 1.1),
    where an unquoted `no` or `2026` is not text, so those must be quoted.
    """
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        doc.problem(
            *doc.where(key_node),
            "related",
            f"is empty: list the slugs of other articles, like {RELATED_EXAMPLE}, or delete the line",
        )
        return
    if not isinstance(node, yaml.SequenceNode):
        doc.problem(*doc.where(node), "related", f"must be a list of article slugs, like {RELATED_EXAMPLE}")
        return
    if not node.value:
        doc.problem(
            *doc.where(node),
            "related",
            f"is empty: list the slugs of other articles, like {RELATED_EXAMPLE}, or delete the line",
        )
        return
    for item in node.value:
        line, col = doc.where(item)
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            doc.problem(line, col, "related", "each entry must be an article's slug, like in-the-room")
            continue
        if not_text(item):
            doc.problem(line, col, "related", not_text(item))
            continue
        doc.related.append((item.value.strip(), line, col))


def resolve_slug(doc: Doc, settings) -> None:
    if doc.draft:
        return
    if "slug" in doc.fields and isinstance(doc.fields["slug"][1], yaml.ScalarNode):
        doc.slug = doc.fields["slug"][1].value.strip() or None
    else:
        source = layout_setting(settings, "SLUGIFY_SOURCE", "title")
        if source == "basename":
            doc.slug = slugify(doc.path.stem, settings)
        elif "title" in doc.fields and isinstance(doc.fields["title"][1], yaml.ScalarNode):
            doc.slug = slugify(doc.fields["title"][1].value, settings) or None
    if doc.slug:
        pattern = layout_setting(settings, "ARTICLE_URL" if doc.kind == "article" else "PAGE_URL", "{slug}/")
        try:
            url = pattern.format(slug=doc.slug)
        except (KeyError, IndexError, AttributeError):
            url = f"{doc.slug}/"
        doc.url = "/" + url.lstrip("/")
