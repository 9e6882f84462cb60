"""Every bad profile gets one exact `FILE:LINE:COL: field: message` line (function level).

The same messages through a real build and `headshots check` are in
test_profiles_build.py and test_cli.py.
"""

import pytest

from headshots.reading import load_profile, load_profiles

from factories import PROFILE_TEXT, make_headshot, minimal_profile, write_profile

BASE = PROFILE_TEXT  # known lines and columns for the bad variants below


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path / "photographers"


def problems_for(root, text, slug="maya", image="one.jpg"):
    path = write_profile(root, slug, text=text)
    if image:
        make_headshot(path.parent / image, size=(80, 100))
    profile, problems = load_profile(path)
    assert (profile is None) == bool(problems)
    return [str(p) for p in problems]


def test_valid_profile_loads(root):
    assert problems_for(root, BASE) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "name: Maya\nlocation: [Chicago\n",
            "3:1: YAML syntax error: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence that starts on line 2)",
        ),
        (BASE.replace("  city: Chicago\n", ""), '3:3: location: missing required field "city"'),
        (BASE.replace("name: Maya Okafor\n", ""), '1:1: missing required field "name"'),
        (BASE.replace("from: 350", "from: three hundred"), 'price.from: expected a number, got "three hundred"'),
        (BASE + "turnaround_days: 2.5\n", "turnaround_days: expected a whole number, got the number 2.5"),
        (
            BASE.replace("specialties: [theatrical, commercial]", "specialties: theatrical"),
            'specialties: expected a list, got "theatrical"',
        ),
        (BASE.replace("from: 350", "form: 350"), '8:3: price.form: unknown key "form" (did you mean "from"?)'),
        (BASE + "colour: red\n", 'colour: unknown key "colour" (allowed: '),
        (
            BASE.replace("commercial]", "drama]"),
            'specialties[1]: "drama" is not one of: theatrical, commercial, corporate, dance, musical-theatre, '
            "kids, comedy, voice",
        ),
        (BASE + "hair_makeup: yes\n", 'hair_makeup: "yes" is not one of: included, available, none'),
        (
            BASE.replace("one.jpg", "two.jpg"),
            '10:11: headshots[0].file: file "two.jpg" not found in photographers/maya/ (did you mean "one.jpg"?)',
        ),
        (
            BASE.replace("one.jpg", "../other/one.jpg"),
            'headshots[0].file: "../other/one.jpg" is not a file name in this profile\'s folder: no "/", "\\" or ".."',
        ),
        (BASE.replace("one.jpg", "sub/one.jpg"), 'headshots[0].file: "sub/one.jpg" is not a file name'),
        (
            BASE.replace("one.jpg", "one.bmp"),
            'headshots[0].file: "one.bmp" is not an image file name: use .jpg, .jpeg, .png, .webp, .avif, .tif, .tiff or .gif',
        ),
        (
            BASE + "website: javascript:alert(1)\n",
            '12:10: website: "javascript:alert(1)" is not a web address: use a full address starting with https:// (or http://)',
        ),
        (BASE + "booking_url: ftp://example.com/book\n", 'booking_url: "ftp://example.com/book" is not a web address'),
        (
            BASE.replace("    alt: Actor in a navy sweater, warm smile\n", ""),
            '10:5: headshots[0]: missing required field "alt"',
        ),
        (
            BASE.replace("    alt: Actor in a navy sweater, warm smile\n", '    alt: ""\n'),
            "headshots[0].alt: must not be empty",
        ),
        (
            BASE.replace("from: 350", "from: 350\n  to: 200"),
            "9:7: price.to: 200 is less than price.from (350): price.to is the most expensive session",
        ),
        (BASE.replace("from: 350", "from: 0"), "price.from: must be more than 0, got 0"),
        (
            BASE.replace("country: US", "country: USA"),
            '4:12: location.country: "USA" is not a two-letter ISO 3166 country code (for example US, GB, CA)',
        ),
        (
            BASE.replace("country: US", "country: UK"),
            'location.country: "UK" is not an ISO 3166 country code: the United Kingdom is GB',
        ),
        (
            BASE.replace("currency: USD", "currency: $"),
            'price.currency: "$" is not a three-letter ISO 4217 currency code (for example USD, GBP, EUR)',
        ),
        (BASE + "name: Again\n", '12:1: duplicate key "name" (first written on line 1): keep one'),
        (
            "- name: Maya\n",
            "1:1: expected the profile's fields (name: ..., location: ...) at the top level, got a list",
        ),
        (
            "",
            "1:1: the file is empty: a profile needs at least name, location, specialties, price and headshots "
            '(`headshots new photographer "Name"` writes a commented one)',
        ),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
            '1:4: anchors ("&a") are not allowed: write each value out in full',
        ),
        (BASE + "email: not-an-email\n", 'email: "not-an-email" is not an email address (like hello@example.com)'),
        (
            BASE + "instagram: https://instagram.com/maya\n",
            'instagram: "https://instagram.com/maya" is not an Instagram handle: write just the name, like okaforportraits',
        ),
        (BASE + "updated: 2026-13-01\n", 'updated: "2026-13-01" is not a real date in the form YYYY-MM-DD'),
        (BASE + "updated: 1 Oct 2026\n", 'updated: "1 Oct 2026" is not a date in the form YYYY-MM-DD'),
        (
            BASE.replace("    alt:", "    focus: [0.5, 1.5]\n    alt:"),
            "headshots[0].focus[1]: must be at most 1, got 1.5",
        ),
        (
            BASE.replace("    alt:", "    focus: [0.5]\n    alt:"),
            "headshots[0].focus: expected two numbers [x, y], each from 0 to 1",
        ),
        (BASE.replace("commercial]", "theatrical]"), 'specialties[1]: "theatrical" is listed twice: keep one'),
        (
            BASE.replace(
                "headshots:\n  - file: one.jpg\n    alt: Actor in a navy sweater, warm smile\n", "headshots: []\n"
            ),
            "headshots: list at least 1 entry",
        ),
        (BASE + "studio:\n", "studio: expected text, got nothing"),
    ],
)
def test_bad_profile_exact_message(root, text, expected):
    problems = problems_for(root, text)
    assert len(problems) == 1, problems
    assert problems[0].startswith("photographers/maya/profile.yaml:")
    assert expected in problems[0]
    if expected[0].isdigit():  # the line:col is part of what is asserted
        assert problems[0] == f"photographers/maya/profile.yaml:{expected}" or problems[0].startswith(
            f"photographers/maya/profile.yaml:{expected}"
        )


