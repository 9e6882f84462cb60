"""One Pelican in this process, building into a fresh folder that replaces the served one only when it succeeds.

Each build is a clean build (`pelican.Pelican(settings).run()` into an
empty staging folder), so the served site is always byte-identical to
`make build` of the same sources: a removed photographer's pages go with
it. The process stays alive between builds, so imports, the profile cache
and the renditions cache stay warm. A refused or broken build leaves the
served folder as it was (the last good site).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican import log as pelican_log
from pelican.settings import read_settings
from rich.console import Console
from rich.logging import RichHandler

from headshots.devserver.search import NEXT, SearchRefresh
from headshots.devserver.update import DirectoryUpdate, FullBuild
from headshots.errors import HeadshotsError, Problem, display_path
from headshots.settings import apply_defaults, settings_problem
from headshots.thumbnails.settings import ON_REQUEST, output_folder


@dataclass(frozen=True)
class Outcome:
    """What one build did: the problems (empty when it succeeded) and which served addresses changed."""

    problems: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()  # "/photographers/maya/"; "*" when a file every page uses changed
    files: int = 0  # the site's files (a whole build), or the pages re-rendered (an update)
    seconds: float = 0.0
    what: str = "the whole site"  # what was built: "re-rendered" (an update), or why the whole site

    @property
    def ok(self) -> bool:
        return not self.problems


class Site:
    """The served output folder and the builds that replace it."""

    def __init__(self, settings_file: str, overrides: dict, output: str):
        self.settings_file = settings_file
        self.overrides = overrides
        self.output = Path(output).resolve()
        self.staging = self.output.with_name(f".{self.output.name}.next")
        self.retired = self.output.with_name(f".{self.output.name}.old")
        self.lock = threading.Lock()  # held while the served folder is read or replaced
        self._fingerprints: dict[str, tuple] = {}
        self.update: DirectoryUpdate | None = None  # the last good build, kept for in-place updates
        self.search_enabled = True  # SEARCH_ENABLED of the last build's settings
        self.search = SearchRefresh(self.output, self.lock)
        _log_warnings_apart()

    def build(self, saved=None) -> Outcome:
        """Bring the served site up to date with `saved` (paths): in place when they are all in
        photographers' folders (`update.DirectoryUpdate`), else by a whole clean build."""
        started = time.perf_counter()
        if saved and self.update is not None:
            try:
                return self._update(saved, started)
            except FullBuild as reason:
                note = f"the whole site ({reason})"
            except Exception as error:  # a template, Pelican: one located line, as a full build says it
                settings, self.update = self.update.settings, None  # the next save builds the whole site again
                line = str(_locate(error, settings))
                print(line, flush=True)
                return self._refused([line], started)
        else:
            note = "the whole site"
        return self._build(started, note)

    def _update(self, saved, started: float) -> Outcome:
        updated = self.update.update(saved)
        if updated.problems:
            return Outcome(problems=updated.problems, seconds=time.perf_counter() - started)
        for name in updated.changed:
            path = self.output / name
            if path.is_file():
                self._fingerprints[name] = identity(path)
            else:
                self._fingerprints.pop(name, None)
        if self.search_enabled:
            self.search.request(self.update.settings)
        return Outcome(
            changed=tuple(address(name) for name in updated.changed if name.endswith(".html")),
            files=updated.rendered,
            seconds=time.perf_counter() - started,
            what="re-rendered",
        )

    def _build(self, started: float, note: str) -> Outcome:
        self.update = None  # the last build's model goes before this one is read (peak memory)
        shutil.rmtree(self.staging, ignore_errors=True)
        try:
            settings = read_settings(self.settings_file, override={**self.overrides, **self._ours()})
        except Exception as error:
            line = str(settings_problem(error, self.settings_file))
            print(line, flush=True)
            return self._refused([line], started)
        self.search_enabled = settings.get("SEARCH_ENABLED", True)
        settings["SEARCH_ENABLED"] = False  # indexed in the background once the site is served (`search`)
        bundle = settings.get("SEARCH_BUNDLE_DIR", "pagefind")
        try:
            with _quiet():
                Pelican(settings).run()
        except HeadshotsError as error:  # its lines are printed already, by headshots.errors.report
            return self._refused([str(p) for p in error.problems], started)
        except Exception as error:  # a template, a setting, Pelican itself: one located line, no traceback
            line = str(_locate(error, settings))
            print(line, flush=True)
            return self._refused([line], started)
        fingerprints = fingerprint(self.staging, {bundle, NEXT, output_folder(settings)})
        changed = changed_addresses(self._fingerprints, fingerprints)
        self._fingerprints = fingerprints
        self._replace(bundle if self.search_enabled else None)
        self.update = DirectoryUpdate(self.staging, self.output)
        if self.search_enabled:
            self.search.request(settings)
        return Outcome(
            changed=tuple(changed), files=len(fingerprints), seconds=time.perf_counter() - started, what=note
        )

    def watched(self) -> tuple[list[str], list[str]]:
        """The folders (profiles, content, theme) and files (the settings) whose saves rebuild."""
        try:
            settings = apply_defaults(read_settings(self.settings_file, override=dict(self.overrides)))
            folders = [settings["PHOTOGRAPHERS_PATH"], settings["PATH"], settings["THEME"]]
        except Exception:  # the first build names the problem; watch the usual places meanwhile
            folders = ["photographers", "content", "theme"]
        return [os.path.abspath(f) for f in folders], [os.path.abspath(self.settings_file)]

    def _ours(self) -> dict:
        # The dev server watches the files itself: no `pelican -r` watch, no waiting inside a build.
        # Pages first, renditions in the background (`renditions`).
        return {
            "OUTPUT_PATH": str(self.staging),
            "DELETE_OUTPUT_DIRECTORY": False,
            "PHOTOGRAPHERS_AUTORELOAD": False,
            "HEADSHOTS_ENCODE": ON_REQUEST,
        }

    def _refused(self, lines: list[str], started: float) -> Outcome:
        shutil.rmtree(self.staging, ignore_errors=True)
        return Outcome(problems=tuple(lines), seconds=time.perf_counter() - started)

    def _replace(self, bundle: str | None) -> None:
        """The new site takes the served one's place; the search bundle moves over, until the
        background refresh replaces it."""
        shutil.rmtree(self.retired, ignore_errors=True)
        with self.lock:
            if bundle and (self.output / bundle).is_dir():
                os.rename(self.output / bundle, self.staging / bundle)
            if self.output.exists():
                os.rename(self.output, self.retired)
            os.rename(self.staging, self.output)
        shutil.rmtree(self.retired, ignore_errors=True)


