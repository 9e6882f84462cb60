"""The one wiring file: every Pelican signal of ours, connected in pipeline order.

    read -> model -> (checks) -> pictures -> page data -> pages -> search

PLUGINS = ["headshots.plugin"] in pelicanconf.py. Everything else in the
package is plain Python that knows nothing of Pelican's signals; this file
calls the stages in order and hands each what the one before returned:

1. `initialized`: our settings' defaults, the traceback filter, the
   renditions settings' checks, the watch on the profiles (`pelican -r`).
2. `get_generators`: the file list (`checks.file_list_problems`, what
   `headshots check` checks first), before any generator reads a file or
   loads a cache; then `generator_init` cuts every generator's readers to
   `.md`, and `DirectoryGenerator.__init__` starts reading the profiles
   (workers read while Pelican reads the articles).
3. `DirectoryGenerator.generate_context`: the model (`Directory.build`),
   the checks (`headshots.checks`: the same lines as `headshots check`; a
   refused build has encoded no image and written no file), the pictures
   (`thumbnails.make_pictures`), the page data (`PageData`).
4. `all_generators_finalized`: the page helpers on every generator's
   templates, then our pages start writing while Pelican writes its own.
5. `DirectoryGenerator.generate_output`: wait for the pages, tell
   `content_written` receivers, publish the renditions.
6. `finalized`: the sitemap, then the search index (`headshots.indexing`).
"""

from __future__ import annotations

import gc
import logging
import os
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator, StaticGenerator
from pelican.log import console
from pelican.utils import sanitised_join, wait_for_changes

from headshots import errors, inputs, parallel, templating, thumbnails
from headshots.articles.html import sanitise_content
from headshots.checks import file_list_problems, image_problems, site_problems
from headshots.directory import Directory, profile_cache, start_reading
from headshots.indexing import index_site
from headshots.pagedata import PageData
from headshots.pagelist import directory_pages
from headshots.pricing import price_warnings
from headshots.settings import apply_defaults
from headshots.sitemap import SitemapCollector
from headshots.writer import PageWriter

logger = logging.getLogger(__name__)

# The problems each PHOTOGRAPHERS_PATH failed with last, in this process (see generate_context).
_last_failure: dict[str, tuple] = {}
sitemap = SitemapCollector()
#: The generators of this process's last build: `headshots serve` brings that build's directory
#: pages up to date in place after a save in a photographer's folder (headshots.devserver.update).
last_generators: list = []


def say(line: str) -> None:
    """One line of the build's log, printed like Pelican's own "Done:" line (INFO is hidden by default)."""
    console.print(line, soft_wrap=True)


# ------------------------------------------------------------------ 1. settings


def initialized(pelican) -> None:
    """Defaults for every setting, the traceback filter, the renditions settings, the watch on the profiles."""
    errors.install_log_filter()
    settings = apply_defaults(pelican.settings)
    problems = thumbnails.settings_problems(settings)
    if problems:
        errors.fail(problems)
    if settings["PHOTOGRAPHERS_AUTORELOAD"]:
        _watch_profiles(settings)


def _inside(path: str, folder: str) -> bool:
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _watch_profiles(settings) -> None:
    """Make `pelican -r` watch PHOTOGRAPHERS_PATH.

    Pelican 4.12's autoreload watches the settings file, THEME, PATH and
    `PATH/<each STATIC_PATHS entry>`; an absolute entry joins to itself, so
    the profiles folder is appended to STATIC_PATHS, and `_skip_profiles`
    keeps the static generator out of it: an original upload is never read
    as a static file, so never published.
    """
    folder = settings["PHOTOGRAPHERS_PATH"]
    if _inside(folder, settings["PATH"]) or not os.path.isdir(folder):
        return
    static = list(settings.get("STATIC_PATHS") or [])
    if folder not in static:
        settings["STATIC_PATHS"] = [*static, folder]


def _skip_profiles(static_generator) -> None:
    """The static generator lists STATIC_PATHS without PHOTOGRAPHERS_PATH (see `_watch_profiles`).

    Listing the folder would make a static file of every profile and headshot
    (five per photographer, about 0.3 s at N=1000) only to drop them again.
    """
    folder = static_generator.settings.get("PHOTOGRAPHERS_PATH")
    if not folder:
        return
    list_files = static_generator.get_files

    def get_files(paths, exclude=None, extensions=None):
        kept = [path for path in paths if not _inside(os.path.join(static_generator.path, path), folder)]
        return list_files(kept, exclude=exclude, extensions=extensions)

    static_generator.get_files = get_files


