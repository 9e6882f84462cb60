"""The scan's measurement functions (theme/static/js/measure.js), run in a real Chromium.

measure.js is a pure ES module; each test imports it into the built /scan/ page with a
dynamic import() and checks the numbers it returns.
"""

import re

import pytest

from headshots.thumbnails import faces

pytestmark = pytest.mark.browser


@pytest.fixture
def js(page, sample_url):
    """Evaluate `body` (an async function body) with `m` = measure.js and `rules` = platform-rules.js."""
    page.goto(f"{sample_url}/scan/")

    def run(body, arg=None):
        return page.evaluate(
            "async ([body, arg]) => {"
            " const m = await import('/theme/js/measure.js');"
            " const rules = await import('/theme/js/platform-rules.js');"
            " return await (new Function('m', 'rules', 'arg', body))(m, rules, arg); }",
            [body, arg],
        )

    return run


def test_aspect_ratio_labels(js):
    result = js("""return [[1200, 1500], [2000, 1000], [500, 700], [1000, 1000], [1001, 1500], [1000, 1450]]
        .map(([w, h]) => m.aspectRatio(w, h));""")
    labels = [r["label"] for r in result]
    assert labels == ["4:5", "2:1", "5:7", "1:1", "2:3", "0.69:1"]
    assert [r["orientation"] for r in result] == ["portrait", "landscape", "portrait", "square", "portrait", "portrait"]
    assert result[4]["approximate"] is True and result[0]["approximate"] is False


def test_crop_to_four_five_geometry(js):
    wide, tall, exact, focused = js("""return [m.cropTo(2000, 1000), m.cropTo(1000, 2000),
        m.cropTo(1200, 1500), m.cropTo(2000, 1000, 0.8, [0.1, 0.5])];""")
    assert (wide["x"], wide["y"], wide["width"], wide["height"]) == (600, 0, 800, 1000)
    assert wide["cut"] == {"left": 600, "right": 600, "top": 0, "bottom": 0}
    assert wide["keptPercent"] == pytest.approx(40)
    assert (tall["x"], tall["y"], tall["width"], tall["height"]) == (0, 375, 1000, 1250)
    assert tall["keptPercent"] == pytest.approx(62.5)
    assert exact["cut"] == {"left": 0, "right": 0, "top": 0, "bottom": 0}
    assert exact["keptPercent"] == pytest.approx(100)
    # A focal point near the left edge: the crop is clamped inside the frame.
    assert focused["x"] == 0 and focused["width"] == 800


def test_compare_to_four_five(js):
    statuses = js("""return [[1200, 1500], [1210, 1500], [1000, 1500], [1500, 1500], [2000, 1000]]
        .map(([w, h]) => m.compareTo45(w, h).status);""")
    assert statuses == ["pass", "pass", "check", "check", "check"]  # a shape alone never fails


def test_tone_stats_exposure_contrast_and_colour(js):
    result = js("""
        const fill = (n, rgb) => { const a = new Uint8ClampedArray(n * 4);
          for (let i = 0; i < n; i++) a.set([...rgb, 255], i * 4); return a; };
        const join = (a, b) => { const c = new Uint8ClampedArray(a.length + b.length); c.set(a); c.set(b, a.length); return c; };
        const white = m.toneStats(fill(100, [255, 255, 255]));
        const black = m.toneStats(fill(100, [0, 0, 0]));
        const half = m.toneStats(join(fill(50, [0, 0, 0]), fill(50, [255, 255, 255])));
        const grey = m.toneStats(fill(100, [128, 128, 128]));
        const red = m.toneStats(fill(100, [200, 40, 40]));
        const seeThrough = m.toneStats(join(fill(10, [255, 255, 255]), new Uint8ClampedArray(40)));
        return { white, black, half, grey, red, seeThrough,
                 flat: m.judgeTone(grey), harsh: m.judgeTone(half) };""")
    assert result["white"]["clippedPercent"] == 100 and result["white"]["crushedPercent"] == 0
    assert result["black"]["crushedPercent"] == 100 and result["black"]["clippedPercent"] == 0
    half = result["half"]
    assert (half["p5"], half["p95"], half["spread"]) == (0, 255, 255)
    assert half["stdDev"] == pytest.approx(127.5)
    assert half["clippedPercent"] == pytest.approx(50) and half["crushedPercent"] == pytest.approx(50)
    assert result["grey"]["spread"] == 0 and result["grey"]["colour"] is False
    assert result["red"]["colour"] is True and result["red"]["meanChroma"] == 160
    assert sum(result["grey"]["histogram"]) == 100 and result["grey"]["histogram"][128] == 100
    assert result["seeThrough"]["pixels"] == 10  # fully transparent pixels are not measured
    assert result["flat"] == {"highlights": "pass", "shadows": "pass", "contrast": "check"}
    assert result["harsh"] == {"highlights": "check", "shadows": "check", "contrast": "pass"}


