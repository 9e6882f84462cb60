"""The site's one vocabulary: every enum value of the profile schema, and the words for it.

A value reads the same wherever it appears (the directory's facets, a card,
a profile's facts panel, the search results, the compare page): every one of
them takes its words from here. `tests/test_vocabulary.py` checks that the
values here are exactly the schema's enums, and that a built page shows each
value with its label.

Each field has a `title` (the facet legend, the facts panel's row) and, for
each value, a `label` (the words for the value) and an optional `note` (one
sentence the profile adds to explain it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Term:
    label: str
    note: str = ""


@dataclass(frozen=True)
class Field:
    title: str
    terms: dict[str, Term]

    def label(self, value) -> str:
        """The label of `value`; an unknown value (never after validation) as written."""
        term = self.terms.get(value)
        return term.label if term else str(value)


FIELDS: dict[str, Field] = {
    "specialties": Field(
        "Specialty",
        {
            "theatrical": Term("Theatrical"),
            "commercial": Term("Commercial"),
            "corporate": Term("Corporate"),
            "dance": Term("Dance"),
            "musical-theatre": Term("Musical theater"),
            "kids": Term("Kids"),
            "comedy": Term("Comedy"),
            "voice": Term("Voice"),
        },
    ),
    "lighting": Field(
        "Lighting",
        {
            "studio": Term("Studio light"),
            "natural": Term("Natural light"),
            "outdoor": Term("Outdoors"),
        },
    ),
    "hair_makeup": Field(
        "Hair and makeup",
        {
            "included": Term("Included", "In the session price."),
            "available": Term("At extra cost", "An artist can be booked for the session."),
            "none": Term("Not offered", "Arrive camera-ready."),
        },
    ),
    "retouching": Field(
        "Retouching",
        {
            "none": Term(
                "None", "You get the frames as shot, with color and exposure corrected and nothing else changed."
            ),
            "natural": Term(
                "Natural",
                "Stray hairs and passing blemishes are cleaned up; your face, skin texture, "
                "lines and scars stay as they are.",
            ),
            "full": Term(
                "Full",
                "Heavier smoothing and reshaping. Ask to see before-and-after pairs: the first "
                "thing casting checks in the room is whether you match your photo.",
            ),
        },
    ),
    "proofs": Field(
        "Proofs",
        {
            "all": Term(
                "Every frame", "You see every frame from the session and choose your own favorites to retouch."
            ),
            "selects": Term(
                "Selects only", "The photographer shortlists the frames first, and you choose from that shortlist."
            ),
        },
    ),
    "usage": Field(
        "Usage rights",
        {
            "actor-promotion": Term(
                "Actor promotion", "Casting sites, agents, print, your own website and social media."
            ),
            "unrestricted": Term("Unrestricted", "Use the finished photos however you like."),
        },
    ),
    # A session's own fields (headshots.pricing decides which session sets the price).
    "sessions.for": Field(
        "For",
        {
            "actors": Term("Actors"),
            "young-actors": Term("Children and teens"),
            "business": Term("Business portraits", "Not headshots for casting."),
        },
    ),
    "sessions.eligible": Field(
        "Only for",
        {
            "graduates": Term("Recent graduates"),
            "students": Term("Students"),
            "returning-clients": Term("Returning clients"),
        },
    ),
}


#: What marks a sample photographer on a card, in search results and on the compare page.
SAMPLE_LABEL = "Fictional sample"

#: How the directory is ordered, in the one sentence every page that describes it uses (a test checks).
#: Markdown pages cannot call a template global, so content/ repeats it word for word.
DIRECTORY_ORDER = "Photographers are listed alphabetically by first name, and no one can pay to be listed higher."


def label(field: str, value) -> str:
    """`label("lighting", "studio")` -> "Studio light"."""
    return FIELDS[field].label(value)


def note(field: str, value) -> str:
    """The profile's one-sentence explanation of a value ("" when it needs none)."""
    term = FIELDS[field].terms.get(value)
    return term.note if term else ""


def title(field: str) -> str:
    """The field's own name: `title("hair_makeup")` -> "Hair and makeup"."""
    return FIELDS[field].title


@cache
def member_titles(group: str) -> dict[str, str]:
    """The names of an object field's members, in the schema's order, from the schema's titles:
    `member_titles("add_ons")` -> {"hair_makeup": "Hair and makeup", ..., "look": "Extra look"}."""
    schema = json.loads((Path(__file__).parent / "profile.schema.json").read_text(encoding="utf-8"))
    return {key: member["title"] for key, member in schema["properties"][group]["properties"].items()}
