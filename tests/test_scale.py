"""Scale (issue 8): pages that stay small, the profile cache, the per-city open data.

Small N, real `pelican` builds (JPEG-only renditions, no search index, to be
fast). The benchmarks themselves are `make bench-scale`, not tests.
"""

import json
import re
import shutil

import pytest

from conftest import FAST_BUILD, pelican_build
from factories import minimal_profile, write_profile

FAST = {**FAST_BUILD, "PHOTOGRAPHERS_PER_PAGE": 3}


def _cities(index):
    """Seven based in Leeds (3 pages of 3 with the visitors), the rest in York; two York people visit Leeds."""
    if index < 7:
        return "Leeds", []
    return "York", (["Leeds"] if index < 9 else [])


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    base = tmp_path_factory.mktemp("scale")
    root = base / "photographers"
    for index in range(11):
        city, travels = _cities(index)
        profile = minimal_profile(
            name=f"Person {index:02}", city=city, country="GB", price={"currency": "GBP", "from": 200 + index}
        )
        if travels:
            profile["travels_to"] = travels
        write_profile(root, f"person-{index:02}", profile)
    output, cache = base / "output", base / "cache"
    first = pelican_build(output, photographers=root, cache=cache, extra=FAST)
    assert first.returncode == 0, first.stderr
    return {"base": base, "root": root, "output": output, "cache": cache, "first": first}


def read(site, url):
    return (site["output"] / url / "index.html").read_text(encoding="utf-8")


def cards(html):
    return re.findall(r'<h3 class="card__name"><a href="/photographers/([^/]+)/">', html)


def rel(html, kind):
    found = re.findall(rf'<link rel="{kind}" href="([^"]+)">', html)
    return found[0] if found else None


def summary(result):
    match = re.search(r"Profiles: (\d+) profiles, (\d+) parsed, (\d+) from cache", result.stdout)
    assert match, result.stdout
    return tuple(int(n) for n in match.groups())


def test_directory_paginates_with_rel_links(scaled):
    pages = [read(scaled, "photographers")] + [read(scaled, f"photographers/page/{n}") for n in (2, 3, 4)]
    assert not (scaled["output"] / "photographers/page/5").exists()
    assert [len(cards(html)) for html in pages] == [3, 3, 3, 2]
    assert sum((cards(html) for html in pages), []) == [f"person-{n:02}" for n in range(11)]
    assert rel(pages[0], "prev") is None and rel(pages[0], "next") == "/photographers/page/2/"
    assert rel(pages[1], "prev") == "/photographers/" and rel(pages[1], "next") == "/photographers/page/3/"
    assert rel(pages[3], "prev") == "/photographers/page/3/" and rel(pages[3], "next") is None
    assert 'rel="next" href="/photographers/page/2/"' in pages[0]  # the visible pager too


def test_city_pages_paginate_based_then_visiting(scaled):
    # Leeds: 7 based + 2 visiting = 9 cards, 3 a page
    pages = [read(scaled, "cities/leeds"), read(scaled, "cities/leeds/page/2"), read(scaled, "cities/leeds/page/3")]
    assert not (scaled["output"] / "cities/leeds/page/4").exists()
    assert [cards(html) for html in pages] == [
        ["person-00", "person-01", "person-02"],
        ["person-03", "person-04", "person-05"],
        ["person-06", "person-07", "person-08"],
    ]
    assert "Also travel to Leeds" in pages[2] and "Also travel to Leeds" not in pages[0]
    assert rel(pages[0], "next") == "/cities/leeds/page/2/" and rel(pages[0], "prev") is None
    assert rel(pages[1], "prev") == "/cities/leeds/" and rel(pages[1], "next") == "/cities/leeds/page/3/"
    assert rel(pages[2], "prev") == "/cities/leeds/page/2/" and rel(pages[2], "next") is None
    assert "(page 2 of 3)" in pages[1].split("</title>")[0]
    # York (4 based) is on two pages; a one-page city has no pager
    assert len(cards(read(scaled, "cities/york"))) == 3


