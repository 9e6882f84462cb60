"""Reproducible: two clean builds of the same input are byte-identical.

Two cold builds, each into a fresh output folder with a fresh CACHE_PATH (so
every headshot rendition is made twice, in parallel, from scratch) and a
different PYTHONHASHSEED (so set and dict ordering that depends on string
hashing shows up), must produce the same files with the same bytes. Because
the output folders differ, an absolute build path leaking into a page fails too.

The input is the real content (articles, pages, theme, plugins) with a small
generated set of photographers (`fixture_photographers`: five profiles in four
cities, seven headshots, through tests/factories.py) instead of the 18 sample
profiles: two cold builds of the sample site took 2.9-3.9 minutes on the 2-core
machine (about 90 s of CPU each, nearly all AVIF encoding), and the smaller set
runs the same code paths (parallel encodes in every format, every template,
Pagefind with filters, meta and sort keys, the sitemap and feeds) in a fraction
of that.

Excluded, and only these, because Pagefind 1.5 cannot make them reproducible
(upstream Pagefind issue 638, "Pagefind 1.1.0 output is not stable": fixed
for the fragment files in 1.3.0, "other files will still change, such as the
filter/metadata indexes"):

- `pagefind/filter/*.pf_filter`: each filter's values are written in hash-map
  order, so the bytes, and with them the content-hash file names, change from
  run to run although they hold the same values;
- `pagefind/pagefind.<lang>_<hash>.pf_meta`: the metadata index lists the
  filter files' hashed names, so its bytes and its own hashed name change too;
- `pagefind/pagefind-entry.json`: names that metadata file's hash; it is
  compared with each language's `hash` left out, and must match otherwise.

Each excluded group must still have the same number of files in both builds.
Everything else of Pagefind's (the index, fragments, wasm and JS) is compared
byte for byte like the rest of the site.
"""

import difflib
import filecmp
import json
import re

import pytest

from conftest import pelican_build
from factories import make_headshot, write_profile

pytestmark = pytest.mark.slow

UNSTABLE = {
    "pagefind filter indexes": re.compile(r"pagefind/filter/[^/]+\.pf_filter"),
    "pagefind metadata index": re.compile(r"pagefind/pagefind\.[^/]+\.pf_meta"),
}
ENTRY = "pagefind/pagefind-entry.json"
#: Two widths, not six: every format is still encoded in parallel by the same code, at a third of the cost.
WIDTHS = [160, 320]


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def split(files):
    stable = [f for f in files if f != ENTRY and not any(r.fullmatch(f) for r in UNSTABLE.values())]
    groups = {name: [f for f in files if r.fullmatch(f)] for name, r in UNSTABLE.items()}
    return stable, groups


def first_differences(a, b, files, limit=5):
    """A few lines of diff for the first differing text files, so the cause is visible."""
    lines = []
    for name in files[:limit]:
        try:
            left = (a / name).read_text(encoding="utf-8").splitlines()
            right = (b / name).read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            lines.append(f"--- {name}: binary, {(a / name).stat().st_size} vs {(b / name).stat().st_size} bytes")
            continue
        diff = list(difflib.unified_diff(left, right, f"a/{name}", f"b/{name}", n=0, lineterm=""))
        lines.extend(line[:200] for line in diff[:8])
    return "\n".join(lines)


