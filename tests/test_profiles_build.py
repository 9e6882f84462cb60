"""Real `pelican` builds of small generated directories, against the real theme.

Small builds (each a second or two): one valid directory with hostile and
Unicode text, paginated two to a page; one invalid directory; `headshots
check` against the build on the same bad input; Pelican's content cache.
"""

import gzip
import hashlib
import io
import json
import pickle
import re
import shutil

import pytest

from conftest import FAST_BUILD, REPO, headshots, pelican_build
from factories import BAD_PROFILES, minimal_profile, write_bad_profiles, write_profile

FAST = {**FAST_BUILD, "SEARCH_ENABLED": True}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("profiles-build")
    root = base / "photographers"
    write_profile(
        root,
        "zoe-adams",
        minimal_profile(
            name="Zoë <script>alert('name')</script> Adams",
            city="Zürich",
            country="CH",
            travels_to=["Basel", "山田"],
            price={"currency": "CHF", "from": 380, "to": 1200},
            sessions=[{"name": "One look", "price": 380, "looks": 1, "retouched": 2}],
            bio="Shoots <b>raw</b> <script>alert('bio')</script> actors.\n\n"
            "[click me](javascript:alert('link')) or [my site](https://zoe.example).",
            headshots=[
                {"file": "zoe-01.jpg", "alt": "Zoë in a green coat"},
                {"file": "zoe-02.jpg", "alt": "Zoë laughing"},
            ],
        ),
    )
    write_profile(
        root, "maya-okafor", minimal_profile(name="Maya Okafor", email="maya@example.com", updated="2026-10-01")
    )
    write_profile(
        root,
        "yamada-taro",
        minimal_profile(name="山田 太郎", city="山田", country="JP", price={"currency": "JPY", "from": 30000}),
    )
    output = base / "output"
    result = pelican_build(
        output, photographers=root, cache=base / "cache", extra={**FAST, "PHOTOGRAPHERS_PER_PAGE": 2}
    )
    assert result.returncode == 0, result.stderr
    return {"root": root, "output": output, "result": result}


def read(site, url):
    return (site["output"] / url / "index.html").read_text(encoding="utf-8")


def every_page(site):
    return {path: path.read_text(encoding="utf-8") for path in site["output"].rglob("*.html")}


def test_pages_exist_at_clean_urls(site):
    for url in [
        "photographers",
        "photographers/page/2",
        "photographers/zoe-adams",
        "photographers/zoe-adams/scan",
        "photographers/maya-okafor",
        "photographers/yamada-taro",
        "cities/zurich",
        "cities/basel",
        "cities/chicago",
        "cities/山田",
    ]:
        assert (site["output"] / url / "index.html").is_file(), url
    assert not (site["output"] / "photographers/page/3").exists()


def test_directory_is_alphabetical_and_paginated(site):
    first, second = read(site, "photographers"), read(site, "photographers/page/2")
    assert first.index("Maya Okafor") < first.index("Zoë")
    assert "山田 太郎" in second and "Maya Okafor" not in second
    assert 'href="/photographers/page/2/"' in first
    assert 'href="/photographers/"' in second


def test_hostile_text_is_escaped_and_never_runs(site):
    for path, html in every_page(site).items():
        assert "<script>alert(" not in html, path
        assert "javascript:alert" not in html, path
        assert "<b>raw</b>" not in html, path
    profile = read(site, "photographers/zoe-adams")
    assert "Zoë &lt;script&gt;alert(" in profile
    assert "Shoots &lt;b&gt;raw&lt;/b&gt; &lt;script&gt;alert(" in profile
    assert '<a href="https://zoe.example" rel="nofollow ugc noopener">my site</a>' in profile


def test_unicode_end_to_end(site):
    zurich = read(site, "cities/zurich")
    assert "Zürich" in zurich and "/photographers/zoe-adams/" in zurich
    yamada_city = read(site, "cities/山田")
    assert "山田 太郎" in yamada_city and "/photographers/zoe-adams/" in yamada_city  # based there, and visiting
    assert "/cities/%E5%B1%B1%E7%94%B0/" in (site["output"] / "sitemap.xml").read_text(encoding="utf-8")


def test_prices_in_the_profiles_currency(site):
    assert "CHF 380" in read(site, "photographers/zoe-adams")
    assert "JPY 30,000" in read(site, "photographers/yamada-taro")


def test_structured_data(site):
    profile = read(site, "photographers/zoe-adams")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', profile, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "ProfessionalService" and data["address"]["addressLocality"] == "Zürich"
    assert data["makesOffer"][0]["priceCurrency"] == "CHF"
    assert [image["creditText"] for image in data["image"]] == [data["name"]] * 2
    assert all(image["contentUrl"].startswith("/images/zoe-adams/") for image in data["image"])


