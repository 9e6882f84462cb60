"""Where a build keeps its caches: outside the checkout, so nothing a pull request commits is ever loaded.

Three of the caches hold code or objects that run when loaded: Pelican's
content cache and our profile outcomes are pickles, Jinja's template cache is
compiled bytecode. A `.cache/` folder committed to the repository must
therefore never be the one a build reads: the default is a folder of the
user's cache home (`$XDG_CACHE_HOME`, else `~/.cache`), one per checkout, and
`headshots check` refuses a committed cache file (`headshots.inputs`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

#: The folder under the user's cache home that holds one cache per checkout.
CACHE_HOME_NAME = "first-look"


def default_cache_path(settings_file) -> str:
    """The cache of the checkout holding `settings_file` (its pelicanconf.py): outside that checkout."""
    checkout = Path(settings_file).resolve().parent
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = hashlib.blake2b(str(checkout).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
    return str(home / CACHE_HOME_NAME / f"{checkout.name}-{tag}")


if __name__ == "__main__":  # `make clean`: print the checkout's cache folder
    print(default_cache_path("pelicanconf.py"))
