"""`make bench-shards`: the cold image build in K shards, as K CI runners would run it (issue 33).

Generates N photographers as `make bench-scale` does (scripts/bench_scale.py:
distinct 2000x2500 JPEG headshots), then measures:

  one machine  a cold build (empty cache, empty output)
  shard k      `headshots render --shard k/K` into its own empty store, one
               after another, so that each shard's time is its own on a
               shared machine (on CI they run at once, one per runner)
  merge        `headshots cache merge` of the K stores into an empty one
  build        the build on the merged store: it must encode nothing

and reports the simulated CI wall time (slowest shard + merge + build)
against the one machine's, and whether the two outputs are byte-identical
(Pagefind's unstable files aside: tests/test_quality_reproducible.py).

A benchmark, not a test: the target (at most 0.35x at N=1000, K=4) is printed with the measured ratio.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from bench_directory import generate, site_command
from bench_scale import run

REPO = Path(__file__).resolve().parents[1]
HEADSHOTS = str(Path(sys.executable).parent / "headshots")
UNSTABLE = re.compile(r"pagefind/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)")
TARGET = 0.35


def images_line(result: dict) -> str:
    match = re.search(r"Headshots: \d+ sources, .*?reused in [\d.]+ s", re.sub(r"\s+", " ", result["stdout"]))
    return match.group(0) if match else "(no headshots line)"


def differing(a: Path, b: Path) -> list[str]:
    """Files not byte-identical between two outputs (or in one only)."""
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    others = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    stable = sorted(f for f in files & others if not UNSTABLE.fullmatch(f))
    _, mismatch, errors = filecmp.cmpfiles(a, b, stable, shallow=False)
    return sorted((files ^ others) - {f for f in files | others if UNSTABLE.fullmatch(f)}) + mismatch + errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="photographers (default 1000)")
    parser.add_argument("--shards", type=int, default=4, help="render jobs (default 4)")
    parser.add_argument("--formats", default="jpeg", help="rendition formats, comma-separated (default jpeg)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    base = Path(tempfile.mkdtemp(prefix=f"bench-shards-{args.n}-"))
    print(f"bench-shards: N={args.n}, {args.shards} shards, formats={','.join(formats)}, in {base}", flush=True)
    try:
        data = generate(base / "site", args.n, True, 50)
        print(f"generated {args.n} profiles, {len(data['headshots'])} headshots", flush=True)
        # `headshots render` reads ./pelicanconf.py: the same rendition settings as the builds' -e
        (base / "pelicanconf.py").write_text(
            f"PHOTOGRAPHERS_PATH = {str(data['root'])!r}\nHEADSHOTS_FORMATS = {json.dumps(formats)}\n"
        )
        one = run(site_command(base / "one", base / "one-cache", data, formats, True), REPO)
        print(f"  one machine {one['wall']:8.1f} s  cpu {one['cpu']:7.1f} s   {images_line(one)}", flush=True)
        shards = []
        for k in range(1, args.shards + 1):
            store = base / "shards" / str(k)
            result = run([HEADSHOTS, "render", "--shard", f"{k}/{args.shards}", "--cache", str(store)], base)
            shards.append((store, result))
            figures = f"{result['wall']:8.1f} s  cpu {result['cpu']:7.1f} s"
            print(f"  shard {k}/{args.shards}   {figures}   {result['stdout'].strip()}", flush=True)
        into = base / "merged" / "headshots"
        merge = run([HEADSHOTS, "cache", "merge", "--into", str(into), *(str(s) for s, _ in shards)], base)
        print(f"  merge       {merge['wall']:8.1f} s   {merge['stdout'].strip()}", flush=True)
        build = run(site_command(base / "sharded", base / "merged", data, formats, True), REPO)
        print(f"  build       {build['wall']:8.1f} s   {images_line(build)}", flush=True)
        slowest = max(result["wall"] for _, result in shards)
        simulated = slowest + merge["wall"] + build["wall"]
        ratio = simulated / one["wall"]
        verdict = "met" if ratio <= TARGET else "NOT met"
        cpu = sum(result["cpu"] for _, result in shards)
        # the machine is shared: the shards' CPU against the one machine's shows how far load differed
        print(f"CPU: shards {cpu:.1f} s in all vs one machine {one['cpu']:.1f} s")
        print(
            f"simulated CI wall: {slowest:.1f} (slowest shard) + {merge['wall']:.1f} (merge) + "
            f"{build['wall']:.1f} (build) = {simulated:.1f} s vs {one['wall']:.1f} s on one machine: "
            f"{ratio:.2f}x (target <= {TARGET}x: {verdict})"
        )
        encoded_nothing = ", 0 renditions encoded," in images_line(build)
        print(f"build on the merged store encoded nothing: {'yes' if encoded_nothing else 'NO'}")
        diff = differing(base / "one", base / "sharded")
        print(f"byte-identical to the one-machine build: {'yes' if not diff else 'NO: ' + ', '.join(diff[:5])}")
        if diff or not encoded_nothing:
            sys.exit(1)
    finally:
        if args.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
