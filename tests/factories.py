"""Small generated inputs for tests: profiles and headshot images made on the fly."""

import functools
from pathlib import Path

import yaml
from PIL import Image, ImageOps


@functools.cache
def portrait() -> Image.Image:
    """A real photograph with one face: scikit-image's "astronaut" (Eileen Collins, NASA, public
    domain), 512 x 512, cut to a 4:5 head-and-shoulders frame (the face is about a fifth of its height)."""
    import skimage.data

    return Image.fromarray(skimage.data.astronaut()).crop((40, 0, 424, 480))


def make_headshot(path, size=(800, 1000), colour=(150, 110, 90), fmt=None, **save_args):
    """Write a headshot (the real portrait, fitted to `size` and tinted by `colour`, so that each
    file differs) and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    photo = ImageOps.fit(portrait(), size, Image.Resampling.LANCZOS, centering=(0.5, 0.3))
    image = Image.blend(photo, Image.new("RGB", size, colour), 0.15)
    image.save(path, format=fmt, **save_args)
    return path


def minimal_profile(name="Test Photographer", city="Chicago", country="US", **fields):
    """The smallest valid profile, with overrides."""
    profile = {
        "name": name,
        "location": {"city": city, "country": country},
        "specialties": ["theatrical"],
        "price": {"currency": "USD", "from": 300},
        "headshots": [{"file": "one.jpg", "alt": "Actor in a gray sweater against a plain backdrop"}],
    }
    profile.update(fields)
    return profile


def write_profile(root, slug, profile=None, *, images=True, text=None):
    """Write `root/slug/profile.yaml` (from a dict, or raw `text`) and the images it names."""
    folder = Path(root) / slug
    folder.mkdir(parents=True, exist_ok=True)
    profile = minimal_profile() if profile is None and text is None else profile
    if text is None:
        text = yaml.safe_dump(profile, sort_keys=False, allow_unicode=True)
    (folder / "profile.yaml").write_text(text, encoding="utf-8")
    if images and profile:
        for index, headshot in enumerate(profile.get("headshots", [])):
            target = folder / headshot["file"]
            if "/" not in headshot["file"] and not target.exists():
                make_headshot(target, colour=(120 + 20 * index % 120, 100, 80))
    return folder / "profile.yaml"


# One small valid profile as text, so the bad variants below have known lines and columns.
PROFILE_TEXT = """\
name: Maya Okafor
location:
  city: Chicago
  country: US
specialties: [theatrical, commercial]
price:
  currency: USD
  from: 350
headshots:
  - file: one.jpg
    alt: Actor in a navy sweater, warm smile
