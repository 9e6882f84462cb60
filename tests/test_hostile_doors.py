"""Round two of hostile pull requests (issue 28): the doors around the checked inputs.

Each finding of the second red team, tried through `headshots check` and a
real build on the same input (the helpers of tests/test_hostile.py): the
check's exact lines appear in the build's stderr, the build fails without a
traceback and writes nothing, or the build publishes the exact safe output.
"""

import os
import pickle
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_hostile import FRONT, build, check_lines, refused_alike, site

from conftest import FAST_BUILD, pelican_build
from factories import make_headshot

# -- 1. links in content/media/ and photographers/ --------------------------------------------------


def test_a_folder_link_in_media_is_refused_not_published(tmp_path):
    """`ln -s /etc content/media/etcdir` published all of /etc."""
    root = site(tmp_path)
    (root / "content" / "media").mkdir()
    (root / "content" / "media" / "etcdir").symlink_to("/etc")
    expected = ["content/media/etcdir:1:1: is a link to a folder: copy the files in instead"]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_a_file_link_out_of_content_is_refused(tmp_path):
    """A link to the checkout's .git/config would publish the token checkout stores there."""
    root = site(tmp_path)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (root / "content" / "media").mkdir()
    (root / "content" / "media" / "config.jpg").symlink_to(root / ".git" / "config")
    (root / "content" / "media" / "gone.png").symlink_to(root / "nowhere.png")
    expected = [
        "content/media/config.jpg:1:1: is a link to a place outside content/: copy the file in instead",
        "content/media/gone.png:1:1: is a link to a file that does not exist: copy the file in instead",
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_an_unlisted_link_in_a_photographers_folder_is_refused(tmp_path):
    root = site(tmp_path)
    (root / "photographers" / "jane-doe" / "spare.jpg").symlink_to("/etc/hostname")
    expected = [
        "photographers/jane-doe/spare.jpg:1:1: is a link to a place outside photographers/jane-doe/: "
        "copy the file in instead"
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


# -- 2. content/media/ holds images only, each one decoded -----------------------------------------


def test_media_takes_only_real_images(tmp_path):
    root = site(tmp_path)
    media = root / "content" / "media"
    media.mkdir()
    (media / "page.html").write_text("<script>document.title='owned'</script>")
    (media / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (media / "fake.png").write_text("<html><script>alert(1)</script></html>")
    (media / "notes.txt").write_text("hi")
    make_headshot(media / "ok.png", size=(300, 200))
    expected = [
        "content/media/fake.png:1:1: is a text or SVG file, which the site cannot use: export the photo as JPEG, "
        "PNG, WebP, TIFF, GIF or AVIF",
        "content/media/logo.svg:1:1: is not an image file (an SVG can run script on the site's own address): "
        "media/ holds JPEG, PNG, WebP, GIF or AVIF images; remove it",
        "content/media/notes.txt:1:1: is not an image file (the site publishes only images from this folder): "
        "media/ holds JPEG, PNG, WebP, GIF or AVIF images; remove it",
        "content/media/page.html:1:1: is not an image file (a web page here would run on the site's own "
        "address): media/ holds JPEG, PNG, WebP, GIF or AVIF images; remove it",
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_a_real_image_in_media_is_published_as_it_is(tmp_path):
    root = site(tmp_path)
    image = make_headshot(root / "content" / "media" / "ok.png", size=(300, 200))
    assert check_lines(root) == []
    result, output = build(root)
    assert result.returncode == 0, result.stderr
    assert (output / "media" / "ok.png").read_bytes() == image.read_bytes()


def test_editors_scratch_files_are_neither_read_refused_nor_published(tmp_path):
    """Vim, Emacs and the operating system leave these beside a file being edited: a save must not be refused
    for them (`make serve`), and neither the check nor the build reads or publishes them."""
    root = site(tmp_path, articles={"x.md": FRONT + "Body.\n"})
    scratch = {
        "photographers/jane-doe/.profile.yaml.swp": b"b0VIM 9.0",
        "photographers/jane-doe/profile.yaml~": b"name: [",
        "photographers/jane-doe/#profile.yaml#": b"name: [",
        "photographers/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "photographers/jane-doe/Thumbs.db": b"\xd0\xcf\x11\xe0",
        "content/articles/.x.md.swp": b"b0VIM 9.0",
        "content/articles/x.md~": b"<script>alert(1)</script>",
        "content/media/.DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    for name, data in scratch.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    assert check_lines(root) == []
    result, output = build(root)
    assert result.returncode == 0, result.stderr
    published = {path.name for path in output.rglob("*")}
    assert not published & {Path(name).name for name in scratch}
    (root / "photographers" / "jane-doe" / "notes.txt").write_text("a real stray file is still refused")
    expected = [
        "photographers/jane-doe/notes.txt:1:1: is neither a profile nor a headshot: a photographer's folder holds "
        "profile.yaml and its images (JPEG, PNG, WebP, TIFF, GIF or AVIF); remove it"
    ]
    assert check_lines(root) == expected


def test_a_bad_setting_is_refused_by_the_check_as_by_the_build(tmp_path):
    root = site(tmp_path)
    with open(root / "pelicanconf.py", "a") as settings:
        settings.write('\nHEADSHOTS_ENCODE = "later"\n')
    expected = 'pelicanconf.py:1:1: HEADSHOTS_ENCODE: must be "all" or "on-request"'
    assert check_lines(root) == [expected]
    output = root / "output"
    result = pelican_build(
        output, settings=str(root / "pelicanconf.py"), content=root / "content", photographers=root / "photographers",
        cache=root / "cache", extra=FAST_BUILD,
    )  # fmt: skip
    assert result.returncode != 0 and expected in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stdout + result.stderr and not output.exists()


# -- 3. articles are .md, and Pelican reads nothing else -------------------------------------------


@pytest.mark.parametrize(
    "name, text",
    [
        ("leak.rst", "Leak\n====\n\n.. include:: ../../.git/config\n"),
        ("home.html", '<html><head><meta name="save_as" content="index.html"></head><body>x</body></html>'),
        ("compare.mkd", FRONT.replace("summary:", "save_as: compare/index.html\nsummary:") + "x\n"),
        ("scan.mdown", FRONT + "x\n"),
        ("old.markdown", FRONT + "x\n"),
        ("UPPER.MD", FRONT + "x\n"),
    ],
)
def test_articles_in_other_formats_are_refused(tmp_path, name, text):
    root = site(tmp_path, articles={name: text})
    stem = name.split(".")[0]
    expected = [
        f"content/articles/{name}:1:1: is not a Markdown file: articles and pages are .md files written in "
        f"Markdown (rename it {stem}.md and use the house style in CONTRIBUTING.md)"
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_a_file_outside_the_folders_the_build_reads_is_refused(tmp_path):
    root = site(tmp_path)
    (root / "content" / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    expected = [
        "content/robots.txt:1:1: is outside the folders the build reads: Markdown goes in content/pages/, "
        "content/articles/, images in content/media/; move it there or remove it"
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_pelican_reads_only_md_even_after_yaml_metadata_registers_more():
    """READERS cannot do it: pelican-yaml-metadata registers .mkd and .mdown on readers_init."""
    from pelican.generators import StaticGenerator
    from pelican.plugins import yaml_metadata
    from pelican.readers import Readers
    from pelican.settings import DEFAULT_CONFIG

    from headshots.plugin import markdown_only

    yaml_metadata.register()
    readers = Readers(dict(DEFAULT_CONFIG))
    assert {"mkd", "mdown", "rst", "html"} <= set(readers.extensions)
    markdown_only(SimpleNamespace(readers=readers))
    assert list(readers.extensions) == ["md"]
    static = StaticGenerator.__new__(StaticGenerator)
    static.readers = Readers(dict(DEFAULT_CONFIG))
    markdown_only(static)
    assert list(static.readers.extensions) == ["static"]


# -- 4. no committed cache is ever loaded ----------------------------------------------------------


class _Owned:
    """A pickle that, when loaded, writes a file: what a committed Pelican cache could do."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (Path.write_text, (Path(self.marker), "ran"))


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_a_committed_cache_is_refused_and_never_loaded(tmp_path):
    import gzip

    root = site(tmp_path)
    marker = tmp_path / "pickle-ran"
    cache = root / ".cache"
    cache.mkdir()
    (cache / "ArticlesGenerator-Readers").write_bytes(gzip.compress(pickle.dumps(_Owned(marker))))
    git(root, "init", "-q")
    git(root, "add", ".cache")
    expected = [
        ".cache/ArticlesGenerator-Readers:1:1: is a build cache committed to the repository: builds keep "
        "their caches outside the checkout and never load this one; remove it (git rm --cached)"
    ]
    assert check_lines(root) == expected
    result, output = build_with_cache(root, cache)  # even a build told to use that folder
    assert result.returncode != 0
    assert expected[0] in [line.replace(str(root) + "/", "") for line in result.stderr.splitlines()]
    assert not marker.exists() and not output.exists()


def build_with_cache(root, cache):
    from conftest import pelican_build

    output = root / "output"
    result = pelican_build(
        output, content=root / "content", photographers=root / "photographers", cache=cache, extra=FAST_SETTINGS
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result, output


FAST_SETTINGS = {"HEADSHOTS_FORMATS": ["jpeg"], "HEADSHOTS_WIDTHS": [160], "SEARCH_ENABLED": False}


def test_the_default_cache_is_outside_the_checkout(monkeypatch):
    from headshots import settings

    repo = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(repo)
    cache = Path(settings.load()["CACHE_PATH"])
    assert not cache.resolve().is_relative_to(repo), cache
    assert cache.parent == Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "first-look"


WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "ci.yml"


def test_ci_keeps_its_caches_outside_the_checkout_and_per_ref():
    import yaml

    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    caches = [step for job in jobs.values() for step in job["steps"] if "actions/cache" in step.get("uses", "")]
    assert caches
    for step in caches:
        paths = step["with"]["path"].split()
        assert all(path.lstrip("!").startswith("~/.cache/") for path in paths), paths  # never in the checkout
        if any("first-look" in path for path in paths):  # the build's caches: keyed by the ref that wrote them
            assert "-${{ github.ref }}-" in step["with"]["key"], step["with"]["key"]


def test_ci_pins_actions_by_commit_and_keeps_no_token():
    """Every action by a 40-hex commit with its version in a comment (the container image's digest could not be
    read from here: ci.yml says so)."""
    import re

    import yaml

    lines = [line for line in WORKFLOW.read_text().splitlines() if re.match(r"\s*(- )?uses:", line)]
    unpinned = [line.strip() for line in lines if not re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line)]
    assert unpinned == []
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    checkouts = [step for job in jobs.values() for step in job["steps"] if "actions/checkout" in step.get("uses", "")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


# -- 6. decoding work is capped --------------------------------------------------------------------


def many_scans(path: Path, copies: int) -> Path:
    """A small progressive JPEG whose last scan is repeated `copies` times (the red team's file)."""
    make_headshot(path, size=(800, 1000), progressive=True, quality=80)
    data = path.read_bytes()
    last = data.rindex(b"\xff\xda")
    scan = data[last:-2]  # the last scan, up to EOI
    path.write_bytes(data[:-2] + scan * copies + b"\xff\xd9")
    return path


def test_a_jpeg_with_thousands_of_scans_is_refused_before_it_is_decoded(tmp_path):
    from headshots.thumbnails.limits import jpeg_scans

    root = site(tmp_path, profiles={})
    from factories import minimal_profile, write_profile

    folder = write_profile(root / "photographers", "maya-okafor", minimal_profile(name="Maya Okafor")).parent
    many_scans(folder / "one.jpg", 5000)
    assert jpeg_scans(folder / "one.jpg") == 5010  # Pillow's progressive JPEG has 10 scans
    expected = [
        'photographers/maya-okafor/profile.yaml:11:9: headshots[0].file: "one.jpg" is a JPEG drawn in 5,010 '
        "scans, over the 100 any camera or editor writes (it would take minutes to decode): export it again "
        "as a standard JPEG"
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_a_decode_past_its_time_is_stopped(tmp_path, monkeypatch):
    from PIL import Image

    from headshots.thumbnails import limits, pipeline

    monkeypatch.setattr(limits, "DECODE_SECONDS", 0.001)
    source = tmp_path / "noise.png"
    Image.effect_noise((3000, 3000), 60).convert("RGB").save(source)
    with pytest.raises(pipeline.SourceProblem) as refused:
        pipeline.examine(source, 800, 100_000_000)
    assert str(refused.value) == (
        "took more than 0.001 s to decode (a photo takes about a second): export it again as a standard JPEG or PNG"
    )


def test_scan_counting_reads_real_jpegs(tmp_path):
    from headshots.thumbnails.limits import jpeg_scans

    assert jpeg_scans(make_headshot(tmp_path / "baseline.jpg")) == 1
    assert 2 <= jpeg_scans(make_headshot(tmp_path / "progressive.jpg", progressive=True)) <= 12
    assert jpeg_scans(make_headshot(tmp_path / "png.png")) == 0


# -- 11. names Windows reserves --------------------------------------------------------------------


def test_windows_reserved_names_are_refused(tmp_path):
    root = site(tmp_path, articles={"con.md": FRONT + "x\n"})
    from factories import minimal_profile, write_profile

    write_profile(root / "photographers", "aux", minimal_profile(name="Aux Photo"))
    make_headshot(root / "content" / "media" / "lpt1.jpg")
    expected = [
        'content/articles/con.md:1:1: "con.md" is a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9): '
        "git on Windows cannot check it out; rename it",
        'content/media/lpt1.jpg:1:1: "lpt1.jpg" is a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9): '
        "git on Windows cannot check it out; rename it",
        'photographers/aux:1:1: "aux" is a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9): '
        "git on Windows cannot check it out; rename it",
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


# -- 3, 7, 9. front matter can choose neither an address nor a template -----------------------------


@pytest.mark.parametrize(
    "extra, expected",
    [
        (
            "save_as: index.html\n",
            "save_as: unknown field; the fields are: title, date, author, category, summary, tags, related, slug, "
            "modified, status",
        ),
        (
            "url: compare/\n",
            "url: unknown field; the fields are: title, date, author, category, summary, tags, related, slug, "
            "modified, status",
        ),
        ("template: page\n", 'template: unknown field; did you mean "related"?'),
        ("slug: 012\n", 'slug: 012 is read as a number, not as text: quote it, "012"'),
        ("slug: yes\n", 'slug: yes is read as true or false, not as text: quote it, "yes"'),
        ("tags: [2026-10-01]\n", 'tags: 2026-10-01 is read as a date, not as text: quote it, "2026-10-01"'),
    ],
)
def test_front_matter_cannot_choose_an_address_or_a_template(tmp_path, extra, expected):
    text = FRONT.replace("summary:", extra + "summary:") + "Body.\n"
    root = site(tmp_path, articles={"hostile.md": text})
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == extra.strip())
    col = 1 if "unknown" in expected else len(extra.split(":")[0]) + 3 + (1 if extra.startswith("tags") else 0)
    lines = [f"content/articles/hostile.md:{line}:{col}: {expected}"]
    assert check_lines(root) == lines
    refused_alike(root, lines)


@pytest.mark.parametrize(
    "slug, expected",
    [
        ("pagefind", '"/pagefind/" is where the site keeps the search index: give this one another slug'),
        ("images", '"/images/" is where the site keeps the headshot images: give this one another slug'),
        ("theme", '"/theme/" is where the site keeps the theme\'s styles and scripts: give this one another slug'),
        ("feeds", '"/feeds/" is where the site keeps the feeds: give this one another slug'),
        ("media", '"/media/" is where the site keeps the article images: give this one another slug'),
        (
            "lpt1",
            '"lpt1" is a name Windows reserves (a folder of that name cannot be checked out there): '
            "give it another slug",
        ),
    ],
)
def test_the_sites_own_folders_are_reserved(tmp_path, slug, expected):
    root = site(tmp_path, pages={"clash.md": f"---\ntitle: Clash\nslug: {slug}\n---\n\nA page.\n"})
    lines = [f"content/pages/clash.md:3:1: slug: {expected}"]
    assert check_lines(root) == lines
    refused_alike(root, lines)


def test_static_links_into_the_photographers_folder_are_refused_by_both(tmp_path):
    """The build listed the photographers folder among STATIC_PATHS (for autoreload) and published
    the original upload, EXIF and all."""
    body = "![Jane](" + "{static}../../photographers/jane-doe/one.jpg)\n"
    root = site(tmp_path, articles={"leak.md": FRONT + body})
    lines = [
        'content/articles/leak.md:9:9: image: "{static}../../photographers/jane-doe/one.jpg": '
        "photographers/jane-doe/one.jpg is not in a folder the site publishes (STATIC_PATHS: content/media/)"
    ]
    assert check_lines(root) == lines
    refused_alike(root, lines)


# -- 5. every list has a limit ---------------------------------------------------------------------


def test_lists_that_would_grow_the_output_with_their_square_are_capped(tmp_path):
    """1,000 travels_to cities made 1,001 city pages, each listing the others (26 MB from 13 KB)."""
    from factories import minimal_profile

    cities = [f"Town {n}" for n in range(1000)]
    sessions = [{"name": f"Session {n}", "price": 100 + n} for n in range(11)]
    profile = minimal_profile(name="Maya Okafor", travels_to=cities, sessions=sessions)
    root = site(tmp_path, profiles={"maya-okafor": profile})
    lines = check_lines(root)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "travels_to: list at most 30 entries",
        "sessions: list at most 10 entries",
    ]
    assert all(line.startswith("photographers/maya-okafor/profile.yaml:") for line in lines)
    refused_alike(root, lines)


# -- 12. profile links are marked as the user's, not ours ------------------------------------------


def test_every_link_out_of_a_profile_is_nofollow_ugc_noopener(tmp_path):
    from factories import minimal_profile

    profile = minimal_profile(
        name="Maya Okafor",
        website="https://maya.example/",
        booking_url="https://book.example/maya",
        bio="See [my studio](https://studio.example/).",
    )
    root = site(tmp_path, profiles={"maya-okafor": profile})
    result, output = build(root)
    assert result.returncode == 0, result.stderr
    page = (output / "photographers" / "maya-okafor" / "index.html").read_text()
    import re

    outside = re.findall(r'<a [^>]*href="https://(?:maya|book|studio)\.example[^"]*"[^>]*>', page)
    assert len(outside) >= 4
    assert all('rel="nofollow ugc noopener"' in tag for tag in outside), outside
