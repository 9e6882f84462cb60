#!/usr/bin/env python3
"""`make bench`: the headshot pipeline against sharp and vipsthumbnail, side by side.

A benchmark, not a test. It generates photo-like sources (24 MP camera files
and 2400x3000 web files: lit shapes with texture at several scales and film
grain, so they compress like photographs), plans their renditions once with
`headshots.thumbnails.plan.make_plan`, then makes them three ways in the same
run, per format (AVIF, WebP, JPEG, each with the Open Graph card) and for all
formats together (the build), the three tools taking turns:

- ours: `headshots.thumbnails.process()` into an empty cache, in a fresh
  process (and once more warm, which must decode and encode nothing);
- sharp (npm `sharp` from tools/node_modules: libvips, the pipeline behind
  Eleventy Image), driven by scripts/bench_sharp.mjs, which gets the plan as
  JSON (crop boxes, sizes, formats, qualities, chroma subsampling, JPEG
  progressive + optimised coding, in sharp's names) and works two images at
  a time, as our pool of two processes does. Its AVIF and WebP effort are
  sharp's defaults (4: libaom cpu-used 5, libwebp method 4), as Eleventy Image
  and most sharp users run it; --sharp-effort ours gives it our AVIF speed and
  WebP method instead (then the encoders are the same libraries at the same
  settings, and only the pipelines differ);
- vipsthumbnail (Debian's libvips-tools), one process per rendition as the
  tool works, two at a time: a weaker reference.

Every tool gets the same crop: the bench passes each source a `focus` that
centres our 4:5 crop, which is what vipsthumbnail's `--smartcrop centre`
does, and keeps the box on whole pixels at every scale sharp resizes to.

It prints, per format: seconds per source (and ratios), mean bytes per
rendition, and mean SSIM of every rendition against one reference: the same
crop of the fully decoded source, turned into luma (BT.601) in float and
resized with Pillow's Lanczos in float. SSIM is Wang et al.'s (Gaussian window
sigma 1.5, 11 taps, K1 0.01, K2 0.03, valid region) on that luma, with NumPy
(in the test extras). It also prints peak memory (ru_maxrss, from wait4) and
per-size bytes and SSIM. Everything is written under bench-output/
(git-ignored). Options: --jobs N, --camera N, --web N, --no-ssim,
--sharp-effort default|ours, and
--set KEY=JSON to try another setting for every tool, e.g.
--set HEADSHOTS_AVIF_SPEED=8 --set 'HEADSHOTS_QUALITY={"avif": 55}'.
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
NODE = shutil.which("node")
SHARP_SCRIPT = ROOT / "scripts" / "bench_sharp.mjs"
SHARP_PACKAGE = ROOT / "tools" / "node_modules" / "sharp" / "package.json"
TOOLS = ("ours", "sharp", "vips")
#: sharp's default AVIF quality (`avif({quality})`), what Eleventy Image runs
SHARP_AVIF_QUALITY = 50
#: The bar per format against sharp: no more than this many times its bytes, at no less than its SSIM minus this
BYTES_BAR, SSIM_BAR = 1.10, 0.01
TOOL_NAMES = {"ours": "ours", "sharp": "sharp", "vips": "vipsthumbnail"}


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


# -- the plan every tool follows -----------------------------------------------------------


def bench_settings(overrides: dict, formats=None) -> dict:
    from headshots.thumbnails import apply_defaults

    settings = json.loads(json.dumps(overrides))
    if "HEADSHOTS_QUALITY" in settings:  # a partial quality dict overrides only its formats
        from headshots.thumbnails import DEFAULTS

        settings["HEADSHOTS_QUALITY"] = {**DEFAULTS["HEADSHOTS_QUALITY"], **settings["HEADSHOTS_QUALITY"]}
    if formats is not None:
        settings["HEADSHOTS_FORMATS"] = list(formats)
    apply_defaults(settings)
    return settings


def centred_focus(size) -> tuple[float, float]:
    """The focus that puts our 4:5 crop in the middle of the image (vipsthumbnail's crop)."""
    from headshots.thumbnails import geometry

    left, top, right, bottom = geometry.crop_box(size)
    crop_w, crop_h = right - left, bottom - top
    return (
        (size[0] - crop_w) / 2 / size[0] + geometry.ANCHOR_X * crop_w / size[0],
        (size[1] - crop_h) / 2 / size[1] + geometry.ANCHOR_Y * crop_h / size[1],
    )


def plan_sources(paths, settings, jobs):
    """[{path, size, focus, plan}] for `paths` under `settings`, as process() plans them."""
    from PIL import Image

    from headshots.thumbnails import options_from
    from headshots.thumbnails.plan import digest_file, make_plan

    options = options_from(settings)
    planned = []
    for path in paths:
        with Image.open(path) as im:
            size = im.size  # generated sources: upright, no EXIF orientation
        focus = centred_focus(size)
        planned.append(
            {
                "path": Path(path),
                "size": size,
                "focus": focus,
                "plan": make_plan(digest_file(path), size, focus, options),
            }
        )
    return planned, options


def label_of(kind: str, width: int) -> str:
    return "og" if kind == "og" else (f"scan {width}w" if kind == "scan" else f"{width}w")


def sharp_encoders(options, effort: str = "ours") -> dict:
    """Our encoder settings (plan.encoder_params) in sharp's names; an unknown one is an error.
    effort "default": leave AVIF and WebP effort at sharp's defaults (4)."""
    from headshots.thumbnails.plan import encoder_params

    def take(params, names):
        unknown = set(params) - set(names)
        if unknown:
            raise SystemExit(f"bench: no sharp equivalent for {sorted(unknown)}: extend sharp_encoders()")
        return {names[k](v)[0]: names[k](v)[1] for k, v in params.items()}

    encoders = {
        "jpeg": take(
            encoder_params("jpeg", options),
            {
                "quality": lambda v: ("quality", v),
                "optimize": lambda v: ("optimiseCoding", v),
                "progressive": lambda v: ("progressive", v),
                "subsampling": lambda v: ("chromaSubsampling", v),
            },
        ),
        "webp": take(
            encoder_params("webp", options), {"quality": lambda v: ("quality", v), "method": lambda v: ("effort", v)}
        ),
        # libheif's effort is 9 - libaom speed (what libavif's speed is)
        "avif": {
            **take(
                encoder_params("avif", options),
                {
                    "quality": lambda v: ("quality", v),
                    "speed": lambda v: ("effort", max(0, min(9, 9 - v))),
                    "subsampling": lambda v: ("chromaSubsampling", v),
                },
            ),
            "bitdepth": 8,
        },
    }
    if effort == "default":
        for fmt in ("avif", "webp"):
            encoders[fmt].pop("effort")
        # the anchor is AVIF as sharp's users run it: its default quality too (a quality number is
        # another quantiser to another encoder and effort, so ours is tuned to meet it on bytes and SSIM)
        encoders["avif"]["quality"] = SHARP_AVIF_QUALITY
    return encoders


def vips_suffix(fmt: str, options) -> str:
    """The same settings as vipsthumbnail save options (via sharp's names: libvips' are alike)."""
    enc = sharp_encoders(options)[fmt]
    if fmt == "jpeg":
        return (
            f"[Q={enc['quality']}{',optimize_coding' if enc['optimiseCoding'] else ''}"
            f"{',interlace' if enc['progressive'] else ''},subsample_mode=on,strip]"
        )
    if fmt == "webp":
        return f"[Q={enc['quality']},effort={enc['effort']},strip]"
    return (
        f"[Q={enc['quality']},compression=av1,encoder=aom,bitdepth=8,effort={enc['effort']},"
        f"subsample_mode={'on' if enc['chromaSubsampling'] == '4:2:0' else 'off'},strip]"
    )


# -- measuring ---------------------------------------------------------------------------


def run_measured(command, env=None, stdin: str | None = None):
    """Run a command; (seconds, peak RSS in MB of it and its children, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, env=env, stdin=subprocess.PIPE if stdin is not None else None
    )
    if stdin is not None:
        process.stdin.write(stdin.encode())
        process.stdin.close()
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(map(str, command))}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def ours_child(spec: dict) -> None:
    """In a fresh process: our image step; prints stats and peak memory."""
    from headshots.thumbnails import Item, process

    items = [Item(Path(p), tuple(focus), "bench") for p, focus in spec["items"]]
    pictures, files, problems, stats = process(items, spec["settings"], Path(spec["cache"]))
    assert not problems, problems
    peak = (
        max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        / 1024
    )
    print(json.dumps({**stats, "peak_mb": peak}))


def run_ours(sources, settings, cache: Path, jobs: int, fresh=True) -> dict:
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
    spec = {
        "cache": str(cache),
        "settings": {**settings, "HEADSHOTS_JOBS": jobs},
        "items": [[str(s["path"]), list(s["focus"])] for s in sources],
    }
    seconds, peak, out = run_measured([sys.executable, __file__, "--jobs", str(jobs), "--child", json.dumps(spec)])
    stats = json.loads(out)
    files = []
    for source in sources:
        for r in source["plan"].renditions:
            path = cache / "r" / r.cache_name
            if not path.exists():
                raise SystemExit(f"bench: ours did not make {path} (plan and process() disagree)")
            files.append((str(source["path"]), r.kind, r.width, r.height, r.fmt, path))
    return {"whole": seconds, "step": stats["seconds"], "peak": peak, "stats": stats, "files": files}


def run_sharp(sources, options, out: Path, jobs: int, effort: str) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    at_once = max(1, min(jobs, len(sources)))  # as process() sizes its pool and libaom's threads
    job = {
        "images_at_once": at_once,
        "threads": max(1, (os.cpu_count() or 1) // at_once),
        "encoders": sharp_encoders(options, effort),
        "sources": [],
    }
    for source in sources:
        plan, stem = source["plan"], source["path"].stem
        renditions = [
            {
                "kind": r.kind,
                "width": r.width,
                "height": r.height,
                "fmt": r.fmt,
                "out": str(out / f"{stem}-{r.kind}-{r.width}.{r.ext}"),
            }
            for r in plan.renditions
            if r.kind != "og"
        ]
        og = next((r for r in plan.renditions if r.kind == "og"), None)
        job["sources"].append(
            {
                "path": str(source["path"]),
                "size": list(source["size"]),
                "box": list(plan.box),
                "renditions": renditions,
                "og": og
                and {
                    "width": og.width,
                    "height": og.height,
                    "inset": list(plan.og_inset),
                    "out": str(out / f"{stem}-og-{og.width}.jpg"),
                },
            }
        )
    seconds, peak, stdout = run_measured([NODE, str(SHARP_SCRIPT)], stdin=json.dumps(job))
    result = json.loads(stdout)
    files = [
        (s["path"], r["kind"], r["width"], r["height"], r["fmt"], Path(r["out"]))
        for s in job["sources"]
        for r in s["renditions"] + ([{**s["og"], "fmt": "jpeg", "kind": "og"}] if s["og"] else [])
    ]
    if len(files) != len(result["files"]) or not all(f[-1].exists() for f in files):
        raise SystemExit("bench: bench_sharp.mjs did not make every planned rendition")
    return {
        "whole": seconds,
        "step": result["seconds"],
        "peak": peak,
        "files": files,
        "versions": result["versions"],
        "threads": result["threads"],
    }


def vips_commands(sources, options, out: Path):
    """(command, file) per rendition: vipsthumbnail makes one file per process."""
    commands = []
    for source in sources:
        plan, path = source["plan"], source["path"]
        for r in plan.renditions:
            width, height = plan.og_inset if r.kind == "og" else (r.width, r.height)
            target = out / f"{path.stem}-{r.kind}-{width}.{r.ext}"
            commands.append(
                (
                    [
                        VIPSTHUMBNAIL,
                        str(path),
                        "--size",
                        f"{width}x{height}",
                        "--smartcrop",
                        "centre",
                        "-o",
                        f"{target}{vips_suffix(r.fmt, options)}",
                    ],
                    (str(path), r.kind, r.width, r.height, r.fmt, target),
                )
            )
    return commands


def run_vips(sources, options, out: Path, jobs: int) -> dict:
    """All commands, `jobs` at a time; the peak is the largest of any one process."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    commands = vips_commands(sources, options, out)
    env = {**os.environ, "VIPS_CONCURRENCY": "1"}
    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        peaks = list(pool.map(lambda c: run_measured(c[0], env)[1], commands))
    seconds = time.perf_counter() - started
    return {"whole": seconds, "step": seconds, "peak": max(peaks), "files": [f for _, f in commands]}


# -- SSIM ------------------------------------------------------------------------------------

LUMA = (0.299, 0.587, 0.114)  # BT.601, on the sRGB-encoded values, as SSIM is usually reported


def _window():
    import numpy as np

    x = np.arange(-5, 6, dtype=np.float64)
    k = np.exp(-x * x / (2 * 1.5**2))
    return (k / k.sum()).astype(np.float32)


def _blur(a, k):
    """Separable Gaussian over the valid region (no padding at the borders)."""
    n = len(k)
    h, w = a.shape
    rows = sum(k[i] * a[i : h - n + 1 + i] for i in range(n))
    return sum(k[i] * rows[:, i : w - n + 1 + i] for i in range(n))


def _luma(path):
    import numpy as np
    from PIL import Image

    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.float32) @ np.array(LUMA, np.float32)


