"""A real `headshots serve` on a free port in a clone-like folder (its own settings, theme, content, profiles)."""

import filecmp
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FAST_BUILD, HEADSHOTS, REPO
from factories import minimal_profile, write_profile


def wait_for(predicate, timeout: float) -> bool:
    """Whether `predicate()` came true within `timeout` seconds (asked every 0.1 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clone(base: Path) -> Path:
    """A folder laid out like the repository: pelicanconf.py, theme/, content/ (tests/content), photographers/."""
    shutil.copy(REPO / "pelicanconf.py", base / "pelicanconf.py")
    shutil.copytree(REPO / "theme", base / "theme")
    shutil.copytree(REPO / "tests" / "content", base / "content")
    write_profile(base / "photographers", "maya", minimal_profile(name="Maya Okafor", bio="Warm light."))
    write_profile(base / "photographers", "tomas", minimal_profile(name="Tomas Reyes", city="Boston"))
    return base


def overrides(base: Path, extra=None) -> list[str]:
    settings = {**FAST_BUILD, "CACHE_PATH": str(base / "cache"), **(extra or {})}
    return [f"{key}={_json(value)}" for key, value in settings.items()]


def _json(value):
    import json

    return json.dumps(value)


def get(url: str):
    """(status, headers, body) of a GET; never raises on an HTTP status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class Server:
    def __init__(self, base: Path, extra=None):
        self.base, self.port = base, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "serve.log"
        self._log = open(self.log_path, "w")
        command = [HEADSHOTS, "serve", "--port", str(self.port), "--output", "output", "-e", *overrides(base, extra)]
        self.process = subprocess.Popen(
            command,
            cwd=base,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "COLUMNS": "200"},
        )

    def log(self) -> str:
        return self.log_path.read_text()

    def builds(self) -> int:
        return len(re.findall(r"\] (Built|Rebuilt|Refused)", self.log()))

    def wait_for(self, predicate, timeout=90.0) -> bool:
        return wait_for(predicate, timeout)

    def ready(self, timeout=120.0) -> None:
        assert self.wait_for(lambda: "Serving the site at" in self.log(), timeout), self.log()

    def renditions_caught_up(self) -> bool:
        """Whether every rendition the served pages show is published (the dev server's log says so)."""
        log = self.log()
        return log.rfind("] Renditions caught up") >= log.rfind("] Renditions: ")

    def rebuilt_after(self, count: int, timeout=90.0) -> None:
        assert self.wait_for(lambda: self.builds() > count, timeout), self.log()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        self._log.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def clean_build(base: Path, extra=None, cache: Path | None = None) -> Path:
    """`make build` of the clone into base/clean (with the dev server's cache, or `cache`)."""
    clean = base / "clean"
    settings = overrides(base, {**(extra or {}), **({"CACHE_PATH": str(cache)} if cache else {})})
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(clean), "-e", *settings]
    done = subprocess.run(command, cwd=base, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return clean


def assert_same_tree(left, right, search=True):
    """Byte for byte, but for the search bundle: Pagefind writes its filter and index files
    differently on every run over the same folder (measured), so the bundle is compared by its
    fragments, one a page, named by the hash of what was indexed of it."""
    files = lambda root: sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.parts[len(root.parts)] != "pagefind"
    )
    assert files(left) == files(right)
    differ = [name for name in files(left) if not filecmp.cmp(left / name, right / name, shallow=False)]
    assert not differ
    if not search:
        return
    fragments = lambda root: sorted(p.name for p in (root / "pagefind" / "fragment").iterdir())
    assert fragments(left) and fragments(left) == fragments(right)
