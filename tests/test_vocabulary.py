"""One vocabulary: every enum value of the schema has one label, and it reads the same everywhere."""

import html
import json
import re

import pytest

from headshots import vocabulary
from headshots.validate import schema


# The schema's enum for each field the vocabulary words.
def _enum(field):
    node = {"properties": schema()["properties"]}
    for name in field.split("."):  # "sessions.for": a field of each session
        node = node.get("items", node)["properties"][name]
    node = node.get("items", node)
    if "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node["enum"]


@pytest.mark.parametrize("field", sorted(vocabulary.FIELDS))
def test_the_vocabulary_words_exactly_the_schemas_values(field):
    assert list(vocabulary.FIELDS[field].terms) == _enum(field)


def test_every_enum_field_of_the_schema_is_in_the_vocabulary():
    properties = schema()["properties"]
    enums = {
        name
        for name, node in properties.items()
        if "enum" in node or "enum" in node.get("items", {}) or "$ref" in node.get("items", {})
    }
    sessions = schema()["properties"]["sessions"]["items"]["properties"]
    enums |= {f"sessions.{name}" for name, node in sessions.items() if "enum" in node.get("items", node)}
    assert enums == set(vocabulary.FIELDS)


def test_labels_are_distinct_within_a_field():
    for field in vocabulary.FIELDS.values():
        labels = [term.label for term in field.terms.values()]
        assert len(set(labels)) == len(labels)


@pytest.mark.slow
def test_every_value_has_the_same_label_wherever_it_appears(sample_site):
    """Facets, cards, the profile's facts panel and the search data all show a value by its one label."""
    people = json.loads((sample_site / "photographers.json").read_text())["photographers"]
    directory = (sample_site / "photographers" / "index.html").read_text()
    facet_of = {"specialties": "specialty"}
    seen = set()
    for field in ("specialties", "lighting", "hair_makeup", "retouching", "proofs"):
        for value, label in re.findall(
            rf'name="{facet_of.get(field, field)}" value="([^"]+)"> '
            r'<span class="finder-label">([^<]+)</span>',
            directory,
        ):
            assert html.unescape(label) == vocabulary.label(field, value)
            seen.add((field, value))
    for person in people:
        page = html.unescape((sample_site / person["url"] / "index.html").read_text())
        for field in ("hair_makeup", "retouching", "proofs", "usage"):
            if field in person:
                label = vocabulary.label(field, person[field])
                assert f"<dt data-pagefind-ignore>{vocabulary.title(field)}</dt>" in page
                assert f"<dd><strong>{label}</strong>" in page
                seen.add((field, person[field]))
        for value in person.get("lighting", []) + person["specialties"]:
            field = "lighting" if value in vocabulary.FIELDS["lighting"].terms else "specialties"
            assert vocabulary.label(field, value) in page
        for field in ("hair_makeup", "proofs"):
            if field in person:  # the card and the search result's facts line
                fact = f"{vocabulary.title(field)}: {vocabulary.label(field, person[field])}"
                assert re.search(r'data-pagefind-meta="facts\[data-value\]" data-value="[^"]*' + re.escape(fact), page)
    # the sample covers most of the vocabulary, so this is not vacuous
    assert len(seen) >= 20
