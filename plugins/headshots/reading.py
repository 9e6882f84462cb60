"""Reading `PHOTOGRAPHERS_PATH/<slug>/profile.yaml`: every folder listed, every file parsed and judged.

`load_profile` reads one file (YAML with positions, `headshots.yamlnodes`),
judges it by the rules (`headshots.validate`) and renders its bio
(`headshots.bio`); `start_loading_profiles` does it for a whole folder, on
every core in a big directory and through the cache when one is given
(`headshots.profilecache`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from headshots import yamlnodes
from headshots.bio import render_bio
from headshots.errors import Problem, display_path
from headshots.headshotfiles import PROFILE_NAME, file_problems
from headshots.parallel import jobs_for, start_forked_map
from headshots.validate import (
    MAX_PROFILE_BYTES,
    SLUG_RE,
    LoadedProfile,
    rule_problems,
    schema_problems,
    show,
    text_problems,
)


def load_profile(path: Path) -> tuple[LoadedProfile | None, list[Problem]]:
    """Read and validate one profile.yaml, and render its bio: (the profile, []) or (None, its problems)."""
    path = Path(path)
    display = display_path(path)
    slug = path.parent.name
    problems = []
    if not SLUG_RE.match(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
        hint = f', e.g. "{suggestion}"' if suggestion and SLUG_RE.match(suggestion) else ""
        problems.append(
            Problem(
                display,
                1,
                1,
                "",
                (f'folder name "{slug}" is not a valid slug: use lowercase letters, digits and hyphens{hint}'),
            )
        )
    try:
        size = path.stat().st_size
        if size > MAX_PROFILE_BYTES:
            return None, [
                *problems,
                Problem(display, 1, 1, "", f"is {size // 1024:,} KB: a profile is a few KB, at most 256 KB"),
            ]
        document = yamlnodes.load_file(path)
    except yamlnodes.YamlError as error:
        return None, [*problems, Problem(display, error.line, error.col, "", error.message)]
    except OSError as error:
        return None, [*problems, Problem(display, 1, 1, "", f"cannot read the file: {error.strerror}")]
    data = document.data
    if data is None:
        return None, [
            *problems,
            Problem(
                display,
                1,
                1,
                "",
                (
                    "the file is empty: a profile needs at least name, location, specialties, price and headshots "
                    '(`headshots new photographer "Name"` writes a commented one)'
                ),
            ),
        ]
    if not isinstance(data, dict):
        return None, [
            *problems,
            Problem(
                display,
                1,
                1,
                "",
                (f"expected the profile's fields (name: ..., location: ...) at the top level, got {show(data)}"),
            ),
        ]
    problems += text_problems(data, document, display) or schema_problems(data, document, display)
    profile = LoadedProfile(path=path, display=display, slug=slug, data=data, document=document)
    if problems:  # the files too, in the same run
        return None, problems + file_problems(profile, {problem.field for problem in problems})
    problems = rule_problems(profile)
    if problems:
        return None, problems
    profile.bio_html = render_bio(data.get("bio"))
    # After validation only an unreadable headshot (the image step, `headshots check`) and a price.from
    # that is not the sessions' (a warning, headshots.pricing) are reported at a line: keep those positions.
    # All of them were 0.1 ms a profile to send back from a worker.
    kept = [("price", "from"), *(("headshots", index, "file") for index in range(len(data["headshots"])))]
    profile.document = document.narrowed(kept)
    return profile, []


def profile_paths(root: Path) -> tuple[list[Path], list[Problem]]:
    """Every `root/<folder>/profile.yaml`, sorted, by the rule of `folder_profile`.

    Hidden folders (".git", ".DS_Store"...) and "__pycache__" are skipped, and
    so are plain files beside the folders (a README).
    """
    root = Path(root)
    return _profiles_in(root, sorted(root.iterdir()))


def _profiles_in(root: Path, folders) -> tuple[list[Path], list[Problem]]:
    inside = root.resolve()
    paths, problems = [], []
    for folder in folders:
        if folder.name.startswith((".", "_")) or not (folder.is_dir() or folder.is_symlink()):
            continue
        path, problem = folder_profile(folder, inside, root)
        if path is not None:
            paths.append(path)
        else:
            problems.append(problem)
    return paths, problems


def folder_profile(folder: Path, inside: Path, root: Path) -> tuple[Path | None, Problem | None]:
    """A photographer's folder's profile.yaml, or the problem with it: a folder without one, or a
    folder or profile that is a link to somewhere outside `root` (a pull request could otherwise
    publish any file the build machine can read). `inside` is `root` resolved."""
    profile = folder / PROFILE_NAME
    if not folder.resolve().is_relative_to(inside) or not profile.resolve().is_relative_to(inside):
        message = f"is a link to a place outside {display_path(root)}/: copy the files into the folder instead"
    elif profile.is_file():
        return profile, None
    elif profile.is_dir():
        message = f"is a folder, not a file: {PROFILE_NAME} must be the profile itself"
    elif profile.is_symlink():
        message = "is a link to a file that does not exist: put the profile itself here"
    else:
        others = sorted(p.name for p in folder.glob("profile.*"))
        hint = f" (found {others[0]}: rename it)" if others else ""
        message = f"missing: every folder in {display_path(root)}/ needs a {PROFILE_NAME}{hint}"
    return None, Problem(display_path(profile), 1, 1, "", message)


def read_folders(root: Path, names, cache=None) -> tuple[dict[str, LoadedProfile], list[Problem]]:
    """Some photographers' folders read by the same rules as all of them (the dev server's update after
    a save): `{folder name: profile}` for the valid ones that exist, and every problem in the others."""
    root = Path(root)
    paths, problems = _profiles_in(root, [root / name for name in sorted(names)])
    profiles, problems = _start(paths, problems, cache, 1).wait()
    return {profile.path.parent.name: profile for profile in profiles}, problems


def load_profiles(root: Path, cache=None, *, settings: dict | None = None) -> tuple[list[LoadedProfile], list[Problem]]:
    """Every valid profile under `root` and every problem in the others (all of them, not the first).

    With a `cache`, a profile whose key (see `ProfileCache.key`) was seen
    before is not parsed or validated again: its outcome (the profile, or its
    problems) comes from the cache. `cache.stats` counts both kinds. With the
    build's `settings`, a big directory is shared across processes (`jobs_for`).
    """
    return start_loading_profiles(root, cache, settings=settings).wait()


@dataclass
class Reading:
    """Profiles being read: how many `profile.yaml` files there are, and `wait()`, which gives
    `(valid profiles, every problem)` once they are read."""

    count: int
    wait: Callable[[], tuple[list[LoadedProfile], list[Problem]]]


def start_loading_profiles(root: Path, cache=None, *, settings: dict | None = None) -> Reading:
    """Start `load_profiles`; returns at once.

    In a big directory the workers are forked now and read while this
    process goes on (the build reads the articles meanwhile).
    """
    paths, problems = profile_paths(root)
    return _start(paths, problems, cache, jobs_for(settings, len(paths)) if settings else 1)


def _start(paths: list[Path], problems: list[Problem], cache, jobs: int) -> Reading:
    outcomes = cache.start_load_all(paths, jobs) if cache is not None else start_forked_map(load_profile, paths, jobs)

    def wait() -> tuple[list[LoadedProfile], list[Problem]]:
        profiles, found_all = [], list(problems)
        for profile, found in outcomes():
            found_all += found
            if profile is not None:
                profiles.append(profile)
        return profiles, sorted(found_all)

    return Reading(len(paths), wait)
