"""The cold image build in shards (issue 33): `headshots render --shard K/N`, `headshots cache merge`,
and the CI's "how many render jobs" step. A build on merged shards encodes nothing and writes the
same bytes as a build on one machine."""

import filecmp
import hashlib
import re
from pathlib import Path

import pytest

from headshots.thumbnails.shards import matrix, parse_shard, shard_of, shards_for

from conftest import FAST_BUILD, pelican_build
from conftest import headshots as run_headshots
from factories import make_headshot, minimal_profile, write_profile

REPO = Path(__file__).resolve().parents[1]


def digests(count, seed=""):
    return [hashlib.blake2b(f"{seed}{n}".encode(), digest_size=16).hexdigest() for n in range(count)]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7, 16, 50])
@pytest.mark.parametrize("sources", [0, 1, 5, 333])
def test_every_source_is_in_exactly_one_shard(count, sources):
    found = {digest: [k for k in range(1, count + 1) if shard_of(digest, count) == k] for digest in digests(sources)}
    assert all(len(shards) == 1 for shards in found.values())


def test_shards_are_balanced_and_a_source_keeps_its_shard_as_the_directory_grows():
    before = {digest: shard_of(digest, 4) for digest in digests(4000)}
    sizes = [list(before.values()).count(k) for k in range(1, 5)]
    assert max(sizes) < 1.1 * 1000 and min(sizes) > 0.9 * 1000, sizes
    grown = digests(8000)  # the same 4000 and 4000 more
    assert all(shard_of(digest, 4) == before[digest] for digest in grown if digest in before)


def test_shard_argument():
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "4", "a/b", "-1/2", ""):
        with pytest.raises(ValueError, match=r"^--shard .*: write K/N with 1 <= K <= N, e.g. --shard 2/4$"):
            parse_shard(bad)


def test_how_many_render_jobs():
    assert shards_for(0, 1000, 16) == 0 and matrix(0) == {"shard": []}  # no work: no matrix
    assert shards_for(1, 1000, 16) == 1
    assert shards_for(1000, 1000, 16) == 1
    assert shards_for(1001, 1000, 16) == 2
    assert shards_for(40000, 1000, 16) == 16  # capped
    assert shards_for(5, 0, 16) == 5  # a per-job setting of 0 is taken as 1
    assert matrix(3) == {"shard": ["1/3", "2/3", "3/3"]}


# --------------------------------------------------------------------------- end to end, through the command

SETTINGS = f"""
HEADSHOTS_FORMATS = {FAST_BUILD["HEADSHOTS_FORMATS"]!r}
HEADSHOTS_WIDTHS = {FAST_BUILD["HEADSHOTS_WIDTHS"]!r}
HEADSHOTS_SHARD_SOURCES = 2
PHOTOGRAPHERS_PATH = "photographers"
CACHE_PATH = "cache"
"""


