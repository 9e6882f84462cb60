"""The editor's loop at scale: saved edit to served page under `headshots serve`, at N photographers.

    python scripts/bench_serve.py -n 1000 --images 0 --repeat 3

Generates the synthetic directory of scripts/bench_scale.py, starts the dev
server on a free port, waits for the first build, then for each scenario
(a bio edit, a price edit, a new photographer) saves the file and times how
long until the served page shows it. Each scenario runs --repeat times;
prints the median, min and max. `make bench-scale` runs it after the build bench.
"""

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_directory import REPO, generate

HEADSHOTS = str(Path(sys.executable).with_name("headshots"))


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except (urllib.error.URLError, OSError):
        return ""


def until(predicate, timeout: float) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if predicate():
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def edit(profile: Path, change) -> None:
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    change(data)
    profile.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def peak_memory(pid: int) -> int:
    """The process's peak resident memory in bytes (Linux: VmHWM in /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def set_price(data: dict, price: int) -> None:
    """A new starting price, as an editor makes it: the cheapest session's price and the price from."""
    data["sessions"][0]["price"] = price
    data["price"].update({"from": price, "to": max(price, data["price"].get("to", price))})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--images", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    data = generate(base, args.n, bool(args.images), 50)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    extra = {
        "PATH": str(data["content"]),
        "PHOTOGRAPHERS_PATH": str(data["root"]),
        "CACHE_PATH": str(base / "cache"),
        "HEADSHOTS_FORMATS": ["jpeg"],
        "HEADSHOTS_PUBLISH": bool(args.images),
        "HEADSHOTS_PROGRESS_MIN": 10**9,
    }
    command = [HEADSHOTS, "serve", "--port", str(port), "--output", str(base / "output")]
    command += ["-s", str(REPO / "pelicanconf.py"), "-e", *(f"{k}={json.dumps(v)}" for k, v in extra.items())]
    log = open(base / "serve.log", "w")
    server = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        first = until(lambda: "Serving the site at" in (base / "serve.log").read_text(), 3600)
        print(f"N={args.n}: first build served after {first:.1f} s")
        slug = data["slugs"][-1]
        profile = data["root"] / slug / "profile.yaml"
        times: dict[str, list[float]] = {"bio edit": [], "price edit": [], "new photographer": []}
        for run in range(args.repeat):
            time.sleep(1.0)
            marker = f"Loop marker {run} bio"
            edit(profile, lambda d, m=marker: d.__setitem__("bio", m))
            times["bio edit"].append(until(lambda m=marker: m in page(f"{url}/photographers/{slug}/"), args.timeout))
            time.sleep(1.0)
            price = 701 + run
            edit(profile, lambda d, p=price: set_price(d, p))
            times["price edit"].append(
                until(lambda p=price: f"{p}" in page(f"{url}/photographers/{slug}/"), args.timeout)
            )
            time.sleep(1.0)
            new = f"loop-new-{run}"
            shutil.copytree(data["root"] / slug, base / new)
            edit(base / new / "profile.yaml", lambda d, r=run: d.__setitem__("name", f"Loop Newcomer {r}"))
            (base / new).rename(data["root"] / new)  # arrives whole, as a checkout or a copy would
            times["new photographer"].append(
                until(lambda r=run, n=new: f"Loop Newcomer {r}" in page(f"{url}/photographers/{n}/"), args.timeout)
            )
        for name, values in times.items():
            done = [v for v in values if v is not None]
            missed = len(values) - len(done)
            spread = f"median {statistics.median(done):.1f} s, min {min(done):.1f}, max {max(done):.1f}" if done else ""
            print(
                f"  {name:16} saved to served: {spread} over {len(done)} runs"
                + (f", {missed} missed" if missed else "")
            )
        print(f"  peak memory of the server process: {peak_memory(server.pid) / 2**20:,.0f} MiB (VmHWM)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print("log:", base / "serve.log")


if __name__ == "__main__":
    main()
