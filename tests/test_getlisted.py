"""`headshots from-issue`: the form's own body round-trips into a published profile; hostile bodies get exact messages."""

import json

import pytest
import yaml
from getlisted_body import ANSWERS, ASSET, PHOTO_IDS, body, form_fields

from headshots.validate import schema

from conftest import REPO, pelican_build
from factories import make_headshot
from test_cli import run

SCHEMA = schema()
#: Profile keys the form does not ask: written by the tool, or an editor's business.
NOT_ASKED = {("sample",), ("updated",), ("headshots", "file"), ("headshots", "focus")}
SESSION_PARTS = {
    "name",
    "price",
    "looks",
    "minutes",
    "retouched",
    "for",
    "eligible",
}  # what a "Session packages" line can say


@pytest.fixture
def photos(tmp_path):
    """The attachments folder: each photo under its link's last segment, as GitHub serves it."""
    folder = tmp_path / "attachments"
    folder.mkdir()
    for index, photo in enumerate(PHOTO_IDS):
        make_headshot(folder / photo, colour=(150, 110 + 20 * index, 90), fmt="JPEG")
    return folder


def from_issue(tmp_path, text, *extra, attachments=None):
    (tmp_path / "body.md").write_text(text, encoding="utf-8")
    folder = ["--attachments", str(attachments)] if attachments else []
    return run("from-issue", "body.md", "--photographers", "photographers", *folder, *extra, cwd=tmp_path)


def _form_copy(tmp_path):
    """from-issue reads the form from .github/ in the working directory, as in the repository."""
    target = tmp_path / ".github" / "ISSUE_TEMPLATE" / "get-listed.yml"
    target.parent.mkdir(parents=True)
    target.write_text((REPO / ".github" / "ISSUE_TEMPLATE" / "get-listed.yml").read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path, photos):
    _form_copy(tmp_path)
    return tmp_path


def _schema_keys(node=SCHEMA, path=()):
    """Every leaf key a profile can have: ("price", "from"), ("sessions", "looks")..."""
    node = node.get("items", node)
    if node.get("type") == "object" and "properties" in node:
        for key, child in node["properties"].items():
            yield from _schema_keys(child, (*path, key))
    else:
        yield path


def test_the_form_asks_for_every_field_a_photographer_fills_in():
    asked = {tuple(item["id"].split("-")) for item in form_fields()}
    leaves = set(_schema_keys())
    sessions = {key for key in leaves if key[0] == "sessions"}
    photo_keys = {key for key in leaves if key[0] == "headshots"} - NOT_ASKED
    others = leaves - sessions - photo_keys - NOT_ASKED
    assert others <= asked, sorted(others - asked)
    assert {key[1] for key in sessions} == SESSION_PARTS  # one "Session packages" line says all of these
    assert photo_keys == {("headshots", "alt"), ("headshots", "look")}  # the lines under each photo
    assert ("headshots",) in asked and ("sessions",) in asked and ("consent",) in asked


def test_the_form_asks_for_the_two_confirmations():
    consent = next(item for item in form_fields() if item["id"] == "consent")
    options = consent["attributes"]["options"]
    assert [o["label"] for o in options] == [
        "I took these photos, or I have the right to publish them.",
        "The people in these photos agreed to be shown in this directory.",
    ]
    assert all(o["required"] for o in options)