def entry_without_hashes(root):
    entry = json.loads((root / ENTRY).read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        language.pop("hash", None)
    return entry


def fixture_photographers(root):
    """Five small profiles that between them use every facet the site filters on."""

    def shots(slug, count, **extra):
        return [
            {
                "file": f"{slug}-{n}.jpg",
                "alt": f"Actor {n} of {slug}, plain backdrop, soft light",
                **{key: list(value) for key, value in extra.items()},
            }  # no shared lists: YAML anchors
            for n in range(1, count + 1)
        ]

    profiles = {
        "ada-brook": dict(
            name="Ada Brook",
            location={"city": "London", "country": "GB"},
            travels_to=["Brighton"],
            specialties=["theatrical", "commercial"],
            lighting=["studio"],
            price={"currency": "GBP", "from": 240, "to": 400},
            sessions=[{"name": "Two looks", "price": 320, "looks": 2, "minutes": 90, "retouched": 3}],
            hair_makeup="included",
            retouching="natural",
            proofs="all",
            turnaround_days=5,
            booking_lead_days=10,
            usage="actor-promotion",
            bio="Stage and screen, *natural* light.",
            headshots=shots("ada-brook", 2),
        ),
        "ben-carter": dict(
            name="Ben Carter",
            location={"city": "Chicago", "region": "IL", "country": "US"},
            specialties=["commercial"],
            price={"currency": "USD", "from": 300},
            headshots=shots("ben-carter", 1),
        ),
        "chloe-dubois": dict(
            name="Chloé Dubois",
            location={"city": "Toronto", "region": "ON", "country": "CA"},
            specialties=["dance", "theatrical"],
            lighting=["natural", "outdoor"],
            price={"currency": "CAD", "from": 400, "to": 700},
            hair_makeup="available",
            headshots=shots("chloe-dubois", 2, focus=[0.5, 0.3]),
        ),
        "dev-patel": dict(
            name="Dev Patel",
            location={"city": "Chicago", "region": "IL", "country": "US"},
            travels_to=["Milwaukee"],
            specialties=["corporate"],
            price={"currency": "USD", "from": 500, "to": 900},
            headshots=shots("dev-patel", 1),
        ),
        "eve-santos": dict(
            name="Eve Santos",
            location={"city": "New York", "region": "NY", "country": "US"},
            specialties=["kids", "comedy"],
            price={"currency": "USD", "from": 350},
            hair_makeup="none",
            headshots=shots("eve-santos", 1),
        ),
    }
    for index, (slug, profile) in enumerate(profiles.items()):
        write_profile(root, slug, profile, images=False)
        for n, shot in enumerate(profile["headshots"]):
            make_headshot(
                root / slug / shot["file"], size=(1200, 1500), colour=(90 + 30 * index, 110 + 20 * n, 80), quality=90
            )
    return root


def test_two_clean_builds_are_byte_identical(tmp_path):
    photographers = fixture_photographers(tmp_path / "photographers")
    builds = []
    for run, seed in (("a", "1"), ("b", "2")):
        output = tmp_path / f"out-{run}"
        result = pelican_build(
            output,
            photographers=photographers,
            cache=tmp_path / f"cache-{run}",
            extra={"HEADSHOTS_WIDTHS": WIDTHS},
            env={"PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, f"build {run} failed:\n{result.stderr}"
        builds.append(output)
    a, b = builds

    stable_a, groups_a = split(tree(a))
    stable_b, groups_b = split(tree(b))
    assert len(stable_a) > 100, f"only {len(stable_a)} files built"
    assert (a / "photographers" / "chloe-dubois" / "index.html").is_file(), "the fixture profiles were not built"
    only_a, only_b = sorted(set(stable_a) - set(stable_b)), sorted(set(stable_b) - set(stable_a))
    assert not only_a and not only_b, (
        f"the builds have different files: {len(only_a)} only in the first, "
        f"{len(only_b)} only in the second:\n  " + "\n  ".join(only_a[:15]) + "\n  vs\n  " + "\n  ".join(only_b[:15])
    )
    _, mismatch, errors = filecmp.cmpfiles(a, b, stable_a, shallow=False)
    assert not mismatch and not errors, (
        f"{len(mismatch)} file(s) differ between two clean builds:\n"
        + "\n".join((mismatch + errors)[:30])
        + "\n"
        + first_differences(a, b, mismatch)
    )

    for name in UNSTABLE:
        assert len(groups_a[name]) == len(groups_b[name]) > 0, f"{name}: {groups_a[name]} vs {groups_b[name]}"
    assert entry_without_hashes(a) == entry_without_hashes(b), f"{ENTRY} differs beyond the meta hash"