def fingerprint(folder: Path, skip: set[str]) -> dict[str, tuple]:
    """Every file's identity (`identity`) but under the folders `skip` (relative to `folder`): the
    search bundle, which changes with every text edit, and the renditions, whose names carry their
    content's hash, so that a new one comes with a changed page that names it (and those the
    background published since the last build change no page)."""
    found = {}
    for directory, folders, files in os.walk(folder):
        relative = os.path.relpath(directory, folder)
        folders[:] = [f for f in folders if os.path.normpath(os.path.join(relative, f)) not in skip]
        for name in files:
            key = os.path.normpath(os.path.join(relative, name)).replace(os.sep, "/")
            found[key] = identity(os.path.join(directory, name))
    return found


def identity(path) -> tuple:
    """A file's bytes' hash."""
    with open(path, "rb") as handle:
        return (hashlib.blake2b(handle.read(), digest_size=16).digest(),)


def changed_addresses(before: dict, after: dict) -> list[str]:
    """The addresses of pages whose bytes changed; "*" when a file many pages use (a style sheet, a
    script, an article's image) changed. Open data (JSON, XML, text) is read by no page's first paint."""
    changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    pages = [address(key) for key in changed if key.endswith(".html")]
    shared = [key for key in changed if not key.endswith((".html", ".json", ".xml", ".txt"))]
    return (["*"] if shared and before else []) + pages


def address(key: str) -> str:
    """The address a file is served at: "a/index.html" -> "/a/", "404.html" -> "/404.html"."""
    return "/" + (key[: -len("index.html")] if key == "index.html" or key.endswith("/index.html") else key)


def _locate(error: Exception, settings: dict) -> Problem:
    """The deepest frame of the error in one of the site's own files (a template, an article, the
    settings): Jinja puts template lines into the traceback."""
    roots = [os.path.abspath(settings[k]) for k in ("THEME", "PATH") if settings.get(k)]
    roots.append(os.path.abspath(os.path.dirname(settings.get("PHOTOGRAPHERS_PATH") or ".")))
    where = (settings.get("SETTINGS_FILE") or "pelicanconf.py", 1)
    for frame in traceback.extract_tb(error.__traceback__):
        name = os.path.abspath(frame.filename)
        if any(name.startswith(root + os.sep) for root in roots) and "site-packages" not in name:
            where = (name, frame.lineno or 1)
    lineno = getattr(error, "lineno", None)
    if getattr(error, "filename", None) and lineno:  # a template syntax error names its own place
        where = (error.filename, lineno)
    message = f"{type(error).__name__}: {error}".replace("\n", " ")
    return Problem(display_path(where[0]), where[1], 1, "build", message)


@contextlib.contextmanager
def _quiet():
    """Pelican's and our progress lines are hidden during a dev build (the server prints one line per
    build); warnings still print, through their own console (`_log_warnings_apart`)."""
    pelican_log.console.quiet = True
    try:
        yield
    finally:
        pelican_log.console.quiet = False


def _log_warnings_apart() -> None:
    pelican_log.init(level=logging.WARNING, handler=RichHandler(console=Console(stderr=True), show_path=False))
