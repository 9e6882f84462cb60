"""Strict YAML parsing for files editors write by hand: the node tree, with every position.

`compose(text)` gives the nodes of one document, or a `YamlError` with a
1-based line and column (syntax, anchors and aliases, several documents,
nesting past MAX_DEPTH, bytes that are not UTF-8). `headshots.yamlnodes`
turns the nodes into data.

Speed: PyYAML's pure-Python scanner and parser were most of the time spent
validating profiles. When PyYAML has libyaml (`yaml.__with_libyaml__`), the
events come from libyaml's C parser and the same Python composer builds the
nodes (a profile loads about 5x faster). libyaml is a little more lenient
than PyYAML and marks a few things elsewhere (tabs, a byte-order mark inside
the text, `|#`, odd tags, `?` or empty values inside `[...]`/`{...}`, the
end of a file without a final newline), so such text, and every file that
fails, goes through the pure-Python parser: data, positions, styles and
messages are exactly the pure-Python path's (checked by differential fuzzing
and by tests/test_yamlnodes.py). libyaml's own composer (C) was about twice
as fast again, but saved about 2% of a cold build at 10,000 profiles for
140 lines of equivalence checks: gone (docs/performance.md).
"""

from __future__ import annotations

import re

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

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
                *mark_position(event.start_mark),
            )
        if getattr(event, "anchor", None) is not None:
            raise YamlError(
                f'anchors ("&{event.anchor}") are not allowed: write each value out in full',
                *mark_position(event.start_mark),
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
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None


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


def _single_node(loader_class, text: str) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def mark_position(mark) -> tuple[int, int]:
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
                raise YamlError(_TOO_DEEP, *mark_position(node.start_mark))
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
        raise YamlError(f"YAML syntax error: {problem}", *mark_position(mark)) from None
    except yaml.reader.ReaderError as error:
        line, col = _offset_position(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlError(f"the control character U+{code:04X} is not allowed: remove it", line, col) from None
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error above carries a mark
        raise YamlError(f"YAML syntax error: {error}") from None


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
