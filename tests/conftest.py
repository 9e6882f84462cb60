"""Shared fixtures: real Pelican builds, a local HTTP server, a real Chromium."""

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import prestarted
import pytest

from headshots.cachedir import default_cache_path

REPO = Path(__file__).resolve().parents[1]
#: The checkout's own cache (outside it: headshots.cachedir), shared with `make`.
CACHE = default_cache_path(REPO / "pelicanconf.py")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: The `headshots` command this environment installed.
HEADSHOTS = str(Path(sys.executable).parent / "headshots")

#: The settings of a quick fixture build: JPEG renditions at two widths, made in the build's own
#: process (for a site of a few headshots, starting two workers cost about 0.2 s of a 0.3 s build),
#: and no search index. A test that needs more (search, other widths, workers) adds to it:
#: {**FAST_BUILD, "SEARCH_ENABLED": True}.
FAST_BUILD = {
    "HEADSHOTS_FORMATS": ["jpeg"],
    "HEADSHOTS_WIDTHS": [160, 320],
    "HEADSHOTS_JOBS": 1,
    "SEARCH_ENABLED": False,
}


def pelican_build(
    output, *, settings="pelicanconf.py", photographers=None, content=None, cache=None, extra=None, env=None
):
    """Run a real `pelican` build in a subprocess, the way an editor would.

    `photographers`/`content`/`cache` point the build at other folders (with other photographers
    and no `content`, tests/content/: the real articles link to the sample photographers, and the
    build refuses links that lead nowhere);
    `extra` is a dict of further settings passed with `-e`. Returns the
    CompletedProcess with text stdout/stderr so tests can read the messages.
    """
    overrides = dict(extra or {})
    if photographers is not None:
        overrides["PHOTOGRAPHERS_PATH"] = str(Path(photographers).resolve())
    if cache is not None:
        overrides["CACHE_PATH"] = str(Path(cache).resolve())
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(Path(content or (REPO / "tests" / "content" if photographers is not None else REPO / "content")).resolve()),
        "-s",
        str(REPO / settings),
        "-o",
        str(Path(output).resolve()),
    ]
    if overrides:
        command += ["-e", *(f"{key}={_json(value)}" for key, value in overrides.items())]
    return prestarted.run(command, cwd=REPO, env={**os.environ, "COLUMNS": "200", **(env or {})}, timeout=900)


def headshots(*args, cwd, env=None, timeout=300):
    """Run `headshots ARGS` in `cwd` as an editor would, outside GitHub Actions (its environment is
    this one without GITHUB_ACTIONS, updated by `env`); returns the CompletedProcess with text
    stdout/stderr."""
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    return prestarted.run([HEADSHOTS, *map(str, args)], cwd=cwd, env={**environment, **(env or {})}, timeout=timeout)


def build_directory(base, profiles: dict, extra=None):
    """Write `profiles` ({slug: profile dict}) under `base/photographers`, build them into
    `base/output` (cache in `base/cache`) and return the output folder; a failed build fails the test."""
    from factories import write_profile

    base = Path(base)
    for slug, profile in profiles.items():
        write_profile(base / "photographers", slug, profile)
    output = base / "output"
    result = pelican_build(output, photographers=base / "photographers", cache=base / "cache", extra=extra)
    assert result.returncode == 0, result.stderr
    return output


def _json(value):
    import json

    return json.dumps(value)


def built_once(tmp_path_factory, name, build):
    """The folder `build(folder)` fills, built once per test run however many pytest-xdist workers
    ask: the first builds while the others wait (a cold build keeps every core busy anyway), then
    all read it. A failed build fails the test, and the next worker to ask tries again."""
    import fcntl

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    root = tmp_path_factory.getbasetemp()
    root = root.parent if worker else root  # the workers' basetemps share this run's folder
    output, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(output, ignore_errors=True)
            result = build(output)
            assert result.returncode == 0, result.stderr
            done.touch()
    return output


def build_sample_site(tmp_path_factory):
    return built_once(tmp_path_factory, "sample-site", lambda output: pelican_build(output, cache=CACHE))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The real sample site, built once per test run (thumbnail cache shared with `make`); tests
    only read it."""
    return build_sample_site(tmp_path_factory)


def pytest_sessionstart(session):
    """`make test` (SAMPLE_SITE_EARLY=1) starts the sample site's build as the run starts, beside the
    first tests: from a fresh clone it encodes every rendition (about two minutes), and the tests that
    read the site would otherwise wait for it with a core idle. The run's first worker to ask for it
    waits for this build (`built_once`); a failed build is tried again there and fails that test."""
    if os.environ.get("PYTEST_XDIST_WORKER") or os.environ.get("SAMPLE_SITE_EARLY") != "1":
        return

    def build():
        try:
            build_sample_site(session.config._tmp_path_factory)
        except AssertionError:
            pass  # the fixture builds it again and reports the failure

    threading.Thread(target=build, name="sample site", daemon=True).start()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_directory(root):
    """Serve `root` on an ephemeral 127.0.0.1 port; returns (base_url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server.shutdown


@pytest.fixture(scope="session")
def sample_url(sample_site):
    """Base URL of the sample site served over HTTP (clean URLs need a server)."""
    base, stop = serve_directory(sample_site)
    yield base
    stop()


@pytest.fixture(scope="session")
def browser():
    """A real Chromium from Debian's package, driven by Playwright.

    Browser tests never skip: without Chromium the suite fails and says how to
    install it (`apt-get install chromium`, as .ci/run does).
    """
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"browser tests need Chromium at {CHROMIUM}: run `apt-get install chromium` "
            "(or set CHROMIUM=/path/to/chromium)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield _PolicyFreeContexts(chromium)
        chromium.close()


class _PolicyFreeContexts:
    """The browser, whose new contexts ignore the site's Content-Security-Policy unless a test asks
    for it (`bypass_csp=False`): Playwright evaluates string expressions with eval, which the policy
    refuses. tests/test_csp.py walks every page type under the policy."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        return self._browser.new_context(**{"bypass_csp": True, **options})

    def new_page(self, **options):
        return self._browser.new_page(**{"bypass_csp": True, **options})

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page; phone tests make their own context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A fresh page at phone width (390 CSS px, DPR 2)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


# Fixtures that drive Chromium, and fixtures that build the whole sample site (or serve it).
BROWSER_FIXTURES = {"browser", "page", "phone"}
SITE_FIXTURES = {"sample_site", "sample_url", "publish_site"}


def pytest_collection_modifyitems(items):
    """Mark every test by what it needs, so `make test-fast` (-m "not browser and not slow") skips
    exactly the tests that drive a browser or build the whole sample site, whoever wrote them."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & SITE_FIXTURES:
            item.add_marker(pytest.mark.slow)
