"""The thumbnails plugin as a build step: cache, parallel workers, the Pelican
generator, error reporting, and one end-to-end build."""

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from headshots.errors import HeadshotsError, Problem
from headshots.thumbnails import Item, apply_defaults, make_pictures, process, publish

from factories import make_headshot, minimal_profile, write_profile

REPO = Path(__file__).resolve().parents[1]


def settings(**overrides):
    values = {"HEADSHOTS_FORMATS": ["webp", "jpeg"], "HEADSHOTS_JOBS": 1, **overrides}
    apply_defaults(values)
    return values


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "src"
    return [
        make_headshot(folder / f"s{i}.jpg", size=(900, 1200), colour=(100 + 40 * i, 90, 80), quality=90)
        for i in range(3)
    ]


def build(sources, cache, **overrides):
    items = [Item(path, None, "p") for path in sources]
    pictures, files, problems, stats = process(items, settings(**overrides), cache)
    assert not problems
    return pictures, files, stats


def test_second_build_decodes_and_encodes_nothing(tmp_path, sources):
    cache = tmp_path / "cache"
    first_pictures, first_files, first = build(sources, cache)
    assert first["decoded"] == 3 and first["encoded"] == len(first_files) > 0
    pictures, files, second = build(sources, cache)
    assert (second["decoded"], second["encoded"]) == (0, 0)
    assert second["reused"] == len(files)
    assert files == first_files
    assert [p.src for p in pictures] == [p.src for p in first_pictures]


def test_changing_one_image_redoes_only_its_renditions(tmp_path, sources):
    cache = tmp_path / "cache"
    before, files, _ = build(sources, cache)
    make_headshot(sources[1], size=(900, 1200), colour=(10, 200, 10), quality=90)
    after, _, stats = build(sources, cache)
    per_source = len(files) // 3
    assert (stats["decoded"], stats["encoded"]) == (1, per_source)
    assert after[0].src == before[0].src and after[2].src == before[2].src
    assert after[1].src != before[1].src  # new bytes, new name: caches can keep files forever


def test_changing_one_option_redoes_only_what_it_touches(tmp_path, sources):
    cache = tmp_path / "cache"
    _, files, _ = build(sources, cache)
    _, _, stats = build(sources, cache, HEADSHOTS_QUALITY={"webp": 60, "jpeg": 78, "avif": 55})
    webp = sum(1 for _, rel in files if rel.endswith(".webp"))
    assert stats["encoded"] == webp
    _, _, stats = build(sources, cache, HEADSHOTS_WIDTHS=[160, 320, 480, 640, 960, 1280, 240])
    assert stats["encoded"] == 3 * 2  # the new width, in two formats, for three sources


def test_a_lost_cache_file_is_remade_alone(tmp_path, sources):
    cache = tmp_path / "cache"
    _, files, _ = build(sources, cache)
    os.unlink(files[0][0])
    _, _, stats = build(sources, cache)
    assert (stats["decoded"], stats["encoded"]) == (1, 1)


def test_parallel_workers_make_the_same_renditions(tmp_path, sources):
    _, serial, _ = build(sources, tmp_path / "serial")
    _, parallel, stats = build(sources, tmp_path / "parallel", HEADSHOTS_JOBS=2)
    assert stats["decoded"] == 3
    assert [rel for _, rel in serial] == [rel for _, rel in parallel]
    for (a, _), (b, _) in zip(serial, parallel, strict=True):  # same library, same run: identical bytes
        assert Path(a).read_bytes() == Path(b).read_bytes()


def test_publish_copies_renditions_but_never_the_original(tmp_path, sources):
    _, files, _ = build(sources, tmp_path / "cache")
    for output in (tmp_path / "out1", tmp_path / "out2"):
        assert publish(files, output) == len(files)
        published = sorted(p for p in output.rglob("*") if p.is_file())
        assert len(published) == len(files)
        assert all(p.relative_to(output).parts[:2] == ("images", "p") for p in published)
        originals = {s.read_bytes() for s in sources}
        assert not any(p.read_bytes() in originals for p in published)
    assert publish(files, tmp_path / "out1") == 0  # already there: nothing rewritten


# -- the pictures stage, with stand-in profile objects ------------------------------------------


def photographer(slug, *headshots):
    return SimpleNamespace(slug=slug, headshots=list(headshots))


def headshot(source, line, focus=None):
    return SimpleNamespace(
        source=Path(source),
        focus=focus,
        alt="An actor",
        file=Path(source).name,
        where=Problem("photographers/x/profile.yaml", line, 11, f"headshots[{line - 10}].file"),
    )