def test_luma_percentile_and_words(js):
    result = js("""const h = new Array(256).fill(0); h[10] = 5; h[200] = 95;
        return { luma: [m.luma(255, 255, 255), m.luma(0, 0, 0), m.luma(0, 255, 0)],
                 p5: m.percentile(h, 0.05), p50: m.percentile(h, 0.5),
                 bytes: [m.formatBytes(900), m.formatBytes(45 * 1024), m.formatBytes(1024 * 1024), m.formatBytes(1.5 * 1024 * 1024)],
                 formats: [m.fileFormat('image/jpeg'), m.fileFormat('', 'IMG_0001.HEIC'), m.fileFormat('image/png', 'x.jpg'), m.fileFormat('', 'notes.txt')],
                 worst: [m.worst(['pass', 'info', 'check']), m.worst(['check', 'fail', 'pass']), m.worst(['info'])] };""")
    assert result["luma"][0] == pytest.approx(255) and result["luma"][1] == 0
    assert result["luma"][2] == pytest.approx(0.7152 * 255)
    assert (result["p5"], result["p50"]) == (10, 200)
    assert result["bytes"] == ["900 bytes", "45 KB", "1 MB", "1.5 MB"]
    assert result["formats"] == ["JPEG", "HEIC", "PNG", "unknown"]
    assert result["worst"] == ["check", "fail", "pass"]


def test_platform_rules_data(js):
    checked, platforms = js("return [rules.CHECKED, rules.PLATFORMS];")
    assert checked == "2026-12-06"
    assert [p["name"] for p in platforms] == [
        "Actors Access",
        "Backstage",
        "Casting Networks",
        "Spotlight (UK)",
        "Casting Workbook",
    ]
    # each platform's help pages, never a home page
    urls = [page["url"] for p in platforms for page in p["pages"].values()]
    assert all(re.match(r"https://[^/]+/.+", url) for url in urls), urls
    assert all(re.search(r"(support|help|freshdesk|zendesk|photoguidelines)", url) for url in urls), urls
    assert [p["crop"]["label"] for p in platforms] == ["5:7", "4:5", "4:5", "10 x 8", "8 x 10"]


def test_platform_checks_run_in_the_browser(js):
    """platform-check.js loads in the page as it does under Node (tests/js/ holds its unit tests)."""
    verdicts = js("""
        return import('/theme/js/platform-check.js').then((check) => {
          const judge = (facts) => Object.fromEntries(rules.PLATFORMS.map((p) => [p.id, check.platformVerdict(facts, p).status]));
          return {
            small: judge({ width: 450, height: 560, bytes: 200 * m.KB, format: 'JPEG' }),
            heic: judge({ width: 2400, height: 3000, bytes: 3 * m.MB, format: 'HEIC' }),
          };
        });""")
    assert verdicts["small"]["spotlight"] == "check"  # a warning, not a refusal
    assert verdicts["small"]["actors-access"] == "check"  # under its recommended size
    assert verdicts["heic"]["backstage"] == "fail" and verdicts["heic"]["casting-workbook"] == "fail"


def test_casting_arithmetic(js):
    pace, none = js("return [m.castingArithmetic(10, 30), m.castingArithmetic(0, 0)];")
    assert pace["perHeadshot"] == 3
    assert pace["hoursAtYourPace"] == pytest.approx(5000 * 3 / 3600)
    assert pace["hoursAtStandard"] == pytest.approx(6.944, abs=0.001)  # "about 7 hours"
    assert none["perHeadshot"] == 5


def test_bad_sizes_are_refused(js):
    message = js("try { m.aspectRatio(0, 100); return null; } catch (e) { return e.message; }")
    assert message == "width and height must be positive numbers, got 0 x 100"


def test_face_rows_judge_size_eye_line_crop_and_tilt(js):
    """face-measure.js faceRows on made-up faces in a 1000 x 1250 (4:5) photo, with the build's rules."""
    rules = faces.BROWSER_RULES
    rows = js(
        """
        return import("/theme/js/face-measure.js").then((reading) => {
        const face = (box, eyes) => ({ box, eyes, score: 0.9 });
        const judge = (faces) => Object.fromEntries(reading.faceRows(faces, 1000, 1250, arg).map((r) => [r[0], [r[2], r[1]]]));
        return {
          good: judge([face([0.4, 0.2, 0.6, 0.45], [[0.45, 0.3], [0.55, 0.3]])]),
          small: judge([face([0.45, 0.3, 0.55, 0.4], [[0.48, 0.33], [0.52, 0.33]])]),
          chin: judge([face([0.4, 0.7, 0.6, 0.98], [[0.45, 0.8], [0.55, 0.8]])]),
          tilted: judge([face([0.4, 0.2, 0.6, 0.45], [[0.45, 0.28], [0.55, 0.33]])]),
          none: judge([]),
          two: judge([face([0.1, 0.2, 0.3, 0.45], [[0.15, 0.3], [0.25, 0.3]]), face([0.6, 0.2, 0.7, 0.3], [[0.62, 0.24], [0.68, 0.24]])]),
        };
        });
        """,
        rules,
    )
    assert rows["good"]["Faces"] == ["pass", "One"]
    assert rows["good"]["Face size"] == ["pass", "25% of the photo's height"]
    assert rows["good"]["Eye line"] == ["pass", "30% down a 4:5 crop"]
    assert rows["good"]["4:5 crop"][0] == "pass" and rows["good"]["Head tilt"] == ["pass", "0°"]
    assert rows["small"]["Face size"][0] == "fail"  # 10% of the frame: about 12 px in a 96 px thumbnail
    assert rows["chin"]["4:5 crop"] == ["fail", "Cuts the face"] and rows["chin"]["Eye line"][0] == "check"
    assert rows["tilted"]["Head tilt"][0] == "check"  # the eyes 0.05 apart in height over 0.1 across: 32 degrees
    assert rows["none"] == {"Faces": ["fail", "None found"]}
    assert rows["two"]["Faces"] == ["fail", "2 faces"]
