"""How long the five-second scan's face check takes on a 24-megapixel photo, in Debian's Chromium.

`make bench-scan` builds the sample site (if needed), serves it, and picks a 6000 x 4000 JPEG
(scikit-image's astronaut, enlarged) in /scan/ several times: the first pick in a fresh browser
context loads the detector (cold), the next picks reuse it (warm). It prints the time scan-own.js
measures from the pick to the faces found ("scan:face-check": decoding, loading and detection),
and the bytes the detector fetched. A benchmark, not a test: nothing asserts; the issue's bar
(under 2 s) is printed beside the figures.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright
from skimage import data

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
BAR_SECONDS = 2.0


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def photo(folder: Path) -> Path:
    path = folder / "astronaut-24mp.jpg"
    Image.fromarray(data.astronaut()).resize((4000, 4000), Image.Resampling.LANCZOS).resize((6000, 4000)).save(
        path, quality=90
    )
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "output", help="a built site (make build)")
    parser.add_argument("--runs", type=int, default=3, help="fresh browser contexts, each with a cold and a warm pick")
    args = parser.parse_args(argv)
    if not (args.site / "scan" / "index.html").is_file():
        sys.exit(f"bench-scan: no built site at {args.site}: run `make build`")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(args.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    cold, warm, fetched = [], [], 0
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        image = photo(Path(folder))
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        for _ in range(args.runs):
            context = browser.new_context()
            page = context.new_page()
            for times in (cold, warm):
                page.goto(f"{base}/scan/?seconds=1")
                page.set_input_files("#scan-file", str(image))
                page.wait_for_selector("[data-face-report][data-face-count]", timeout=60000)
                times.append(page.evaluate("performance.getEntriesByName('scan:face-check').pop().duration") / 1000)
                if times is cold:
                    fetched = page.evaluate(
                        "performance.getEntriesByType('resource').filter((r) => /vendor\\/face\\/|faces\\.js|face-measure|face-rule/.test(r.name))"
                        ".reduce((sum, r) => sum + r.encodedBodySize, 0)"
                    )
            context.close()
        browser.close()
    server.shutdown()

    def line(name, values):
        spread = f"{min(values):.2f}-{max(values):.2f} s" if len(values) > 1 else ""
        verdict = "under" if max(values) < BAR_SECONDS else "OVER"
        return f"{name:<6} median {statistics.median(values):.2f} s ({spread}), {verdict} the {BAR_SECONDS:.0f} s bar"

    print(f"face check on a 6000 x 4000 JPEG, {args.runs} fresh contexts:")
    print(line("cold", cold))
    print(line("warm", warm))
    print(f"detector files fetched on a cold pick: {fetched / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
