"""Pull requests written to break or abuse the site: refused cleanly, or published safely.

Every case runs `headshots check` and a real build on the same input: the
check's problem lines must appear in the build's stderr, the build must fail
without a traceback, and a refused build must write nothing.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from headshots.articles.html import sanitise

from conftest import FAST_BUILD, REPO, headshots, pelican_build
from factories import PROFILE_TEXT, make_headshot, minimal_profile, write_profile

FRONT = """---
title: A hostile article
date: 2026-10-01
author: Someone
category: Headshots
summary: It tries things.
---

"""


def site(tmp_path, articles=None, pages=None, profiles=None):
    """A content folder and a photographers folder under tmp_path; returns tmp_path."""
    for folder, files in (("articles", articles or {}), ("pages", pages or {})):
        for name, text in files.items():
            path = tmp_path / "content" / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text if isinstance(text, bytes) else text.encode())
    (tmp_path / "content").mkdir(exist_ok=True)
    shutil.copy(REPO / "pelicanconf.py", tmp_path / "pelicanconf.py")
    for slug, profile in (profiles or {"jane-doe": minimal_profile(name="Jane Doe")}).items():
        write_profile(tmp_path / "photographers", slug, profile)
    return tmp_path


def check_lines(root: Path) -> list[str]:
    """`headshots check` in root (its pelicanconf.py is the site's), its problem lines (warnings left out)."""
    result = headshots("check", cwd=root, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return [line for line in result.stdout.splitlines() if ": warning: " not in line and line.count(":") >= 3]


def build(root: Path):
    output = root / "output"
    result = pelican_build(
        output, content=root / "content", photographers=root / "photographers", cache=root / "cache", extra=FAST_BUILD
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result, output


def refused_alike(root: Path, expected: list[str]) -> None:
    """The check and the build refuse with exactly `expected` (paths relative to root), and the
    build writes nothing."""
    result, output = build(root)
    assert result.returncode != 0, result.stdout
    lines = [line.replace(str(root) + "/", "") for line in result.stderr.splitlines() if ": warning: " not in line]
    for line in expected:
        assert line in lines, "\n".join(lines)
    assert not output.exists() or not any(output.rglob("*.html")), sorted(output.rglob("*"))[:5]


# -- articles: raw HTML and script links -----------------------------------------------------------

HOSTILE_HTML = FRONT + (
    "<script>alert(1)</script>\n\n"
    '<img src="/media/x.jpg" alt="x" onerror="alert(1)">\n\n'
    '<iframe src="https://evil.example/"></iframe>\n\n'
    '<form action="https://evil.example/"><input name="q"></form>\n\n'
    '<a title=" href=/articles/ " href="javascript:alert(1)">click</a>\n\n'
    "[inline](javascript:alert(1)) and [reference][r] and [data](data:text/html,hi)\n\n"
    "[r]: vbscript:msgbox(1)\n"
)


def test_raw_html_and_script_links_in_an_article_are_refused_by_check_and_build(tmp_path):
    root = site(tmp_path, articles={"hostile.md": HOSTILE_HTML})
    expected = [
        "content/articles/hostile.md:9:1: html: <script> is not allowed in an article (CONTRIBUTING.md lists what is)",
        'content/articles/hostile.md:11:1: html: the attribute "onerror" is not allowed on <img>',
        "content/articles/hostile.md:13:1: html: <iframe> is not allowed in an article (CONTRIBUTING.md lists what is)",
        "content/articles/hostile.md:15:1: html: <form> is not allowed in an article (CONTRIBUTING.md lists what is)",
        "content/articles/hostile.md:15:38: html: <input> is not allowed in an article (CONTRIBUTING.md lists what is)",
        'content/articles/hostile.md:17:1: html: "javascript:" addresses are not allowed: use https://, mailto: or /...',
        'content/articles/hostile.md:19:10: link: "javascript:alert(1)": only http, https and mailto links are allowed',
        'content/articles/hostile.md:19:61: link: "data:text/html,hi": only http, https and mailto links are allowed',
        'content/articles/hostile.md:21:6: link: "vbscript:msgbox(1)": only http, https and mailto links are allowed',
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_the_sanitiser_keeps_what_editors_use_and_drops_the_rest():
    kept = (
        '<h2 id="x">Heading</h2><p><a href="/articles/">in</a> <a href="https://example.com/" title="t">out</a> '
        '<a href="mailto:a@example.com">mail</a></p><figure><img src="/media/a.jpg" alt="A" width="10" height="10">'
        "<figcaption>Cap</figcaption></figure><details><summary>More</summary><p>Text</p></details>"
        '<table><thead><tr><th style="text-align:center">H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table>'
    )
    assert sanitise(kept) == kept
    hostile = (
        '<p>a<script>alert(1)</script><img src="x" alt="x" onerror="alert(1)">'
        '<a href="javascript:alert(1)">j</a><iframe src="https://e.example/"></iframe>'
        '<td style="background:url(javascript:x)">c</td></p>'
    )
    cleaned = sanitise(hostile)
    for bad in ("script", "onerror", "javascript", "iframe", "background"):
        assert bad not in cleaned, cleaned


@pytest.mark.parametrize(
    "name, text, expected",
    [
        (
            "latin-1.md",
            (FRONT + "Caf\xe9 au lait\n").encode("latin-1"),
            "content/articles/latin-1.md:9:1: file: is not UTF-8 text: save it as UTF-8 (your editor's encoding menu)",
        ),
        (
            "list-title.md",
            FRONT.replace("title: A hostile article", "title: [a, b]") + "Body\n",
            "content/articles/list-title.md:2:8: title: must be a single value, not a list or a mapping",
        ),
        (
            "bad-date.md",
            FRONT.replace("date: 2026-10-01", "date: someday") + "Body\n",
            'content/articles/bad-date.md:3:7: date: "someday" must be a date written YYYY-MM-DD, like 2026-09-22',
        ),
        (
            "deep-tags.md",
            FRONT.replace("category: Headshots", "category: Headshots\ntags: " + "[" * 400 + "]" * 400) + "Body\n",
            "content/articles/deep-tags.md:2:1: front matter: lists and mappings are nested more than 20 levels deep: "
            "no field needs that",
        ),
        (
            "no-title.md",
            FRONT.replace("title: A hostile article\n", "") + "Body\n",
            "content/articles/no-title.md:1:1: title: required, but missing from the front matter",
        ),
    ],
)
def test_front_matter_the_build_used_to_publish_wrongly_is_refused(tmp_path, name, text, expected):
    root = site(tmp_path, articles={name: text})
    assert check_lines(root) == [expected]
    refused_alike(root, [expected])


# -- addresses -------------------------------------------------------------------------------------

PAGE = "---\ntitle: {title}\n{extra}---\n\nA page.\n"


@pytest.mark.parametrize(
    "extra, expected",
    [
        (
            "slug: scan\n",
            'content/pages/clash.md:3:1: slug: "/scan/" is already the address of a page the site makes: '
            "give this one another slug",
        ),
        (
            "slug: photographers\n",
            'content/pages/clash.md:3:1: slug: "/photographers/" is already the address of a '
            "page the site makes: give this one another slug",
        ),
        (
            "slug: cities\n",
            'content/pages/clash.md:3:1: slug: "/cities/" is already the address of a page the site '
            "makes: give this one another slug",
        ),
        (
            "slug: articles\n",
            'content/pages/clash.md:3:1: slug: "/articles/" is already the address of a page the site makes: '
            "give this one another slug",
        ),
        (
            "slug: ../scan\n",
            'content/pages/clash.md:3:7: slug: "../scan" must be lowercase letters, digits and hyphens, like "scan"',
        ),
        (
            "template: profile\n",
            "content/pages/clash.md:3:1: template: unknown field; the fields are: title, summary, slug, status",
        ),
    ],
)
def test_a_page_cannot_take_or_escape_an_address(tmp_path, extra, expected):
    root = site(tmp_path, pages={"clash.md": PAGE.format(title="Clash", extra=extra)})
    assert check_lines(root) == [expected]
    refused_alike(root, [expected])


# -- profiles: numbers, text, nesting ----------------------------------------------------------------


def profile_site(tmp_path, text: str):
    root = site(tmp_path, profiles={})
    write_profile(root / "photographers", "maya-okafor", text=text)
    make_headshot(root / "photographers" / "maya-okafor" / "one.jpg")
    return root


def test_annotations_escape_what_a_pull_request_controls(tmp_path):
    from headshots.errors import Problem

    hostile = Problem("photographers/a,b:c\n::warning file=x::owned/profile.yaml", 3, 4, "na%me", "bad\n::error::x")
    annotation = hostile.github_annotation()
    assert annotation == (
        "::error file=photographers/a%2Cb%3Ac%0A%3A%3Awarning file=x%3A%3Aowned/profile.yaml,line=3,col=4::"
        "na%25me: bad%0A::error::x"
    )
    assert "\n" not in annotation


# -- files ------------------------------------------------------------------------------------------


def test_the_photographers_folder_is_never_published_even_inside_a_static_path(tmp_path):
    root = site(tmp_path, profiles={})
    photographers = root / "content" / "media" / "photographers"
    write_profile(photographers, "jane-doe", minimal_profile(name="Jane Doe"))
    output = root / "output"
    result = pelican_build(
        output,
        content=root / "content",
        photographers=photographers,
        cache=root / "cache",
        extra={**FAST_BUILD, "STATIC_PATHS": ["media"]},
    )
    assert result.returncode == 0, result.stderr
    assert (output / "photographers" / "jane-doe" / "index.html").exists()
    published = {p.name for p in output.rglob("*")}
    assert not {"profile.yaml", "one.jpg"} & published


def link_cases(root: Path, case: str) -> str:
    """Arrange one kind of link trouble under root/photographers; the expected problem line."""
    photographers = root / "photographers"
    outside = root / "elsewhere"
    outside.mkdir(exist_ok=True)
    if case == "headshot linked outside":
        folder = write_profile(photographers, "maya-okafor", minimal_profile(name="Maya Okafor"), images=False).parent
        make_headshot(outside / "secret.jpg")
        (folder / "one.jpg").symlink_to(outside / "secret.jpg")
        return (
            "photographers/maya-okafor/one.jpg:1:1: is a link to a place outside photographers/maya-okafor/: "
            "copy the file in instead"
        )
    if case == "dangling headshot link":
        folder = write_profile(photographers, "maya-okafor", minimal_profile(name="Maya Okafor"), images=False).parent
        (folder / "a.jpg").write_bytes(b"")
        (folder / "one.jpg").symlink_to(folder / "gone.jpg")
        return (
            "photographers/maya-okafor/one.jpg:1:1: is a link to a file that does not exist: copy the file in instead"
        )
    if case == "folder linked outside":
        write_profile(outside, "maya-okafor", minimal_profile(name="Maya Okafor"))
        photographers.mkdir(exist_ok=True)
        (photographers / "maya-okafor").symlink_to(outside / "maya-okafor")
        return "photographers/maya-okafor:1:1: is a link to a folder: copy the files in instead"
    if case == "profile.yaml is a folder":
        (photographers / "maya-okafor" / "profile.yaml").mkdir(parents=True)
        return "photographers/maya-okafor/profile.yaml:1:1: is a folder, not a file: profile.yaml must be the profile itself"
    raise AssertionError(case)


@pytest.mark.parametrize(
    "case", ["headshot linked outside", "dangling headshot link", "folder linked outside", "profile.yaml is a folder"]
)
def test_links_and_folders_that_lead_elsewhere_are_refused(tmp_path, case):
    root = site(tmp_path, profiles={"jane-doe": minimal_profile(name="Jane Doe")})
    expected = link_cases(root, case)
    assert check_lines(root) == [expected]
    refused_alike(root, [expected])


# -- processes ---------------------------------------------------------------------------------------

KILLED_BUILD = """
import sys
from pathlib import Path
from headshots.thumbnails import Item, apply_defaults, process
sources = sorted(Path(sys.argv[1]).glob("*.png"))
settings = {"HEADSHOTS_FORMATS": ["avif"], "HEADSHOTS_JOBS": 2, "HEADSHOTS_AVIF_SPEED": 0}
apply_defaults(settings)
print("started", flush=True)
process([Item(source, None, "t") for source in sources], settings, Path(sys.argv[2]))
"""


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def test_image_workers_die_with_a_killed_build(tmp_path):
    """SIGKILL the build while its two workers encode (AVIF at speed 0: seconds a source): within
    a few seconds no worker is left running."""
    import signal
    import time

    from PIL import Image

    for index in range(6):
        Image.effect_noise((1200, 1500), 40 + index).convert("RGB").save(tmp_path / f"noise-{index}.png")
    build = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(tmp_path), str(tmp_path / "cache")], stdout=subprocess.PIPE, text=True
    )
    assert build.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = {pid for pid in children_of(build.pid) if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()}
        time.sleep(0.1)
    assert len(workers) == 2, "the workers never started"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    for pid in alive:  # do not leave them encoding for the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert alive == []


@pytest.mark.parametrize(
    "website, expected",
    [
        (
            "https://trusted.example@evil.example/",
            '"https://trusted.example@evil.example/" has a user name before "@", which hides where the link goes: '
            "link to https://evil.example/",
        ),
        (
            "https://\u0430pple.com/",
            '"https://\u0430pple.com/" spells its host with non-ASCII letters, which can imitate another site: '
            "write the host as xn--pple-43d.com if it really is that site",
        ),
    ],
)
def test_profile_links_that_hide_where_they_go_are_refused(tmp_path, website, expected):
    root = site(tmp_path, profiles={"maya-okafor": minimal_profile(name="Maya Okafor", website=website)})
    line = f"photographers/maya-okafor/profile.yaml:13:10: website: {expected}"
    assert check_lines(root) == [line]
    refused_alike(root, [line])


def test_a_huge_profile_is_refused_before_it_is_parsed(tmp_path):
    root = profile_site(tmp_path, PROFILE_TEXT + "# " + "x" * 300_000 + "\n")
    line = "photographers/maya-okafor/profile.yaml:1:1: is 293 KB: a profile is a few KB, at most 256 KB"
    assert check_lines(root) == [line]
    refused_alike(root, [line])


def test_bios_unlink_what_articles_refuse():
    from headshots.bio import render_bio

    html = render_bio(
        "[a](https://ok.example/) [b](https://x.example@evil.example/) [c](//evil.example/) [d](javascript:alert(1))"
    )
    assert html.count("<a ") == 1 and 'href="https://ok.example/"' in html


def test_a_problem_is_always_one_line():
    from headshots.errors import Problem

    problem = Problem("photographers/x\n::error::owned/profile.yaml", 1, 1, "on\nerror", "unknown key")
    assert str(problem) == "photographers/x\\n::error::owned/profile.yaml:1:1: on\\nerror: unknown key"


def test_an_unreadable_headshot_says_permission_denied(tmp_path, monkeypatch):
    """(Root reads every file, so the refusal is staged: the build's read raises what a
    permission-less file raises.)"""
    from headshots.thumbnails import build as thumbnails_build

    source = make_headshot(tmp_path / "locked.jpg")

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(thumbnails_build, "digest_file", denied)
    assert thumbnails_build.inspect(source, 400).error == (
        "cannot be read: permission denied (make the file readable, or copy it in again)"
    )