def test_pager_shows_a_window_not_every_page():
    from headshots.pagelist import pager_links

    links = pager_links(50, 200, lambda n: f"p/{n}/")
    numbers = [link["number"] for link in links]
    assert numbers == [1, None, 48, 49, 50, 51, 52, None, 200]
    assert [link["current"] for link in links].count(True) == 1
    assert [link["number"] for link in pager_links(1, 3, str)] == [1, 2, 3]
    assert [link["number"] for link in pager_links(4, 7, str)] == [1, 2, 3, 4, 5, 6, 7]  # no gap of one page


def test_per_city_open_data(scaled):
    leeds = json.loads((scaled["output"] / "cities/leeds/photographers.json").read_text(encoding="utf-8"))
    assert leeds["city"] == {"name": "Leeds", "slug": "leeds", "country": "GB", "url": "cities/leeds/"}
    assert leeds["count"] == 9
    assert [(p["slug"], p["based_here"]) for p in leeds["photographers"]] == [
        (f"person-{n:02}", n < 7) for n in range(9)
    ]
    everyone = json.loads((scaled["output"] / "photographers.json").read_text(encoding="utf-8"))
    by_slug = {p["slug"]: p for p in everyone["photographers"]}
    for item in leeds["photographers"]:
        assert {k: v for k, v in item.items() if k != "based_here"} == by_slug[item["slug"]]
    york = json.loads((scaled["output"] / "cities/york/photographers.json").read_text(encoding="utf-8"))
    assert york["count"] == 4 and all(p["based_here"] for p in york["photographers"])


def test_profile_cache_parses_nothing_when_nothing_changed(scaled):
    assert summary(scaled["first"]) == (11, 11, 0)
    again = pelican_build(scaled["base"] / "again", photographers=scaled["root"], cache=scaled["cache"], extra=FAST)
    assert again.returncode == 0, again.stderr
    assert summary(again) == (11, 0, 11)
    # the pages from cached profiles are the same pages
    assert (scaled["base"] / "again/photographers/person-03/index.html").read_text(encoding="utf-8") == read(
        scaled, "photographers/person-03"
    )


