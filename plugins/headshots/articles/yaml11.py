"""What the build makes of an unquoted front-matter value: one rule for every field that takes text.

The check reads front matter node by node; the build reads it with PyYAML
(pelican-yaml-metadata), which follows YAML 1.1: there an unquoted `012` is
the octal number 10, `yes` is true and `2026-10-01` a date. Where text is
expected (a title, a slug, a `related` entry...) such a value must be quoted,
or the check and the build would read two different things.
"""

from __future__ import annotations

import datetime

import yaml


def read_as(node) -> str | None:
    """What the build reads an unquoted scalar as when not text ("a number"...), else None."""
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return None
    try:
        value = yaml.safe_load(node.value)
    except yaml.YAMLError:
        return None
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    return None


def not_text(node) -> str | None:
    """The message for a value the build would not read as text, or None."""
    what = read_as(node)
    if what is None:
        return None
    return f'{node.value} is read as {what}, not as text: quote it, "{node.value}"'
