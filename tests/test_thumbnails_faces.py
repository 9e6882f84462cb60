"""Face-aware crops and casting-size warnings, on real photographs.

The photographs are scikit-image's packaged samples: "astronaut" (one face),
"coffee" (no face); two faces and a smaller face are the same real photo
placed twice, or at half the size, in one frame.
"""

import hashlib
from pathlib import Path

import pytest
import skimage.data
from PIL import Image

from headshots.thumbnails import Item, apply_defaults, faces, geometry, inspect, process

from factories import minimal_profile, write_profile

ASTRONAUT = Image.fromarray(skimage.data.astronaut())  # 512 x 512, the face left of centre
COFFEE = Image.fromarray(skimage.data.coffee())  # 600 x 400, a cup: no face


def two_people() -> Image.Image:
    frame = Image.new("RGB", (1024, 512))
    frame.paste(ASTRONAUT, (0, 0))
    frame.paste(ASTRONAUT.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (512, 0))
    return frame


def framed(scale: float, size=(1024, 1024)) -> Image.Image:
    """The astronaut at `scale` on a plain backdrop of the same size every time."""
    frame = Image.new("RGB", size, (128, 128, 128))
    photo = ASTRONAUT.resize((round(512 * scale), round(512 * scale)), Image.Resampling.LANCZOS)
    frame.paste(photo, ((size[0] - photo.width) // 2, (size[1] - photo.height) // 2))
    return frame


def off_centre_landscape() -> Image.Image:
    """2048 x 1024: the astronaut at the far left, a coffee cup at the right. A centred 4:5 crop
    (columns 614-1434) misses the face entirely."""
    frame = Image.new("RGB", (2048, 1024), (90, 80, 70))
    frame.paste(ASTRONAUT.resize((1024, 1024), Image.Resampling.LANCZOS), (0, 0))
    frame.paste(COFFEE.resize((1024, 683), Image.Resampling.LANCZOS), (1024, 170))
    return frame


def height(face) -> float:
    return face["box"][3] - face["box"][1]


# -- the detector ------------------------------------------------------------------------------------


def test_the_vendored_model_is_the_published_file():
    readme = (faces.MODEL.parent / "README.md").read_text()
    digest = hashlib.sha256(faces.MODEL.read_bytes()).hexdigest()
    assert digest in readme
    assert (faces.MODEL.parent / "LICENSE").read_text().lstrip().startswith("Apache License")


def test_one_face_is_found_with_its_eyes_inside_its_box():
    [face] = faces.detect(ASTRONAUT)
    left, top, right, bottom = face["box"]
    assert 0.25 < left < right < 0.65 and 0.05 < top < bottom < 0.45  # Eileen Collins' face, left of centre
    for x, y in face["eyes"]:
        assert left < x < right and top < y < (top + bottom) / 2  # eyes in the upper half of the face


def test_no_face_in_a_photo_of_a_cup():
    assert faces.detect(COFFEE) == []


def test_two_faces_are_two():
    found = faces.detect(two_people())
    assert len(found) == 2
    assert found[0]["box"][2] <= 0.5 <= found[1]["box"][0] or found[1]["box"][2] <= 0.5 <= found[0]["box"][0]


def test_the_same_face_at_half_the_size_reads_half_the_share():
    [full] = faces.detect(framed(1.0, (512, 512)))
    [half] = faces.detect(framed(0.5, (512, 512)))
    assert 0.4 < height(half) / height(full) < 0.6


# -- the crop ------------------------------------------------------------------------------------------


def test_keep_moves_the_box_just_enough_to_hold_the_face():
    # a tall source: the focus alone puts the box's top at row 667; the face starts at row 400
    assert geometry.crop_box((800, 2000), (0.5, 0.5))[1] == pytest.approx(2000 / 2 - 1000 / 3)
    assert geometry.crop_box((800, 2000), (0.5, 0.5), keep=(0.3, 0.2, 0.7, 0.6))[1] == pytest.approx(400)
    # a face too tall for the box is centred in it
    box = geometry.crop_box((800, 2000), (0.5, 0.1), keep=(0.3, 0.0, 0.7, 0.6))
    assert box[1] == pytest.approx(100) and box[3] == pytest.approx(1100)


def test_an_editors_focus_wins_over_the_face():
    found = faces.detect(ASTRONAUT)
    assert faces.framing((0.9, 0.9), found) == ((0.9, 0.9), None)
    focus, keep = faces.framing(None, found)
    eyes = found[0]["eyes"]
    assert focus == pytest.approx(((eyes[0][0] + eyes[1][0]) / 2, (eyes[0][1] + eyes[1][1]) / 2), abs=1e-3)
    assert faces.framing(None, []) == (None, None)


def run(tmp_path, source, focus=None, cache="cache"):
    settings = {"HEADSHOTS_FORMATS": ["jpeg"], "HEADSHOTS_JOBS": 1, "HEADSHOTS_MIN_SIDE": 400}
    apply_defaults(settings)
    pictures, files, problems, _stats = process([Item(Path(source), focus, "t")], settings, tmp_path / cache)
    return pictures[0], {rel: Path(src) for src, rel in files}, problems


def test_a_landscape_photo_with_the_face_off_centre_is_cropped_on_the_face(tmp_path):
    source = tmp_path / "landscape-face-far-left.jpg"
    off_centre_landscape().save(source, quality=92)
    picture, files, problems = run(tmp_path, source)
    assert [p.message for p in problems if not p.warning] == []
    rendition = Image.open(files[picture.src.lstrip("/")]).convert("RGB")
    assert rendition.size == (819, 1024)  # the full height, 4:5
    assert picture.face_caption.startswith("Face: ") and picture.face_caption.endswith(": reads at that size.")
    [face] = faces.detect(rendition)  # the whole face, in the crop, away from its edges
    left, top, right, bottom = face["box"]
    assert 0.05 < left and right < 0.95 and 0.02 < top and bottom < 0.98
    # the editor's focus still wins: the cup
    picture, files, _ = run(tmp_path, source, focus=(0.75, 0.5))
    assert faces.detect(Image.open(files[picture.src.lstrip("/")]).convert("RGB")) == []


def test_the_detection_is_cached_by_content(tmp_path):
    source = tmp_path / "landscape.jpg"
    off_centre_landscape().save(source, quality=92)
    settings = apply_defaults({"HEADSHOTS_FORMATS": ["jpeg"], "HEADSHOTS_JOBS": 1, "HEADSHOTS_MIN_SIDE": 400})
    (first,), _, _, stats = process([Item(source, None, "t")], settings, tmp_path / "cache")
    assert stats["decoded"] == 1
    (again,), _, _, stats = process([Item(source, None, "t")], settings, tmp_path / "cache")
    assert stats["decoded"] == 0 and again.src == first.src
    records = list((tmp_path / "cache" / "sources").glob("*.json"))
    assert len(records) == 1 and faces.VERSION in records[0].read_text()


# -- warnings at casting size ----------------------------------------------------------------------

NO_FACE = (
    "no face found: casting judges a headshot by one clear face, and without one the crop follows the "
    "default rule (add focus: [x, y] to place it)"
)
TWO_FACES = "2 faces found: casting expects one face in a headshot (the crop follows the largest)"


def small_face_message(share: float) -> str:
    return (
        f"the face fills {share:.0%} of the crop's height, about {share * 120:.0f} px in a 96 px wide casting "
        "thumbnail: under 15% it is too small to read at that size; choose a closer frame"
    )


def test_warnings_say_what_casting_would_see(tmp_path):
    cases = {"a-cup.jpg": COFFEE.resize((1200, 800)), "two.jpg": two_people(), "far.jpg": framed(1.0)}
    for name, image in cases.items():
        image.save(tmp_path / name, quality=92)
    assert inspect(tmp_path / "a-cup.jpg", 400).warnings == [NO_FACE]
    assert run(tmp_path, tmp_path / "a-cup.jpg")[0].face_caption == "No face found: casting looks for one clear face."
    assert inspect(tmp_path / "two.jpg", 400).warnings == [TWO_FACES]
    assert run(tmp_path, tmp_path / "two.jpg")[0].face_caption.endswith("2 faces in the frame.")
    [far] = faces.detect(Image.open(tmp_path / "far.jpg"))
    share = height(far)  # a square source: the 4:5 crop has the full height
    assert 0.05 < share < faces.MIN_FACE_SHARE
    assert inspect(tmp_path / "far.jpg", 400).warnings == [small_face_message(share)]
    assert run(tmp_path, tmp_path / "far.jpg")[0].face_caption.endswith(": too small to read at that size.")
    # a headshot framed as one has none
    ASTRONAUT.crop((40, 0, 424, 480)).resize((800, 1000)).save(tmp_path / "headshot.jpg", quality=92)
    assert inspect(tmp_path / "headshot.jpg", 400).warnings == []


def test_check_and_build_give_the_same_warnings_and_the_build_succeeds(tmp_path):
    from conftest import headshots, pelican_build

    photographers = tmp_path / "photographers"
    path = write_profile(photographers, "jane-doe", minimal_profile(name="Jane Doe"), images=False)
    COFFEE.resize((1200, 800)).save(path.parent / "one.jpg", quality=92)
    check = headshots("check", photographers, cwd=Path.cwd(), timeout=120)
    line = f'{path}:11:9: warning: headshots[0].file: "one.jpg" {NO_FACE}'
    assert check.returncode == 0, check.stdout
    assert check.stdout.splitlines() == [line, "1 profile OK, 1 warning"]
    build = pelican_build(
        tmp_path / "out", photographers=photographers, cache=tmp_path / "cache", extra={"HEADSHOTS_FORMATS": ["jpeg"]}
    )
    assert build.returncode == 0, build.stderr
    assert line in build.stderr.splitlines()