def test_country_no_is_norway_not_false(root):
    path = write_profile(root, "nils", text=BASE.replace("country: US", "country: NO"))
    make_headshot(path.parent / "one.jpg", size=(80, 100))
    profile, problems = load_profile(path)
    assert problems == [] and profile.data["location"]["country"] == "NO"


def test_non_utf8_bytes(root):
    folder = root / "maya"
    folder.mkdir(parents=True)
    (folder / "profile.yaml").write_bytes(BASE.replace("Okafor", "Ok\xe4for").encode("latin-1"))
    make_headshot(folder / "one.jpg", size=(80, 100))
    assert [str(p) for p in load_profile(folder / "profile.yaml")[1]] == [
        "photographers/maya/profile.yaml:1:14: byte 0xE4 is not UTF-8: save the file with UTF-8 encoding"
    ]


def test_folder_name_not_a_slug(root):
    assert problems_for(root, BASE, slug="Maya_Okafor") == [
        'photographers/Maya_Okafor/profile.yaml:1:1: folder name "Maya_Okafor" is not a valid slug: '
        'use lowercase letters, digits and hyphens, e.g. "maya-okafor"'
    ]


def test_every_problem_in_a_file_is_reported(root):
    text = BASE.replace("country: US", "country: USA").replace("from: 350", "form: 350") + "usage: anything\n"
    assert problems_for(root, text) == [
        'photographers/maya/profile.yaml:4:12: location.country: "USA" is not a two-letter ISO 3166 country code '
        "(for example US, GB, CA)",
        'photographers/maya/profile.yaml:8:3: price.form: unknown key "form" (did you mean "from"?)',
        'photographers/maya/profile.yaml:12:8: usage: "anything" is not one of: actor-promotion, unrestricted',
    ]


def test_every_profile_is_checked_before_failing(root):
    write_profile(root, "good", minimal_profile())
    bad_one = write_profile(root, "bad-one", text=BASE.replace("country: US", "country: USA"))
    make_headshot(bad_one.parent / "one.jpg", size=(80, 100))
    write_profile(root, "bad-two", minimal_profile(specialties=["drama"]))
    (root / "no-profile").mkdir()
    (root / "no-profile" / "profile.yml").write_text("name: x\n")
    (root / ".hidden").mkdir()
    (root / "README.md").write_text("not a profile\n")
    profiles, problems = load_profiles(root)
    assert [p.slug for p in profiles] == ["good"]
    assert [str(p) for p in problems] == [
        'photographers/bad-one/profile.yaml:4:12: location.country: "USA" is not a two-letter ISO 3166 country '
        "code (for example US, GB, CA)",
        'photographers/bad-two/profile.yaml:6:3: specialties[0]: "drama" is not one of: theatrical, commercial, '
        "corporate, dance, musical-theatre, kids, comedy, voice",
        "photographers/no-profile/profile.yaml:1:1: missing: every folder in photographers/ needs a profile.yaml "
        "(found profile.yml: rename it)",
    ]


