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

Speed: PyYAML's pure-Python scanner and parser were most of the time spent
validating profiles. When PyYAML has libyaml (`yaml.__with_libyaml__`), the
events come from libyaml's C parser and the same Python composer builds the
nodes (a profile loads about 5x faster). libyaml is a little more lenient
than PyYAML and marks a few things elsewhere (tabs, a byte-order mark inside
the text, `|#`, odd tags, `?` or empty values inside `[...]`/`{...}`, the
end of a file without a final newline), so such text, and every file that
fails, goes through the pure-Python parser: data, positions, styles and
messages are exactly the pure-Python path's (checked by differential fuzzing
and by tests/test_yamlnodes.py). `load` goes one step further when the text
can hold no anchor, alias or tag: libyaml's own composer (C) builds the
nodes, about twice as fast again, from the same events (`_composed_in_c`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

__all__ = ["Document", "YamlError", "compose", "load", "load_file"]

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


class YamlError(Exception):
    """A file that is not the YAML we accept: `message` at `line`:`col` (1-based)."""

    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


class _Resolver(BaseResolver):
    """YAML 1.2 core-schema scalars, nothing from YAML 1.1."""

    # BaseResolver's own methods, less what this resolver never has (path resolvers,
    # resolvers for any first character): they run for every node of every profile,
    # and were about a third of libyaml's composing time.
    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


_Resolver.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


class _Composer(Composer):
    """PyYAML's composer, refusing anchors and aliases the moment they appear."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise YamlError(
                f'aliases ("*{event.anchor}") are not allowed: write the value out in full',
                *_position(event.start_mark),
            )
        if getattr(event, "anchor", None) is not None:
            raise YamlError(
                f'anchors ("&{event.anchor}") are not allowed: write each value out in full',
                *_position(event.start_mark),
            )
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _Composer, _Resolver):
    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _FastLoader(_Composer, CParser, _Resolver):
        """libyaml's scanner and parser (C) under our composer: the same nodes as `_Loader`."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _Composer.__init__(self)
            _Resolver.__init__(self)

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, ScalarEvent):
                if event.tag not in _SCALAR_TAGS:
                    raise _NotSure  # libyaml accepts tags PyYAML refuses, and reads an empty "!" scalar as str
                if (
                    not event.style
                    and parent is not None
                    and parent.flow_style
                    and ("?" in event.value or not event.value)
                ):
                    raise _NotSure  # in [...] or {...}: PyYAML ends plain text at "?", marks empty values elsewhere
            elif getattr(event, "tag", None) is not None:
                raise _NotSure  # the mark of a tagged collection is its tag's: see the indentless sequence below
            node = super().compose_node(parent, index)
            if isinstance(node, ScalarNode):
                if node.style == "":  # libyaml's plain style; PyYAML's is None
                    node.style = None
            elif (
                isinstance(node, SequenceNode)
                and node.flow_style is False
                and isinstance(parent, MappingNode)
                and parent.flow_style is False
                and node.start_mark.column == parent.start_mark.column
            ):
                node.flow_style = None  # PyYAML's style of an indentless "key:\n- item" sequence
            return node

    class _CComposer(CParser, _Resolver):
        """libyaml's parser and composer, both in C, with our resolver: for `load`, when
        `_composed_in_c` has ruled out what only the event-level checks above can see."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _CComposer = None


_SCALAR_TAGS = frozenset({None, STR, INT, FLOAT, BOOL, NULL})


def _follows(text: str, chars: str, over: str, after: str, at_start: bool) -> bool:
    """Whether a character of `chars` in `text`, looking back over any run of `over`, stands just
    after one of `after` (or at the start of the text, when `at_start`).

    What the two checks below ask of every profile. `str.find` skips to
    the few candidates; a regex tried at every position of the file was a
    third of the time a profile took to load.
    """
    for char in chars:
        at = text.find(char)
        while at != -1:
            before = at - 1
            while before >= 0 and text[before] in over:
                before -= 1
            if (text[before] in after) if before >= 0 else at_start:
                return True
            at = text.find(char, at + 1)
    return False


class _NotSure(Exception):
    """libyaml and PyYAML may disagree on this text: use the pure-Python parser."""


def _libyaml_reads_alike(text: str) -> bool:
    """Whether libyaml reads `text` exactly as PyYAML does (see the module docstring): a final
    newline, no tab, no byte-order mark, and no block scalar header running into a comment
    ("|#", ">-2#": PyYAML wants a space before the "#")."""
    return (
        text.endswith("\n")
        and "\t" not in text
        and "\ufeff" not in text
        and not _follows(text, "#", "-+0123456789", "|>", at_start=False)
    )


def _may_hold_node_property(text: str) -> bool:
    """Whether an anchor (&), alias (*) or tag (!) may begin a node in `text`.

    One can only begin a node at the start of a line (after indentation),
    or after "- ", "? ", ":", "[", "{" or "," and spaces. A match may be
    plain text too ("* a list item" in a bio): that only sends the file down
    the slower, event-level path.
    """
    return _follows(text, "&*!", " \t", "\n[{,:?-", at_start=True)


def _composed_in_c(text: str) -> Node | None:
    """The node tree composed by libyaml alone (about 2x faster than our composer), or None.

    None (use `compose`) when the text may hold an anchor, alias or tag (the
    C composer would accept them silently), when libyaml and PyYAML may read
    it differently (`_libyaml_reads_alike`, a plain scalar with "?" or an empty
    one in a flow collection), or when libyaml fails (errors are worded by
    the pure-Python parser). Marks and tags come from the same libyaml
    events and the same resolver as `compose`'s, so `load` gives the same
    data and positions either way (tests/test_yamlnodes.py checks).
    """
    if _CComposer is None or not _libyaml_reads_alike(text) or _may_hold_node_property(text):
        return None
    try:
        root = _single_node(_CComposer, text)
    except yaml.YAMLError:
        return None
    return root if _reads_alike(root, None) else None


def _reads_alike(node, parent) -> bool:
    """No plain scalar with "?", and no empty one, inside [...] or {...} (see `_FastLoader`)."""
    if isinstance(node, ScalarNode):
        return not (
            parent is not None and parent.flow_style and not node.style and ("?" in node.value or not node.value)
        )
    if isinstance(node, SequenceNode):
        return all(_reads_alike(item, node) for item in node.value)
    if isinstance(node, MappingNode):
        return all(_reads_alike(key, node) and _reads_alike(value, node) for key, value in node.value)
    return True


def _single_node(loader_class, text: str) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _position(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def decode(data: bytes) -> str:
    """The text of a UTF-8 file, or a YamlError at the first byte that is not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
        raise YamlError(
            f"byte 0x{data[error.start]:02X} is not UTF-8: save the file with UTF-8 encoding", line, col
        ) from None


