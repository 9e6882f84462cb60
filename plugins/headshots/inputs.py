"""The one list of what the build reads; every other file under content/ or photographers/ is refused.

The build reads exactly:

- Markdown articles and pages: `.md` files under ARTICLE_PATHS and PAGE_PATHS;
- images under STATIC_PATHS (content/media/, published as they are): JPEG,
  PNG, WebP, GIF or AVIF, each opened and decoded like a headshot, since the
  site serves them from its own address;
- the profiles: PHOTOGRAPHERS_PATH/<folder>/profile.yaml and the image files
  beside it (their own rules are in `headshots.validate`).

`gather(settings)` walks both folders once and returns that list, with a
`FILE:1:1` problem for anything else: another format (Pelican would read
`.rst` or `.html` past every check, an `.html` or `.svg` in media/ would run
script on the site's address), a link leading out of its folder, a name
Windows reserves, and a build cache committed to the repository (caches hold
pickles and bytecode: `headshots.cachedir`). `headshots check` and the build
(`headshots.plugin`, before Pelican reads or loads anything) both call
it first and stop on any problem, so they print the same lines and a refused
build has read nothing and written nothing.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from headshots.errors import Problem, display_path
from headshots.settings import content_folder

#: The one article and page format. Pelican's readers are cut to it (`plugin.markdown_only`).
ARTICLE_EXTENSION = "md"
#: What content/media/ may hold (browsers show these; TIFF they do not).
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
#: What a photographer's folder may hold besides profile.yaml (the formats headshots are read in).
HEADSHOT_SUFFIXES = (*MEDIA_SUFFIXES, ".tif", ".tiff")
PROFILE_NAME = "profile.yaml"
#: Names Windows cannot check out, with any extension ("con.md", "aux.jpg").
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{kind}{n}" for kind in ("com", "lpt") for n in range(1, 10)]
)
#: Committed files a build could load as code or objects (a pickle, bytecode), wherever they sit.
CACHE_FOLDERS = frozenset({".cache", "__pycache__"})
CACHE_SUFFIXES = (".pyc", ".pyo", "-Readers")


@dataclass
class Inputs:
    """What the build reads, and what it refuses."""

    articles: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    media: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def refuse(self, path, message: str) -> None:
        self.problems.append(Problem(display_path(path), 1, 1, "", message))


def gather(settings: dict) -> Inputs:
    """Every file the build reads under PATH and PHOTOGRAPHERS_PATH, and a problem for each other one.

    The article images are listed, not opened: `headshots.checks.file_list_problems` decodes them
    (the pictures stage's check), for the build and `headshots check` alike.
    """
    found = Inputs()
    content = content_folder(settings)
    photographers = Path(settings["PHOTOGRAPHERS_PATH"])
    if content.is_dir():
        _content(found, content, photographers, settings)
    if photographers.is_dir():
        _photographers(found, photographers, ignored_files(settings))
    _committed_caches(found, content, settings)
    found.problems.sort()
    return found


def media_folders(settings: dict, content=None) -> list[Path]:
    """The folders published as they are (STATIC_PATHS under PATH), never the photographers folder,
    which `profiles._watch_profiles` adds to STATIC_PATHS so autoreload watches it: a `{static}` link
    into it would publish an original upload."""
    from headshots.articles.layout import layout_setting

    content = Path(content or content_folder(settings))
    photographers = Path(settings.get("PHOTOGRAPHERS_PATH") or "photographers").resolve()
    folders = [content / folder for folder in layout_setting(settings, "STATIC_PATHS")]
    return [folder for folder in folders if not _within(folder.resolve(), photographers)]


def _content(found: Inputs, content: Path, photographers: Path, settings: dict) -> None:
    from headshots.articles.layout import layout_setting

    kinds = [
        (found.pages, [content / f for f in layout_setting(settings, "PAGE_PATHS")]),
        (found.articles, [content / f for f in layout_setting(settings, "ARTICLE_PATHS")]),
    ]
    media = media_folders(settings)
    for path in _walk(found, content, ignored_files(settings), skip=photographers.resolve()):
        into = next((docs for docs, folders in kinds if _under(path, folders)), None)
        if into is not None and path.suffix == f".{ARTICLE_EXTENSION}":
            into.append(path)
        elif _under(path, media):
            if path.suffix.lower() in MEDIA_SUFFIXES:
                found.media.append(path)
            else:
                found.refuse(path, _not_media(path))
        elif into is not None:
            found.refuse(
                path,
                f"is not a Markdown file: articles and pages are .md files written in Markdown "
                f"(rename it {path.stem}.md and use the house style in CONTRIBUTING.md)",
            )
        else:
            folders = ", ".join(f"{display_path(f)}/" for _, fs in kinds for f in fs)
            where = ", ".join(f"{display_path(f)}/" for f in media)
            found.refuse(
                path,
                f"is outside the folders the build reads: Markdown goes in {folders}, images in {where}; "
                "move it there or remove it",
            )


def _not_media(path: Path) -> str:
    what = {
        ".svg": "an SVG can run script on the site's own address",
        ".html": "a web page here would run on the site's own address",
        ".htm": "a web page here would run on the site's own address",
    }.get(path.suffix.lower(), "the site publishes only images from this folder")
    return f"is not an image file ({what}): media/ holds JPEG, PNG, WebP, GIF or AVIF images; remove it"


def ignored_files(settings: dict) -> list[str]:
    """IGNORE_FILES: the names (patterns) no folder's walk reads or refuses, editors' scratch files among them."""
    from headshots.articles.layout import layout_setting

    return list(layout_setting(settings, "IGNORE_FILES", []))


def _photographers(found: Inputs, root: Path, ignored) -> None:
    for path in _walk(found, root, ignored, per_folder=True):
        _photographer_file(found, root, path)


def photographer_folders(root: Path, names, ignored) -> list[Problem]:
    """The refusals `gather` makes in some photographers' folders, and only those (the dev server's
    update after a save in them): the same rules, without walking every other folder."""
    found = Inputs()
    for name in sorted(names):
        folder = root / name
        if not folder.is_dir() or not _kept_folder(found, folder, ignored):
            continue
        for path in _walk(found, folder, ignored):  # its own folder is the scope of its links
            _photographer_file(found, root, path)
    return sorted(found.problems)


def _photographer_file(found: Inputs, root: Path, path: Path) -> None:
    parts = path.relative_to(root).parts
    if len(parts) == 1:
        found.refuse(path, "is not in a photographer's folder: photographers/ holds one folder each; remove it")
    elif len(parts) > 2:
        found.refuse(path, "is in a folder inside a profile folder: keep profile.yaml and its images side by side")
    elif path.name != PROFILE_NAME and path.suffix.lower() not in HEADSHOT_SUFFIXES:
        found.refuse(
            path,
            "is neither a profile nor a headshot: a photographer's folder holds profile.yaml and its "
            "images (JPEG, PNG, WebP, TIFF, GIF or AVIF); remove it",
        )


def _walk(found: Inputs, root: Path, ignored, skip: Path | None = None, per_folder: bool = False):
    """Every file under `root` (sorted), links checked: a file link may lead only to a file inside its
    own folder (content/, or the photographer's folder), a folder may not be a link; names Windows
    reserves are refused."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs.sort()
        kept = []
        for name in dirs:
            path = here / name
            if (skip is None or path.resolve() != skip) and _kept_folder(found, path, ignored):
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if _ignored(name, ignored):
                continue
            if _refused_name(found, path) or _refused_link(found, path, root, per_folder):
                continue
            yield path


def _kept_folder(found: Inputs, path: Path, ignored) -> bool:
    """Whether a walk goes into the folder `path`: not ignored, its name allowed, not a link (Pelican
    would walk a linked folder: its files would be read twice, or from elsewhere)."""
    if _ignored(path.name, ignored) or _refused_name(found, path):
        return False
    if path.is_symlink():
        found.refuse(path, "is a link to a folder: copy the files in instead")
        return False
    return True


def _ignored(name: str, ignored) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignored)


