"""A seeded fuzz of profile YAML and article front matter, through `headshots check` and a real build.

Each example is one photographer and one article, with hostile values drawn
from a pool (markup, script addresses, invisible characters, numbers YAML
reads as NaN or infinity, huge and nested values, broken YAML). For every
example: no traceback anywhere; when the check refuses, the build refuses
with the same lines and writes nothing; when it passes, the build succeeds,
every JSON file parses with a strict parser, and no page carries a script,
an event handler or a script address that came from the input (every
hostile value carries the marker FUZZ).
"""

import json
import random
from html.parser import HTMLParser

import pytest
import yaml
from test_hostile import FRONT, build, check_lines, site

from factories import make_headshot

SEED = 20261204
EXAMPLES = 16

HOSTILE_TEXT = [
    "<script>alert('FUZZ')</script>",
    '"><img src=x onerror=alert("FUZZ")>',
    "javascript:alert('FUZZ')",
    "FUZZ\u202eevil",
    "FUZZ\u200b",
    "  ",
    "FUZZ" * 80,
    "FUZZ\nsecond line",
    "</script><script>alert('FUZZ')</script>",
    "{{ FUZZ }} {% raw %}",
    "Zoë FUZZ O'Brien & Sons <b>",
]
HOSTILE_NUMBERS = [".nan", "-.inf", "1e400", "9" * 40, "-5", "0", "12.5"]
HOSTILE_URLS = [
    "javascript:alert('FUZZ')",
    "https://trusted.example@evil.example/FUZZ",
    "//evil.example/FUZZ",
    "https://\u0430pple.com/FUZZ",
    "data:text/html,FUZZ",
    "https://example.com/FUZZ",
]
#: Markup that is only text: a profile or an article may say it, and the page must show it, inert.
MARKUP_TEXT = [t for t in HOSTILE_TEXT if "FUZZ" in t and "\n" not in t and "\u202e" not in t and "\u200b" not in t][:6]
SAFE_BODIES = [
    "Plain FUZZ text with a [good link](/scan/) and `<script>FUZZ</script>` in code.",
    "<details><summary>FUZZ</summary>ok</details>",
    "A &lt;script&gt;FUZZ&lt;/script&gt; written out, and **bold** FUZZ.",
]
HOSTILE_BODIES = [
    "<script>alert('FUZZ')</script>",
    '<img src="/x.jpg" alt="FUZZ" onerror="alert(1)">',
    "[FUZZ](javascript:alert(1))",
    "[FUZZ][r]\n\n[r]: vbscript:msgbox(1)",
    '<a title=" href=/ " href="javascript:alert(\'FUZZ\')">x</a>',
    "<iframe src=https://evil.example/FUZZ></iframe>",
    "Plain FUZZ text with a [good link](/scan/).",
    "<details><summary>FUZZ</summary>ok</details>",
]


def build_errors(result, root) -> list[str]:
    """The problem lines a build printed (its warnings left out), relative to `root`, as the check prints them."""
    lines = [line.replace(str(root) + "/", "") for line in result.stderr.splitlines()]
    return [line for line in lines if ": warning: " not in line and line.startswith(("content/", "photographers/"))]


def profile_text(rng: random.Random, publishable: bool) -> str:
    """A valid profile with one to three fields made hostile (sometimes as raw YAML); when
    `publishable`, only with markup the site must show as text."""
    profile = {
        "name": "Maya Okafor",
        "location": {"city": "Chicago", "country": "US"},
        "specialties": ["theatrical"],
        "price": {"currency": "USD", "from": 350},
        "bio": "Works with actors.",
        "website": "https://example.com/",
        "headshots": [{"file": "one.jpg", "alt": "Actor in a navy sweater"}],
    }
    raw = []
    if publishable:
        profile["name"], profile["bio"] = rng.choice(MARKUP_TEXT)[:100], rng.choice(MARKUP_TEXT)
        profile["headshots"][0]["alt"] = rng.choice(MARKUP_TEXT)[:200]
        return yaml.safe_dump(profile, sort_keys=False, allow_unicode=True)
    for _ in range(rng.randint(1, 3)):
        target = rng.choice(["name", "city", "bio", "alt", "website", "from", "focus", "nested", "key"])
        if target in ("name", "bio"):
            profile[target] = rng.choice(HOSTILE_TEXT)
        elif target == "city":
            profile["location"]["city"] = rng.choice(HOSTILE_TEXT)
        elif target == "alt":
            profile["headshots"][0]["alt"] = rng.choice(HOSTILE_TEXT)
        elif target == "website":
            profile["website"] = rng.choice(HOSTILE_URLS)
        elif target == "from":
            raw.append(("  from: 350", "  from: " + rng.choice(HOSTILE_NUMBERS)))
        elif target == "focus":
            raw.append(("  alt:", f"  focus: [{rng.choice(HOSTILE_NUMBERS)}, 0.3]\n  alt:"))
        elif target == "nested":
            depth = rng.choice([3, 30, 300])
            raw.append(("specialties:", "extra: " + "[" * depth + "]" * depth + "\nspecialties:"))
        else:
            profile[rng.choice(["FUZZ", "<b>", "on\nerror"])] = "x"
    text = yaml.safe_dump(profile, sort_keys=False, allow_unicode=True)
    for old, new in raw:
        text = text.replace(old, new, 1)
    return text