def ssim_prepare(ref):
    """The reference's half of SSIM, reused for every rendition of that size. In float32:
    variances from values centred on 128, so E[x^2] - E[x]^2 keeps its precision."""
    k = _window()
    centred = ref - 128
    mu = _blur(centred, k)
    return {"ref": centred, "mu": mu, "var": _blur(centred * centred, k) - mu * mu}


def ssim(prepared, luma) -> float:
    """Mean SSIM (Wang et al. 2004) of `luma` against a prepared reference (float32 arrays, 0..255)."""
    k = _window()
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    img = luma - 128
    mu = _blur(img, k)
    var = _blur(img * img, k) - mu * mu
    cov = _blur(prepared["ref"] * img, k) - prepared["mu"] * mu
    mu_r, mu_i = prepared["mu"] + 128, mu + 128
    value = ((2 * mu_r * mu_i + c1) * (2 * cov + c2)) / ((mu_r**2 + mu_i**2 + c1) * (prepared["var"] + var + c2))
    return float(value.mean(dtype="float64"))


def ssim_source(task: dict) -> list:
    """[(tool, fmt, kind, width, ssim)] for every rendition of one source."""
    import numpy as np
    from PIL import Image

    with Image.open(task["source"]) as im:
        pixels = np.asarray(im.convert("RGB"))  # full decode: no draft, no reduce
    luma = np.empty(pixels.shape[:2], np.float32)
    weights = np.array(LUMA, np.float32)
    for y in range(0, luma.shape[0], 512):
        luma[y : y + 512] = pixels[y : y + 512].astype(np.float32) @ weights
    del pixels
    source = Image.fromarray(luma)  # mode "F"
    del luma
    results = []
    for (width, height), files in task["sizes"].items():
        ref = np.asarray(source.resize((width, height), Image.Resampling.LANCZOS, box=task["box"]), np.float32)
        prepared = ssim_prepare(ref)
        for tool, fmt, kind, path in files:
            img = _luma(path)
            if img.shape != ref.shape:
                raise SystemExit(f"bench: {path} is {img.shape[::-1]}, expected {(width, height)}")
            results.append((tool, fmt, kind, width, ssim(prepared, img)))
    return results