def _refused_name(found: Inputs, path: Path) -> bool:
    if path.name.split(".")[0].lower() in WINDOWS_RESERVED:
        found.refuse(
            path,
            f'"{path.name}" is a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9): '
            "git on Windows cannot check it out; rename it",
        )
        return True
    return False


def _refused_link(found: Inputs, path: Path, root: Path, per_folder: bool) -> bool:
    """A file link that leads nowhere, or out of its folder (content/, or the photographer's folder)."""
    if not path.is_symlink():
        return False
    parts = path.relative_to(root).parts
    scope = root / parts[0] if per_folder and len(parts) > 1 else root
    target = Path(os.path.realpath(path))
    if not target.exists():
        found.refuse(path, "is a link to a file that does not exist: copy the file in instead")
        return True
    if not _within(target, scope.resolve()):
        found.refuse(path, f"is a link to a place outside {display_path(scope)}/: copy the file in instead")
        return True
    return False


def _committed_caches(found: Inputs, content: Path, settings: dict) -> None:
    """Tracked files a build could load as code: anything under a `.cache/` or `__pycache__/`
    folder, bytecode, Pelican's pickled `*-Readers`, and whatever sits in a CACHE_PATH inside the checkout."""
    top, tracked = _tracked_files(content if content.is_dir() else Path.cwd())
    if top is None:
        return
    cache = Path(settings["CACHE_PATH"]).resolve() if settings.get("CACHE_PATH") else None
    for name in tracked:
        path = top / name
        parts = Path(name).parts
        if (
            CACHE_FOLDERS.intersection(parts)
            or name.endswith(CACHE_SUFFIXES)
            or (cache is not None and _within(path, cache))
        ):
            found.refuse(
                path,
                "is a build cache committed to the repository: builds keep their caches outside the "
                "checkout and never load this one; remove it (git rm --cached)",
            )


def _tracked_files(folder: Path) -> tuple[Path | None, list[str]]:
    """The checkout holding `folder` and its tracked files (None outside a git checkout, or without git)."""
    git = ["git", "-c", "safe.directory=*", "-C", str(folder)]
    try:
        top = subprocess.run([*git, "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=60)
        if top.returncode != 0:
            return None, []
        listed = subprocess.run([*git, "ls-files", "-z", "--full-name", ":/"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None, []
    names = listed.stdout.decode("utf-8", "surrogateescape").split("\0")
    return Path(top.stdout.strip()), [name for name in names if name]


def _under(path: Path, folders) -> bool:
    return any(_within(path, folder) for folder in folders)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