def headshots(site, *args):
    return run_headshots(*args, cwd=site, timeout=600)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Four photographers, eight headshots, seven photos (one used twice); settings like FAST_BUILD."""
    site = tmp_path_factory.mktemp("shards")
    (site / "pelicanconf.py").write_text(SETTINGS)
    shared = make_headshot(site / "shared.jpg", size=(900, 1100), colour=(40, 120, 200))
    for n, slug in enumerate(["ana-lee", "bo-kim", "cy-ode", "di-roe"]):
        files = [f"{slug}-{i}.jpg" for i in range(2 if n % 2 else 1)] + ["shared.jpg"] * (n % 2)
        write_profile(
            site / "photographers",
            slug,
            minimal_profile(
                name=slug.title(),
                headshots=[{"file": name, "alt": f"Actor {i} by {slug}"} for i, name in enumerate(files)],
            ),
            images=False,
        )
        for i, name in enumerate(files):
            if name == "shared.jpg":
                (site / "photographers" / slug / name).write_bytes(shared.read_bytes())
            else:
                make_headshot(site / "photographers" / slug / name, size=(900, 1100), colour=(60 * n, 30 * i, 90))
    return site


def build(site, output, cache):
    result = pelican_build(output, photographers=site / "photographers", cache=cache, extra=FAST_BUILD)
    assert result.returncode == 0, result.stderr
    return re.search(r"Headshots: .*", result.stdout + result.stderr).group(0)


def render_shards(site, count, folder):
    stores = []
    for k in range(1, count + 1):
        store = folder / f"shard-{k}"
        result = headshots(site, "render", "--shard", f"{k}/{count}", "--cache", str(store))
        assert result.returncode == 0, result.stdout + result.stderr
        assert re.fullmatch(
            rf"Shard {k}/{count}: \d+ sources, \d+ rendered \(\d+ renditions encoded\), 0 already cached, in [\d.]+ s\n",
            result.stdout,
        ), result.stdout
        stores.append(store)
    return stores


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def same_output(a, b):
    files = tree(a)
    assert files == tree(b)
    _, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.fixture(scope="module")
def one_machine(site, tmp_path_factory):
    output = tmp_path_factory.mktemp("one") / "output"
    summary = build(site, output, output.parent / "cache")
    assert " 0 reused in" in summary, summary
    return output


@pytest.mark.slow
def test_merged_shards_give_a_build_that_encodes_nothing_and_the_same_bytes(site, one_machine, tmp_path):
    stores = render_shards(site, 3, tmp_path)
    per_shard = [len(tree(store)) for store in stores]
    assert sum(per_shard) > 0 and all({p.name for p in s.iterdir()} <= {"sources", "meta", "r"} for s in stores)
    again = headshots(site, "render", "--shard", "1/3", "--cache", str(stores[0]))
    assert re.search(r", 0 rendered \(0 renditions encoded\), \d+ already cached", again.stdout), again.stdout

    merged = headshots(site, "cache", "merge", "--into", str(tmp_path / "cache" / "headshots"), *map(str, stores))
    assert (
        merged.returncode == 0
        and merged.stdout == f"Merged: {sum(per_shard)} entries copied, 0 already there, 0 dropped\n"
    )

    summary = build(site, tmp_path / "output", tmp_path / "cache")
    assert ", 0 decoded, 0 renditions encoded" in summary, summary
    same_output(one_machine, tmp_path / "output")


@pytest.mark.slow
def test_a_damaged_entry_is_named_dropped_and_rendered_again(site, one_machine, tmp_path):
    stores = render_shards(site, 2, tmp_path)
    victim = next(p for p in sorted((stores[1] / "r").rglob("*.jpg")))
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    name = victim.relative_to(stores[1]).as_posix()

    into = tmp_path / "cache" / "headshots"
    merged = headshots(site, "cache", "merge", "--into", str(into), *map(str, stores))
    assert merged.returncode == 0
    assert (
        f"headshots: {stores[1] / name}: its bytes do not match its recorded digest: "
        "dropped (the build renders it again)\n"
    ) in merged.stdout
    assert merged.stdout.endswith(", 1 dropped\n")
    assert not (into / name).exists()

    summary = build(site, tmp_path / "output", tmp_path / "cache")
    assert ", 1 decoded, " in summary and ", 0 renditions encoded" not in summary, summary
    same_output(one_machine, tmp_path / "output")


def test_merge_takes_only_what_it_can_verify(site, tmp_path):
    """A store is untrusted: links, stray files and entries without a digest are left out, and named."""
    (shard,) = render_shards(site, 1, tmp_path)
    rendition = next((shard / "r").rglob("*.jpg"))
    outside = tmp_path / "secret.txt"
    outside.write_text("not an image")
    rendition.unlink()
    rendition.symlink_to(outside)
    (shard / "r" / "zz").mkdir()
    (shard / "r" / "zz" / "zz0123456789abcdef0123.jpg").write_bytes(b"stray")
    record = next((shard / "sources").glob("*.json"))
    record.write_text(record.read_text().replace('"check"', '"checked"'))

    into = tmp_path / "into"
    result = headshots(site, "cache", "merge", "--into", str(into), str(shard))
    relative = rendition.relative_to(shard).as_posix()
    assert f"{shard / relative}: missing (its meta lists it): dropped" in result.stdout
    assert f"{shard / record.relative_to(shard)}: no recorded digest, or bytes that do not match it: dropped" in (
        result.stdout
    )
    assert not any(p.is_symlink() for p in into.rglob("*")) and not (into / relative).exists()
    assert not (into / "r" / "zz").exists()


def test_prune_drops_what_no_source_needs(site, tmp_path):
    (shard,) = render_shards(site, 1, tmp_path)
    into = tmp_path / "into"
    headshots(site, "cache", "merge", "--into", str(into), str(shard))
    kept = tree(into)
    stale = into / "r" / "ab" / "ab0123456789abcdef01.jpg"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"an old rendition")
    result = headshots(site, "cache", "merge", "--into", str(into), "--prune", "photographers")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "Pruned: 1 file no source needs (0.0 MB)"
    assert tree(into) == kept


def test_the_render_stage_counts_its_work(site, tmp_path):
    """`headshots cache shards`: GitHub outputs; nothing cached: work; all cached: no matrix."""
    cold = headshots(site, "cache", "shards", "--cache", str(tmp_path / "empty"))
    assert cold.stdout == 'todo=7\nshards=4\nmatrix={"shard":["1/4","2/4","3/4","4/4"]}\n'  # 2 a job
    assert cold.stderr == "7 sources to render: 4 render jobs\n"
    stores = render_shards(site, 2, tmp_path)
    headshots(site, "cache", "merge", "--into", str(tmp_path / "all"), *map(str, stores))
    warm = headshots(site, "cache", "shards", "--cache", str(tmp_path / "all"))
    assert warm.stdout == 'todo=0\nshards=0\nmatrix={"shard":[]}\n'


def test_render_reuses_a_store_it_does_not_write(site, tmp_path):
    """A CI render job reads the restored cache (--reuse) and puts only new work in its shard."""
    (full,) = render_shards(site, 1, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in full.rglob("*")}
    shard = tmp_path / "new"
    result = headshots(site, "render", "--shard", "1/1", "--cache", str(shard), "--reuse", str(full))
    assert re.search(r": 7 sources, 0 rendered \(0 renditions encoded\), 7 already cached", result.stdout)
    assert not shard.exists() or tree(shard) == []
    assert {p: p.stat().st_mtime_ns for p in full.rglob("*")} == before
