"""The form's answers as profile data: each answer read by the type its key has in the schema.

Every problem is one line named by the question's label, in the words the
photographer saw: `City: required`, `Price from: "$550" is not a number`.
"""

from __future__ import annotations

import re

from headshots.getlisted.form import Answers, Field, ticked
from headshots.validate import schema

_NUMBER = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_WHOLE = re.compile(r"^\d+$")
#: Form fields that fill no profile key, or fill one their own way.
CONFIRMATIONS = "consent"
SESSIONS = "sessions"
HEADSHOTS = "headshots"

# A session line's parts after its name and price: "2 looks", "90 minutes", "3 retouched".
_SESSION_PARTS = (
    ("looks", re.compile(r"^(\d+)\s+looks?$", re.I)),
    ("minutes", re.compile(r"^(\d+)\s*(minutes?|mins?)$", re.I)),
    ("retouched", re.compile(r"^(\d+)\s+retouched(\s+\w+)?$", re.I)),
)
# Whom a session is for, and who may book it, in a photographer's words: "for children and teens",
# "for business"; "graduates only", "students or returning clients only" (the schema's `for`, `eligible`).
_AUDIENCES = {"adult actors": "actors", "children and teens": "young-actors", "business": "business"}
_ELIGIBLE = {"graduates": "graduates", "students": "students", "returning clients": "returning-clients"}
_FOR = re.compile(r"^for\s+(" + "|".join(_AUDIENCES) + r")$", re.I)
_ONLY = re.compile(r"^((?:" + "|".join(_ELIGIBLE) + r")(?:\s+or\s+(?:" + "|".join(_ELIGIBLE) + r"))*)\s+only$", re.I)


def _session_terms(part: str, found: dict) -> bool:
    """Read "for ..." or "... only" at the end of a session line into `found`; True if it was one."""
    if (match := _FOR.match(part)) and "for" not in found:
        found["for"] = _AUDIENCES[match.group(1).lower()]
        return True
    if (match := _ONLY.match(part)) and "eligible" not in found:
        found["eligible"] = [_ELIGIBLE[w.strip().lower()] for w in re.split(r"\s+or\s+", match.group(1), flags=re.I)]
        return True
    return False


def key_schema(key: tuple[str, ...]) -> dict:
    """The schema of a profile key: ("price", "from") -> price's `from`."""
    node = schema()
    for part in key:
        node = node["properties"][part]
    return node


def number(text: str, label: str, problems: list, whole: bool = False):
    """A price or a count as the photographer typed it: 550, 1,200, 95.50 (whole numbers only for counts)."""
    plain = text.strip()
    if whole and _WHOLE.match(plain):
        return int(plain)
    if not whole and _NUMBER.match(plain):
        value = float(plain.replace(",", ""))
        return int(value) if value.is_integer() else value
    problems.append(f'{label}: "{shown(text)}" is not {"a whole number" if whole else "a number"}')
    return None


def shown(text: str, limit: int = 40) -> str:
    """An answer quoted in a message: one line, cut at `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def enum_of(node: dict) -> list | None:
    node = node.get("items", node)
    if "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node.get("enum")


def value(f: Field, text: str, problems: list):
    """One answer as the value its key takes, or None (with a problem) when it cannot be."""
    node = key_schema(f.key)
    kind = node.get("type")
    if f.type == "checkboxes":
        chosen, strange = ticked(text, f)
        for line in strange:
            problems.append(f'{f.label}: "{shown(line)}" is not one of the choices')
        return chosen or None
    if f.type == "dropdown":
        if text not in f.options:
            problems.append(f'{f.label}: "{shown(text)}" is not one of: {", ".join(f.options)}')
            return None
        return text
    if kind == "number":
        return number(text, f.label, problems)
    if kind == "integer":
        return number(text, f.label, problems, whole=True)
    if kind == "array":
        items = [item.strip() for item in re.split(r"[,\n]", text) if item.strip()]
        allowed = enum_of(node)
        for item in items:
            if allowed and item not in allowed:
                problems.append(f'{f.label}: "{shown(item)}" is not one of: {", ".join(allowed)}')
        return items or None
    if f.type == "input":
        return " ".join(text.split())
    return text.strip()


def session(line: str, index: int, label: str, problems: list) -> dict | None:
    """ "Two looks, theatrical + commercial, 650, 2 looks, 120 minutes, 3 retouched" -> a session; it may end
    with whom it is for ("for children and teens", "for business") and who may book it ("graduates only")."""
    where = f"{label}, line {index}"
    parts = [part.strip() for part in line.split(",")]
    found = {}
    while parts:
        if _session_terms(parts[-1], found):
            parts.pop()
            continue
        for key, pattern in _SESSION_PARTS:
            match = pattern.match(parts[-1])
            if match and key not in found:
                found[key] = int(match.group(1))
                parts.pop()
                break
        else:
            break
    if len(parts) < 2 or not ",".join(parts[:-1]).strip():
        problems.append(f'{where}: "{shown(line)}" needs a name and a price, like "One look, 350, 1 look, 60 minutes"')
        return None
    price = number(parts[-1], where, problems)
    if price is None:
        return None
    item = {"name": ", ".join(parts[:-1]), "price": price}
    item.update((key, found[key]) for key in ("looks", "minutes", "retouched", "for", "eligible") if key in found)
    return item


def profile_data(answers: Answers, fields: list[Field]) -> tuple[dict, list[str]]:
    """Every answer but the headshots as profile data, and the problems, in the form's order."""
    data, problems = {}, list(answers.problems)
    if not answers.text and problems:  # the body was refused as a whole
        return data, problems
    for f in fields:
        text = answers.text.get(f.label)
        if f.id == CONFIRMATIONS:
            chosen, _ = ticked(text, f)
            problems += [f'{f.label}: tick "{o}"' for o in f.required_options if o not in chosen]
            continue
        if text is None:
            if f.required and not answers.problems:
                problems.append(f"{f.label}: required")
            continue
        if f.id == HEADSHOTS:
            continue
        if f.id == SESSIONS:
            lines = [line for line in text.split("\n") if line.strip()]
            items = [session(line, i, f.label, problems) for i, line in enumerate(lines, 1)]
            if items and all(items):
                data["sessions"] = items
            continue
        before = len(problems)
        result = value(f, text, problems)
        if result is None and f.required and len(problems) == before:
            problems.append(f"{f.label}: required")
        if result is not None:
            target = data
            for part in f.key[:-1]:
                target = target.setdefault(part, {})
            target[f.key[-1]] = result
    return data, problems
