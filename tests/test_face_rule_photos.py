"""The face rule on real photos: the build and /scan/ count the faces a person counts.

tests/images/faces/README.md labels every photo with its number of human faces (cats, dogs,
masks, digits, carvings and the back of a person are 0). The build's detector
(`faces.detect`) and the browser's (faces.js `detectFaces`, in Chromium on the sample site's
/scan/, with the rules the page is given) must both give that count for every photo.
"""

import base64
import re

import pytest
from PIL import Image, ImageOps
from test_scan import wait_for_face_check

from headshots.thumbnails import faces

from conftest import REPO

PHOTOS = REPO / "tests" / "images" / "faces"
ROW = re.compile(r"^\| `(?P<file>[\w.-]+\.jpg)` \| (?P<faces>\d+) \|", re.M)
LABELS = {m["file"]: int(m["faces"]) for m in ROW.finditer((PHOTOS / "README.md").read_text())}


def test_the_set_is_labelled_and_covers_what_the_rule_must_tell_apart():
    assert sorted(LABELS) == sorted(path.name for path in PHOTOS.glob("*.jpg"))
    assert len(LABELS) >= 40
    assert sum(1 for n in LABELS.values() if n) >= 20 and sum(1 for n in LABELS.values() if not n) >= 20
    for name in (
        "none-skimage-chelsea.jpg",
        "none-skimage-coffee.jpg",
        "none-skimage-rocket.jpg",
        "none-printed-digit-3.jpg",
    ):
        assert LABELS[name] == 0, name
    assert sum(path.stat().st_size for path in PHOTOS.glob("*.jpg")) < 3_000_000


def test_the_build_counts_every_labelled_photo_right():
    counted = {}
    for name in LABELS:
        with Image.open(PHOTOS / name) as image:
            counted[name] = len(faces.detect(ImageOps.exif_transpose(image).convert("RGB")))
    assert {name: n for name, n in counted.items() if n != LABELS[name]} == {}


@pytest.mark.browser
def test_the_browser_counts_every_labelled_photo_right(page, sample_url):
    page.goto(f"{sample_url}/scan/?seconds=1")
    photos = {name: base64.b64encode((PHOTOS / name).read_bytes()).decode() for name in LABELS}
    counted = page.evaluate(
        """async (photos) => {
            const rules = JSON.parse(document.querySelector("[data-face-rules]").dataset.faceRules);
            const { detectFaces } = await import("/theme/js/faces.js");
            const counted = {};
            for (const [name, data] of Object.entries(photos)) {
                const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
                const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/jpeg" }), { imageOrientation: "from-image" });
                counted[name] = (await detectFaces(bitmap, rules)).length;
            }
            return counted;
        }""",
        photos,
    )
    assert {name: n for name, n in counted.items() if n != LABELS[name]} == {}


@pytest.mark.browser
def test_scikit_image_s_cat_is_no_face_on_the_scan_page(page, sample_url):
    page.goto(f"{sample_url}/scan/?seconds=1")
    page.set_input_files("#scan-file", str(PHOTOS / "none-skimage-chelsea.jpg"))
    wait_for_face_check(page)
    assert page.get_attribute("[data-face-report]", "data-face-count") == "0"
    assert "We couldn't find a face" in page.locator("[data-face-measures]").inner_text()


def test_every_sample_headshot_still_has_one_face_and_no_face_warning():
    headshots = sorted((REPO / "photographers").glob("*/*.jpg"))
    assert len(headshots) == 59
    found = {}
    for path in headshots:
        with Image.open(path) as image:
            upright = ImageOps.exif_transpose(image).convert("RGB")
            people = faces.detect(upright)
            found[path.name] = (len(people), faces.readability(people, upright.size))
    assert {name: seen for name, seen in found.items() if seen != (1, [])} == {}