def test_headshot_listed_twice(root):
    text = BASE + "  - file: one.jpg\n    alt: Same again\n"
    assert problems_for(root, text) == [
        'photographers/maya/profile.yaml:12:11: headshots[1].file: "one.jpg" is already listed as '
        "headshots[0].file: list each image once"
    ]


def test_file_name_case_must_match(root):
    assert problems_for(root, BASE, image="ONE.JPG") == [
        'photographers/maya/profile.yaml:10:11: headshots[0].file: file "one.jpg" not found in photographers/maya/ '
        '(did you mean "ONE.JPG"?)'
    ]


def test_city_without_letters(root):
    assert problems_for(root, BASE.replace("city: Chicago", 'city: "?!"')) == [
        'photographers/maya/profile.yaml:3:9: location.city: "?!" has no letters or digits to make the city '
        "page's address from"
    ]


def test_every_field_of_the_design_is_accepted(root):
    text = (
        BASE
        + """\
studio: Okafor Portrait Studio
travels_to: [Milwaukee, Evanston]
lighting: [studio, natural]
sessions:
  - name: Two looks, theatrical + commercial
    price: 650
    looks: 2
    minutes: 120
    retouched: 3
hair_makeup: available
retouching: natural
proofs: all
turnaround_days: 5
booking_lead_days: 14
usage: actor-promotion
website: https://okafor.example
booking_url: https://okafor.example/book
email: hello@okafor.example
instagram: okaforportraits
bio: |
  Ten years shooting for Chicago's storefront theatres.
updated: 2026-10-01
"""
    )
    text = text.replace("from: 350", "from: 350\n  to: 900").replace(
        "    alt: Actor in a navy sweater, warm smile\n",
        "    alt: Actor in a navy sweater, warm smile\n    look: commercial\n    focus: [0.5, 0.32]\n",
    )
    assert problems_for(root, text) == []


def test_scaffold_examples_left_in_are_reported(root):
    text = (
        BASE.replace(
            "alt: Actor in a navy sweater, warm smile", "alt: Actor in a navy sweater, warm smile, soft window light"
        )
        + "studio: Replace Studio Name\nwebsite: https://example.com\n"
    )
    assert sorted(problems_for(root, text)) == [
        'photographers/maya/profile.yaml:11:10: headshots[0].alt: "Actor in a navy sweater, warm smile, '
        "soft window light\" is the scaffold's example: write your own, or delete the line if it is optional",
        'photographers/maya/profile.yaml:12:9: studio: "Replace Studio Name" is the scaffold\'s example: '
        "write your own, or delete the line if it is optional",
        'photographers/maya/profile.yaml:13:10: website: "https://example.com" is the scaffold\'s example: '
        "write your own, or delete the line if it is optional",
    ]


def _schema_cases():
    """Profiles around every rule of the schema: the sample profiles and BASE with one field changed."""
    from pathlib import Path

    from headshots import yamlnodes

    base = yamlnodes.load(BASE).data
    variants = [
        yamlnodes.load(p.read_bytes()).data
        for p in sorted(Path(__file__).parents[1].glob("photographers/*/profile.yaml"))
    ]
    for field, values in {
        "updated": ["2026-11-25", "2026-02-30", "2026-2-1", "20261125", "2026-W47-3", "25/11/2026", 20261125],
        "email": ["hello@example.com", "a@b", "not-an-email", "@", "hello@@example.com", ""],
        "website": [
            "https://example.com",
            "https://exa mple.com",
            "https://example.com/\u00a0x",
            "example.com",
            "https://localhost",
            "javascript:alert(1)",
        ],
        "turnaround_days": [2, 2.0, 2.5, True, -1, "2"],
        "instagram": ["okaforportraits", "okafor.portraits", "@okafor", "https://instagram.com/x", "a" * 40],
        "specialties": [["theatrical"], ["theatrical", "theatrical"], [], "theatrical"],
    }.items():
        variants += [{**base, field: value} for value in values]
    variants += [{**base, "price": {"currency": "USD", "from": value}} for value in (1, 0, -5, 0.5, True, "350")]
    variants += [
        {**base, "headshots": [{**base["headshots"][0], "focus": value}]}
        for value in ([0.5, 0.3], [0.5, 1.5], [0.5], [0, 1], ["a", "b"])
    ]
    return variants


def test_quick_validator_never_accepts_what_jsonschema_refuses():
    """The jsonschema-rs gate may only skip jsonschema for profiles jsonschema accepts."""
    from headshots.validate import quick_validator, validator

    outcomes = set()
    for data in _schema_cases():
        valid = not any(validator().iter_errors(data))
        if not valid:
            assert not quick_validator().is_valid(data), data
        outcomes.add(valid)
    assert outcomes == {True, False}
