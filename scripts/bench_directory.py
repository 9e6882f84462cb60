"""The synthetic directory the benchmarks build (`make bench-scale`, `bench_serve.py`, `bench_shards.py`).

N photographers across a few hundred cities (a long-tailed spread, so the
big cities paginate), 4 photo-like headshots each (or shared small ones),
and articles; the N include the sample photographers' profiles, which the
site's real articles link to. Also the reference (N plain Markdown articles
for plain Pelican) and the command that builds the synthetic site.

Headshots: a pool of 8 distinct images (one real portrait, tinted and grained
eight ways, so the face detector finds a face) is encoded once; each
headshot is a pool image with a unique JPEG comment (COM segment) spliced in
after SOI, so every file has distinct bytes (a distinct content hash: the
pipeline decodes and encodes each one) at the cost of a file copy. Without
images (`--images 0`) every headshot is a hard link to one of a few small
800x1000 files (a handful of distinct hashes).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "plugins"))

SPECIALTIES = ["theatrical", "commercial", "corporate", "dance", "musical-theatre", "kids", "comedy", "voice"]
LIGHTING = ["studio", "natural", "outdoor"]
COUNTRIES = [
    ("US", "USD"),
    ("GB", "GBP"),
    ("CA", "CAD"),
    ("AU", "AUD"),
    ("DE", "EUR"),
    ("FR", "EUR"),
    ("IE", "EUR"),
    ("NZ", "NZD"),
]
FIRST = [
    "Maya",
    "Jonah",
    "Aisha",
    "Tomás",
    "Priya",
    "Lena",
    "Oskar",
    "Zoë",
    "Kwame",
    "Ines",
    "Ravi",
    "Hana",
    "Mateo",
    "Sofia",
    "Elif",
    "Noah",
    "Yara",
    "Felix",
    "Amara",
    "Luca",
    "Nadia",
    "Ivan",
    "Chloé",
    "Ben",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Rahman",
    "O'Neill",
    "Petrov",
    "García",
    "Nowak",
    "Adeyemi",
    "Schmidt",
    "Rossi",
    "Haddad",
    "Kim",
    "Fischer",
    "Dubois",
    "Silva",
    "Novak",
    "Costa",
    "Walsh",
]
SYLLABLES = [
    "ar",
    "bel",
    "cas",
    "dor",
    "el",
    "fen",
    "gar",
    "hol",
    "in",
    "jas",
    "kel",
    "lor",
    "mar",
    "nor",
    "ost",
    "pen",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "ven",
    "wes",
    "yor",
    "zan",
]
WORDS = (
    "light casting actor frame session look smile eyes backdrop studio natural window theatre agent "
    "retouch proof colour contrast crop shoulders jacket texture warm honest calm direction"
).split()


# --------------------------------------------------------------------------- generation


def city_names(count: int, rng: random.Random) -> list[str]:
    names = set()
    while len(names) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()
        if rng.random() < 0.15:
            name += rng.choice((" Falls", " Harbour", " Springs", " Heights"))
        names.add(name)
    return sorted(names)


def photo_pool(size: tuple[int, int], count: int, quality: int) -> list[bytes]:
    """`count` distinct JPEGs from a real photograph with one face (scikit-image's "astronaut",
    cut to a head-and-shoulders 4:5 frame), each tinted and grained its own way: the face detector
    finds a face in every one, as it would in a real directory."""
    import skimage.data
    from PIL import Image

    portrait = Image.fromarray(skimage.data.astronaut()).crop((40, 0, 424, 480)).resize(size, Image.Resampling.LANCZOS)
    pool = []
    rng = random.Random(8)
    for _ in range(count):
        tint = Image.new("RGB", size, (rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200)))
        image = Image.blend(portrait, tint, 0.15)
        image = Image.blend(image, Image.effect_noise(size, 18).convert("RGB"), 0.08)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        pool.append(buffer.getvalue())
    return pool


def with_comment(jpeg: bytes, text: str) -> bytes:
    """The same JPEG with a COM segment after SOI: other bytes, same pixels, no re-encode."""
    payload = text.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def profile_yaml(index: int, rng: random.Random, cities: list[str], weights: list[float]) -> tuple[str, str, list]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{first} {last} {index:05d}"
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().encode("ascii", "ignore").decode()).strip("-")
    city = rng.choices(cities, weights)[0]
    country, currency = COUNTRIES[cities.index(city) % len(COUNTRIES)]
    travels = sorted({rng.choices(cities, weights)[0] for _ in range(rng.choice((0, 0, 1, 2, 3)))} - {city})
    price = rng.randrange(150, 900, 25)
    files = [f"{slug[:12]}-{n}.jpg" for n in range(1, 5)]
    looks = rng.sample(SPECIALTIES, 2)
    bio = "\n\n".join(
        sentence(rng, rng.randrange(20, 40)) + " " + sentence(rng, rng.randrange(10, 25)) for _ in range(2)
    )
    lines = [
        "# yaml-language-server: $schema=../../plugins/headshots/profile.schema.json",
        f"name: {name}",
        f"studio: {last} Studio {index}",
        "location:",
        f"  city: {city}",
        f"  country: {country}",
    ]
    if travels:
        lines.append(f"travels_to: [{', '.join(travels)}]")
    lines += [
        f"specialties: [{', '.join(looks)}]",
        f"lighting: [{rng.choice(LIGHTING)}]",
        "price:",
        f"  currency: {currency}",
        f"  from: {price}",
        f"  to: {price + 400}",
        "sessions:",
        "  - name: One look",
        f"    price: {price}",
        "    looks: 1",
        "    minutes: 60",
        "    retouched: 2",
        "  - name: Three looks",
        f"    price: {price + 400}",
        "    looks: 3",
        "    minutes: 150",
        "    retouched: 5",
        f"hair_makeup: {rng.choice(['included', 'available', 'none'])}",
        f"retouching: {rng.choice(['none', 'natural', 'full'])}",
        f"proofs: {rng.choice(['all', 'selects'])}",
        f"turnaround_days: {rng.randrange(2, 14)}",
        f"booking_lead_days: {rng.randrange(3, 30)}",
        "usage: actor-promotion",
        f"website: https://{slug}.example.com",
        f"email: hello@{slug}.example.com",
        f"instagram: {slug.replace('-', '')[:28]}",
        "bio: |",
        textwrap.indent(bio, "  "),
        "headshots:",
    ]
    for n, file in enumerate(files):
        lines += [f"  - file: {file}", f"    alt: {sentence(rng, 8)[:-1]}", f"    look: {looks[n % 2]}"]
    lines.append(f"updated: 2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
    return slug, "\n".join(lines) + "\n", files


def sample_folders() -> list[Path]:
    return sorted(p.parent for p in (REPO / "photographers").glob("*/profile.yaml"))


def sample_files(text: str) -> list[str]:
    import yaml

    return [headshot["file"] for headshot in yaml.safe_load(text)["headshots"]]


def generate(base: Path, n: int, images: bool, articles: int, seed: int = 1) -> dict:
    """The synthetic site: base/photographers, base/content; returns what the scenarios need."""
    rng = random.Random(seed)
    cities = city_names(max(20, min(400, n // 4 + 20)), rng)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(cities))]  # a long tail: a few big cities
    rng.shuffle(weights)
    root = base / "photographers"
    started = time.perf_counter()
    if images:
        pool = photo_pool((2000, 2500), 8, 88)
    else:
        pool_dir = base / "pool"
        pool_dir.mkdir(parents=True)
        pool = []
        for index, data in enumerate(photo_pool((800, 1000), 8, 80)):
            (pool_dir / f"{index}.jpg").write_bytes(data)
            pool.append(pool_dir / f"{index}.jpg")
    headshots = []
    slugs = []
    # The sample photographers' profiles come too (with pool images): the real articles copied
    # below link to them and to their cities, and the build refuses links that lead nowhere.
    samples = [(folder.name, (folder / "profile.yaml").read_text(encoding="utf-8")) for folder in sample_folders()]
    generated = [profile_yaml(index, rng, cities, weights) for index in range(max(0, n - len(samples)))]
    for index, (slug, text, files) in enumerate(
        [(slug, text, sample_files(text)) for slug, text in samples] + generated
    ):
        folder = root / slug
        folder.mkdir(parents=True)
        (folder / "profile.yaml").write_text(text, encoding="utf-8")
        for k, file in enumerate(files):
            target = folder / file
            if images:
                target.write_bytes(with_comment(pool[(index + k) % len(pool)], f"bench {slug} {k}"))
            else:
                os.link(pool[(index + k) % len(pool)], target)
            headshots.append(target)
        slugs.append(slug)
    content = base / "content"
    shutil.copytree(REPO / "content", content)
    existing = len(list((content / "articles").glob("*.md")))
    for index in range(max(0, articles - existing)):
        body = "\n\n".join(" ".join(sentence(rng, rng.randrange(12, 30)) for _ in range(4)) for _ in range(6))
        (content / "articles" / f"bench-article-{index:03d}.md").write_text(
            f"---\ntitle: Bench article {index}\ndate: 2026-0{1 + index % 9}-{1 + index % 27:02d}\n"
            f"author: First Look editors\ncategory: {'Headshots' if index % 2 else 'Casting process'}\n"
            f"tags: [bench]\nsummary: {sentence(rng, 15)}\n---\n\n{body}\n",
            encoding="utf-8",
        )
    return {
        "root": root,
        "content": content,
        "slugs": slugs,
        "headshots": headshots,
        "cities": len(cities),
        "seconds": time.perf_counter() - started,
        "bytes": sum(p.stat().st_size for p in headshots) if images else 0,
    }


def reference_site(base: Path, n: int, seed: int = 2) -> tuple[Path, Path]:
    """N plain Markdown articles, a minimal theme and minimal settings (no plugins)."""
    rng = random.Random(seed)
    content = base / "content"
    (content / "articles").mkdir(parents=True)
    for index in range(n):
        body = "\n\n".join(sentence(rng, rng.randrange(20, 40)) for _ in range(3))
        (content / "articles" / f"article-{index:05d}.md").write_text(
            f"Title: Article {index}\nDate: 2026-01-01\nCategory: bench\n\n{body}\n", encoding="utf-8"
        )
    theme = base / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "base.html").write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>{% block title %}{{ SITENAME }}{% endblock %}"
        "</title><main>{% block content %}{% endblock %}</main></html>\n"
    )
    (theme / "article.html").write_text(
        '{% extends "base.html" %}{% block title %}{{ article.title }}{% endblock %}'
        "{% block content %}<h1>{{ article.title }}</h1>{{ article.content }}{% endblock %}\n"
    )
    (theme / "index.html").write_text('{% extends "base.html" %}{% block content %}<h1>Index</h1>{% endblock %}\n')
    (theme / "page.html").write_text('{% extends "base.html" %}{% block content %}{{ page.content }}{% endblock %}\n')
    settings = base / "refconf.py"
    settings.write_text(
        textwrap.dedent(f"""\
        SITENAME = "Reference"
        SITEURL = ""
        TIMEZONE = "UTC"
        PATH = {str(content)!r}
        THEME = {str(base / "theme")!r}
        PLUGINS = []
        DIRECT_TEMPLATES = ["index"]
        DEFAULT_PAGINATION = False
        ARTICLE_URL = "articles/{{slug}}/"
        ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
        AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
        TAG_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
        FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
        AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
        LOAD_CONTENT_CACHE = False
        CACHE_CONTENT = False
        """)
    )
    return content, settings


def site_command(out: Path, cache: Path, data: dict, formats: list[str], images: bool) -> list[str]:
    extra = {
        "PHOTOGRAPHERS_PATH": str(data["root"]),
        "CACHE_PATH": str(cache),
        "HEADSHOTS_FORMATS": formats,
        "HEADSHOTS_PUBLISH": bool(images),
        "HEADSHOTS_PROGRESS_MIN": 10**9,
    }
    return [
        sys.executable,
        "-m",
        "pelican",
        str(data["content"]),
        "-s",
        str(REPO / "pelicanconf.py"),
        "-o",
        str(out),
        "-e",
        *(f"{k}={json.dumps(v)}" for k, v in extra.items()),
    ]