#: Lists and mappings inside each other: a profile needs 4 levels; past this a file is refused,
#: long before Python's recursion limit (a 400-level "[[[...]]]" is 800 bytes).
MAX_DEPTH = 20
_TOO_DEEP = f"lists and mappings are nested more than {MAX_DEPTH} levels deep: no field needs that"


def compose(text: str | bytes) -> Node | None:
    """The strict node tree of one YAML document (None when the document is empty).

    Raises YamlError for syntax errors, anchors/aliases, several documents,
    nesting past MAX_DEPTH or bytes that are not UTF-8. Nodes keep PyYAML's
    0-based `start_mark`.
    """
    if isinstance(text, bytes):
        text = decode(text)
    try:
        root = _compose(text)
    except RecursionError:
        raise YamlError(_TOO_DEEP) from None
    _check_depth(root)
    return root


def _check_depth(root) -> None:
    """YamlError at the first node nested past MAX_DEPTH (iterative: no recursion to overflow)."""
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (MappingNode, SequenceNode)):
            if depth >= MAX_DEPTH:
                raise YamlError(_TOO_DEEP, *_position(node.start_mark))
            children = [v for pair in node.value for v in pair] if isinstance(node, MappingNode) else node.value
            stack.extend((child, depth + 1) for child in children)


def _compose(text: str) -> Node | None:
    if _FastLoader is not None and _libyaml_reads_alike(text):
        try:
            return _single_node(_FastLoader, text)
        except (yaml.YAMLError, YamlError, _NotSure):
            pass  # rare: the pure-Python parser below words the error (or reads the text) as always
    try:
        return _single_node(_Loader, text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        if error.context and error.problem and "expected a single document" in error.context:
            problem = 'only one YAML document is allowed (remove the second "---")'
        elif error.context and error.problem and error.context_mark is not None:
            problem += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        raise YamlError(f"YAML syntax error: {problem}", *_position(mark)) from None
    except yaml.reader.ReaderError as error:
        line, col = _offset_position(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlError(f"the control character U+{code:04X} is not allowed: remove it", line, col) from None
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error above carries a mark
        raise YamlError(f"YAML syntax error: {error}") from None


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


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
    try:
        root = _composed_in_c(text)
    except RecursionError:
        raise YamlError(_TOO_DEEP) from None
    if root is None:
        root = compose(text)
    else:
        _check_depth(root)
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
                raise YamlError("a key must be a plain word, not a list or a mapping", *_position(key_node.start_mark))
            key = key_node.value
            child = (*path, key)
            if key in result:
                first_line = key_positions[child][0]
                raise YamlError(
                    f'duplicate key "{key}" (first written on line {first_line}): keep one',
                    *_position(key_node.start_mark),
                )
            mark = key_node.start_mark
            key_positions[child] = (mark.line + 1, mark.column + 1)
            result[key] = _construct(value_node, child, document)
        return result
    _check_tag(node, SEQ)
    return [_construct(item, (*path, index), document) for index, item in enumerate(node.value)]


def _check_tag(node: Node, expected: str) -> None:
    if node.tag != expected:
        raise YamlError(f'the tag "{_short_tag(node.tag)}" is not allowed: remove it', *_position(node.start_mark))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


#: The longest number a file may hold: prices, counts and days need a few digits; 400 would
#: overflow every JSON reader's float, and 5,000 is past what Python turns into text.
MAX_DIGITS = 15


def _shortened(value: str, limit: int = 40) -> str:
    """A value for a message: whole when short, else its start and its length."""
    return value if len(value) <= limit else f"{value[:limit]}... ({len(value)} characters)"


def _scalar(node: ScalarNode):
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
                *_position(node.start_mark),
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
                    f'"{value}" is not a number a page can show: write a finite number', *_position(node.start_mark)
                )
            number = float(value)
            if not math.isfinite(number):
                raise YamlError(f'"{value}" is too large to be a number here', *_position(node.start_mark))
            return number
    except ValueError:
        short = tag.rsplit(":", 1)[-1]
        raise YamlError(f'"{_shortened(value)}" is not a valid !!{short}', *_position(node.start_mark)) from None
    raise YamlError(f'the tag "{_short_tag(tag)}" is not allowed: remove it', *_position(node.start_mark))


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
