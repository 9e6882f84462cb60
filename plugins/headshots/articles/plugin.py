"""The Pelican side of the articles: every article's and page's HTML through the allowlist.
(The build's article checks run with the profiles, in `headshots.profiles`, whose directory
their links resolve against.) The only module here that imports Pelican.
"""

from __future__ import annotations

from pelican import signals

from headshots.articles.html import sanitise
from headshots.errors import install_log_filter


def sanitise_content(content) -> None:
    """Raw HTML in an article or page keeps only what the allowlist allows (`html.sanitise`),
    whatever the check said: the last line of defence."""
    if getattr(content, "_content", None):
        content._content = sanitise(content._content)
    if isinstance(getattr(content, "_summary", None), str):
        content._summary = sanitise(content._summary)


def register() -> None:
    install_log_filter()
    signals.content_object_init.connect(sanitise_content)
