"""The rules of a profile: the JSON Schema's, worded for editors, and those a schema cannot express.

The JSON Schema (`plugins/headshots/profile.schema.json`) says what a profile
may contain; `jsonschema` finds every violation and this module turns each
into one `FILE:LINE:COL: field: message` Problem, positioned on the YAML node
the editor wrote. Rules a schema cannot express (price.to at least
price.from, the image files exist in the folder, the folder name is a slug)
are checked here and reported the same way. Reading the files (and the bio)
is `headshots.reading`; the cache of outcomes is `headshots.profilecache`.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema_rs

from headshots import urls, yamlnodes
from headshots.countries import COUNTRIES
from headshots.errors import Problem
from headshots.headshotfiles import file_problems

SCHEMA_PATH = Path(__file__).resolve().parent / "profile.schema.json"
SCAFFOLD_PATH = Path(__file__).resolve().parent / "templates" / "profile.yaml"
# Fields whose value in the `headshots new photographer` scaffold is an example
# that must not be published as is (someone else's words, a dead link).
_EXAMPLE_FIELDS = ("studio", "website", "booking_url", "email", "instagram", "bio")
#: A profile is a few KB (the longest sample, 3 KB); past this it is refused before it is parsed.
MAX_PROFILE_BYTES = 256 * 1024
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_BOUNDS = {"exclusiveMinimum": "more than", "minimum": "at least", "maximum": "at most"}

_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of fields (key: value lines)",
    "null": "nothing",
}


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def validator():
    """jsonschema's validator, for the messages: imported only when a profile is refused
    (importing it is about a tenth of a second's fixed cost, more than a build's valid profiles)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def quick_validator():
    """The same schema compiled by jsonschema-rs: about 60x faster, but it only answers yes or no.

    A profile it accepts is valid (it checks formats at least as strictly as
    `validator()`); anything it refuses goes to `validator()`, whose errors
    the messages below are written from.
    """
    return jsonschema_rs.validator_for(schema(), validate_formats=True)


@cache
def scaffold_examples() -> tuple[dict, str]:
    """The scaffold's example values by field, and its example alt text, read from the scaffold."""
    data = yamlnodes.load(SCAFFOLD_PATH.read_text(encoding="utf-8")).data
    return {field: data[field] for field in _EXAMPLE_FIELDS if field in data}, data["headshots"][0]["alt"]


def _example_problems(profile: LoadedProfile) -> list[Problem]:
    """Values left as the scaffold wrote them: the editor meant to replace them."""
    fields, alt = scaffold_examples()
    found = [((field,), value) for field, value in fields.items() if profile.data.get(field) == value]
    found += [
        (("headshots", index, "alt"), alt)
        for index, headshot in enumerate(profile.data["headshots"])
        if headshot["alt"] == alt
    ]
    return [
        profile.where(
            path,
            message=f"{show(value.strip())} is the scaffold's example: "
            "write your own, or delete the line if it is optional",
        )
        for path, value in found
    ]


@dataclass
class LoadedProfile:
    """One profile that passed validation: its data and where each value was written."""

    path: Path  # the profile.yaml
    display: str  # the path as printed in problems
    slug: str
    data: dict
    document: yamlnodes.Document
    #: the bio as safe HTML, made here so it runs in parallel and is cached with the rest
    bio_html: str = ""

    def where(self, path, field: str = "", message: str = "", *, key: bool = False) -> Problem:
        line, col = self.document.where(path, key=key)
        return Problem(self.display, line, col, field or field_path(path), message)


def field_path(path) -> str:
    """("headshots", 0, "alt") -> "headshots[0].alt"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def show(value) -> str:
    """A value as an editor typed it, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return str(value)


def _number(value) -> str:
    return show(value) if not isinstance(value, str) else value


def _messages(error, document: yamlnodes.Document, display: str, hinted=frozenset()):  # noqa: C901 - a branch per schema keyword
    """Problems for one jsonschema error: (sort key, Problem) pairs."""
    path = tuple(error.absolute_path)
    kind = error.validator
    sub = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance

    def at(where, message, *, key=False, field=None):
        line, col = document.where(where, key=key)
        return Problem(display, line, col, field if field is not None else field_path(where), message)

    if kind == "additionalProperties":
        allowed = sorted(sub.get("properties", {}))
        for extra in sorted(set(value) - set(allowed)):
            hint = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6) or difflib.get_close_matches(
                extra.lower().replace("-", "_").replace(" ", "_"), allowed, n=1, cutoff=0.6
            )
            message = f'unknown key "{extra}"'
            message += f' (did you mean "{hint[0]}"?)' if hint else f" (allowed: {', '.join(allowed)})"
            yield at((*path, extra), message, key=True)
        return
    if kind == "required":
        for name in error.validator_value:
            if name not in value and (path, name) not in hinted:
                yield at(path, f'missing required field "{name}"')
        return
    if kind == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        names = " or ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        got = show(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            got = f"the number {got}"
        yield at(path, f"expected {names}, got {got}")
        return
    if kind == "enum":
        yield at(path, f"{show(value)} is not one of: {', '.join(map(str, error.validator_value))}")
        return
    if kind == "pattern":
        reason = sub.get("patternErrorMessage") or f"does not match the pattern {error.validator_value}"
        yield at(path, f"{show(value)} is {reason}")
        return
    if kind == "format":
        reason = {
            "email": "not an email address (like hello@example.com)",
            "date": "not a real date in the form YYYY-MM-DD",
            "uri": "not a web address: use a full address starting with https:// (or http://)",
        }
        yield at(path, f"{show(value)} is {reason.get(error.validator_value, 'not a valid ' + error.validator_value)}")
        return
    if kind in _BOUNDS:
        yield at(path, f"must be {_BOUNDS[kind]} {_number(error.validator_value)}, got {show(value)}")
        return
    if kind == "minLength":
        yield at(path, "must not be empty")
        return
    if kind == "minItems":
        if path and path[-1] == "focus":
            yield at(path, "expected two numbers [x, y], each from 0 to 1")
        else:
            n = error.validator_value
            yield at(path, f"list at least {n} {'entry' if n == 1 else 'entries'}")
        return
    if kind == "maxItems":
        if path and path[-1] == "focus":
            yield at(path, "expected two numbers [x, y], each from 0 to 1")
        else:
            yield at(path, f"list at most {error.validator_value} entries")
        return
    if kind == "uniqueItems":
        seen = set()
        for index, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                yield at((*path, index), f"{show(item)} is listed twice: keep one")
            seen.add(marker)
        return
    yield at(path, error.message)  # pragma: no cover - every keyword the schema uses is handled above