def test_profile_cache_revalidates_only_what_changed_and_errors_stay_errors(tmp_path):
    root, cache = tmp_path / "photographers", tmp_path / "cache"
    for index in range(4):
        write_profile(root, f"p-{index}", minimal_profile(name=f"P {index}"))
    assert summary(pelican_build(tmp_path / "o1", photographers=root, cache=cache, extra=FAST)) == (4, 4, 0)

    # one profile's text changes: only it is parsed again
    profile = root / "p-2" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("P 2", "P Two"), encoding="utf-8")
    result = pelican_build(tmp_path / "o2", photographers=root, cache=cache, extra=FAST)
    assert result.returncode == 0, result.stderr
    assert summary(result) == (4, 1, 3)
    assert "P Two" in (tmp_path / "o2/photographers/p-2/index.html").read_text(encoding="utf-8")

    # an image a cached (valid) profile names disappears: the folder's listing is in the key
    (root / "p-1" / "one.jpg").unlink()
    result = pelican_build(tmp_path / "o3", photographers=root, cache=cache, extra=FAST)
    assert result.returncode == 1
    assert re.search(r'p-1/profile\.yaml:\d+:\d+: headshots\[0\]\.file: file "one\.jpg" not found', result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert summary(result) == (4, 1, 3)

    # an invalid profile is cached as invalid: it fails again, with the same line
    profile.write_text(profile.read_text(encoding="utf-8").replace("from: 300", "from: lots"), encoding="utf-8")
    write_profile(root, "p-1", minimal_profile(name="P 1"))  # the image is back
    first = pelican_build(tmp_path / "o4", photographers=root, cache=cache, extra=FAST)
    second = pelican_build(tmp_path / "o5", photographers=root, cache=cache, extra=FAST)
    for result in (first, second):
        assert result.returncode == 1
        assert re.search(r"p-2/profile\.yaml:\d+:\d+: price\.from: expected a number, got \"lots\"", result.stderr)
    assert summary(first) == (4, 1, 3)  # p-2's new text; p-1 is back as first cached (same listing)
    assert summary(second) == (4, 0, 4)  # the failure itself came from the cache


def test_scan_pools_are_bounded_deterministic_and_barely_move_when_someone_joins(tmp_path):
    from headshots.model import Headshot, ScanRing

    class P:
        def __init__(self, slug):
            self.slug = slug
            self.headshots = [
                Headshot(file=f"{n}.jpg", alt="a", source=tmp_path / slug / f"{n}.jpg", where=None, photographer=self)
                for n in range(4)
            ]

    people = [P(f"p{n:05}") for n in range(5000)]
    ring = ScanRing(people)
    pool = ring.pool(people[7], 24)
    assert len(pool) == 24 and len({h.photographer.slug for h in pool}) == 24
    assert all(h.photographer is not people[7] for h in pool)
    assert [h.source for h in ScanRing(people).pool(people[7], 24)] == [h.source for h in pool]
    # A newcomer enters the pools whose window holds their place on the ring, and no others:
    # the dev server re-renders a few dozen scan pages, not 5,000.
    joined = ScanRing([*people, P("p-newcomer")])
    moved = [p for p in people if [h.source for h in joined.pool(p, 24)] != [h.source for h in ring.pool(p, 24)]]
    assert 0 < len(moved) <= 30


def test_bounded_selections():
    from headshots.directory import scan_headshots
    from headshots.directory import spread as featured

    class P:
        def __init__(self, n):
            self.n, self.headshots = n, [(n, k) for k in range(4)]

    people = [P(n) for n in range(1000)]
    assert [p.n for p in featured(people, 8)] == [0, 125, 250, 375, 500, 625, 750, 875]
    shots = scan_headshots(people, 48)
    assert len(shots) == 48 and len({s[0] for s in shots}) == 48


def _tree(folder):
    """Every file under `folder` with its bytes (the Pagefind index is off in these builds)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_written_by_several_processes_are_the_pages_one_process_writes(scaled, tmp_path):
    """PHOTOGRAPHERS_PARALLEL_FROM: from that many photographers, forked workers write the pages;
    the output, the sitemap included (the workers' pages are announced in the parent), is the same."""
    parallel = pelican_build(
        tmp_path / "parallel",
        photographers=scaled["root"],
        cache=scaled["cache"],
        extra={**FAST, "PHOTOGRAPHERS_PARALLEL_FROM": 1, "PHOTOGRAPHERS_JOBS": 2},
    )
    assert parallel.returncode == 0, parallel.stderr
    assert re.search(r"Profiles: wrote \d+ pages and the open data in [\d.]+ s \(2 processes\)", parallel.stdout)
    assert re.search(r"\(1 process\)", scaled["first"].stdout)  # 11 photographers: under the default 300
    serial, forked = _tree(scaled["output"]), _tree(tmp_path / "parallel")
    assert serial.keys() == forked.keys()
    assert [name for name in serial if serial[name] != forked[name]] == []
    assert b"/photographers/person-05/scan/" in forked["sitemap.xml"]


PARALLEL = {"PHOTOGRAPHERS_JOBS": 2, "PHOTOGRAPHERS_PARALLEL_FROM": 1}


def test_profiles_parsed_by_several_processes_give_the_same_outcomes(tmp_path, monkeypatch):
    from headshots.profilecache import ProfileCache
    from headshots.reading import load_profiles

    from factories import BAD_PROFILES, write_bad_profiles

    monkeypatch.chdir(tmp_path)
    root = tmp_path / "photographers"
    expected = write_bad_profiles(root, "photographers")
    for index in range(5):
        write_profile(root, f"good-{index}", minimal_profile(name=f"Good {index}"))
    one = load_profiles(root)
    cache = ProfileCache(tmp_path / "cache")
    several = load_profiles(root, cache, settings=PARALLEL)
    assert [str(p) for p in several[1]] == [str(p) for p in one[1]] == sorted(expected)
    assert [p.data for p in several[0]] == [p.data for p in one[0]] and len(one[0]) == 5
    written = len(BAD_PROFILES) + 5
    assert cache.stats == {"profiles": written, "parsed": written, "cached": 0}
    assert [str(p) for p in load_profiles(root, cache, settings=PARALLEL)[1]] == sorted(expected)
    assert cache.stats["cached"] == written


@pytest.mark.parametrize("damage", ["garbage file", "garbage entry", "cannot be written"])
def test_a_damaged_or_unwritable_profile_cache_costs_only_speed(tmp_path, damage):
    import sqlite3

    from headshots.profilecache import ProfileCache
    from headshots.reading import load_profiles

    root = tmp_path / "photographers"
    for index in range(3):
        write_profile(root, f"p-{index}", minimal_profile(name=f"P {index}"))
    first = load_profiles(root, ProfileCache(tmp_path / "cache"))
    store = tmp_path / "cache" / "outcomes.sqlite"
    if damage == "garbage file":
        store.write_bytes(b"not a database" * 100)
    elif damage == "garbage entry":
        with sqlite3.connect(store) as connection:
            connection.execute("UPDATE outcomes SET outcome = ?", (b"\x80not a pickle",))
    else:  # the cache folder is a file: nothing can be read or written there
        shutil.rmtree(tmp_path / "cache")
        (tmp_path / "cache").write_text("in the way", encoding="utf-8")
    cache = ProfileCache(tmp_path / "cache")
    again = load_profiles(root, cache)
    assert [p.data for p in again[0]] == [p.data for p in first[0]] and again[1] == [] == first[1]
    expected = 3  # every profile parsed again, with the same outcome
    assert cache.stats == {"profiles": 3, "parsed": expected, "cached": 3 - expected}
    if damage == "garbage entry":  # parsed again and kept: the next build reads it from the cache
        fresh = ProfileCache(tmp_path / "cache")
        load_profiles(root, fresh)
        assert fresh.stats["cached"] == 3


def test_forked_map_keeps_order_and_uses_other_processes():
    import os

    from headshots.parallel import start_forked_map

    def forked_map(function, items, jobs):
        return start_forked_map(function, items, jobs)()

    results = forked_map(lambda n: (n * n, os.getpid()), list(range(10)), 2)
    assert [square for square, _ in results] == [n * n for n in range(10)]
    assert os.getpid() not in {pid for _, pid in results}
    assert forked_map(lambda n: os.getpid(), [1, 2, 3], 1) == [os.getpid()] * 3
    with pytest.raises(ZeroDivisionError):
        forked_map(lambda n: 1 / n, [1, 0, 2], 2)


def test_a_rebuild_leaves_unchanged_pages_alone(tmp_path):
    """A page whose bytes did not change keeps its file (inode and mtime: a date-based deploy
    sync skips it); a changed page is replaced whole."""
    root, cache, output = tmp_path / "photographers", tmp_path / "cache", tmp_path / "output"
    for index in range(3):
        write_profile(root, f"p-{index}", minimal_profile(name=f"P {index}"))
    assert pelican_build(output, photographers=root, cache=cache, extra=FAST).returncode == 0
    pages = {slug: output / "photographers" / slug / "index.html" for slug in ("p-0", "p-1")}
    before = {slug: page.stat() for slug, page in pages.items()}
    profile = root / "p-1" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("P 1", "P One"), encoding="utf-8")
    assert pelican_build(output, photographers=root, cache=cache, extra=FAST).returncode == 0
    after = {slug: page.stat() for slug, page in pages.items()}
    assert (after["p-0"].st_ino, after["p-0"].st_mtime_ns) == (before["p-0"].st_ino, before["p-0"].st_mtime_ns)
    assert after["p-1"].st_ino != before["p-1"].st_ino and "P One" in pages["p-1"].read_text(encoding="utf-8")
    assert not list(output.rglob("*.tmp"))
