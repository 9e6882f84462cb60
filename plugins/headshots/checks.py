"""One home for checks: what `headshots check` and the build both report.

`CheckRun` reads the profiles as the build reads them; each registered check
(`register_check`) returns a `Report` (its problems, and what it checked) or
None when the PATH given is not its business. `image_problems` opens every
headshot as the renditions step will; `site_problems` checks the articles and
pages against the addresses the build writes. The build (`headshots.plugin`)
and the CLI (`headshots.cli`) both call these, so they give the same lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from headshots import inputs
from headshots.articles import check_articles, layout_setting, markdown_files
from headshots.directory import Directory, profile_cache, site_urls, start_reading
from headshots.errors import Problem, display_path
from headshots.headshotfiles import PROFILE_NAME
from headshots.pricing import price_warnings
from headshots.reading import load_profile
from headshots.settings import content_folder
from headshots.text import plural
from headshots.thumbnails import cache_folder, inspect
from headshots.thumbnails.media import media_problem


@dataclass
class CheckRun:
    """What a check gets: the PATH argument (None: the whole site) and the site's settings."""

    path: Path | None
    settings: dict
    _read: tuple | None = None

    def read(self) -> tuple[int, list, list[Problem]]:
        """Every profile under PHOTOGRAPHERS_PATH, read as the build reads them (same cache):
        `(how many profile files, the valid profiles, every problem)`."""
        if self._read is None:
            reading = start_reading(self.settings, profile_cache(self.settings))
            self._read = (reading.count, *reading.wait())
        return self._read

    def directory(self) -> Directory:
        """The directory the build would make of the valid profiles (its addresses resolve article links)."""
        return Directory.build(self.read()[1], self.settings)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: str = ""  # what was checked, for the summary: "16 profiles"


CHECKS: list[Callable[[CheckRun], Report | None]] = []


def register_check(function):
    """Add a check to `headshots check` (runs in registration order)."""
    CHECKS.append(function)
    return function


@register_check
def check_profiles(run: CheckRun) -> Report | None:
    """Profiles under PATH (a photographers folder, one profile folder, or one profile.yaml), and their images.

    A photographers folder is read exactly as the build reads it (`headshots.directory.start_reading`:
    the same cache, on every core in a big directory).
    """
    target = run.path
    if target is not None and not _profiles_at(target, run.settings):
        return None  # an article, a page or the content folder: the articles check's
    single = target / PROFILE_NAME if target is not None and (target / PROFILE_NAME).is_file() else target
    if single is not None and single.is_file():
        profile, problems = load_profile(single)
        profiles, count = ([profile] if profile else []), 1
    else:
        count, profiles, problems = run.read()
    warnings = price_warnings(profiles)
    return Report(problems + image_problems(profiles, run.settings) + warnings, plural(count, "profile"))


def _profiles_at(path: Path, settings: dict) -> bool:
    """Whether PATH is the profiles check's: a profile.yaml, or a folder outside the content (or in the
    photographers folder, when that is inside the content folder)."""
    if path.is_file():
        return path.name == PROFILE_NAME
    content = content_folder(settings).resolve()
    return not path.resolve().is_relative_to(content) or path.resolve().is_relative_to(
        Path(settings["PHOTOGRAPHERS_PATH"]).resolve()
    )


@register_check
def check_content(run: CheckRun) -> Report | None:
    """The articles and pages, for the whole site (no PATH) or a PATH inside the content folder.

    Runs for the whole site (no PATH) and for a PATH inside the content folder
    (then only problems in files under PATH are reported; links are still
    resolved against the whole site). Any other PATH is a photographers path:
    None, not our business.
    """
    settings = run.settings
    content = content_folder(settings)
    only = run.path.resolve() if run.path is not None else None
    if only is not None and not only.is_relative_to(content.resolve()):
        return None

    def wanted(path) -> bool:
        return only is None or Path(path).resolve().is_relative_to(only)

    problems = [p for p in site_problems(settings, run.directory()) if wanted(p.file)]
    counts = {}
    for kind, key in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        folders = layout_setting(settings, key)
        counts[kind] = sum(wanted(path) for path in markdown_files(content, folders))
    shown = {kind: n for kind, n in counts.items() if n} or {"article": 0}
    checked = ", ".join(plural(n, kind) for kind, n in shown.items())
    return Report(problems, checked)


def image_problems(profiles, settings: dict) -> list[Problem]:
    """Every headshot of `profiles` opened and decoded as the renditions step will (`thumbnails.inspect`).

    `headshots check` runs it on every valid profile; the build runs it when
    some profiles are refused, so its one report names the bad images too
    (otherwise the renditions step finds them, with the same messages).
    """
    problems = []
    cache = cache_folder(settings)
    for profile in profiles:
        for index, headshot in enumerate(profile.data["headshots"]):
            finding = inspect(
                profile.path.parent / headshot["file"],
                settings["HEADSHOTS_MIN_SIDE"],
                settings["HEADSHOTS_MAX_PIXELS"],
                cache,
            )
            where = profile.where(("headshots", index, "file"))
            name = f'"{headshot["file"]}"'
            if finding.error:
                problems.append(replace(where, message=f"{name} {finding.error}"))
            problems += [replace(where, message=f"{name} {w}", warning=True) for w in finding.warnings]
    return problems


def site_problems(settings: dict, directory) -> list[Problem]:
    """Every problem in the articles and pages of the site `settings` describe, links resolved
    against the addresses the build writes (the directory's and the fixed pages'): what the build
    and `headshots check` both report."""
    return check_articles(content_folder(settings), directory.urls() | site_urls(settings), settings=settings)


def file_list_problems(settings: dict) -> list[Problem]:
    """What the build must not read (`headshots.inputs`), and every article image that is not a
    sound image file (opened and decoded as a headshot is): checked first, by the build and
    `headshots check` alike, before anything else is read."""
    found = inputs.gather(settings)
    problems = list(found.problems)
    for path in found.media:
        error = media_problem(path, settings["HEADSHOTS_MAX_PIXELS"])
        if error:
            problems.append(Problem(display_path(path), 1, 1, "", error))
    return sorted(problems)