def ssim_all(tasks, jobs):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        return [row for rows in pool.map(ssim_source, tasks) for row in rows]


# -- main ------------------------------------------------------------------------------------


def sharp_available() -> str | None:
    """None when sharp can run, else why not."""
    if not NODE:
        return "node is not on PATH"
    if not SHARP_PACKAGE.exists():
        return "tools/node_modules has no sharp: run `make tools`"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--camera", type=int, default=2, help="24 MP sources")
    parser.add_argument("--web", type=int, default=3, help="2400x3000 sources")
    parser.add_argument(
        "--sharp-effort",
        choices=("default", "ours"),
        default="default",
        help="sharp's AVIF/WebP effort: its defaults (4), or our AVIF speed and WebP method",
    )
    parser.add_argument("--no-ssim", action="store_true", help="skip SSIM (needs NumPy)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=JSON",
        help="a thumbnails setting for every tool, e.g. HEADSHOTS_AVIF_SPEED=8",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--make-sources", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_sources:
        print(json.dumps({k: [str(p) for p in v] for k, v in make_sources(args.camera, args.web).items()}))
        return None
    if args.child:
        return ours_child(json.loads(args.child))

    import PIL
    from PIL import features

    overrides = {}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    ssim_skipped = None
    if not args.no_ssim:
        try:
            import numpy  # noqa: F401
        except ImportError:
            ssim_skipped = "NumPy is not installed (it is in the test extras: pip install -e '.[test]')"
    else:
        ssim_skipped = "--no-ssim"
    no_sharp = sharp_available()

    settings = bench_settings(overrides)
    formats = settings["HEADSHOTS_FORMATS"]
    phases = [*formats, "all"]
    print(
        f"Pillow {PIL.__version__}: AVIF (libavif) {features.version('avif')}, "
        f"WebP {features.version('webp')}, libjpeg-turbo {features.version('jpg')}; "
        f"{subprocess.run([VIPSTHUMBNAIL, '--vips-version'], capture_output=True, text=True).stdout.strip()}"
    )
    options = plan_sources([], settings, args.jobs)[1]
    print(
        f"widths {options['widths']}, scan {options['scan_width']}px 1x/2x, OG {options['og_size']}, "
        f"formats {options['formats']}, quality {options['quality']}, AVIF speed {options['avif_speed']}, "
        f"WebP method {options['webp_method']}; {args.jobs} images at a time; sharp: "
        f"{no_sharp or json.dumps(sharp_encoders(options, args.sharp_effort), separators=(',', ':'))}"
        f"{'' if no_sharp or args.sharp_effort == 'ours' else ' (AVIF/WebP effort: sharp defaults)'}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print("Generating sources...", flush=True)
    # in a child process: Linux carries ru_maxrss across fork, so this process must stay small
    made = subprocess.run(
        [sys.executable, __file__, "--make-sources", "--camera", str(args.camera), "--web", str(args.web)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    groups = {label: [Path(p) for p in paths] for label, paths in json.loads(made).items() if paths}

    tools = [t for t in TOOLS if not (t == "sharp" and no_sharp)]
    runs: dict = {}  # (group, phase, tool) -> result
    files: list = []  # (tool, source, kind, width, height, fmt, path) from the per-format runs
    planned: dict = {}  # group -> sources planned with every format
    warm: dict = {}
    sharp_info = None
    started = time.perf_counter()
    for label, paths in groups.items():
        short = label.split()[0]
        for phase in phases:
            phase_settings = bench_settings(overrides, None if phase == "all" else [phase])
            sources, phase_options = plan_sources(paths, phase_settings, args.jobs)
            if phase == "all":
                planned[label] = sources
            print(f"  {label}: {phase}", flush=True)
            result = runs[(label, phase, "ours")] = run_ours(
                sources, phase_settings, OUT / "cache" / short / phase, args.jobs
            )
            if phase != "all":
                files += [("ours", *f) for f in result["files"]]
            else:
                warm[label] = run_ours(sources, phase_settings, OUT / "cache" / short / phase, args.jobs, fresh=False)[
                    "stats"
                ]
            if "sharp" in tools:
                result = runs[(label, phase, "sharp")] = run_sharp(
                    sources, phase_options, OUT / "sharp" / short / phase, args.jobs, args.sharp_effort
                )
                sharp_info = sharp_info or result
                if phase != "all":
                    files += [("sharp", *f) for f in result["files"]]
            if phase != "all":  # vipsthumbnail decodes per file: its 'all' is the sum of its format runs
                result = runs[(label, phase, "vips")] = run_vips(
                    sources, phase_options, OUT / "vips" / short / phase, args.jobs
                )
                files += [("vips", *f) for f in result["files"]]
        runs[(label, "all", "vips")] = {
            key: (max if key == "peak" else sum)(runs[(label, p, "vips")][key] for p in formats)
            for key in ("whole", "step", "peak")
        }
    bench_seconds = time.perf_counter() - started

    # -- time
    print()
    if sharp_info:
        v = sharp_info["versions"]
        print(
            f"sharp {v.get('sharp')}: libvips {v.get('vips')}, aom {v.get('aom')}, libheif {v.get('heif')}, "
            f"libwebp {v.get('webp')}, mozjpeg {v.get('mozjpeg')}; sharp.concurrency {sharp_info['threads']}"
        )
    else:
        print(f"sharp skipped: {no_sharp}")
    head = (
        f"{'seconds per source':28} {'ours':>6} {'(whole)':>7} {'sharp':>6} {'(whole)':>7} "
        f"{'vipsthumb':>9} {'ours/sharp':>10} {'ours/vips':>9}"
    )
    print(head)
    for label, paths in groups.items():
        n = len(paths)
        print(f"{label}, {n} sources")
        for phase in phases:
            ours = runs[(label, phase, "ours")]
            sharp = runs.get((label, phase, "sharp"))
            vips = runs[(label, phase, "vips")]
            name = "all formats (the build)" if phase == "all" else phase
            sharp_cells = f"{sharp['step'] / n:>6.2f} {sharp['whole'] / n:>7.2f}" if sharp else f"{'-':>6} {'-':>7}"
            ratio = f"{ours['step'] / sharp['step']:>9.2f}x" if sharp else f"{'-':>10}"
            print(
                f"  {name:26} {ours['step'] / n:>6.2f} {ours['whole'] / n:>7.2f} {sharp_cells} "
                f"{vips['step'] / n:>9.2f} {ratio} {ours['step'] / vips['step']:>8.2f}x"
            )
    print(
        "(ours: process() in a fresh process, pool start included; sharp: bench_sharp.mjs's own clock; "
        "(whole): the whole process incl. Python/Node start; vipsthumbnail: every process, "
        f"{args.jobs} at a time, 'all' the sum of its format runs, the OG card under jpeg; "
        "ratios use the first columns)"
    )
    for label in groups:
        peaks = " ".join(f"{TOOL_NAMES[t]} {runs[(label, 'all', t)]['peak']:.0f} MB" for t in tools)
        faces_ms = runs[(label, "all", "ours")]["stats"]["face_seconds"] / len(groups[label]) * 1000
        print(
            f"peak memory, {label}, all formats: {peaks}; warm rebuild (ours): {warm[label]['decoded']} decoded, "
            f"{warm[label]['encoded']} encoded, {warm[label]['reused']} reused; "
            f"face detection (ours, in the times above): {faces_ms:.0f} ms per source"
        )

    # -- bytes and SSIM
    sizes: dict = {}
    for tool, _, kind, width, _height, fmt, path in files:
        if kind != "og":
            sizes.setdefault((tool, fmt, label_of(kind, width)), []).append(path.stat().st_size)
    ssim: dict = {}
    if not ssim_skipped:
        print(f"\nSSIM of {sum(1 for f in files if f[2] != 'og')} renditions...", flush=True)
        tasks = {
            str(s["path"]): {"source": str(s["path"]), "box": s["plan"].box, "sizes": {}}
            for sources in planned.values()
            for s in sources
        }
        for tool, source, kind, width, height, fmt, path in files:
            if kind != "og":
                tasks[source]["sizes"].setdefault((width, height), []).append((tool, fmt, kind, str(path)))
        tasks = list(tasks.values())
        for tool, fmt, kind, width, value in ssim_all(tasks, args.jobs):
            ssim.setdefault((tool, fmt, label_of(kind, width)), []).append(value)

    def mean(values):
        return sum(values) / len(values) if values else None

    print()
    print("per format, every rendition of every source (OG card excluded)")
    print(f"{'':6} {'bytes per rendition (mean)':>32}   {'SSIM (mean, luma)':>30}")
    print(
        f"{'':6} "
        + " ".join(f"{TOOL_NAMES[t]:>10}" for t in TOOLS)
        + "   "
        + " ".join(f"{TOOL_NAMES[t]:>10}" for t in TOOLS)
    )
    verdicts = []
    for fmt in formats:
        by_tool = {t: [v for (tt, f, _), vs in sizes.items() if tt == t and f == fmt for v in vs] for t in TOOLS}
        s_tool = {t: [v for (tt, f, _), vs in ssim.items() if tt == t and f == fmt for v in vs] for t in TOOLS}
        b = {t: mean(by_tool[t]) for t in TOOLS}
        s = {t: mean(s_tool[t]) for t in TOOLS}
        print(
            f"{fmt:6} "
            + " ".join(f"{b[t] / 1024:>9.1f}K" if b[t] else f"{'-':>10}" for t in TOOLS)
            + "   "
            + " ".join(f"{s[t]:>10.4f}" if s[t] is not None else f"{'-':>10}" for t in TOOLS)
        )
        if b["sharp"]:
            time_ratio = sum(runs[(g, fmt, "ours")]["step"] for g in groups) / sum(
                runs[(g, fmt, "sharp")]["step"] for g in groups
            )
            misses = (["more bytes"] if b["ours"] > b["sharp"] * BYTES_BAR else []) + (
                ["lower SSIM"] if s["ours"] is not None and s["ours"] < s["sharp"] - SSIM_BAR else []
            )
            verdict = (
                f"bytes and SSIM {'meet' if not misses else 'miss'} the bar (at most {BYTES_BAR}x the bytes, "
                f"SSIM at least sharp's - {SSIM_BAR})" + (f": {', '.join(misses)}" if misses else "")
            )
            ssim_note = f", SSIM {s['ours'] - s['sharp']:+.4f}" if s["ours"] is not None else ""
            verdicts.append(
                f"{fmt}: ours {time_ratio:.2f}x sharp's time, bytes {b['ours'] / b['sharp'] - 1:+.1%}"
                f"{ssim_note}: {verdict}"
            )
    if ssim_skipped:
        print(f"(SSIM skipped: {ssim_skipped})")
    else:
        print(
            "(SSIM against the source's crop resized in float with Pillow's Lanczos; "
            "Gaussian window 1.5, 11 taps, valid region)"
        )
    for line in verdicts:
        print(line)

    print()
    print("per rendition: mean KB and SSIM, ours / sharp / vipsthumbnail")

    def order(label):
        return (label.startswith("scan"), int("".join(c for c in label if c.isdigit()) or 0))

    def cell(table, fmt, label, scale, spec):
        values = [mean(table.get((t, fmt, label), [])) for t in TOOLS]
        return "/".join(format(v / scale, spec) if v is not None else "-" for v in values)

    print(
        f"{'rendition':10} "
        + " ".join(f"{fmt + ' KB':>17}" for fmt in formats)
        + "  "
        + " ".join(f"{fmt + ' SSIM':>20}" for fmt in formats)
    )
    for label in sorted({key[2] for key in sizes}, key=order):
        print(
            f"{label:10} "
            + " ".join(f"{cell(sizes, fmt, label, 1024, '.1f'):>17}" for fmt in formats)
            + "  "
            + " ".join(f"{cell(ssim, fmt, label, 1, '.3f'):>20}" for fmt in formats)
        )
    print(
        f"(bench took {time.perf_counter() - started:.0f} s, image runs {bench_seconds:.0f} s; "
        f"load average now {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
