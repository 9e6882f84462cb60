"""Pure functions of the thumbnails plugin: crop geometry, width choice, hashing, markup."""

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from headshots.pagedata import PageData
from headshots.thumbnails import geometry
from headshots.thumbnails.picture import Image, Picture, PictureMarkupError, picture_attrs, picture_markup
from headshots.thumbnails.plan import PIPELINE_VERSION, digest_bytes, digest_file, make_plan

REPO = Path(__file__).resolve().parents[1]

OPTIONS = {
    "widths": [160, 320, 480, 640, 960, 1280],
    "formats": ["avif", "webp", "jpeg"],
    "quality": {"avif": 55, "webp": 75, "jpeg": 78},
    "avif_speed": 8,
    "webp_method": 4,
    "scan_width": 112,
    "og_size": [1200, 630],
    "placeholder": "colour",
}


# -- crop geometry ---------------------------------------------------------------------------


def ratio(box):
    return (box[2] - box[0]) / (box[3] - box[1])


def test_exact_four_by_five_source_is_not_cropped():
    assert geometry.crop_box((800, 1000)) == (0, 0, 800, 1000)


def test_landscape_source_keeps_full_height_centred_by_default():
    box = geometry.crop_box((3000, 2000))
    assert ratio(box) == pytest.approx(0.8)
    assert (box[1], box[3]) == (0, 2000)
    assert box[0] == pytest.approx((3000 - 1600) / 2)


def test_landscape_crop_follows_focus_and_stays_inside():
    left = geometry.crop_box((3000, 2000), (0.3, 0.5))[0]
    assert left == pytest.approx(0.3 * 3000 - 800)
    assert geometry.crop_box((3000, 2000), (0.0, 0.5))[0] == 0
    box = geometry.crop_box((3000, 2000), (1.0, 0.5))
    assert box[2] == pytest.approx(3000)


def test_tall_source_puts_the_face_on_the_upper_third_line():
    # 800x2000: crop is 800x1000; focus y=0.4 -> face at 800 px, crop top = 800 - 1000/3
    box = geometry.crop_box((800, 2000), (0.5, 0.4))
    assert box[0] == 0 and box[2] == 800
    assert box[1] == pytest.approx(800 - 1000 / 3)
    assert ratio(box) == pytest.approx(0.8)


def test_tall_source_default_focus_is_upper_third_and_clamped():
    box = geometry.crop_box((800, 1200))  # face assumed at y=400: top = 400 - 333.3
    assert box[1] == pytest.approx(400 - 1000 / 3)
    top_clamped = geometry.crop_box((800, 1200), (0.5, 0.0))
    assert top_clamped[1] == 0
    bottom_clamped = geometry.crop_box((800, 1200), (0.5, 1.0))
    assert bottom_clamped[3] == pytest.approx(1200)


def test_height_is_four_by_five():
    assert [geometry.height_for(w) for w in (160, 320, 112, 224, 1280)] == [200, 400, 140, 280, 1600]


# -- width choice ------------------------------------------------------------------------------


WIDTHS = [160, 320, 480, 640, 960, 1280]


@pytest.mark.parametrize(
    "available, expected",
    [
        (4000, [160, 320, 480, 640, 960, 1280]),  # big source: every configured width
        (1400, [160, 320, 480, 640, 960, 1280]),  # top is 1280 and 960*1.25 = 1200 <= 1280
        (1000, [160, 320, 480, 640, 1000]),  # never upscale; 960 is within 1.25x of 1000
        (800, [160, 320, 480, 640, 800]),  # 640*1.25 == 800: kept
        (799, [160, 320, 480, 799]),  # 640*1.25 > 799: dropped
        (300, [160, 300]),
    ],
)
def test_choose_widths(available, expected):
    assert geometry.choose_widths(available, WIDTHS) == expected


def test_choose_widths_never_exceeds_the_source_and_deduplicates():
    assert geometry.choose_widths(1280, [1280, 320, 320, 1280]) == [320, 1280]
    for available in range(100, 2000, 37):
        chosen = geometry.choose_widths(available, WIDTHS)
        assert chosen == sorted(set(chosen))
        assert max(chosen) <= available
        assert all(w * 1.25 <= chosen[-1] for w in chosen[:-1])