# Which message wins when several rules fail on the same field (a type error
# makes the others moot; two patterns on one file name say the same thing).
_PRIORITY = {"type": 0, "required": 0, "additionalProperties": 0, "enum": 1, "pattern": 2, "format": 3}


def schema_problems(data, document: yamlnodes.Document, display: str) -> list[Problem]:
    """Every schema violation in `data`, one human message per field, sorted by position."""
    if quick_validator().is_valid(data):
        return []
    found = {}
    # A misspelt key ("form") also makes its field ("from") missing: say it once, as the typo.
    hinted = set()
    every = list(validator().iter_errors(data))  # validate once (the costly part), read twice
    for error in every:
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            for extra in set(error.instance) - set(allowed):
                for hint in difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6):
                    hinted.add((tuple(error.absolute_path), hint))
    errors = sorted(every, key=lambda e: (_PRIORITY.get(e.validator, 5), [str(p) for p in e.absolute_path]))
    for error in errors:
        if error.validator == "required":
            path = tuple(error.absolute_path)
            missing = [n for n in error.validator_value if n not in error.instance and (path, n) not in hinted]
            if not missing:
                continue
        for problem in _messages(error, document, display, hinted):
            found.setdefault(
                (problem.field, problem.message if error.validator in ("required", "additionalProperties") else ""),
                problem,
            )
    return sorted(found.values())


#: Characters no profile text needs, which can hide or reorder what a reader sees: C0 and C1 controls
#: (a line break is allowed in the bio only), bidirectional overrides and isolates, zero-width characters.
_INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: The longest text a field may hold (characters): a bio is a few paragraphs, alt text a sentence or two.
_TEXT_LIMITS = {"bio": 4000, "alt": 300}
_TEXT_LIMIT = 200


def text_problems(data, document: yamlnodes.Document, display: str) -> list[Problem]:
    """Every string in a profile: not blank, no invisible or line-breaking characters outside the
    bio, within its length limit. Checked before the schema, whose patterns would let "USD\\n" pass."""
    problems = []
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            name = next((part for part in reversed(path) if isinstance(part, str)), "")
            message = _text_problem(value, name)
            if message:
                line, col = document.where(path)
                problems.append(Problem(display, line, col, field_path(path), message))
    return sorted(problems)


def _text_problem(value: str, name: str) -> str | None:
    if name != "bio" and ("\n" in value or "\r" in value):
        return "has a line break: keep it on one line"
    invisible = _INVISIBLE.search(re.sub("[\t\r\n]", "", value) if name == "bio" else value)
    if invisible:
        code = ord(invisible.group(0))
        return f"contains the invisible character U+{code:04X}, which can hide or reorder text: delete it"
    if value and not value.strip():
        return "is blank: write a value, or delete the line if the field is optional"
    limit = _TEXT_LIMITS.get(name, _TEXT_LIMIT)
    if len(value) > limit:
        return f"is {len(value):,} characters long: at most {limit:,} here"
    return None


def rule_problems(profile: LoadedProfile) -> list[Problem]:
    """Rules the schema cannot express, on a profile that passed the schema."""
    data = profile.data
    problems = []
    price = data["price"]
    if "to" in price and price["to"] < price["from"]:
        problems.append(
            profile.where(
                ("price", "to"),
                message=(
                    f"{show(price['to'])} is less than price.from ({show(price['from'])}): "
                    "price.to is the most expensive session"
                ),
            )
        )
    country = data["location"]["country"]
    if country not in COUNTRIES:
        hint = ": the United Kingdom is GB" if country == "UK" else " (for example US, GB, CA)"
        problems.append(
            profile.where(("location", "country"), message=(f"{show(country)} is not an ISO 3166 country code{hint}"))
        )
    problems += file_problems(profile)
    if "hair_makeup" in data.get("add_ons", {}) and data.get("hair_makeup") != "available":
        stated = f"it says hair_makeup: {data['hair_makeup']}" if "hair_makeup" in data else "hair_makeup is not set"
        problems.append(
            profile.where(
                ("add_ons", "hair_makeup"),
                message=f"a price for hair and makeup needs hair_makeup: available ({stated})",
            )
        )
    for field in ("website", "booking_url"):
        refused = urls.problem(data[field]) if field in data else None
        if refused:
            problems.append(profile.where((field,), message=refused))
    from headshots.text import city_slug

    for path, city in [
        (("location", "city"), data["location"]["city"]),
        *((("travels_to", i), c) for i, c in enumerate(data.get("travels_to", []))),
    ]:
        if not city_slug(city):
            problems.append(
                profile.where(
                    path, message=(f"{show(city)} has no letters or digits to make the city page's address from")
                )
            )
    return problems + _example_problems(profile)
