"""The "Get listed" issue form, and the Markdown body GitHub makes of its answers.

The form (`.github/ISSUE_TEMPLATE/get-listed.yml`) is the one place that says
which questions there are: each field's `id` is the profile key it fills
(`price-from` fills `price: from:`), its `label` is the heading GitHub writes
above the answer (`### Price from`), and the answer follows:

    ### City

    Chicago

    ### Specialties

    - [X] theatrical
    - [ ] commercial

An unanswered optional field reads `_No response_`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "get-listed.yml"
NO_RESPONSE = "_No response_"
#: GitHub refuses an issue body longer than this many characters.
MAX_BODY = 65_536

_HEADING = re.compile(r"^### (.+?)\s*$")
_CHECKBOX = re.compile(r"^\s*- \[([ xX])\] (.*?)\s*$")


@dataclass(frozen=True)
class Field:
    """One question of the form."""

    id: str
    label: str
    type: str  # input, textarea, dropdown, checkboxes
    required: bool = False
    options: tuple[str, ...] = ()
    required_options: tuple[str, ...] = ()  # checkboxes that must be ticked (the confirmations)

    @property
    def key(self) -> tuple[str, ...]:
        """The profile key it fills: ("price", "from") for `price-from`."""
        return tuple(self.id.split("-"))


class FormError(Exception):
    """The form file itself cannot be read: a usage error, not the photographer's."""


def load_form(path=FORM_PATH) -> list[Field]:
    """The questions of the form, in order."""
    try:
        form = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        fields = []
        for item in form["body"]:
            if item["type"] == "markdown":
                continue
            attributes = item["attributes"]
            options = attributes.get("options", ())
            labels = tuple(o["label"] if isinstance(o, dict) else str(o) for o in options)
            fields.append(
                Field(
                    id=item["id"],
                    label=attributes["label"],
                    type=item["type"],
                    required=bool(item.get("validations", {}).get("required")),
                    options=labels,
                    required_options=tuple(o["label"] for o in options if isinstance(o, dict) and o.get("required")),
                )
            )
        return fields
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise FormError(f"{path}: cannot read the form: {error}") from error


@dataclass
class Answers:
    """The body read against the form: each label's answer text (None: not answered), and what was wrong."""

    text: dict[str, str | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_body(body: str, fields: list[Field]) -> Answers:
    """Split the body at the form's headings. A heading the form does not have is part of the answer
    above it (a bio may hold one); a form heading written twice is a problem, as a bio could forge one."""
    answers = Answers()
    if len(body) > MAX_BODY:
        answers.problems.append(
            f"Issue: {len(body):,} characters, more than a form sends (at most {MAX_BODY:,}): shorten your answers"
        )
        return answers
    labels = {f.label for f in fields}
    current, lines, seen = None, [], {}
    chunks = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading and heading.group(1) in labels:
            chunks.append((current, lines))
            current, lines = heading.group(1), []
            seen[current] = seen.get(current, 0) + 1
        else:
            lines.append(line)
    chunks.append((current, lines))
    for label, count in seen.items():
        if count > 1:
            answers.problems.append(
                f'{label}: the heading "### {label}" appears {count} times: keep it once, '
                "and write no line that starts with ### in your answers"
            )
    for label, lines in chunks:
        if label is None or seen[label] > 1:
            continue
        text = "\n".join(lines).strip("\n")
        answers.text[label] = None if text.strip() in ("", NO_RESPONSE) else text
    return answers


def ticked(text: str | None, f: Field) -> tuple[list[str], list[str]]:
    """A checkboxes answer: (the options ticked, in the form's order; lines that are not its options)."""
    chosen, strange = set(), []
    for line in (text or "").split("\n"):
        if not line.strip():
            continue
        box = _CHECKBOX.match(line)
        if box is None or box.group(2) not in f.options:
            strange.append(line.strip())
        elif box.group(1) in "xX":
            chosen.add(box.group(2))
    return [option for option in f.options if option in chosen], strange