def test_scan_tile_and_og_inset_never_upscale():
    assert geometry.scan_widths(800, 112) == (112, 224)
    assert geometry.scan_widths(200, 112) == (112, 200)
    assert geometry.og_layout(1000, (1200, 630)) == (504, 630)
    assert geometry.og_layout(500, (1200, 630)) == (400, 500)


def test_orientation_swaps_axes_for_rotations():
    assert geometry.oriented_size((1250, 1000), 6) == (1000, 1250)
    assert geometry.oriented_size((1250, 1000), 3) == (1250, 1000)


def test_draft_request_keeps_enough_pixels_for_the_widest_rendition():
    box = geometry.crop_box((4000, 6000))
    request = geometry.draft_request((4000, 6000), box, 1280, None)
    assert request == (1280, 1920)
    # stored sideways (orientation 6): the request is in stored pixels
    assert geometry.draft_request((6000, 4000), box, 1280, 6) == (1920, 1280)


# -- hashing and names -------------------------------------------------------------------------


def keys(plan):
    return {(r.kind, r.width, r.fmt): r.key for r in plan.renditions}


def test_digest_is_of_the_bytes(tmp_path):
    path = tmp_path / "a.jpg"
    path.write_bytes(b"abc" * 1000)
    assert digest_file(path) == digest_bytes(b"abc" * 1000)
    assert digest_bytes(b"abc") != digest_bytes(b"abd")


def test_plan_is_deterministic_and_complete():
    plan = make_plan("d1", (2400, 3000), None, OPTIONS)
    assert plan == make_plan("d1", (2400, 3000), None, OPTIONS)
    made = {(r.kind, r.width, r.fmt) for r in plan.renditions}
    for fmt in OPTIONS["formats"]:
        assert {("w", w, fmt) for w in WIDTHS} <= made
        assert {("scan", 112, fmt), ("scan", 224, fmt)} <= made
    assert ("og", 1200, "jpeg") in made
    assert len({r.key for r in plan.renditions}) == len(plan.renditions)


def test_changing_one_format_quality_changes_only_that_formats_keys():
    before = keys(make_plan("d1", (2400, 3000), None, OPTIONS))
    after = keys(make_plan("d1", (2400, 3000), None, {**OPTIONS, "quality": {**OPTIONS["quality"], "webp": 60}}))
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {k for k in before if k[2] == "webp"}


def test_source_bytes_and_a_moved_crop_change_every_key():
    base = keys(make_plan("d1", (2400, 4000), None, OPTIONS))
    other_bytes = keys(make_plan("d2", (2400, 4000), None, OPTIONS))
    other_focus = keys(make_plan("d1", (2400, 4000), (0.5, 0.6), OPTIONS))
    assert all(base[k] != other_bytes[k] for k in base)
    assert all(base[k] != other_focus[k] for k in base)


def test_a_focus_that_does_not_move_the_crop_keeps_the_keys():
    # an exact 4:5 source is never cropped, wherever the face is
    assert keys(make_plan("d1", (2400, 3000), None, OPTIONS)) == keys(
        make_plan("d1", (2400, 3000), (0.3, 0.2), OPTIONS)
    )


def test_adding_a_width_keeps_existing_keys():
    base = keys(make_plan("d1", (2400, 3000), None, OPTIONS))
    more = keys(make_plan("d1", (2400, 3000), None, {**OPTIONS, "widths": WIDTHS + [240]}))
    assert all(more[k] == base[k] for k in base)
    assert ("w", 240, "jpeg") in more


def test_pipeline_version_is_in_every_key(monkeypatch):
    from headshots.thumbnails import plan as plan_module

    base = keys(make_plan("d1", (2400, 3000), None, OPTIONS))
    monkeypatch.setattr(plan_module, "PIPELINE_VERSION", PIPELINE_VERSION + "-next")
    bumped = keys(plan_module.make_plan("d1", (2400, 3000), None, OPTIONS))
    assert all(base[k] != bumped[k] for k in base)