def test_the_stage_maps_each_headshot_to_its_picture_and_leaves_the_model_alone(tmp_path, sources):
    shots = [headshot(sources[0], 10), headshot(sources[1], 11, focus=[0.5, 0.3])]
    before = [dict(vars(shot)) for shot in shots]
    pictures = make_pictures([photographer("maya-okafor", *shots)], settings(CACHE_PATH=str(tmp_path / "cache")))
    assert [dict(vars(shot)) for shot in shots] == before  # nothing written back into the model
    assert pictures.problems == [] and pictures.stats["sources"] == 2
    publish(pictures.files, tmp_path / "out")
    for shot in shots:
        picture = pictures.by_source[shot.source]
        assert picture.src.startswith("/images/maya-okafor/")
        assert picture.og_url.endswith(".jpg")
        assert (tmp_path / "out" / picture.src.lstrip("/")).exists()
        assert (tmp_path / "out" / picture.og_url.lstrip("/")).exists()
        assert re.fullmatch(r"#[0-9a-f]{6}", picture.placeholder)
    assert (tmp_path / "cache" / "headshots").is_dir()


def test_the_stage_reports_every_bad_image_with_the_profile_line(tmp_path, sources):
    text = tmp_path / "src" / "notes.jpg"
    text.write_text("not an image")
    empty = tmp_path / "src" / "empty.jpg"
    empty.write_bytes(b"")
    shots = [headshot(sources[0], 10), headshot(text, 11), headshot(empty, 12)]
    pictures = make_pictures([photographer("x", *shots)], settings(CACHE_PATH=str(tmp_path / "cache")))
    assert list(pictures.by_source) == [shot.source for shot in shots]
    assert pictures.by_source[text] is None and pictures.by_source[empty] is None
    assert [str(problem) for problem in sorted(pictures.problems)] == [
        'photographers/x/profile.yaml:11:11: headshots[1].file: "notes.jpg" is not an image file: '
        "send the photo as JPEG, PNG, WebP, TIFF, GIF or AVIF",
        'photographers/x/profile.yaml:12:11: headshots[2].file: "empty.jpg" is an empty file (0 bytes)',
    ]


def test_the_build_refuses_bad_settings_before_it_starts(tmp_path, capsys):
    from pelican.settings import DEFAULT_CONFIG

    from headshots import plugin

    values = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path / "cache"), **settings(HEADSHOTS_FORMATS=["jpeg", "gif"])}
    with pytest.raises(HeadshotsError):
        plugin.initialized(SimpleNamespace(settings=values))
    assert (
        "pelicanconf.py:1:1: HEADSHOTS_FORMATS: must be a non-empty list of avif, webp, jpeg" in capsys.readouterr().err
    )


# -- end to end ----------------------------------------------------------------------------------


def test_end_to_end_build_writes_picture_markup_and_renditions(tmp_path):
    from conftest import pelican_build

    photographers = tmp_path / "photographers"
    write_profile(photographers, "jane-doe", minimal_profile(name="Jane Doe"))
    extra = {"HEADSHOTS_FORMATS": ["webp", "jpeg"]}
    cache = tmp_path / "cache"
    result = pelican_build(tmp_path / "out", photographers=photographers, cache=cache, extra=extra)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Headshots: 1 sources, 1 decoded, \d+ renditions encoded", result.stdout)
    profile = (tmp_path / "out" / "photographers" / "jane-doe" / "index.html").read_text()
    picture = re.search(r"<picture>.*?</picture>", profile, re.S).group(0)
    assert '<source type="image/webp"' in picture
    img = re.search(r"<img [^>]*>", picture).group(0)
    for attribute in (
        'src="/images/jane-doe/',
        'width="',
        'height="',
        'alt="Actor in a gray sweater',
        'decoding="async"',
    ):
        assert attribute in img
    src = re.search(r'src="([^"]+)"', img).group(1)
    assert Image.open(tmp_path / "out" / src.lstrip("/")).format == "JPEG"
    assert not list((tmp_path / "out").rglob("one.jpg"))  # the upload itself is never published
    # a second build into a fresh output folder is warm: no image work at all
    again = pelican_build(tmp_path / "out2", photographers=photographers, cache=cache, extra=extra)
    assert again.returncode == 0, again.stderr
    assert "0 decoded, 0 renditions encoded" in again.stdout
    assert (tmp_path / "out2" / src.lstrip("/")).exists()


def test_end_to_end_bad_image_fails_the_build_without_traceback(tmp_path):
    from conftest import pelican_build

    photographers = tmp_path / "photographers"
    path = write_profile(photographers, "jane-doe", minimal_profile(name="Jane Doe"), images=False)
    (path.parent / "one.jpg").write_text("hello")
    result = pelican_build(
        tmp_path / "out", photographers=photographers, cache=tmp_path / "cache", extra={"HEADSHOTS_FORMATS": ["jpeg"]}
    )
    assert result.returncode != 0
    assert re.search(
        r'profile\.yaml:\d+:\d+: headshots\[0\]\.file: "one\.jpg" is not an image file: send the photo as',
        result.stderr,
    )
    assert "Traceback" not in result.stderr + result.stdout
