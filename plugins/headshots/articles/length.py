"""The house minimum for an article's length (CONTRIBUTING.md, "House style").

One rule, two uses: `headshots check` and the build warn about a shorter
article (a draft can grow), and the tests hold our own articles to it.
"""

from __future__ import annotations

import re

from headshots.errors import Problem

MIN_WORDS = 700

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


def word_count(body: str) -> int:
    """Words of prose in a Markdown body: code blocks, comments and link targets are not words."""
    prose = re.sub(r"```.*?```|~~~.*?~~~|<!--.*?-->", " ", body, flags=re.DOTALL)
    prose = re.sub(r"\]\([^)]*\)", "]", prose)
    return len(_WORD.findall(prose))


def length_problems(doc) -> list[Problem]:
    """A warning on an article (not a page) shorter than the house minimum, at its body's first line."""
    if doc.kind != "article" or doc.path is None:
        return []
    words = word_count(doc.text[doc.body_offset :])
    if words >= MIN_WORDS:
        return []
    line = doc.text.count("\n", 0, doc.body_offset) + 1
    return [
        Problem(
            doc.display,
            line,
            1,
            "body",
            f"{words} word{'' if words == 1 else 's'}: articles are at least {MIN_WORDS} (house style); "
            "add what an actor still needs to know",
            warning=True,
        )
    ]