def article_text(rng: random.Random, publishable: bool) -> str:
    if publishable:
        title = json.dumps(rng.choice(MARKUP_TEXT)[:80])
        return FRONT.replace("title: A hostile article", f"title: {title}") + rng.choice(SAFE_BODIES) + "\n"
    front = FRONT
    for _ in range(rng.randint(0, 2)):
        field = rng.choice(["title", "date", "summary", "slug", "tags"])
        value = rng.choice([json.dumps(rng.choice(HOSTILE_TEXT)), "[a, b]", "{x: 1}", "someday", "../scan", "", ".nan"])
        lines = [line for line in front.splitlines() if not line.startswith(f"{field}:")]
        lines.insert(1, f"{field}: {value}")
        front = "\n".join(lines) + "\n\n"
    return front + "\n\n".join(rng.sample(HOSTILE_BODIES, rng.randint(1, 3))) + "\n"


class _Scripts(HTMLParser):
    """Anything in a page that would run and came from the input."""

    def __init__(self):
        super().__init__()
        self.found, self._script = [], None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "FUZZ" in value:
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.found.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            self._script = dict(attrs).get("type", "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is None:
            return
        if self._script == "application/ld+json":
            json.loads(data, parse_constant=_refuse)  # data, not code: it must stay one JSON value
        elif "FUZZ" in data:
            self.found.append(f"<script>{data[:40]}")


def _refuse(name):
    raise ValueError(f"{name} in JSON")


@pytest.mark.parametrize("example", range(EXAMPLES))
def test_fuzzed_profiles_and_articles(tmp_path, example):
    rng = random.Random(SEED + example)
    publishable = example % 2 == 0  # half the examples hold only what must be published, inert
    root = site(tmp_path, articles={"fuzzed.md": article_text(rng, publishable)}, profiles={})
    folder = root / "photographers" / "maya-okafor"
    folder.mkdir(parents=True)
    (folder / "profile.yaml").write_text(profile_text(rng, publishable), encoding="utf-8")
    make_headshot(folder / "one.jpg")
    problems = check_lines(root)
    result, output = build(root)
    errors = build_errors(result, root)
    assert not (publishable and problems), problems
    if problems:
        assert result.returncode != 0
        assert sorted(errors) == sorted(problems)
        assert not output.exists() or not any(output.rglob("*.html"))
        return
    assert result.returncode == 0, result.stderr
    for path in output.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse)
    for path in output.rglob("*.html"):
        scripts = _Scripts()
        scripts.feed(path.read_text(encoding="utf-8"))
        assert scripts.found == [], (path, scripts.found)


# -- issue 28: the doors around the checked inputs ---------------------------------------------------

DOOR_EXAMPLES = 8


def _open_door(rng: random.Random, root, door: str) -> None:
    """One hostile file or value of issue 28's kinds, under root."""
    content, folder = root / "content", root / "photographers" / "maya-okafor"
    (content / "media").mkdir(exist_ok=True)
    if door == "other format":
        name = rng.choice(["x.rst", "x.html", "x.htm", "x.mkd", "x.mdown", "x.markdown", "x.txt"])
        (content / "articles" / name).write_text(
            ".. include:: ../../.git/config\n<meta name=save_as content=index.html>"
        )
    elif door == "media file":
        name = rng.choice(["x.svg", "x.html", "x.js", "x.css", "x.pdf"])
        (content / "media" / name).write_text("<svg onload=alert('FUZZ')></svg>")
    elif door == "link":
        target = rng.choice(["/etc/hostname", "/etc", str(root / "nowhere")])
        place = rng.choice([content / "media" / "x.jpg", folder / "spare.jpg", content / "articles" / "y.md"])
        place.symlink_to(target)
    elif door == "address":
        extra = rng.choice(["save_as: index.html", "url: scan/", "template: page", "slug: pagefind", "slug: 012"])
        (content / "articles" / "door.md").write_text(FRONT.replace("summary:", extra + "\nsummary:") + "x\n")
    else:  # a long list
        text = (folder / "profile.yaml").read_text()
        cities = ", ".join(f"Town {n}" for n in range(rng.randint(31, 400)))
        (folder / "profile.yaml").write_text(text + f"travels_to: [{cities}]\n")


@pytest.mark.parametrize("example", range(DOOR_EXAMPLES))
def test_fuzzed_doors_are_refused_alike(tmp_path, example):
    rng = random.Random(SEED + 1000 + example)
    root = site(tmp_path, articles={"fine.md": FRONT + "Fine.\n"}, profiles={})
    folder = root / "photographers" / "maya-okafor"
    folder.mkdir(parents=True)
    (folder / "profile.yaml").write_text(profile_text(rng, True), encoding="utf-8")
    make_headshot(folder / "one.jpg")
    doors = rng.sample(["other format", "media file", "link", "address", "long list"], rng.randint(1, 2))
    for door in doors:
        _open_door(rng, root, door)
    problems = check_lines(root)
    result, output = build(root)
    errors = build_errors(result, root)
    assert problems, doors
    assert result.returncode != 0
    assert sorted(errors) == sorted(problems)
    assert not output.exists() or not any(output.rglob("*"))
