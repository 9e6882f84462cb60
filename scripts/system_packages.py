"""The Debian packages the tests need, and which of them this machine lacks: one list for make, CI and the README.

    python3 scripts/system_packages.py test        # what `make test` lacks, and how to install it; exit 1 if anything
    python3 scripts/system_packages.py bench       # the same for `make bench`
    python3 scripts/system_packages.py --missing   # every missing package, one line (CI installs them)

Plain Python 3 with no imports of ours, so it runs before the virtual environment exists.
"""

import shutil
import sys
from pathlib import Path

#: (Debian package, how to tell it is installed: a command on PATH or a file, which make targets need it, why)
NEEDS = (
    ("chromium", "chromium", "test", "the browser tests (Playwright drives /usr/bin/chromium)"),
    ("default-jre-headless", "java", "test", "the Nu Html Checker (vnu-jar) on every page"),
    ("nodejs", "node", "test", "the page scripts' unit tests (node --test) and the npm tools"),
    ("npm", "npm", "test", "installs the auditors into tools/ (vnu-jar, lighthouse, sharp)"),
    ("colord-data", "/usr/share/color/icc/colord/AdobeRGB1998.icc", "test", "real ICC profiles for the colour tests"),
    ("libgs-common", "/usr/share/color/icc/ghostscript/default_cmyk.icc", "test", "real CMYK and RGB ICC profiles"),
    ("libvips-tools", "vipsthumbnail", "bench", "the image benchmark's reference (vipsthumbnail)"),
)


def missing(target: str | None = None) -> list[tuple[str, str]]:
    """(package, what for) for each need of `target` (every target: None) this machine does not meet."""
    return [
        (package, purpose)
        for package, probe, needed_by, purpose in NEEDS
        if target in (None, needed_by) and not (Path(probe).is_file() if probe.startswith("/") else shutil.which(probe))
    ]


def main(argv: list[str]) -> int:
    if argv[1:] == ["--missing"]:
        print(" ".join(package for package, _ in missing()))
        return 0
    if len(argv) != 2 or argv[1] not in {needed_by for _, _, needed_by, _ in NEEDS}:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    lacking = missing(argv[1])
    if not lacking:
        return 0
    print(f"`make {argv[1]}` needs system packages this machine does not have:", file=sys.stderr)
    for package, purpose in lacking:
        print(f"  {package:22} {purpose}", file=sys.stderr)
    print(f"Install them with:\n  sudo apt-get install {' '.join(p for p, _ in lacking)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
