"""The Pelican side of `headshots.inputs`: each build starts by refusing what the build must not read.

On `get_generators` (the start of every build, `pelican -r`'s rebuilds
included, before any generator reads a file or loads a cache) the build
checks the one list `headshots check` checks, and stops with the same lines.
Every generator's readers are then cut to Markdown's `.md`: Pelican also
reads `.rst`, `.html` and `.htm`, and pelican-yaml-metadata registers `.mkd`,
`.mdown` and `.markdown` again after the READERS setting is applied.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import StaticGenerator

from headshots import errors, inputs


def refuse_unlisted(pelican) -> None:
    problems = inputs.gather(pelican.settings).problems
    if problems:
        errors.fail(problems)


def markdown_only(generator) -> None:
    """Articles and pages are read from `.md` only; the static generator keeps its "static" reader,
    which reads no file's text (it only makes the published copy's record)."""
    keep = "static" if isinstance(generator, StaticGenerator) else inputs.ARTICLE_EXTENSION
    readers = generator.readers.readers
    for extension in [ext for ext in readers if ext != keep]:
        del readers[extension]


def register() -> None:
    signals.get_generators.connect(refuse_unlisted)
    signals.generator_init.connect(markdown_only)
