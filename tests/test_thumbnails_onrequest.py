"""On-request mode (HEADSHOTS_ENCODE = "on-request", what `headshots serve` builds with): the pictures
stage plans every headshot without encoding, and what it leaves to encode makes the same bytes."""

import os
from pathlib import Path

import pytest

from headshots.thumbnails import Item, apply_defaults, geometry, pipeline, process, settings_problems

from factories import make_headshot


def settings(**overrides):
    values = {"HEADSHOTS_FORMATS": ["webp", "jpeg"], "HEADSHOTS_JOBS": 1, "HEADSHOTS_PLACEHOLDER": "blur"}
    return apply_defaults({**values, **overrides})


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "src"
    return [
        make_headshot(folder / f"s{i}.jpg", size=(900 + 200 * i, 1200), colour=(100 + 40 * i, 90, 80), quality=90)
        for i in range(2)
    ]


def run(sources, cache, mode):
    pictures, files, problems, stats = process(
        [Item(path, None, "p") for path in sources], settings(HEADSHOTS_ENCODE=mode), cache
    )
    assert not problems
    return pictures, files, stats


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_on_request_plans_every_picture_as_a_complete_build_does_and_encodes_nothing(tmp_path, sources):
    complete, all_files, _ = run(sources, tmp_path / "all", "all")
    planned, files, stats = run(sources, tmp_path / "planned", "on-request")
    assert files == [] and stats["encoded"] == 0 and stats["decoded"] == 2
    assert not list((tmp_path / "planned" / "r").rglob("*.*"))  # no rendition encoded yet
    assert planned == complete  # URLs, sizes, placeholder colour and blur: the pages are the same
    pending = [pair for picture in planned for pair in picture.pending.files]
    assert sorted(relative for _, relative in pending) == sorted(relative for _, relative in all_files)
    assert stats["pending"] == len(all_files)


def test_what_is_left_to_encode_makes_the_bytes_a_complete_build_makes(tmp_path, sources):
    run(sources, tmp_path / "all", "all")
    planned, _, _ = run(sources, tmp_path / "planned", "on-request")
    first = planned[0].pending
    one = first.files[3][0]  # a single rendition first, as a browser's request asks for it
    assert pipeline.render({**first.job, "only": [os.path.relpath(one, tmp_path / "planned" / "r")]})["encoded"] == 1
    assert not list((tmp_path / "planned" / "meta").glob("*"))  # the plan is not complete yet
    for picture in planned:
        pipeline.render(picture.pending.job)
    assert files_of(tmp_path / "planned") == files_of(tmp_path / "all")  # records, metas and renditions
    again, files, stats = run(sources, tmp_path / "planned", "on-request")
    assert all(picture.pending is None for picture in again) and stats["decoded"] == 0
    assert len(files) == sum(len(picture.pending.files) for picture in planned)


def test_renditions_already_made_are_published_and_only_the_rest_is_left(tmp_path, sources):
    planned, _, _ = run(sources[:1], tmp_path / "cache", "on-request")
    pending = planned[0].pending
    made = [os.path.relpath(cache_file, tmp_path / "cache" / "r") for cache_file, _ in pending.files[:2]]
    pipeline.render({**pending.job, "only": made})
    again, files, _ = run(sources[:1], tmp_path / "cache", "on-request")
    assert files == list(pending.files[:2])
    assert again[0].pending.files == pending.files[2:]


def test_a_rendition_is_resized_from_the_same_image_whichever_others_are_made():
    sizes = [(160, 200), (320, 400), (480, 600), (1000, 1250), (112, 140), (224, 280)]
    chain = geometry.resize_chain(sizes, sizes)
    assert chain == {
        (1000, 1250): None,  # from the decoded crop
        (480, 600): (1000, 1250),  # no made one twice as wide: the largest
        (320, 400): (1000, 1250),
        (224, 280): (480, 600),  # the smallest made one at least twice as wide
        (160, 200): (320, 400),
        (112, 140): (224, 280),
    }
    assert geometry.resize_chain(sizes, [(112, 140)]) == {
        (1000, 1250): None,
        (480, 600): (1000, 1250),
        (224, 280): (480, 600),
        (112, 140): (224, 280),
    }


def test_an_unknown_encode_mode_is_named():
    problems = settings_problems(settings(HEADSHOTS_ENCODE="later"))
    assert [str(p) for p in problems] == ['pelicanconf.py:1:1: HEADSHOTS_ENCODE: must be "all" or "on-request"']
