"""The five-second scan reads the face, in the browser, on real photographs (scikit-image's).

The detector is vendored (theme/static/vendor/face/); these tests pick real photos in
/scan/ and read the report's hooks: `data-face-count` and, for one face, `data-face-share`
(the face box's height over the photo's height after EXIF orientation).
"""

import hashlib
from pathlib import Path

import pytest
from PIL import Image
from skimage import data
from test_scan import axe_violations, wait_for_face_check

from headshots.thumbnails import faces

from conftest import REPO

VENDOR = REPO / "theme" / "static" / "vendor" / "face"
CHECKSUMS = {
    "blazeface.bin": "dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72",
    "blazeface.json": "cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f",
    "tfjs.esm.js": "e973fb19d60c674f71abc5225f63011dde7c3180806ec20ffd1b6f1ca77f5cc7",
    "tfjs-backend-wasm-simd.wasm": "77ebb28a6d34f371dbbf2086b7f2de8994acd8ea5a3cf1fa24d2c26c840cac7b",
    "tfjs-backend-wasm.wasm": "70a5d516060464e5269f01c74bac1772d6b8ab6cb612acf16b5cdaf61f78d892",
}


def astronaut() -> Image.Image:
    return Image.fromarray(data.astronaut())


def save(image: Image.Image, path: Path, **options) -> Path:
    image.save(path, quality=92, **options)
    return path


def face_report(page, sample_url, photo: Path) -> dict:
    page.goto(f"{sample_url}/scan/?seconds=1")
    page.set_input_files("#scan-file", str(photo))
    wait_for_face_check(page)
    report = page.locator("[data-face-report]")
    share = report.get_attribute("data-face-share")
    return {
        "count": int(report.get_attribute("data-face-count")),
        "share": float(share) if share is not None else None,
        "rows": page.locator("[data-face-measures] .scan-measure dt").all_inner_texts(),
    }


def test_the_vendored_detector_is_the_packaged_one():
    for name, digest in CHECKSUMS.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    for licence in ("LICENSE-Apache-2.0.txt", "LICENSE-human.txt", "README.md"):
        assert (VENDOR / licence).is_file(), licence


@pytest.mark.browser
def test_one_face_reports_its_share_as_the_build_measures_it(page, sample_url, tmp_path):
    photo = save(astronaut(), tmp_path / "astronaut.jpg")
    report = face_report(page, sample_url, photo)
    assert report["count"] == 1
    built = faces.detect(astronaut())
    build_share = built[0]["box"][3] - built[0]["box"][1]
    assert report["share"] == pytest.approx(build_share, abs=0.03)  # one definition, two runtimes
    assert [r.upper() for r in report["rows"]] == ["FACES", "FACE SIZE", "EYE LINE", "4:5 CROP", "HEAD TILT"]
    size = page.locator('[data-face-measures] [data-measure="face size"]').inner_text()
    assert "In a casting thumbnail (96 × 120 px)" in size and "px apart" in size
    # every site's crop is judged against the face, in that site's row; Actors Access's is 5:7 (our reading)
    lines = page.locator("[data-platform=actors-access] [data-verdict] li")
    crop = lines.filter(has_text="5:7 crop")
    assert crop.get_attribute("data-status") == "pass"
    assert crop.inner_text().startswith("Pass: A 5:7 crop keeps your whole head.")
    # the row's badge is the worst of its lines: 512 px is under the size Actors Access recommends
    assert lines.evaluate_all("items => items.map(i => i.dataset.status)") == ["check", "pass"]
    assert page.get_attribute("[data-platform=actors-access]", "data-status") == "check"
    assert page.locator("[data-face-figures]").is_visible()


@pytest.mark.browser
def test_two_faces_say_casting_expects_one(page, sample_url, tmp_path):
    half = astronaut().resize((400, 400))
    pair = Image.new("RGB", (800, 400))
    pair.paste(half, (0, 0))
    pair.paste(half, (400, 0))
    report = face_report(page, sample_url, save(pair, tmp_path / "two.jpg"))
    assert report["count"] == 2 and report["share"] is None
    faces_row = page.locator('[data-face-measures] [data-measure="faces"]').inner_text()
    assert "2 faces" in faces_row and "Casting expects one face" in faces_row


@pytest.mark.browser
def test_no_face_says_so_and_keeps_every_other_measure(page, sample_url, tmp_path):
    photo = save(Image.fromarray(data.rocket()), tmp_path / "rocket.jpg")
    report = face_report(page, sample_url, photo)
    assert report["count"] == 0 and report["share"] is None
    assert [r.upper() for r in report["rows"]] == ["FACES"]
    assert "We couldn't find a face" in page.locator("[data-face-measures]").inner_text()
    assert page.locator("[data-measures] .scan-measure").count() >= 4  # size, shape, file, tone
    assert page.locator("[data-platforms] tr").count() >= 5
    assert not page.locator("[data-face-figures]").is_visible()


@pytest.mark.browser
def test_the_same_face_at_half_the_size_reports_about_half_the_share(page, sample_url, tmp_path):
    full = astronaut()
    small = Image.new("RGB", full.size, (128, 128, 128))
    small.paste(full.resize((full.width // 2, full.height // 2)), (full.width // 4, 0))
    big = face_report(page, sample_url, save(full, tmp_path / "full.jpg"))["share"]
    half = face_report(page, sample_url, save(small, tmp_path / "half.jpg"))["share"]
    assert half / big == pytest.approx(0.5, abs=0.07)


@pytest.mark.browser
def test_exif_orientation_6_reports_the_same_as_upright(page, sample_url, tmp_path):
    upright = astronaut()
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned a quarter to the left; shown turned back to the right
    turned = save(upright.transpose(Image.Transpose.ROTATE_90), tmp_path / "turned.jpg", exif=exif)
    straight = face_report(page, sample_url, save(upright, tmp_path / "upright.jpg"))
    rotated = face_report(page, sample_url, turned)
    assert rotated["count"] == straight["count"] == 1
    assert rotated["share"] == pytest.approx(straight["share"], abs=0.02)


@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_face_report_is_accessible(device, request, sample_url, tmp_path):
    page = request.getfixturevalue(device)
    face_report(page, sample_url, save(astronaut(), tmp_path / "astronaut.jpg"))
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
