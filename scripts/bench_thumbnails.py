#!/usr/bin/env python3
"""`make bench`: the headshot pipeline against vipsthumbnail, side by side.

A benchmark, not a test. It generates photo-like sources (24 MP camera files
and 2400x3000 web files: lit shapes with texture at several scales and film
grain, so they compress like photographs), then times in the same run:

- ours, cold: `headshots.thumbnails.process()` into an empty cache;
- ours, warm: the same again (must decode and encode nothing);
- vipsthumbnail (Debian's libvips-tools), one process per rendition as the
  tool works, making the same renditions (same widths, formats, qualities,
  AVIF speed), with as many processes at a time as our pool has workers.

It prints seconds per source for each, the ratio, peak memory (ru_maxrss of
the process tree, from wait4) and bytes per rendition. Everything is written
under bench-output/ (git-ignored). Options: --jobs N, --camera N, --web N.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

OUT = ROOT / "bench-output"
VIPSTHUMBNAIL = shutil.which("vipsthumbnail") or "/usr/bin/vipsthumbnail"


# -- sources ------------------------------------------------------------------------------


def photo_like(size, seed: int):
    """A portrait-like photograph: backdrop light falloff, a lit head and
    shoulders, texture at three scales and grain. Deterministic per seed."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    width, height = size
    small = (max(8, width // 8), max(8, height // 8))
    backdrop = Image.radial_gradient("L").resize(small).point(lambda v: 200 - v // 2)
    tint = [(90 + seed * 23) % 120 + 60, 110, (140 + seed * 41) % 100 + 80]
    channels = [backdrop.point(lambda v, t=t: v * t // 200) for t in tint]
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    w, h = small
    draw.ellipse((w * 0.12, h * 0.60, w * 0.88, h * 1.35), fill=(35 + seed * 7 % 40, 45, 70))
    draw.rectangle((w * 0.44, h * 0.45, w * 0.56, h * 0.66), fill=(170, 120, 95))
    draw.ellipse((w * 0.33, h * 0.16, w * 0.67, h * 0.56), fill=(190, 140, 110))
    draw.ellipse((w * 0.30, h * 0.10, w * 0.70, h * 0.32), fill=(50, 35, 25))
    for ex in (0.43, 0.57):
        draw.ellipse((w * (ex - 0.025), h * 0.34, w * (ex + 0.025), h * 0.37), fill=(60, 45, 40))
    image = image.filter(ImageFilter.GaussianBlur(max(1, w // 300)))
    # mid-scale texture (hair, fabric, skin) and fine grain
    mid = Image.effect_noise((max(8, width // 4), max(8, height // 4)), 18).resize(size, Image.BICUBIC)
    image = image.resize(size, Image.BICUBIC)
    grain = Image.effect_noise(size, 7)
    texture = ImageChops.add(mid, grain, scale=2.0, offset=-128 + 64)
    return ImageChops.add(image, Image.merge("RGB", [texture] * 3), scale=1.0, offset=-64)


def make_sources(camera: int, web: int) -> dict[str, list[Path]]:
    folder = OUT / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    made = {"camera 24 MP (4000x6000)": [], "web 2400x3000": []}
    for index in range(camera):
        path = folder / f"camera-{index}.jpg"
        if not path.exists():
            photo_like((4000, 6000), index).save(path, "JPEG", quality=92)
        made["camera 24 MP (4000x6000)"].append(path)
    for index in range(web):
        path = folder / f"web-{index}.jpg"
        if not path.exists():
            photo_like((2400, 3000), 100 + index).save(path, "JPEG", quality=90)
        made["web 2400x3000"].append(path)
    return made


# -- measuring ---------------------------------------------------------------------------


def run_measured(command, env=None):
    """Run a command; (seconds, peak RSS in MB of it and its children, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(map(str, command))}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def ours_child(paths, cache, jobs) -> None:
    """In a fresh process: our image step over `paths`; prints stats and peak memory."""
    from headshots.thumbnails import LAST_STATS, Item, apply_defaults, process

    settings = {"HEADSHOTS_JOBS": jobs}
    apply_defaults(settings)
    items = [Item(Path(p), None, "bench") for p in paths]
    pictures, files, problems = process(items, settings, Path(cache))
    assert not problems, problems
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(json.dumps({**LAST_STATS, "peak_mb": peak,
                      "files": [[str(src), rel] for src, rel in files]}))


def vips_jobs(paths, options, out: Path):
    """The vipsthumbnail commands making our renditions of `paths` (one per rendition)."""
    from PIL import Image

    from headshots.thumbnails.plan import make_plan

    quality = options["quality"]
    suffix = {
        "jpeg": f"[Q={quality['jpeg']},optimize_coding,interlace,strip]",
        "webp": f"[Q={quality['webp']},effort={options['webp_method']},strip]",
        "avif": f"[Q={quality['avif']},compression=av1,encoder=aom,bitdepth=8,"
                f"effort={max(0, 9 - options['avif_speed'])},strip]",
    }
    commands = []
    for path in paths:
        with Image.open(path) as im:
            size = im.size
        plan = make_plan("x", size, None, options)
        for rendition in plan.renditions:
            width, height = (plan.og_inset if rendition.kind == "og" else (rendition.width, rendition.height))
            target = out / f"{path.stem}-{rendition.kind}-{width}.{rendition.ext}"
            commands.append([VIPSTHUMBNAIL, str(path), "--size", f"{width}x{height}", "--smartcrop", "centre",
                             "-o", f"{target}{suffix[rendition.fmt]}"])
    return commands


def run_vips(commands, jobs):
    """All commands, `jobs` at a time; (seconds, peak RSS MB of any one process)."""
    env = {**os.environ, "VIPS_CONCURRENCY": "1"}
    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        peaks = list(pool.map(lambda c: run_measured(c, env)[1], commands))
    return time.perf_counter() - started, max(peaks)


def sizes_by_rendition(files, ours: bool) -> dict:
    """{(kind-width, fmt): mean bytes} for (name, path) pairs named by our or vips' scheme."""
    table: dict = {}
    for name, path in files:
        name = Path(name).name
        stem, ext = name.rsplit(".", 1)
        parts = stem.split("-")
        if ours:
            parts = parts[:-1]  # ours: <stem>-<label>-<key>
            label = "og" if parts[-1] == "og" else (
                "scan " + parts[-1] if parts[-2] == "scan" else parts[-1])
        else:  # vips: <stem>-<kind>-<width>
            kind, width = parts[-2], parts[-1]
            label = "og" if kind == "og" else (f"scan {width}w" if kind == "scan" else f"{width}w")
        table.setdefault((label, ext), []).append(Path(path).stat().st_size)
    return {key: sum(v) / len(v) for key, v in table.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--camera", type=int, default=3, help="24 MP sources")
    parser.add_argument("--web", type=int, default=4, help="2400x3000 sources")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--make-sources", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_sources:
        print(json.dumps({k: [str(p) for p in v] for k, v in make_sources(args.camera, args.web).items()}))
        return None
    if args.child:
        cache, *paths = args.child
        return ours_child(paths, cache, args.jobs)

    from PIL import features

    from headshots.thumbnails import DEFAULTS, apply_defaults, options_from

    settings: dict = {}
    apply_defaults(settings)
    options = options_from(settings, args.jobs)
    print(f"Pillow AVIF {features.version('avif')}, WebP {features.version('webp')}, "
          f"libjpeg-turbo {features.version('jpg')}; "
          f"{subprocess.run([VIPSTHUMBNAIL, '--vips-version'], capture_output=True, text=True).stdout.strip()}")
    print(f"widths {options['widths']}, scan {options['scan_width']}px 1x/2x, OG {options['og_size']}, "
          f"formats {options['formats']}, quality {options['quality']}, AVIF speed {options['avif_speed']}, "
          f"WebP method {options['webp_method']}; {args.jobs} processes")
    print("Generating sources..." , flush=True)
    # in a child process: Linux carries ru_maxrss across fork, so this process must stay small
    made = subprocess.run([sys.executable, __file__, "--make-sources", "--camera", str(args.camera),
                           "--web", str(args.web)], capture_output=True, text=True, check=True).stdout
    groups = {label: [Path(p) for p in paths] for label, paths in json.loads(made).items()}
    rows = []
    ours_files, vips_files = [], []
    for label, paths in groups.items():
        if not paths:
            continue
        cache = OUT / "cache" / label.split()[0]
        shutil.rmtree(cache, ignore_errors=True)
        vips_out = OUT / "vips" / label.split()[0]
        shutil.rmtree(vips_out, ignore_errors=True)
        vips_out.mkdir(parents=True)
        command = [sys.executable, __file__, "--jobs", str(args.jobs), "--child", str(cache), *map(str, paths)]
        cold, cold_peak, out = run_measured(command)
        cold_stats = json.loads(out)
        warm, warm_peak, out = run_measured(command)
        warm_stats = json.loads(out)
        ours_files += [(rel, src) for src, rel in cold_stats["files"]]
        commands = vips_jobs(paths, options, vips_out)
        vips_seconds, vips_peak = run_vips(commands, args.jobs)
        vips_files += [(p.name, p) for p in vips_out.iterdir()]
        n = len(paths)
        rows.append((label, n, cold / n, cold_stats["seconds"] / n, warm / n, warm_stats, vips_seconds / n,
                     cold_peak, vips_peak, cold_stats["encoded"], len(commands)))

    print()
    print(f"{'sources':26} {'n':>2} {'ours cold':>10} {'(image step)':>12} {'ours warm':>10} "
          f"{'vipsthumb':>10} {'ratio':>6} {'our peak':>9} {'vips peak':>9}")
    for (label, n, cold, step, warm, warm_stats, vips, peak, vpeak, encoded, vcount) in rows:
        print(f"{label:26} {n:>2} {cold:>9.2f}s {step:>11.2f}s {warm:>9.2f}s {vips:>9.2f}s "
              f"{cold / vips:>5.2f}x {peak:>7.0f}MB {vpeak:>7.0f}MB")
    print("(seconds per source; 'ours cold' is the whole process incl. Python start and the pool, "
          "'image step' is process() alone; ratio = ours cold / vipsthumbnail)")
    for (label, n, *_rest) in rows:
        warm_stats = _rest[3]
        print(f"warm rebuild, {label}: {warm_stats['decoded']} decoded, {warm_stats['encoded']} encoded, "
              f"{warm_stats['reused']} reused")
    ours = sizes_by_rendition(ours_files, True)
    vips = sizes_by_rendition(vips_files, False)
    print()
    print("mean bytes per rendition (all sources)")
    print(f"{'rendition':12} " + " ".join(f"{fmt:>15}" for fmt in ("avif", "webp", "jpg")))

    def order(label):
        return (label.startswith("og"), label.startswith("scan"), int("".join(c for c in label if c.isdigit()) or 0))

    for label in sorted({key[0] for key in ours}, key=order):
        cells = []
        for fmt in ("avif", "webp", "jpg"):
            a, b = ours.get((label, fmt)), vips.get((label, fmt))
            cells.append(f"{a / 1024:6.1f}K/{b / 1024:5.1f}K" if a and b else (f"{a / 1024:6.1f}K" if a else "-"))
        print(f"{label:12} " + " ".join(f"{c:>15}" for c in cells))
    print("(ours/vipsthumbnail; vipsthumbnail's OG is the 504x630 inset alone, ours the 1200x630 card)")


if __name__ == "__main__":
    main()
