"""The headshot files a profile lists, looked for in its folder.

Run on every profile, valid or not: an editor sees a missing or misnamed file
in the same run as the schema's problems, not only after fixing those.
"""

from __future__ import annotations

import difflib
import os

from headshots.errors import Problem, display_path

PROFILE_NAME = "profile.yaml"


def file_problems(profile, flagged=frozenset()) -> list[Problem]:
    """Listed twice, a link out of the folder or to nothing, or not there (with a "did you mean").

    `profile` is a `validate.LoadedProfile`, its data possibly invalid: entries
    that are not `file:` text are the schema's to report, and so is any field
    in `flagged` (the fields it already reported, like "headshots[0].file").
    """
    headshots = profile.data.get("headshots")
    if not isinstance(headshots, list):
        return []
    folder = profile.path.parent
    try:
        present = set(os.listdir(folder))
    except OSError:  # pragma: no cover - the profile was just read from this folder
        present = set()
    problems, seen = [], {}
    for index, headshot in enumerate(headshots):
        name = headshot.get("file") if isinstance(headshot, dict) else None
        where = ("headshots", index, "file")
        if not isinstance(name, str) or not name or f"headshots[{index}].file" in flagged:
            continue
        if name in seen:
            message = f'"{name}" is already listed as headshots[{seen[name]}].file: list each image once'
            problems.append(profile.where(where, message=message))
            continue
        seen[name] = index
        if "/" in name or "\\" in name or name in (".", ".."):
            continue  # not a file name: the schema says so
        target = folder / name
        if target.is_symlink() and not target.resolve().is_relative_to(folder.resolve()):
            problems.append(
                profile.where(where, message=f'"{name}" is a link to a file outside the folder: copy the image in')
            )
        elif target.is_symlink() and not target.exists():
            problems.append(profile.where(where, message=f'"{name}" is a link to a file that does not exist'))
        elif name not in present or not target.is_file():
            candidates = sorted(present - {PROFILE_NAME})
            close = [c for c in candidates if c.casefold() == name.casefold()] or difflib.get_close_matches(
                name, candidates, n=1, cutoff=0.6
            )
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.append(profile.where(where, message=f'file "{name}" not found in {display_path(folder)}/{hint}'))
    return problems
