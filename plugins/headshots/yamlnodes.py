"""Strict YAML for files editors write by hand.

PyYAML's own loaders follow YAML 1.1, where an unquoted `NO` (Norway), `ON`
(Ontario), `yes` or `off` becomes a boolean and `2026-10-01` becomes a date
object. Here every scalar is read the way the editor typed it:

- only `true` / `false` (any case, as in YAML 1.2's core schema) are booleans;
  `~`, `null` or nothing at all is null;
- decimal, `0o` octal and `0x` hex integers and YAML 1.2 floats (`3.5`,
  `1e3`, `.inf`) are numbers; everything else, dates included, is a string
  (the JSON Schema checks the shape of dates);
- a key that appears twice in one mapping is an error;
- anchors (`&a`) and aliases (`*a`) are refused as soon as the parser meets
  one, so a "billion laughs" file fails before anything is expanded; merge
  keys (`<<`) need aliases, so they go too;
- tags other than the standard `!!str`, `!!int`, `!!float`, `!!bool`,
  `!!null`, `!!seq`, `!!map` are refused;
- the bytes must be UTF-8 (a byte-order mark is allowed).

Every error is a `YamlError` with a 1-based line and column. A loaded
document keeps the line and column of every value and every key, keyed by
its path: `("headshots", 0, "alt")`.

Parsing (and its speed) is `headshots.yamlparse`; this module turns the nodes
into data with positions.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from headshots.yamlparse import BOOL, FLOAT, INT, MAP, NULL, SEQ, STR, YamlError, compose, decode, mark_position

__all__ = ["Document", "YamlError", "compose", "decode", "load", "load_file", "yaml_scalar"]


@dataclass
class Document:
    """Loaded data plus where each part of it was written.

    `positions[path]` is the (line, col) of the value at `path` (the root is
    `()`); `key_positions[path]` is where the key naming that value was
    written (mapping members only). Both are 1-based.
    """

    data: object
    positions: dict = field(default_factory=dict)
    key_positions: dict = field(default_factory=dict)

    def where(self, path, *, key: bool = False) -> tuple[int, int]:
        """The position of `path`, or of its nearest written ancestor."""
        path = tuple(path)
        while True:
            if key and path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def narrowed(self, paths) -> Document:
        """The same data, with the positions of `paths` and of their ancestors only.

        For a document kept long after it was checked: every value's position
        is most of what it costs to pickle (a process boundary, a cache).
        """
        positions = {}
        for path in map(tuple, paths):
            for end in range(len(path) + 1):
                if path[:end] in self.positions:
                    positions[path[:end]] = self.positions[path[:end]]
        return Document(self.data, positions)


def load(text: str | bytes) -> Document:
    """Parse one document strictly into plain Python data (dict, list, str, int, float, bool, None)."""
    if isinstance(text, bytes):
        text = decode(text)
    root = compose(text)
    document = Document(data=None)
    if root is None:
        return document
    document.data = _construct(root, (), document)
    return document


def load_file(path) -> Document:
    """`load` the bytes of `path` (read as bytes so a non-UTF-8 file is reported, not crashed on)."""
    return load(Path(path).read_bytes())


def _construct(node: Node, path: tuple, document: Document):
    # Every node of every profile passes here: marks are read inline, and a string (most
    # scalars) is returned without a call to `_scalar`.
    mark = node.start_mark
    document.positions[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, ScalarNode):
        return node.value if node.tag == STR or node.tag == "!" else _scalar(node)
    if isinstance(node, MappingNode):
        _check_tag(node, MAP)
        result = {}
        key_positions = document.key_positions
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlError(
                    "a key must be a plain word, not a list or a mapping", *mark_position(key_node.start_mark)
                )
            key = key_node.value
            child = (*path, key)
            if key in result:
                first_line = key_positions[child][0]
                raise YamlError(
                    f'duplicate key "{key}" (first written on line {first_line}): keep one',
                    *mark_position(key_node.start_mark),
                )
            mark = key_node.start_mark
            key_positions[child] = (mark.line + 1, mark.column + 1)
            result[key] = _construct(value_node, child, document)
        return result
    _check_tag(node, SEQ)
    return [_construct(item, (*path, index), document) for index, item in enumerate(node.value)]


def _check_tag(node: Node, expected: str) -> None:
    if node.tag != expected:
        raise YamlError(f'the tag "{_short_tag(node.tag)}" is not allowed: remove it', *mark_position(node.start_mark))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


#: The longest number a file may hold: prices, counts and days need a few digits; 400 would
#: overflow every JSON reader's float, and 5,000 is past what Python turns into text.
MAX_DIGITS = 15


def _shortened(value: str, limit: int = 40) -> str:
    """A value for a message: whole when short, else its start and its length."""
    return value if len(value) <= limit else f"{value[:limit]}... ({len(value)} characters)"


def _scalar(node: ScalarNode):  # noqa: C901 - a branch per YAML 1.2 scalar form
    tag, value = node.tag, node.value
    if tag == "!" or tag == STR:  # "!" is the non-specific tag of quoted scalars
        return value
    try:
        if tag == NULL:
            if value not in ("", "~", "null", "Null", "NULL"):
                raise ValueError
            return None
        if tag == BOOL:
            if value.lower() not in ("true", "false"):
                raise ValueError
            return value.lower() == "true"
        if tag in (INT, FLOAT) and len(value.lstrip("+-0")) > MAX_DIGITS:
            raise YamlError(
                f"a number {len(value)} characters long is too large: no field needs more than {MAX_DIGITS} digits",
                *mark_position(node.start_mark),
            )
        if tag == INT:
            if value.startswith("0o"):
                return int(value[2:], 8)
            if value.startswith("0x"):
                return int(value[2:], 16)
            return int(value, 10)
        if tag == FLOAT:
            if value.lower().endswith((".inf", ".nan")):
                raise YamlError(
                    f'"{value}" is not a number a page can show: write a finite number', *mark_position(node.start_mark)
                )
            number = float(value)
            if not math.isfinite(number):
                raise YamlError(f'"{value}" is too large to be a number here', *mark_position(node.start_mark))
            return number
    except ValueError:
        short = tag.rsplit(":", 1)[-1]
        raise YamlError(f'"{_shortened(value)}" is not a valid !!{short}', *mark_position(node.start_mark)) from None
    raise YamlError(f'the tag "{_short_tag(tag)}" is not allowed: remove it', *mark_position(node.start_mark))


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as exactly that string: the one YAML writer.

    Plain when both readers of our files read it so (this module's YAML 1.2,
    for profiles; PyYAML's YAML 1.1, which reads the articles' front matter
    at build time, where `no` or `on` would be booleans), else double-quoted
    (a JSON string is a valid YAML double-quoted scalar).
    """
    try:
        plain = load(f"v: {value}\n").data == {"v": value} and yaml.safe_load(f"v: {value}\n") == {"v": value}
    except (YamlError, yaml.YAMLError):
        plain = False
    if plain and "#" not in value and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)
