"""`headshots from-issue`: a "Get listed" issue's body -> PHOTOGRAPHERS_PATH/<slug>/ (profile.yaml + photos).

    headshots from-issue BODY [--attachments DIR] [--photographers PATH] [--issue N] [--date YYYY-MM-DD]

The body is read against the form (`form.py`), its answers become profile
data (`answers.py`), the photos are fetched from GitHub's attachment host
and judged by their bytes (`photos.py`), and the profile is written like the
scaffold (`render.py`). The result is then checked as `headshots check`
checks it, in a staging folder: only a profile that passes replaces the
folder, so a run with problems writes nothing. Problems are named by the
form's labels. Exit 0 written, 1 problems in the answers, 2 usage. Nothing
in the body is ever run.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
from pathlib import Path

from headshots import text
from headshots.checks import image_problems
from headshots.getlisted.answers import HEADSHOTS, SESSIONS, enum_of, key_schema, profile_data
from headshots.getlisted.form import FORM_PATH, FormError, load_form, read_body
from headshots.getlisted.photos import EXTENSIONS, GITHUB, MAX_PHOTOS, attached, fetch, kind, link_problem
from headshots.getlisted.render import profile_text
from headshots.headshotfiles import PROFILE_NAME
from headshots.reading import load_profile
from headshots.validate import SLUG_RE

_INDEX = re.compile(r"^(\w+)\[(\d+)\]")


def _a(name: str) -> str:
    return f"an {name}" if name[:1].upper() in "AEIOU" and not name.startswith("U") else f"a {name}"


def _photos(answer: str | None, label: str, specialties, attachments, server) -> tuple[list, list[str]]:
    """[(bytes, extension, alt, look)] of the attached headshots, and their problems ("Headshot 3: ...")."""
    if answer is None:
        return [], []
    items = attached(answer)
    if not items:
        return [], [f"{label}: no photo attached: drag your headshots into this field"]
    if len(items) > MAX_PHOTOS:
        return [], [f"{label}: {len(items)} photos attached: at most {MAX_PHOTOS}"]
    photos, problems = [], []
    for number, item in enumerate(items, 1):
        where = f"Headshot {number}"
        refused = link_problem(item.url, server)
        if refused:
            problems.append(f"{where}: {refused}")
            continue
        if not item.alt:
            problems.append(f"{where}: describe the photo on the line under it, for people who cannot see it")
        if item.look is not None and item.look not in specialties:
            problems.append(f'{where}: look "{item.look}" is not one of: {", ".join(specialties)}')
        try:
            data = fetch(item.url, attachments)
        except (OSError, ValueError) as error:
            reason = error.reason if hasattr(error, "reason") else error
            problems.append(f"{where}: could not be fetched: {reason}")
            continue
        name, ours = kind(data)
        if name == "HEIC":
            problems.append(f"{where}: a HEIC photo, which the site cannot use: export it as JPEG and attach that")
        elif not ours:
            problems.append(f"{where}: not a photo ({_a(name)})")
        else:
            photos.append((data, EXTENSIONS[name], item.alt, item.look))
    return photos, problems


def _labels(fields) -> dict[str, str]:
    """A validator's field name -> the question's label: "price.from" -> "Price from"."""
    return {".".join(f.key): f.label for f in fields}


def _named(problem, labels, sessions_label) -> str:
    field, message = problem.field, problem.message
    missing = re.fullmatch(r'missing required field "(\w+)".*', message)
    if missing:
        field, message = ".".join(filter(None, (field, missing.group(1)))), "required"
    index = _INDEX.match(field)
    if index and index.group(1) == "headshots":
        where = f"Headshot {int(index.group(2)) + 1}"
    elif index and index.group(1) == "sessions":
        where = f"{sessions_label}, line {int(index.group(2)) + 1}"
    else:
        where = labels.get(field) or labels.get(field.split("[")[0]) or "Issue"
    return f"{where}: {message}"


def from_issue(body, fields, root: Path, settings, *, attachments=None, server=GITHUB, issue=None, date=None):
    """Write root/<slug>/ from the body: (the folder, []) or (None, the problems, by label)."""
    answers = read_body(body, fields)
    data, problems = profile_data(answers, fields)
    by_id = {f.id: f for f in fields}
    photos_field = by_id[HEADSHOTS]
    specialties = enum_of(key_schema(("specialties",)))
    photos, photo_problems = _photos(
        answers.text.get(photos_field.label), photos_field.label, specialties, attachments, server
    )
    problems += photo_problems
    name_label = by_id["name"].label
    slug = text.slug(data.get("name", ""))
    if data.get("name") and not SLUG_RE.match(slug):
        problems.append(
            f'{name_label}: write it in Latin letters too, like "山田 太郎 (Yamada Taro)": it makes the page address'
        )
    marker = f'# Written from the "Get listed" form{f", issue #{issue}," if issue else ""} by `headshots from-issue`.'
    folder = root / slug
    if not problems and (folder / PROFILE_NAME).exists() and marker not in _head(folder / PROFILE_NAME):
        problems.append(
            f"{name_label}: /photographers/{slug}/ is already another photographer's page: an editor will help"
        )
    if not SLUG_RE.match(slug) or answers.problems:
        return None, problems  # no page address, or no answers to judge further
    data["headshots"] = [
        {"file": f"{slug}-{n:02d}.{ext}", "alt": alt, **({"look": look} if look else {})}
        for n, (_, ext, alt, look) in enumerate(photos, 1)
    ]
    data["updated"] = (date or datetime.date.today()).isoformat()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".from-issue-", dir=root))
    try:
        stage = staging / slug
        stage.mkdir()
        for (photo, *_), headshot in zip(photos, data["headshots"], strict=True):
            (stage / headshot["file"]).write_bytes(photo)
        (stage / PROFILE_NAME).write_text(profile_text(data, folder, marker), encoding="utf-8")
        profile, found = load_profile(stage / PROFILE_NAME)
        found += image_problems([profile] if profile else [], settings)
        # The profile's own rules, in the form's words; a question already answered wrongly
        # (so left out of the data) is not reported twice.
        labels, named = _labels(fields), set()
        for problem in sorted(p for p in found if not p.warning):
            line = _named(problem, labels, by_id[SESSIONS].label)
            where = line.split(":", 1)[0]
            about_photos = where == photos_field.label or where.startswith("Headshot ")
            if about_photos and photo_problems:
                continue
            if not any(p.startswith(where.split(",")[0] + ":") for p in problems) and line not in named:
                named.add(line)
                problems.append(line)
        if problems:
            return None, problems
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(stage, folder)
        return folder, []
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _head(path: Path) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read(2048)


def add_parser(commands) -> None:
    """`headshots from-issue` on the `headshots` command's subparsers."""
    parser = commands.add_parser(
        "from-issue",
        help='write a profile from a "Get listed" issue\'s body',
        description="Turn a Get listed issue form's body into PHOTOGRAPHERS_PATH/<slug>/profile.yaml and its "
        "photos. Problems are named by the form's labels. Exit 0 written, 1 problems, 2 usage.",
    )
    parser.set_defaults(subparser=parser)
    parser.add_argument("body", metavar="BODY", help="a file holding the issue's body (Markdown)")
    parser.add_argument("--attachments", metavar="DIR", help="take each photo from DIR, by its link's last segment")
    parser.add_argument(
        "--photographers", metavar="PATH", help="the photographers folder (default: PHOTOGRAPHERS_PATH)"
    )
    parser.add_argument("--issue", type=int, metavar="N", help="the issue's number, noted in the profile")
    parser.add_argument(
        "--date", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD", help="updated: (default: today)"
    )
    parser.add_argument("--form", default=str(FORM_PATH), metavar="PATH", help=f"the issue form (default: {FORM_PATH})")


def run(args, settings: dict) -> int:
    """Exit 0 written, 1 problems (printed one a line), 2 usage."""
    try:
        fields = load_form(args.form)
        body = Path(args.body).read_text(encoding="utf-8", errors="replace")
    except (FormError, OSError) as error:
        args.subparser.error(str(error))
    attachments = Path(args.attachments) if args.attachments else None
    if attachments is not None and not attachments.is_dir():
        args.subparser.error(f"{attachments}: no such folder")
    root = Path(args.photographers or settings["PHOTOGRAPHERS_PATH"])
    server = os.environ.get("GITHUB_SERVER_URL") or GITHUB
    folder, problems = from_issue(
        body, fields, root, settings, attachments=attachments, server=server, issue=args.issue, date=args.date
    )
    for problem in problems:
        print(problem)
    if folder is None:
        return 1
    photos = len(list(folder.glob(f"{folder.name}-*")))
    print(f"Wrote {folder / PROFILE_NAME} and {photos} photo{'' if photos == 1 else 's'}")
    return 0


__all__ = ["add_parser", "from_issue", "run"]