# ------------------------------------------------------------------ 2-5. the directory


class DirectoryGenerator(Generator):
    """Reads the profiles, builds the model, checks, makes the pictures (generate_context); writes the
    directory's pages and open data and publishes the renditions (generate_output)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gc.unfreeze()  # a previous build's context (`pelican -r`), frozen by its generate_context: collectable again
        self._pending = None  # set by start_output: waits for the pages being written
        self._cache = profile_cache(self.settings)
        self._started = time.perf_counter()
        self._reading = start_reading(self.settings, self._cache)

    def generate_context(self) -> None:
        root = str(self.settings["PHOTOGRAPHERS_PATH"])
        directory, problems = self._read(self._reading)
        # `pelican -r` re-runs the build at once after an error, in a loop: when this process already
        # reported exactly these problems, wait for an edit instead of printing them again and again
        # (a plain build fails once, so it never waits; `headshots serve` builds once per save itself).
        autoreload = self.settings["PHOTOGRAPHERS_AUTORELOAD"]
        while autoreload and problems and _last_failure.get(root) == tuple(problems):
            wait_for_changes("", self.settings)
            self._started = time.perf_counter()
            directory, problems = self._read(start_reading(self.settings, self._cache))
        if problems:
            _last_failure[root] = tuple(problems)
            errors.fail(problems)
        _last_failure.pop(root, None)
        errors.report(price_warnings([p.profile for p in directory.photographers]))  # as `headshots check` warns
        pictures = thumbnails.make_pictures(directory.photographers, self.settings)
        errors.report(pictures.problems)  # warnings are printed; an error stops the build
        if pictures.stats:
            say(pictures.summary())
        self.directory, self.pictures = directory, pictures
        self.page_data = PageData(directory, pictures.by_source)
        self.context.update(directory.context())
        # What was read so far lives until the build ends: keep Python's collector from scanning it again
        # at each full collection, here and in the forked page writers, where a scan also copies every
        # memory page it touches (about 0.1 s at N=1000). It stays frozen when the build ends: unfrozen, the
        # collection Python runs as it exits scans all of it (0.2-0.6 s at N=1000); a next build in the
        # same process (`pelican -r`) unfreezes it when its generator is made.
        gc.freeze()

    def _read(self, reading) -> tuple[Directory, list]:
        """The directory, and every problem in the profiles and the articles: what `headshots check` reports."""
        profiles, problems = reading.wait()
        self._summary(reading.count, problems)
        directory = Directory.build(profiles, self.settings)
        found = site_problems(self.settings, directory)
        errors.report([p for p in found if p.warning])  # an article's warning: printed, the build goes on
        problems += [p for p in found if not p.warning]
        if problems:  # the build stops here: name the bad images too, as `headshots check` does
            problems = sorted(problems + image_problems(profiles, self.settings))
        return directory, problems

    def _summary(self, count: int, problems: list) -> None:
        """One line: how many profiles were parsed and how many came from the cache (tests and the bench read it)."""
        if self._cache is not None:
            stats = self._cache.stats
            summary = f"{stats['profiles']} profiles, {stats['parsed']} parsed, {stats['cached']} from cache"
            self._cache.stats = dict.fromkeys(stats, 0)  # counted afresh at the next read (`pelican -r`)
        else:
            summary = f"{count} profiles, {count} parsed, cache off"
        if problems:
            summary += f", {len(problems)} problems"
        say(f"Profiles: {summary} in {time.perf_counter() - self._started:.2f} s")

    def start_output(self) -> None:
        """Start writing the pages, on every core in a big directory, while Pelican writes its own."""
        self._output_started = time.perf_counter()
        self._pages = directory_pages(self.directory)
        open_data = [(save_as, None, make) for save_as, make in self.page_data.open_data_files()]
        writer = PageWriter(self.output_path, self.get_template, self.context, self.settings)
        jobs = parallel.jobs_for(self.settings, len(self.directory.photographers))
        self._pending = writer.write_all(open_data + self._pages, jobs)
        self._writer = writer

    def generate_output(self, writer) -> None:
        if self._pending is None:  # run without Pelican's signals (a test, another tool)
            install_page_data([self])
            self.start_output()
        pids, self._pending = self._pending(), None
        # `content_written` receivers (the sitemap, other plugins') live in this process: they
        # hear of every HTML page, in order, wherever it was written.
        for save_as, _template, kwargs in self._pages:
            signals.content_written.send(
                sanitised_join(self.output_path, save_as), context=self._writer.page_context(save_as, kwargs)
            )
        processes = len(set(pids) - {os.getpid()}) or 1
        say(
            f"Profiles: wrote {len(self._pages)} pages and the open data "
            f"in {time.perf_counter() - self._output_started:.2f} s "
            f"({processes} process{'es' if processes > 1 else ''})"
        )
        self._publish()

    def _publish(self) -> None:
        files = self.pictures.files
        if not files:
            return
        if not self.settings.get("HEADSHOTS_PUBLISH", True):
            logger.info("Headshots: HEADSHOTS_PUBLISH is False, no rendition copied into the output")
            return
        started = time.perf_counter()
        count = thumbnails.publish(files, self.output_path)
        say(f"Headshots: published {len(files)} files ({count} new links) in {time.perf_counter() - started:.2f} s")


def get_generators(pelican):
    """The file list first (every build, `pelican -r`'s rebuilds included): nothing is read before it passes."""
    problems = file_list_problems(pelican.settings)
    if problems:
        errors.fail(problems)
    return DirectoryGenerator


def generator_init(generator) -> None:
    """Our filters and globals on each generator's templates (blinker keeps receivers weakly: named functions)."""
    templating.install(generator.env, generator.settings.get("CACHE_PATH"))


def markdown_only(generator) -> None:
    """Articles and pages are read from `.md` only: Pelican also reads `.rst`, `.html` and `.htm`, and
    pelican-yaml-metadata registers `.mkd`, `.mdown` and `.markdown` again after READERS is applied.
    The static generator keeps its "static" reader, which reads no file's text."""
    keep = "static" if isinstance(generator, StaticGenerator) else inputs.ARTICLE_EXTENSION
    readers = generator.readers.readers
    for extension in [ext for ext in readers if ext != keep]:
        del readers[extension]


def install_page_data(generators) -> None:
    """The page helpers that read the pictures, on every generator's templates (ours and Pelican's)."""
    ours = [g for g in generators if isinstance(g, DirectoryGenerator)]
    if not ours:
        return
    for generator in generators:
        if hasattr(generator, "env"):
            templating.install_page_data(generator.env, ours[0].page_data)


def all_generators_finalized(generators) -> None:
    # Every page is written from here on (Pelican's and ours): start each build's sitemap afresh,
    # so a failed build under `pelican -r` leaves nothing behind.
    sitemap.reset()
    last_generators[:] = generators
    install_page_data(generators)
    for generator in generators:
        if isinstance(generator, DirectoryGenerator):
            generator.start_output()


# ------------------------------------------------------------------ 6. sitemap and search


def finalized(pelican) -> None:
    settings = pelican.settings
    sitemap.write(settings, pelican.output_path)
    if not settings.get("SEARCH_ENABLED", True):
        logger.info("Search: SEARCH_ENABLED is False, no index built")
        return
    figures, problems = index_site(settings, pelican.output_path)
    if problems:
        errors.install_log_filter()
        errors.fail(problems)
    if figures["pages"] == 0:
        logger.warning("Search: Pagefind indexed 0 pages (no page has data-pagefind-body?)")
        return
    bundle = Path(pelican.output_path).resolve() / settings.get("SEARCH_BUNDLE_DIR", "pagefind")
    say(
        f"Search: Pagefind indexed {figures['pages']} pages into {errors.display_path(bundle)} "
        f"({figures['bytes'] / 1000:.0f} kB) in {figures['seconds']:.1f} s"
    )


def register() -> None:
    """Pelican's entry point: every receiver, in pipeline order."""
    signals.initialized.connect(initialized)
    signals.static_generator_init.connect(_skip_profiles)
    signals.generator_init.connect(generator_init)
    signals.generator_init.connect(markdown_only)
    signals.content_object_init.connect(sanitise_content)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.content_written.connect(sitemap.page_written)
    signals.finalized.connect(finalized)