def test_open_data(site):
    data = json.loads((site["output"] / "photographers.json").read_text(encoding="utf-8"))
    by_slug = {p["slug"]: p for p in data["photographers"]}
    assert list(by_slug) == ["maya-okafor", "zoe-adams", "yamada-taro"]
    assert by_slug["maya-okafor"]["email"] == "maya@example.com"
    assert "email" not in by_slug["zoe-adams"] and "email" not in by_slug["yamada-taro"]
    assert "@" not in json.dumps(by_slug["zoe-adams"])
    assert by_slug["zoe-adams"]["location"] == {"city": "Zürich", "country": "CH"}


def test_sitemap_lists_every_profile_city_and_the_directory(site):
    sitemap = (site["output"] / "sitemap.xml").read_text(encoding="utf-8")
    for url in [
        "/photographers/",
        "/photographers/page/2/",
        "/photographers/zoe-adams/",
        "/photographers/maya-okafor/",
        "/cities/zurich/",
        "/cities/basel/",
        "/cities/chicago/",
    ]:
        assert f"<loc>{url}</loc>" in sitemap, url
    assert "<loc>/photographers/maya-okafor/</loc><lastmod>2026-10-01</lastmod>" in sitemap
    assert "404.html" not in sitemap


def test_originals_are_never_published(site):
    sources = {hashlib.sha256(p.read_bytes()).hexdigest() for p in site["root"].rglob("*.jpg")}
    for path in site["output"].rglob("*"):
        if path.is_file():
            assert path.name not in {"zoe-01.jpg", "zoe-02.jpg", "one.jpg", "profile.yaml"}, path
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in sources, path


def test_invalid_directory_fails_with_every_problem_and_no_traceback(tmp_path):
    root = tmp_path / "photographers"
    write_profile(root, "good", minimal_profile())
    expected = write_bad_profiles(root, str(root))
    output = tmp_path / "output"
    result = pelican_build(output, photographers=root, cache=tmp_path / "cache", extra=FAST)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    for line in expected:
        assert line in lines, (line, result.stderr)
    assert lines.index(expected[-1]) < lines.index(expected[0])  # sorted by file: Not_A_Slug first
    assert not (output / "photographers").exists()
    assert not (output / "cities").exists()
    assert not (output / "photographers.json").exists()


PROBLEM_LINE = re.compile(r"^\S.*:\d+:\d+: ")


def _problems_of_check_and_build(root, tmp_path) -> tuple[list, list]:
    """The FILE:LINE:COL lines `headshots check ROOT` prints and those a build of ROOT prints."""
    check = headshots("check", root, cwd=REPO)
    build = pelican_build(tmp_path / "output", photographers=root, cache=tmp_path / "cache", extra=FAST)
    assert check.returncode == build.returncode == 1
    checked = sorted(line for line in check.stdout.splitlines() if PROBLEM_LINE.match(line))
    # The build also reads tests/content/ (its short article's length warning): the profiles' lines only.
    built = sorted(line for line in build.stderr.splitlines() if PROBLEM_LINE.match(line) and str(root) in line)
    return checked, built


def test_check_and_build_report_the_same_problems(tmp_path):
    """`headshots check` and the build read profiles and images through the same calls: the same lines."""
    root = tmp_path / "photographers"
    write_profile(root, "good", minimal_profile())
    expected = write_bad_profiles(root, str(root))
    write_profile(root, "bad-image", minimal_profile(headshots=[{"file": "one.jpg", "alt": "An actor"}]), images=False)
    (root / "bad-image" / "one.jpg").write_text("not a photo")
    checked, built = _problems_of_check_and_build(root, tmp_path)
    assert set(expected) <= set(checked)
    assert checked == built
    assert not any((tmp_path / "output").rglob("*.html"))  # a refused build writes no page
    # With only bad images, the renditions step finds them: the same lines still.
    for slug in BAD_PROFILES:
        shutil.rmtree(root / slug)
    (root / "bad-image" / "two.jpg").write_bytes(b"")
    shots = [{"file": "one.jpg", "alt": "An actor"}, {"file": "two.jpg", "alt": "An actor"}]
    write_profile(root, "bad-image", minimal_profile(headshots=shots), images=False)
    checked, built = _problems_of_check_and_build(root, tmp_path)
    assert len(checked) == 2 and checked == built


def test_nothing_of_ours_is_pickled_into_pelicans_content_cache(tmp_path):
    """Our Jinja helpers live on the environments, not in the settings Pelican pickles with every
    article: a cache written by this build names nothing of ours, so any checkout can read it."""
    root, cache = tmp_path / "photographers", tmp_path / "cache"
    write_profile(root, "good", minimal_profile())
    result = pelican_build(tmp_path / "output", photographers=root, cache=cache, extra=FAST)
    assert result.returncode == 0, result.stderr
    readers = sorted(cache.glob("*-Readers"))
    assert [p.name for p in readers] == ["ArticlesGenerator-Readers", "PagesGenerator-Readers"]
    for path in readers:
        _ForeignUnpickler(io.BytesIO(gzip.decompress(path.read_bytes()))).load()


class _ForeignUnpickler(pickle.Unpickler):
    """Unpickles only what needs none of our code (what an older or newer checkout can read)."""

    def find_class(self, module, name):
        assert not module.startswith("headshots"), f"the cache names {module}.{name}"
        return super().find_class(module, name)
