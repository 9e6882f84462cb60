"""After saves under PHOTOGRAPHERS_PATH only: the last good build's directory brought up to date in place.

A full build (`builds.Site.build`) leaves its generators in this process
(`headshots.plugin.last_generators`): the model, the pictures, Pelican's
context and templates. A save in a photographer's folder then costs what it
touches, not the whole site:

1. the saved folders are read again, by the build's own rules (the file list,
   the profile rules, the article links), and the model is rebuilt from
   them and the profiles already in memory;
2. pictures are made for those photographers only;
3. a page is rendered again only when its key changed (`headshots.pagekeys`):
   the profile and its scan page, its city pages, the directory pages it is
   on, the few scan grids that show its photos, its open data; and the
   pages Pelican draws from the whole directory (home, /scan/, /search/...).

When the footer every page shows would change (a city enters the top list),
or a saved path is not inside a photographer's plain folder, `update`
raises `FullBuild` and the caller rebuilds the whole site. The result is the
same site a clean build makes (tests/test_devserver.py compares them).
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

from headshots import errors, parallel, plugin, thumbnails
from headshots.checks import image_problems, site_problems
from headshots.directory import Directory, profile_cache
from headshots.errors import HeadshotsError
from headshots.inputs import ignored_files, photographer_folders
from headshots.pagedata import PageData
from headshots.pagekeys import footer_key, open_data_keys, page_keys
from headshots.pagelist import directory_pages
from headshots.pricing import price_warnings
from headshots.reading import read_folders
from headshots.sitemap import page_lastmod, write_sitemap
from headshots.thumbnails.settings import output_folder
from headshots.writer import PageWriter


class FullBuild(Exception):
    """This change needs the whole site built again; the message says why (for the log)."""


@dataclass
class Updated:
    """What an update did: the addresses whose files changed, and how many pages it rendered."""

    changed: list[str]
    rendered: int
    problems: tuple[str, ...] = ()


class DirectoryUpdate:
    """The last good build's directory, kept between saves, and the pages it wrote with their keys."""

    def __init__(self, built_into: Path, output: Path):
        """`built_into`: where the full build wrote (the dev server's staging folder, since renamed to `output`)."""
        generators = plugin.last_generators[:]
        plugin.last_generators.clear()  # held here only: gone with this update when a whole build starts
        self.ours = next(g for g in generators if isinstance(g, plugin.DirectoryGenerator))
        self.articles = next((g for g in generators if hasattr(g, "generate_direct_templates")), None)
        self.generators = list(generators)
        self.settings = self.ours.settings
        self.root = Path(self.settings["PHOTOGRAPHERS_PATH"])
        self.output = output
        self.cache = profile_cache(self.settings)
        self.editions: dict[str, int] = {}
        self.pending: set[str] = set()  # folders of a refused update: read again next time
        directory = self.ours.directory
        self.profiles = {p.profile.path.parent.name: p.profile for p in directory.photographers}
        self.pictures = dict(self.ours.pictures.by_source)
        self.footer = footer_key(directory)
        self.keys = page_keys(directory_pages(directory), self.ours.page_data, self.editions)
        self.data_keys = open_data_keys(self.ours.page_data, self.editions)
        self.urls = directory.urls()  # the addresses the articles' links were last judged against
        self.article_problems: list = []  # what they were found to have (warnings: a good build)
        self.sitemap = {os.path.relpath(path, built_into): lastmod for path, lastmod in plugin.sitemap.pages.items()}

    def folders(self, saved) -> set[str]:
        """The photographers' folders the saved paths are in; `FullBuild` for any other path."""
        names = set()
        for path in saved:
            try:
                parts = Path(path).relative_to(self.root.resolve()).parts
            except ValueError:
                raise FullBuild("a save outside photographers' folders") from None
            folder = self.root / parts[0] if parts else self.root
            if not parts or parts[0].startswith((".", "_")):
                raise FullBuild(f"{errors.display_path(Path(path))} is not in a photographer's folder")
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                raise FullBuild(f"{errors.display_path(folder)} is not a plain folder")
            names.add(parts[0])
        return names

    def update(self, saved) -> Updated:
        names = self.folders(saved) | self.pending
        gc.disable()  # a full collection scans the whole model in memory: none until the update is done
        try:
            return self._update(names)
        finally:
            gc.enable()

    def _update(self, names: set[str]) -> Updated:
        problems = photographer_folders(self.root, names, ignored_files(self.settings))
        read, found = read_folders(self.root, names, self.cache)
        problems += found
        profiles = {name: p for name, p in self.profiles.items() if name not in names} | read
        ordered = [profiles[name] for name in sorted(profiles)]
        directory = Directory.build(ordered, self.settings, self.ours.directory.photographers)
        urls = directory.urls()
        if urls != self.urls:  # the articles' links are judged against the addresses, and only they changed
            self.article_problems = site_problems(self.settings, directory)
            errors.report([p for p in self.article_problems if p.warning])
        problems += [p for p in self.article_problems if not p.warning]
        if problems:
            return self._refused(names, problems + image_problems(read.values(), self.settings))
        errors.report(price_warnings(read.values()))
        if footer_key(directory) != self.footer:
            raise FullBuild("the footer every page shows changed")
        touched = [p for p in directory.photographers if p.slug in names]
        made = thumbnails.make_pictures(touched, self.settings)
        if any(not p.warning for p in made.problems):
            return self._refused(names, made.problems)
        errors.report(made.problems)  # warnings
        pictures = {source: pic for source, pic in self.pictures.items() if source.parent.name not in names}
        pictures.update(made.by_source)
        for name in names:
            self.editions[name] = self.editions.get(name, 0) + 1
        page_data = PageData(directory, pictures)
        self._install(directory, page_data)
        self._publish(made.files)
        changed, rendered = self._write(directory, page_data, names)
        self._unpublish(names, made.files)
        self.profiles, self.pictures, self.pending, self.urls = profiles, pictures, set(), urls
        return Updated(changed, rendered)

    def _refused(self, names, problems) -> Updated:
        """Every problem printed as the build prints them; the served site stays as it was."""
        self.pending = set(names)
        lines: tuple[str, ...] = ()
        try:
            errors.report(problems)  # one of them is an error: it raises
        except HeadshotsError as error:
            lines = tuple(str(p) for p in error.problems)
        return Updated([], 0, lines)

    def _install(self, directory: Directory, page_data: PageData) -> None:
        """The new model and page data where every template reads them (the context all generators share)."""
        self.ours.directory, self.ours.page_data = directory, page_data
        self.ours.context.update(directory.context())
        plugin.install_page_data(self.generators)

    def _write(self, directory: Directory, page_data: PageData, names: set[str]) -> tuple[list[str], int]:
        pages = directory_pages(directory)
        writer = PageWriter(str(self.output), self.ours.get_template, self.ours.context, self.settings)
        # The saved photographers' profiles first, before working out what else changed: the page
        # their editor is looking at (its key has changed with its edition).
        own = [page for page in pages if page[1] == "profile" and page[2]["photographer"].slug in names]
        changed = [page[0] for page in own if writer.write_file(*page)]
        keys = page_keys(pages, page_data, self.editions)
        data_keys = open_data_keys(page_data, self.editions)
        stale = [page for page in pages if self.keys.get(page[0]) != keys[page[0]]]
        data = [
            (save_as, None, make)
            for save_as, make in page_data.open_data_files()
            if save_as not in data_keys or self.data_keys.get(save_as) != data_keys[save_as]
        ]
        gone = (set(self.keys) - set(keys)) | (set(self.data_keys) - set(data_keys))
        done = {page[0] for page in own}
        rest = [page for page in stale if page[0] not in done] + data
        jobs = parallel.jobs_for(self.settings, len(rest))
        wrote = parallel.start_forked_map(lambda page: writer.write_file(*page), rest, jobs)()
        changed += [page[0] for page, written in zip(rest, wrote, strict=True) if written]
        rendered = len(stale)
        if self.articles is not None:  # home, /scan/, /search/...: Pelican's pages of the whole directory
            direct = self._direct_templates(writer)
            changed += [name for name, written in direct if written]
            rendered += len(direct)
        for save_as in sorted(gone):
            _remove(self.output / save_as, self.output)
        self.keys, self.data_keys = keys, data_keys
        self._sitemap(stale, gone, writer)
        return [*changed, *gone], rendered

    def _sitemap(self, stale, gone, writer: PageWriter) -> None:
        """sitemap.xml again when a page was added or is gone, or a profile's date changed."""
        sitemap = dict(self.sitemap)
        for save_as, _template, values in stale:
            sitemap[os.path.normpath(save_as)] = page_lastmod(writer.page_context(save_as, values))
        for save_as in gone:
            sitemap.pop(os.path.normpath(save_as), None)
        if sitemap != self.sitemap:
            write_sitemap(self.settings, str(self.output), sitemap)
            self.sitemap = sitemap

    def _direct_templates(self, writer: PageWriter) -> list[tuple[str, bool]]:
        """Pelican's pages that read the whole directory, rendered again: (name, whether it changed)."""
        done = []

        def write(name, template, context, **values):  # Pelican's `write_file` shape
            done.append((name, writer.write_file(name, template, values)))

        self.articles.generate_direct_templates(write)
        return done

    def _publish(self, files) -> None:
        """The saved folders' renditions into the output, before any page shows them."""
        if self.settings.get("HEADSHOTS_PUBLISH", True):
            thumbnails.publish(files, str(self.output))

    def _unpublish(self, names: set[str], files) -> None:
        """The saved folders' renditions no page shows any more, once the pages are written."""
        if not self.settings.get("HEADSHOTS_PUBLISH", True):
            return
        keep = {os.path.normpath(relative) for _source, relative in files}
        images = self.output / output_folder(self.settings)
        for name in names:
            for path in (images / name).glob("*") if (images / name).is_dir() else ():
                if os.path.relpath(path, self.output) not in keep:
                    path.unlink()
            _prune(images / name, self.output)


def _remove(path: Path, output: Path) -> None:
    if path.is_file():
        path.unlink()
        _prune(path.parent, output)


def _prune(folder: Path, output: Path) -> None:
    """An emptied folder goes too, up to the output folder (a clean build would not make it)."""
    try:
        while folder != output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    except OSError:
        return
