"""The crop never depends on how the file was stored (issue 32).

One real photo (scikit-image's astronaut, 2048 x 1800 so that the 4:5 crop is
free to move sideways) saved as a camera would in each of the 8 EXIF
orientations, each a JPEG of its own (so each has its own compression noise):
the build, and `headshots check` before it, find the face on the upright
picture at one fixed scale, and place the same crop every time.
"""

import json

import skimage.data
from PIL import Image

from headshots.thumbnails import Item, apply_defaults, inspect, pipeline, process
from headshots.thumbnails.build import plan_of
from headshots.thumbnails.plan import digest_file
from headshots.thumbnails.settings import options_from

from test_thumbnails_real import STORED


def stored_copies(folder):
    upright = Image.fromarray(skimage.data.astronaut()).resize((2048, 2048), Image.Resampling.LANCZOS)
    upright = upright.crop((0, 0, 2048, 1800))
    paths = []
    for orientation, turn in STORED.items():
        exif = Image.Exif()
        exif[0x0112] = orientation
        path = folder / f"astronaut-{orientation}.jpg"
        (upright if turn is None else upright.transpose(turn)).save(path, quality=90, exif=exif.tobytes())
        paths.append(path)
    return paths


def boxes(records, settings):
    return [plan_of("d", None, record, options_from(settings)).box for record in records]


def test_the_same_photo_in_all_8_orientations_gets_the_same_crop(tmp_path):
    paths = stored_copies(tmp_path)
    settings = apply_defaults({"HEADSHOTS_FORMATS": ["jpeg"], "HEADSHOTS_JOBS": 2, "HEADSHOTS_MIN_SIDE": 256})
    pictures, _, problems, _ = process([Item(path, None, "t") for path in paths], settings, tmp_path / "cache")
    assert all(pictures) and [p.message for p in problems] == []
    cache = tmp_path / "cache" / "sources"
    built = [json.loads((cache / f"{digest_file(path)}.json").read_text()) for path in paths]
    assert all(len(record["faces"]) == 1 and record["size"] == [2048, 1800] for record in built)
    # `headshots check` without the cache decodes at its own, smaller scale: the same faces
    checked = [pipeline.examine(path, 256, 10**8) for path in paths]
    lefts = [box[0] for box in boxes(built, settings) + boxes(checked, settings)]
    assert 150 < min(lefts) and max(lefts) - min(lefts) <= 1, lefts  # a crop that moved with the face
    assert all(inspect(path, 256).warnings == [] for path in paths)