def test_the_forms_body_round_trips_into_a_published_profile(site, photos, tmp_path):
    result = from_issue(site, body(), "--issue", "7", "--date", "2026-12-06", attachments=photos)
    assert (result.returncode, result.stdout) == (0, "Wrote photographers/rosa-delgado/profile.yaml and 2 photos\n")
    folder = site / "photographers" / "rosa-delgado"
    written = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
    assert written == {
        "name": "Rosa Delgado",
        "studio": "Delgado Light Room",
        "location": {"city": "Chicago", "region": "IL", "country": "US"},
        "travels_to": ["Milwaukee", "Evanston"],
        "specialties": ["theatrical", "commercial", "dance"],
        "lighting": ["studio", "natural"],
        "price": {"currency": "USD", "from": 350, "to": 1200},
        "sessions": [
            {"name": "One look, theatrical", "price": 350, "looks": 1, "minutes": 60, "retouched": 1},
            {"name": "Two looks, theatrical + commercial", "price": 650, "looks": 2, "minutes": 120, "retouched": 3},
            {"name": "Kids refresh", "price": 250, "looks": 1, "minutes": 45, "retouched": 1, "for": "young-actors"},
            {
                "name": "Graduate session",
                "price": 290,
                "looks": 2,
                "minutes": 90,
                "retouched": 2,
                "eligible": ["students", "graduates"],
            },
        ],
        "add_ons": {"look": 100, "retouched_image": 40, "hair_makeup": 125},
        "policies": {"deposit": 100, "reschedule": "Free with 48 hours' notice"},
        "hair_makeup": "available",
        "retouching": "natural",
        "proofs": "all",
        "turnaround_days": 5,
        "booking_lead_days": 14,
        "usage": "actor-promotion",
        "website": "https://delgadolightroom.example.org",
        "booking_url": "https://delgadolightroom.example.org/book",
        "email": "rosa@delgadolightroom.example.org",
        "instagram": "delgadolightroom",
        "bio": ANSWERS["bio"],
        "headshots": [
            {
                "file": "rosa-delgado-01.jpg",
                "alt": "Actor in a rust-colored sweater, half smile, daylight from the left",
                "look": "commercial",
            },
            {
                "file": "rosa-delgado-02.jpg",
                "alt": "Actor in a black tee against a gray backdrop, serious, studio light",
            },
        ],
        "updated": "2026-12-06",
    }
    # Every question answered is in the profile (the confirmations and the photos' own way aside).
    for item in form_fields():
        if item["id"] not in ("consent", "headshots", "sessions"):
            value = written
            for part in item["id"].split("-"):
                value = value[part]
    text = (folder / "profile.yaml").read_text(encoding="utf-8")
    assert '# Written from the "Get listed" form, issue #7, by `headshots from-issue`.' in text
    assert (
        "  from: 350                          # the cheapest session for adult actors that anyone" in text
    )  # the scaffold's comments
    assert (folder / "rosa-delgado-01.jpg").read_bytes() == (photos / PHOTO_IDS[0]).read_bytes()
    check = run("check", "photographers/rosa-delgado", cwd=site)
    assert (check.returncode, check.stdout) == (0, "1 profile OK\n"), check.stdout
    output = tmp_path / "output"
    build = pelican_build(output, photographers=site / "photographers", cache=tmp_path / "cache")
    assert build.returncode == 0, build.stderr
    page = (output / "photographers" / "rosa-delgado" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="profile__name">Rosa Delgado</h1>' in page and "Delgado Light Room" in page
    assert "Sample profile" not in page and "<em>unhurried</em>" in page
    everyone = json.loads((output / "photographers.json").read_text(encoding="utf-8"))["photographers"]
    assert [p["slug"] for p in everyone] == ["rosa-delgado"] and "sample" not in everyone[0]


def test_an_edited_issue_writes_the_same_folder_again(site, photos):
    first = from_issue(site, body(), "--issue", "7", "--date", "2026-12-06", attachments=photos)
    folder = site / "photographers" / "rosa-delgado"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    edited = body({"location-city": "Evanston", "travels_to": "Milwaukee"})
    again = from_issue(site, edited, "--issue", "7", "--date", "2026-12-06", attachments=photos)
    assert first.returncode == again.returncode == 0
    assert "city: Evanston" in (folder / "profile.yaml").read_text(encoding="utf-8")
    back = from_issue(site, body(), "--issue", "7", "--date", "2026-12-06", attachments=photos)
    assert back.returncode == 0 and {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in (site / "photographers").iterdir()) == ["rosa-delgado"]  # no staging left


def test_another_issue_cannot_take_a_listed_photographers_folder(site, photos):
    assert from_issue(site, body(), "--issue", "7", attachments=photos).returncode == 0
    other = from_issue(site, body(), "--issue", "8", attachments=photos)
    assert (other.returncode, other.stdout) == (
        1,
        "Your name: /photographers/rosa-delgado/ is already another photographer's page: an editor will help\n",
    )


def _problems(site, text, photos=None):
    result = from_issue(site, text, attachments=photos)
    assert result.returncode == 1, result.stdout
    assert not (site / "photographers").exists() or not any((site / "photographers").iterdir())  # nothing written
    return result.stdout.splitlines()


def test_missing_required_answers(site, photos):
    lines = _problems(site, body(skip=("name", "location-city", "specialties")), photos)
    assert lines == ["Your name: required", "City: required", "Specialties: required"]


def test_wrong_answers_are_named_by_label(site, photos):
    text = body(
        {
            "price-from": "$550",
            "turnaround_days": "about a week",
            "sessions": "Just one look",
        }
    )
    assert _problems(site, text, photos) == [
        'Price from: "$550" is not a number',
        'Session packages, line 1: "Just one look" needs a name and a price, like "One look, 350, 1 look, 60 minutes"',
        'Turnaround (days): "about a week" is not a whole number',
    ]
    # What the answers' types allow, the profile's own rules then judge, in the form's words.
    text = body({"website": "www.rosa.example.org", "email": "rosa at example"})
    assert _problems(site, text, photos) == [
        'Website: "www.rosa.example.org" is not a web address: use a full address starting with https:// (or http://)',
        'Public email: "rosa at example" is not an email address (like hello@example.com)',
    ]
    assert _problems(site, body({"location-country": "UK"}), photos) == [
        'Country: "UK" is not an ISO 3166 country code: the United Kingdom is GB'
    ]


def test_a_missing_confirmation(site, photos):
    text = body({"consent": ["I took these photos, or I have the right to publish them."]})
    assert _problems(site, text, photos) == [
        'Confirmations: tick "The people in these photos agreed to be shown in this directory."'
    ]


def test_a_two_megabyte_body(site):
    text = body({"bio": "a" * 2 * 1024 * 1024})
    assert _problems(site, text) == [
        f"Issue: {len(text):,} characters, more than a form sends (at most 65,536): shorten your answers"
    ]


def test_duplicate_headings(site, photos):
    text = body({"bio": "I shoot actors.\n\n### City\n\nParis"})
    assert _problems(site, text, photos) == [
        'City: the heading "### City" appears 2 times: keep it once, and write no line that starts with ### '
        "in your answers"
    ]


def test_links_to_other_hosts_are_never_fetched(site, photos):
    text = body(
        {
            "headshots": "![me](https://evil.example/user-attachments/assets/x.jpg)\nMe, smiling\n"
            "![me](https://github.com.evil.example/user-attachments/assets/y)\nMe again\n"
            "![me](https://github.com/someone/repo/raw/main/z.jpg)\nAnd again"
        }
    )
    assert _problems(site, text, photos) == [
        f'Headshot {n}: "{url}" is not a photo attached to the form: drag the photo itself into the form'
        for n, url in enumerate(
            (
                "https://evil.example/user-attachments/assets/x.jpg",
                "https://github.com.evil.example/user-attachments/assets/y",
                "https://github.com/someone/repo/raw/main/z.jpg",
            ),
            1,
        )
    ]


def test_thirty_attachments(site, photos):
    text = body({"headshots": "\n".join(f"![p]({ASSET}{n:04d})\nPhoto {n}" for n in range(30))})
    assert _problems(site, text, photos) == ["Sample headshots: 30 photos attached: at most 12"]


def test_attachments_that_are_not_photos(site, photos):
    (photos / "page").write_text("<!DOCTYPE html><html><body>Not a photo</body></html>")
    (photos / "scan.pdf").write_bytes(b"%PDF-1.7\n...")
    (photos / "huge").write_bytes(b"\xff\xd8\xff" + bytes(25 * 1024 * 1024))
    text = body(
        {
            "headshots": f"![a]({ASSET}{PHOTO_IDS[0]})\nFirst photo, good\n"
            f"![b]({ASSET}page)\nSecond\n"
            f"[scan.pdf](https://github.com/user-attachments/files/1234/scan.pdf)\nThird\n"
            f"![d]({ASSET}huge)\nFourth\n"
            f"![e]({ASSET}{PHOTO_IDS[1]})\n"
        }
    )
    assert _problems(site, text, photos) == [
        "Headshot 2: not a photo (a web page)",
        "Headshot 3: not a photo (a PDF)",
        "Headshot 4: could not be fetched: is over 25 MB: at most 25 MB a photo",
        "Headshot 5: describe the photo on the line under it, for people who cannot see it",
    ]


def test_a_script_in_the_bio_is_text(site, photos, tmp_path):
    bio = 'I shoot actors. <script>alert("x")</script> <img src=x onerror=alert(1)>'
    result = from_issue(site, body({"bio": bio}), attachments=photos)
    assert result.returncode == 0, result.stdout
    written = yaml.safe_load((site / "photographers" / "rosa-delgado" / "profile.yaml").read_text(encoding="utf-8"))
    assert written["bio"] == bio
    from headshots.bio import render_bio

    html = str(render_bio(bio))
    assert "<script" not in html and "&lt;script&gt;" in html and "<img" not in html


SHELL = "$(touch pwned) `touch pwned` ; touch pwned && echo | cat > pwned '\" \\ ${HOME} %0A"


def test_shell_metacharacters_in_every_field_are_only_text(site, photos):
    answers = {
        key: (value + " " + SHELL if isinstance(value, str) and key not in ("headshots",) else value)
        for key, value in ANSWERS.items()
    }
    lines = _problems(site, body(answers), photos)
    assert not list(site.rglob("pwned"))
    short = "$(touch pwned) `touch pwned` ; touch pwned && echo | cat > pwned '\\\" \\\\ ${HOME} %0A"
    cut = {  # the answer as a message quotes it: one line, 40 characters
        key: (ANSWERS[key] + " " + SHELL)[:40] + "…"
        for key in ("price-from", "price-to", "add_ons-look", "add_ons-retouched_image", "add_ons-hair_makeup")
        + ("policies-deposit", "hair_makeup", "retouching", "proofs", "turnaround_days", "booking_lead_days", "usage")
    }
    assert lines == [
        f'Price from: "{cut["price-from"]}" is not a number',
        f'Price up to: "{cut["price-to"]}" is not a number',
        f'Session packages, line 4: "{("students or graduates only " + SHELL)[:40]}…" is not a number',
        f'Price of each extra look: "{cut["add_ons-look"]}" is not a number',
        f'Price of each extra retouched image: "{cut["add_ons-retouched_image"]}" is not a number',
        f'Price of hair and makeup: "{cut["add_ons-hair_makeup"]}" is not a number',
        f'Deposit: "{cut["policies-deposit"]}" is not a number',
        f'Hair and makeup: "{cut["hair_makeup"]}" is not one of: included, available, none',
        f'Retouching: "{cut["retouching"]}" is not one of: none, natural, full',
        f'Proofs: "{cut["proofs"]}" is not one of: all, selects',
        f'Turnaround (days): "{cut["turnaround_days"]}" is not a whole number',
        f'Booking lead time (days): "{cut["booking_lead_days"]}" is not a whole number',
        f'Usage rights: "{cut["usage"]}" is not one of: actor-promotion, unrestricted',
        f'Country: "US {short}" is not a two-letter ISO 3166 country code (for example US, GB, CA)',
        f'Currency: "USD {short}" is not a three-letter ISO 4217 currency code (for example USD, GBP, EUR)',
        f'Website: "https://delgadolightroom.example.org {short}" is not a web address: '
        "use a full address starting with https:// (or http://)",
        f'Booking page: "https://delgadolightroom.example.org/book {short}" is not a web address: '
        "use a full address starting with https:// (or http://)",
        f'Public email: "rosa@delgadolightroom.example.org {short}" is not an email address (like hello@example.com)',
        f'Instagram handle: "delgadolightroom {short}" is not an Instagram handle: write just the name, '
        "like okaforportraits",
    ]
    # Text answers (name, studio, city, region, cities, rescheduling, bio) are accepted as text: with the
    # problems above fixed, the profile holds them exactly as typed, and nothing ran.
    fixed = {key: value for key, value in answers.items() if key in ("name", "studio", "location-city", "bio")}
    assert from_issue(site, body(fixed), attachments=photos).returncode == 0
    folder = next((site / "photographers").iterdir())
    written = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
    assert written["name"] == "Rosa Delgado " + SHELL and written["bio"] == ANSWERS["bio"] + " " + SHELL
    assert folder.name == "rosa-delgado-touch-pwned-touch-pwned-touch-pwned-echo-cat-pwned-home-0a"
    assert not list(site.rglob("pwned"))