"""

# Every kind of bad input issue 2 lists: folder -> (file content, the exact problem after "FILE:").
BAD_PROFILES = {
    "syntax-error": (
        "name: Maya\nlocation: [Chicago\n",
        "3:1: YAML syntax error: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence that starts on line 2)",
    ),
    "missing-field": (PROFILE_TEXT.replace("  city: Chicago\n", ""), '3:3: location: missing required field "city"'),
    "wrong-type": (
        PROFILE_TEXT.replace("from: 350", "from: three hundred"),
        '8:9: price.from: expected a number, got "three hundred"',
    ),
    "unknown-key": (
        PROFILE_TEXT.replace("from: 350", "form: 350"),
        '8:3: price.form: unknown key "form" (did you mean "from"?)',
    ),
    "vocabulary": (
        PROFILE_TEXT.replace("commercial]", "drama]"),
        '5:27: specialties[1]: "drama" is not one of: theatrical, commercial, corporate, dance, '
        "musical-theatre, kids, comedy, voice",
    ),
    "missing-image": (
        PROFILE_TEXT.replace("one.jpg", "two.jpg"),
        '10:11: headshots[0].file: file "two.jpg" not found in {folder}/ (did you mean "one.jpg"?)',
    ),
    "dotdot-file": (
        PROFILE_TEXT.replace("one.jpg", "../good/one.jpg"),
        '10:11: headshots[0].file: "../good/one.jpg" is not a file name in this profile\'s folder: '
        'no "/", "\\" or ".."',
    ),
    "javascript-url": (
        PROFILE_TEXT + "website: javascript:alert(1)\n",
        '12:10: website: "javascript:alert(1)" is not a web address: use a full address starting '
        "with https:// (or http://)",
    ),
    "missing-alt": (
        PROFILE_TEXT.replace("    alt: Actor in a navy sweater, warm smile\n", ""),
        '10:5: headshots[0]: missing required field "alt"',
    ),
    "price-to-below-from": (
        PROFILE_TEXT.replace("from: 350", "from: 350\n  to: 200"),
        "9:7: price.to: 200 is less than price.from (350): price.to is the most expensive session",
    ),
    "three-letter-country": (
        PROFILE_TEXT.replace("country: US", "country: USA"),
        '4:12: location.country: "USA" is not a two-letter ISO 3166 country code (for example US, GB, CA)',
    ),
    "duplicate-key": (
        PROFILE_TEXT + "name: Maya Again\n",
        '12:1: duplicate key "name" (first written on line 1): keep one',
    ),
    "top-level-list": (
        "- name: Maya Okafor\n",
        "1:1: expected the profile's fields (name: ..., location: ...) at the top level, got a list",
    ),
    "empty-file": (
        "",
        "1:1: the file is empty: a profile needs at least name, location, specialties, price and "
        'headshots (`headshots new photographer "Name"` writes a commented one)',
    ),
    "not-utf8": (
        PROFILE_TEXT.replace("Okafor", "Ok\xe4for").encode("latin-1"),
        "1:14: byte 0xE4 is not UTF-8: save the file with UTF-8 encoding",
    ),
    "billion-laughs": (
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        '1:4: anchors ("&a") are not allowed: write each value out in full',
    ),
    # hostile values (issue 18): each refused with one line, by the check and the build alike
    "nan-price": (
        PROFILE_TEXT.replace("from: 350", "from: .nan"),
        '8:9: ".nan" is not a number a page can show: write a finite number',
    ),
    "infinite-price": (
        PROFILE_TEXT.replace("from: 350", "from: -.inf"),
        '8:9: "-.inf" is not a number a page can show: write a finite number',
    ),
    "overflowing-price": (
        PROFILE_TEXT.replace("from: 350", "from: 1e400"),
        '8:9: "1e400" is too large to be a number here',
    ),
    "400-digit-price": (
        PROFILE_TEXT.replace("from: 350", "from: " + "9" * 400),
        "8:9: a number 400 characters long is too large: no field needs more than 15 digits",
    ),
    "5000-digit-price": (
        PROFILE_TEXT.replace("from: 350", "from: " + "9" * 5000),
        "8:9: a number 5000 characters long is too large: no field needs more than 15 digits",
    ),
    "nan-focus": (
        PROFILE_TEXT + "    focus: [.nan, .nan]\n",
        '12:13: ".nan" is not a number a page can show: write a finite number',
    ),
    "blank-alt": (
        PROFILE_TEXT.replace("alt: Actor in a navy sweater, warm smile", 'alt: "   "'),
        "11:10: headshots[0].alt: is blank: write a value, or delete the line if the field is optional",
    ),
    "blank-name": (
        PROFILE_TEXT.replace("name: Maya Okafor", 'name: " "'),
        "1:7: name: is blank: write a value, or delete the line if the field is optional",
    ),
    "currency-with-a-line-break": (
        PROFILE_TEXT.replace("currency: USD", 'currency: "USD\\n"'),
        "7:13: price.currency: has a line break: keep it on one line",
    ),
    "right-to-left-override-in-a-city": (
        PROFILE_TEXT.replace("city: Chicago", 'city: "\\u202eogacihC"'),
        "3:9: location.city: contains the invisible character U+202E, which can hide or reorder text: delete it",
    ),
    "zero-width-space-in-a-city": (
        PROFILE_TEXT.replace("city: Chicago", 'city: "Chi\\u200bcago"'),
        "3:9: location.city: contains the invisible character U+200B, which can hide or reorder text: delete it",
    ),
    "a-bio-of-5-000-characters": (
        PROFILE_TEXT + "bio: " + "w" * 5000 + "\n",
        "12:6: bio: is 5,000 characters long: at most 4,000 here",
    ),
    "website-ending-in-a-nul-byte": (
        PROFILE_TEXT + 'website: "https://example.com/\\0"\n',
        "12:10: website: contains the invisible character U+0000, which can hide or reorder text: delete it",
    ),
    "400-levels-of-nesting": (
        PROFILE_TEXT + "extra: " + "[" * 400 + "]" * 400 + "\n",
        "1:1: lists and mappings are nested more than 20 levels deep: no field needs that",
    ),
    "Not_A_Slug": (
        PROFILE_TEXT,
        '1:1: folder name "Not_A_Slug" is not a valid slug: use lowercase letters, '
        'digits and hyphens, e.g. "not-a-slug"',
    ),
}


def write_bad_profiles(root, display_root):
    """Write every BAD_PROFILES case (each with its image) under `root`; return the exact lines expected.

    `display_root` is how the tool under test prints `root` (relative or absolute).
    """
    root = Path(root)
    expected = []
    for slug, (content, problem) in BAD_PROFILES.items():
        folder = root / slug
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "profile.yaml"
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        make_headshot(folder / "one.jpg")
        problem = problem.replace("{folder}", f"{display_root}/{slug}")
        expected.append(f"{display_root}/{slug}/profile.yaml:{problem}")
    return expected
