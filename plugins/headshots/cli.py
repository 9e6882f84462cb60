"""The `headshots` command: check the input without building, scaffold a new profile.

    headshots check [PATH]               validate profiles (and their images) like the build does
    headshots new photographer "Name"    write photographers/<slug>/profile.yaml from a commented template
    headshots from-issue BODY            write a profile and its photos from a "Get listed" issue (getlisted/)
    headshots serve [--port N]           the development server: build, serve, rebuild on save (devserver/)
    headshots render --shard K/N         make the renditions of one shard of the sources (CI render jobs)
    headshots cache merge --into DIR S...  merge render jobs' stores, each entry verified; --prune PATH
    headshots cache shards               how many render jobs the uncached sources need (GitHub outputs)

Exit status: 0 clean, 1 invalid input (or refused), 2 usage (argparse's own,
and a PATH that does not exist).

Adding a check: decorate a function `fn(run: CheckRun) -> Report | None` with
`@register_check`; it returns the problems it found and what it checked ("9
articles"), or None when the PATH given does not concern it. `headshots
check` runs every registered check in order and prints all their problems.
Adding a `new` kind: `register_new("article", help, add_arguments, run)`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from headshots import articles, devserver, getlisted, text
from headshots import settings as headshots_settings
from headshots.checks import CHECKS, CheckRun, file_list_problems
from headshots.errors import display_path
from headshots.headshotfiles import PROFILE_NAME
from headshots.settings import content_folder
from headshots.thumbnails.settings import settings_problems
from headshots.yamlnodes import yaml_scalar

TEMPLATES = Path(__file__).resolve().parent / "templates"


# --------------------------------------------------------------------------- checks


def run_check(args, settings: dict) -> int:
    path = Path(args.path) if args.path else None
    if path is not None and _holds_the_site(path, settings):
        path = None  # a tree holding the site's profiles or content (the repository): the whole site
    elif path is not None and path.is_dir() and not (path / PROFILE_NAME).is_file() and not _in_content(path, settings):
        settings = {**settings, "PHOTOGRAPHERS_PATH": str(path.resolve())}  # another photographers folder
    run = CheckRun(path=path, settings=settings)
    # The settings, then the file list, as the build does: while either has problems, nothing else is read.
    problems = settings_problems(settings)
    checked = ["the settings"] if problems else []
    if not problems:
        problems = [p for p in file_list_problems(settings) if path is None or _inside(p.file, path)]
        checked = ["the file list"] if problems else []
    for check in [] if problems else CHECKS:
        report = check(run)
        if report is None:
            continue
        problems += report.problems
        if report.checked:
            checked.append(report.checked)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(set(problems)):
        print(problem)
        if github:
            print(problem.github_annotation())
    if not checked:
        print(
            f"headshots: {args.path}: not a profile, a photographers folder, an article or a page: nothing to check",
            file=sys.stderr,
        )
        return 2
    what = ", ".join(checked)
    errors = {problem for problem in problems if not problem.warning}
    warned = len(set(problems)) - len(errors)
    if errors:
        print(f"{text.plural(len(errors), 'problem')} found (checked {what})")
        return 1
    print(f"{what} OK" + (f", {text.plural(warned, 'warning')}" if warned else ""))
    return 0


def _inside(file: str, path: Path) -> bool:
    return Path(file).resolve().is_relative_to(path.resolve())


def _in_content(path: Path, settings: dict) -> bool:
    return path.resolve().is_relative_to(content_folder(settings).resolve())


def _holds_the_site(path: Path, settings: dict) -> bool:
    """A folder above (or at) both the profiles and the content folder: `headshots check .`."""
    folder = path.resolve()
    content = content_folder(settings).resolve()
    photographers = Path(settings["PHOTOGRAPHERS_PATH"]).resolve()
    holds = content.is_relative_to(folder) and photographers.is_relative_to(folder)
    return path.is_dir() and holds and folder != content


# --------------------------------------------------------------------------- new


def new_photographer(name: str, root: Path, slug: str | None = None, today: datetime.date | None = None) -> Path:
    """Write root/<slug>/profile.yaml from the commented template; refuses to overwrite."""
    from headshots.validate import SCHEMA_PATH, SLUG_RE

    name = " ".join(name.split())
    slug = slug or text.slug(name)
    if not name:
        raise ValueError('the name is empty: headshots new photographer "Rosa Delgado"')
    if not SLUG_RE.match(slug):
        raise ValueError(
            f'cannot make a folder name from "{name}": pass one with --slug, '
            "lowercase letters, digits and hyphens (e.g. --slug yamada-taro)"
        )
    folder = root / slug
    target = folder / PROFILE_NAME
    if target.exists():
        raise FileExistsError(f"{display_path(target)} already exists: edit it, or choose another --slug")
    schema = Path(
        os.path.relpath(SCHEMA_PATH, folder.resolve() if folder.exists() else (root.resolve() / slug))
    ).as_posix()
    body = string.Template((TEMPLATES / PROFILE_NAME).read_text(encoding="utf-8")).substitute(
        schema=schema,
        slug=slug,
        name=yaml_scalar(name),
        folder=display_path(folder),
        today=(today or datetime.date.today()).isoformat(),
    )
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(body)
    return target


def run_new_photographer(args, settings: dict) -> int:
    root = Path(args.path) if args.path else Path(settings["PHOTOGRAPHERS_PATH"])
    try:
        target = new_photographer(args.name, root, args.slug)
    except (FileExistsError, ValueError) as error:
        print(f"headshots: {error}", file=sys.stderr)
        return 1
    folder = display_path(target.parent)
    print(f"Created {display_path(target)}")
    print("Next:")
    print(f"  1. copy the headshot images into {folder}/ (short side at least 800 px)")
    print(f"  2. edit {display_path(target)}: replace every value, list each image under headshots")
    print(
        f"  3. run `headshots check {folder}` until it says OK, then `make serve` to see "
        f"/photographers/{target.parent.name}/"
    )
    return 0


@dataclass
class NewKind:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, dict], int]


NEW_KINDS: dict[str, NewKind] = {}


def register_new(kind: str, help: str, add_arguments, run) -> None:
    """Add `headshots new <kind>`."""
    NEW_KINDS[kind] = NewKind(help, add_arguments, run)


def _photographer_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help='the photographer\'s name, e.g. "Rosa Delgado"')
    parser.add_argument("--slug", help="the folder name and URL (default: made from the name)")
    parser.add_argument("--path", help="the photographers folder (default: PHOTOGRAPHERS_PATH, else ./photographers)")


register_new(
    "photographer", "scaffold PHOTOGRAPHERS_PATH/<slug>/profile.yaml", _photographer_arguments, run_new_photographer
)

register_new("article", "scaffold content/articles/<slug>.md", articles.cli_new_arguments, articles.cli_new)


# --------------------------------------------------------------------------- render and cache (docs/deploy.md)


PHOTOGRAPHERS_HELP = "the photographers folder (default: PHOTOGRAPHERS_PATH)"


def _sources(path, settings: dict):
    from headshots.thumbnails import shards

    root = Path(path) if path else Path(settings["PHOTOGRAPHERS_PATH"])
    items, problems = shards.sources_at(root, settings)
    if problems:
        skipped = text.plural(len(problems), "profile problem")
        print(f"{skipped} (`headshots check` names them): the headshots of those profiles are left out")
    return items


def _store(folder, settings: dict) -> Path:
    from headshots.thumbnails import cache_folder

    return Path(folder) if folder else cache_folder(settings)


def run_render(args, settings: dict) -> int:
    from headshots.thumbnails import shards

    try:
        shard = shards.parse_shard(args.shard)
    except ValueError as error:
        args.subparser.error(str(error))
    items = _sources(args.path, settings)
    reuse = Path(args.reuse) if args.reuse else None
    run = shards.render_shard(items, settings, _store(args.cache, settings), shard, reuse)
    for problem in sorted(set(run.problems)):
        print(problem)
    print(run.summary())
    return 0


def run_cache(args, settings: dict) -> int:
    from headshots.thumbnails import merge, shards

    if args.action == "shards":
        store = _store(args.cache, settings)
        todo = shards.to_render(_sources(args.path, settings), settings, store)
        count = shards.shards_for(todo, settings["HEADSHOTS_SHARD_SOURCES"], settings["HEADSHOTS_SHARDS_MAX"])
        print(f"{text.plural(todo, 'source')} to render: {text.plural(count, 'render job')}", file=sys.stderr)
        print(f"todo={todo}\nshards={count}\nmatrix={json.dumps(shards.matrix(count), separators=(',', ':'))}")
        return 0
    if not args.shards and not args.prune:
        args.subparser.error("name the stores to merge (SHARD_DIR...), or --prune PATH")
    missing = [folder for folder in args.shards if not Path(folder).is_dir()]
    if missing:
        args.subparser.error(f"{missing[0]}: no such folder")
    merged = merge.merge(Path(args.into), [Path(folder) for folder in args.shards])
    for line in merged.dropped:
        print(f"headshots: {line}")
    print(merged.summary())
    if args.prune:
        count, size = merge.prune(Path(args.into), _sources(args.prune, settings), settings)
        print(f"Pruned: {text.plural(count, 'file')} no source needs ({size / 1e6:.1f} MB)")
    return 0


def _render_parser(commands) -> None:
    render = commands.add_parser(
        "render",
        help="make the renditions of one shard of the headshots (CI render jobs)",
        description="Make the renditions and face records of one shard of the sources into the rendition "
        "store, and nothing else: the build, or `headshots cache merge`, uses them.",
    )
    render.set_defaults(subparser=render)
    render.add_argument("--shard", required=True, metavar="K/N", help="this job's shard: K of N (e.g. 2/4)")
    render.add_argument("--cache", metavar="DIR", help="the store to fill (default: the build's, under CACHE_PATH)")
    render.add_argument(
        "--reuse", metavar="DIR", help="a store to read, never write: its sources are not rendered again"
    )
    render.add_argument("path", nargs="?", metavar="PATH", help=PHOTOGRAPHERS_HELP)
    cache = commands.add_parser("cache", help="the rendition store: merge render jobs' stores, count the work")
    actions = cache.add_subparsers(dest="action", required=True, metavar="ACTION")
    merge = actions.add_parser(
        "merge",
        help="merge render jobs' stores into one, each entry verified",
        description="Copy every entry of each SHARD_DIR whose bytes match its recorded digest into --into; "
        "a damaged entry is named and dropped (the build renders it again).",
    )
    merge.set_defaults(subparser=merge)
    merge.add_argument("--into", required=True, metavar="DIR", help="the store to merge into (the build's)")
    merge.add_argument("--prune", metavar="PATH", help="then delete what no source under PATH needs")
    merge.add_argument("shards", nargs="*", metavar="SHARD_DIR", help="the stores render jobs filled")
    shards = actions.add_parser(
        "shards",
        help="how many render jobs the uncached sources need, as GitHub Actions outputs",
        description="Print todo=, shards= and matrix= lines for $GITHUB_OUTPUT: one job per "
        "HEADSHOTS_SHARD_SOURCES sources to render, at most HEADSHOTS_SHARDS_MAX; shards=0 when all are cached.",
    )
    shards.add_argument("--cache", metavar="DIR", help="the store (default: the build's, under CACHE_PATH)")
    shards.add_argument("path", nargs="?", metavar="PATH", help=PHOTOGRAPHERS_HELP)


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="headshots", description="First Look's editor tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate profiles, their images and articles without building",
        description="Validate like the build does; every problem as FILE:LINE:COL: "
        "field: message. Exit 0 clean, 1 invalid, 2 usage.",
    )
    check.set_defaults(subparser=check)
    check.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="what to check: a photographers folder, one profile folder or profile.yaml, one article "
        "or page, the content folder, or a folder holding them all (default: the whole site: "
        "PHOTOGRAPHERS_PATH from ./pelicanconf.py, else ./photographers, and the content folder)",
    )
    getlisted.add_parser(commands)
    devserver.add_parser(commands)
    _render_parser(commands)
    new = commands.add_parser("new", help="scaffold a new file from a commented template")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, spec in NEW_KINDS.items():
        spec.add_arguments(kinds.add_parser(kind, help=spec.help))
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check" and args.path and not Path(args.path).exists():
        args.subparser.error(f"{args.path}: no such file or folder")
    if args.command == "serve":  # reads its settings at every build, and shows their problems in the browser
        return devserver.run(args)
    try:
        settings = headshots_settings.load()
    except Exception as error:
        print(headshots_settings.settings_problem(error))
        return 2
    if args.command == "check":
        return run_check(args, settings)
    if args.command == "from-issue":
        return getlisted.run(args, settings)
    if args.command in ("render", "cache"):
        return (run_render if args.command == "render" else run_cache)(args, settings)
    return NEW_KINDS[args.kind].run(args, settings)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
