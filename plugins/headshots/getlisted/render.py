"""profile.yaml as `headshots from-issue` writes it: commented like the scaffold, read back before it is kept."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from headshots import yamlnodes
from headshots.validate import SCAFFOLD_PATH, SCHEMA_PATH

COMMENT_COLUMN = 37  # where the scaffold's comments start

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[a-z_]+):[^#]*?(?:#\s?(?P<comment>.*))?$")
_MORE = re.compile(r"^ +#(?P<comment>.*)$")


@cache
def scaffold_comments() -> dict[tuple, list[str]]:
    """Each key's comment lines in the `headshots new photographer` template: ("price", "from") -> [...]."""
    comments, stack, last = {}, [], None
    for line in SCAFFOLD_PATH.read_text(encoding="utf-8").splitlines():
        more = _MORE.match(line)
        if more and last is not None:
            comments[last].append(more.group("comment").rstrip())
            continue
        match, last = _KEY_LINE.match(line), None
        if not match:
            continue
        level = len(match.group("indent")) + (2 if match.group("dash") else 0)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, match.group("key")))
        where = tuple(key for _, key in stack)
        if where not in comments and match.group("comment"):
            comments[where], last = [match.group("comment").rstrip()], where
    return comments


def _line(text: str, key: tuple, quiet: bool = False) -> list[str]:
    """`text`, with the key's scaffold comment beside it (and its continuation lines below)."""
    notes = [] if quiet else scaffold_comments().get(key) or []
    if not notes:
        return [text]
    first = f"{text.ljust(COMMENT_COLUMN - 1)} # {notes[0]}".rstrip()
    return [first, *(f"{' ' * (COMMENT_COLUMN - 1)} #{note}".rstrip() for note in notes[1:])]


def _literal(value: str, indent: str) -> str | None:
    """A multi-line text as a YAML literal block, when it reads back as exactly itself."""
    block = "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in value.split("\n"))
    try:
        if yamlnodes.load(f"v: {block}\n").data == {"v": value}:
            return block
    except yamlnodes.YamlError:
        pass
    return None


def _scalar(value) -> str:
    return yamlnodes.yaml_scalar(value) if isinstance(value, str) else str(value)


def _lines(data: dict, path: tuple, indent: str, quiet: bool = False) -> list[str]:
    """`data` as YAML lines; `quiet`: without comments (the second item of a list on)."""
    lines = []
    for key, value in data.items():
        where = (*path, key)
        if isinstance(value, dict):
            lines += _line(f"{indent}{key}:", where, quiet)
            lines += _lines(value, where, indent + "  ", quiet)
        elif isinstance(value, list) and not value:
            lines += _line(f"{indent}{key}: []", where, quiet)
        elif isinstance(value, list):
            lines += _line(f"{indent}{key}:", where)
            for number, item in enumerate(value):
                if isinstance(item, dict):
                    inner = _lines(item, where, indent + "    ", quiet=number > 0)
                    lines.append(f"{indent}  - {inner[0].lstrip()}")
                    lines += inner[1:]
                else:
                    lines.append(f"{indent}  - {_scalar(item)}")
        elif isinstance(value, str) and "\n" in value:
            block = _literal(value, indent + "  ")
            if block is None:
                lines += _line(f"{indent}{key}: {_scalar(value)}", where, quiet)
            else:
                head, _, rest = block.partition("\n")
                lines += _line(f"{indent}{key}: {head}", where, quiet)
                lines.append(rest)
        else:
            lines += _line(f"{indent}{key}: {_scalar(value)}", where, quiet)
        if not path:
            lines.append("")
    return lines


def profile_text(data: dict, folder: Path, marker: str) -> str:
    """The whole file; raises ValueError if it would not read back as `data` (a bug, never published)."""
    schema = Path(os.path.relpath(SCHEMA_PATH, folder.resolve())).as_posix()
    head = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        "# The profile of one headshot photographer on First Look.",
        marker,
        f"# This folder's name ({folder.name}) is the page's address: /photographers/{folder.name}/",
        "# An editor reviews it in the pull request; `headshots check` explains every field.",
        "# Lines starting with # are comments: they are never published.",
        "",
    ]
    text = "\n".join(head + _lines(data, (), "")).rstrip("\n") + "\n"
    if yamlnodes.load(text).data != data:
        raise ValueError("the profile would not read back as the form's answers")
    return text
