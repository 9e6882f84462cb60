"""The Pelican side of the articles: every article's and page's HTML through the allowlist, and
the article checks run by the build, after every generator has read its input and before any
output is written, so a refused build writes nothing. The only module here that imports Pelican.
"""

from __future__ import annotations

from pelican import signals

from headshots.articles import site_problems
from headshots.articles.html import sanitise
from headshots.errors import install_log_filter, report


def sanitise_content(content) -> None:
    """Raw HTML in an article or page keeps only what the allowlist allows (`html.sanitise`),
    whatever the check said: the last line of defence."""
    if getattr(content, "_content", None):
        content._content = sanitise(content._content)
    if isinstance(getattr(content, "_summary", None), str):
        content._summary = sanitise(content._summary)


def check_before_writing(generators) -> None:
    """The checks `headshots check` runs on articles and pages, against the addresses the build makes."""
    context = generators[0].context if generators else {}
    directory = context.get("directory")
    if directory is None:
        return
    report(site_problems(generators[0].settings, directory))


def register() -> None:
    install_log_filter()
    signals.content_object_init.connect(sanitise_content)
    signals.all_generators_finalized.connect(check_before_writing)