def test_og_version_changes_only_the_og_key(monkeypatch):
    from headshots.thumbnails import plan as plan_module

    base = keys(make_plan("d1", (2400, 3000), None, OPTIONS))
    monkeypatch.setattr(plan_module, "OG_VERSION", plan_module.OG_VERSION + "-next")
    bumped = keys(plan_module.make_plan("d1", (2400, 3000), None, OPTIONS))
    assert {k for k in base if base[k] != bumped[k]} == {k for k in base if k[0] == "og"} != set()


def test_output_names_carry_width_and_key():
    plan = make_plan("d1", (2400, 3000), None, OPTIONS)
    names = {r.output_name("maya-01") for r in plan.renditions}
    assert len(names) == len(plan.renditions)
    rendition = next(r for r in plan.renditions if r.kind == "w" and r.width == 320 and r.fmt == "webp")
    assert rendition.output_name("maya-01") == f"maya-01-320w-{rendition.key[:10]}.webp"


# -- markup ------------------------------------------------------------------------------------


def fake_picture(widths=(160, 320, 640), formats=("avif", "webp", "jpeg"), blur=None):
    ext = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
    pic = Picture(
        label="photographers/x/a.jpg",
        placeholder="#8a7766",
        blur=blur,
        og_url="/images/x/a-og-k.jpg",
        og_width=1200,
        og_height=630,
    )
    for fmt in formats:
        pic.responsive[fmt] = [Image(f"/images/x/a-{w}w.{ext[fmt]}", w, w * 5 // 4, fmt) for w in widths]
        pic.scan[fmt] = [Image(f"/images/x/a-scan-{w}w.{ext[fmt]}", w, w * 5 // 4, fmt) for w in (112, 224)]
    return pic


def test_markup_sources_in_preference_order_with_w_descriptors():
    attrs = picture_attrs(fake_picture(), "Actor smiling", sizes="(min-width: 40em) 20em, 50vw")
    assert [s["type"] for s in attrs["sources"]] == ["image/avif", "image/webp"]
    assert (
        attrs["sources"][0]["srcset"] == "/images/x/a-160w.avif 160w, /images/x/a-320w.avif 320w, "
        "/images/x/a-640w.avif 640w"
    )
    assert all(s["sizes"] == "(min-width: 40em) 20em, 50vw" for s in attrs["sources"])
    img = attrs["img"]
    assert img["src"] == "/images/x/a-640w.jpg"
    assert (img["width"], img["height"]) == ("640", "800")
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert "fetchpriority" not in img
    assert img["data-placeholder"] == "#8a7766" and "style" not in img  # site.js paints it (CSP: no inline styles)


def test_markup_eager_is_high_priority_and_not_lazy():
    img = picture_attrs(fake_picture(), "Actor", sizes="50vw", eager=True)["img"]
    assert img["fetchpriority"] == "high" and "loading" not in img


@pytest.mark.parametrize("alt", [None, "", "   "])
def test_markup_refuses_missing_alt_naming_the_image(alt):
    with pytest.raises(PictureMarkupError, match=r"photographers/x/a\.jpg: picture\(\) needs alt text"):
        picture_attrs(fake_picture(), alt, sizes="50vw")


def test_markup_refuses_several_widths_without_sizes():
    with pytest.raises(PictureMarkupError, match="needs sizes="):
        picture_attrs(fake_picture(), "Actor")
    # one width: no srcset, so sizes is not needed
    attrs = picture_attrs(fake_picture(widths=(800,)), "Actor")
    assert "srcset" not in attrs["img"] and "sizes" not in attrs["img"]


def test_markup_refuses_something_that_is_not_a_picture():
    with pytest.raises(PictureMarkupError, match="needs a Picture"):
        picture_attrs(None, "Actor", sizes="50vw")


def test_scan_variant_is_the_fixed_tile_at_1x_and_2x():
    attrs = picture_attrs(fake_picture(), "Actor", variant="scan")
    img = attrs["img"]
    assert (img["width"], img["height"]) == ("112", "140")
    assert img["srcset"] == "/images/x/a-scan-112w.jpg 1x, /images/x/a-scan-224w.jpg 2x"
    assert "sizes" not in img
    assert attrs["sources"][0]["srcset"].endswith("a-scan-224w.avif 2x")


def test_jpeg_only_picture_has_no_sources_and_blur_placeholder():
    attrs = picture_attrs(fake_picture(formats=("jpeg",), blur="data:image/webp;base64,AAAA"), "A", sizes="9em")
    assert attrs["sources"] == []
    assert attrs["img"]["data-placeholder-blur"] == "data:image/webp;base64,AAAA"


def test_picture_url_and_dimensions():
    pic = fake_picture()
    assert pic.url(320, "webp") == "/images/x/a-320w.webp"
    assert pic.url(400, "webp") == "/images/x/a-640w.webp"  # smallest at least that wide
    assert pic.url(5000) == "/images/x/a-640w.jpg"  # else the largest
    assert (pic.width, pic.height, pic.widths) == (640, 800, [160, 320, 640])
    with pytest.raises(KeyError):
        fake_picture(formats=("jpeg",)).url(320, "avif")


def render_template(source, **context):
    """`source` rendered as the theme's templates are: autoescaped, with the plugin's `picture` global."""
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals["picture"] = picture_markup
    return env.from_string(source).render(**context)


def test_template_picture_renders_escaped_markup():
    html = render_template(
        '{{ picture(pic, alt=alt, sizes="50vw") }}', pic=fake_picture(), alt='Actor in a "navy" sweater <b>'
    )
    assert html.startswith('<picture><source type="image/avif"')
    assert 'alt="Actor in a &#34;navy&#34; sweater &lt;b&gt;"' in html
    assert 'sizes="50vw"' in html and html.rstrip().endswith("</picture>")
    assert html.count("<source") == 2 and html.count("<img") == 1


def test_markup_is_rendered_once_per_picture_and_arguments():
    pic = fake_picture()
    first = picture_markup(pic, "Actor", sizes="50vw")
    assert picture_markup(pic, "Actor", sizes="50vw") is first
    tile = picture_markup(pic, "Actor", variant="scan")
    assert tile != first and "sizes=" not in tile and len(pic.markup) == 2
    assert picture_markup(pic, "Another actor", sizes="50vw") == str(first).replace(
        'alt="Actor"', 'alt="Another actor"'
    )


def test_scan_tiles_draw_a_grid_marking_only_the_photographers_own():
    shot = SimpleNamespace(source="a.jpg", alt='Actor in a "navy" sweater')
    other = SimpleNamespace(source="b.jpg", alt="Another actor")
    page_data = PageData(directory=None, pictures={"a.jpg": fake_picture(), "b.jpg": fake_picture()})
    grid = page_data.scan_tiles([(other, False), (shot, True), (other, False)])
    tiles = str(grid).split("\n")
    assert [t.startswith('<li class="scan-tile" data-mine>') for t in tiles] == [False, True, False]
    assert all(t.startswith('<li class="scan-tile"') and t.endswith("</picture></li>") for t in tiles)
    assert 'alt="Actor in a &#34;navy&#34; sweater"' in tiles[1] and 'srcset="/images/x/a-scan-112w.jpg 1x' in tiles[1]
    assert page_data.scan_tiles([]) == ""


def test_template_picture_without_alt_fails_the_render():
    with pytest.raises(PictureMarkupError, match="needs alt text"):
        render_template('{{ picture(pic, alt="") }}', pic=fake_picture())


# -- what a worker process imports ------------------------------------------------------------


def test_worker_import_chain_does_not_import_pelican():
    """A spawned worker unpickles `pipeline.render`, which runs the package's __init__:
    Pelican (about 0.2 s of imports) must not come with it (only headshots.plugin imports it)."""
    import subprocess
    import sys

    code = (
        "import sys; import headshots.thumbnails.pipeline; import headshots.thumbnails; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pelican'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "plugins"), "PATH": ""},
    ).stdout
    assert out.split() == ["[]"]
