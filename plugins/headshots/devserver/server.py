"""The development HTTP server: the served folder, a "building..." page, the 404 page, and the dev script.

Standard library only (`http.server.ThreadingHTTPServer`): one thread per
request, so a page is served while a build runs. HTML is sent with
`Cache-Control: no-store` and gets the dev script (`dev.js`: error overlay
and live reload over Server-Sent Events, one stream per browser) added here, on its way out: it is
never written into the output folder, so `make build` and `make publish`
never contain it. A headshot's rendition not made yet is made first and
served with status 200 (`renditions`), never the 404 page.
"""

from __future__ import annotations

import html
import os
import re
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SCRIPT_URL = "/__headshots/dev.js"
EVENTS_URL = "/__headshots/events"
STATE_URL = "/__headshots/state"
SCRIPT = (Path(__file__).parent / "dev.js").read_bytes()
KEEPALIVE = 15.0  # seconds between comments on an idle event stream (proxies close silent ones)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def building_page(problems) -> bytes:
    """What a request gets until the first build is served: refreshes itself, lists the problems."""
    lines = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    what = (
        "<p>The site cannot be built yet. Fix these and save:</p><ul>" + lines + "</ul>"
        if problems
        else "<p>Building the site... this page reloads itself when it is ready.</p>"
    )
    return (
        '<!doctype html><html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="1">'
        f"<title>Building... - First Look</title><h1>First Look</h1>{what}</html>"
    ).encode()


def with_script(page: bytes, address: str, version: int) -> bytes:
    tag = (
        f'<script src="{SCRIPT_URL}" data-page="{html.escape(address)}" data-version="{version}" defer></script>'
    ).encode()
    found = list(_BODY_END.finditer(page))
    at = found[-1].start() if found else len(page)
    return page[:at] + tag + page[at:]


class Handler(SimpleHTTPRequestHandler):
    server_version = "headshots-serve"

    def __init__(self, *args, site, state, stopping, renditions, **kwargs):
        self.site, self.state, self.stopping, self.renditions = site, state, stopping, renditions
        super().__init__(*args, directory=str(site.output), **kwargs)

    def do_GET(self):
        self._respond(head=False)

    def do_HEAD(self):
        self._respond(head=True)

    def log_message(self, format, *args):  # the terminal is for build lines and problems
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser left first (a reload, a closed tab)
            pass

    def _respond(self, head: bool) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS_URL:
            return self._events(head)
        if path == STATE_URL:  # the state once, for pages that hear the stream through another tab (dev.js)
            return self._send(200, "application/json", self.state.data().encode(), head)
        if path == SCRIPT_URL:
            return self._send(200, "text/javascript; charset=utf-8", SCRIPT, head)
        if not self.state.version:
            page = building_page(self.state.problems)
            return self._send(503, "text/html; charset=utf-8", page, head, {"Retry-After": "1"})
        made = self._rendition()
        if made is not None:
            return self._send(200, self.guess_type(str(made)), made.read_bytes(), head, {"Cache-Control": "no-cache"})
        with self.site.lock:  # the folder is never read while a build replaces it
            found = self._find(path)
        if found is None:
            return None
        status, file, body = found
        if file.endswith((".html", ".htm")):
            page = with_script(body, self._address(file), self.state.version)
            return self._send(status, "text/html; charset=utf-8", page, head)
        return self._send(status, self.guess_type(file), body, head, {"Cache-Control": "no-cache"})

    def _rendition(self) -> Path | None:
        """A headshot's rendition the pages show but the background worker has not published yet:
        made first, then served from the renditions cache (`renditions.Renditions.wait`)."""
        file = self.translate_path(self.path)
        if os.path.exists(file):
            return None
        return self.renditions.wait(os.path.relpath(file, self.directory).replace(os.sep, "/"))

    def _find(self, path: str):
        """(status, file, bytes) of what `path` serves: its file, its folder's index.html, or the 404 page."""
        file = self.translate_path(self.path)
        if os.path.isdir(file):
            if not path.endswith("/"):
                query = urlsplit(self.path).query
                self.send_response(301)
                self.send_header("Location", path + "/" + (f"?{query}" if query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            file = os.path.join(file, "index.html")
        status = 200
        if not os.path.isfile(file):
            status, file = 404, os.path.join(self.directory, "404.html")
            if not os.path.isfile(file):
                return 404, "404.txt", b"Not found\n"
        with open(file, "rb") as handle:
            return status, file, handle.read()

    def _address(self, file: str) -> str:
        key = os.path.relpath(file, self.directory).replace(os.sep, "/")
        return "/" + (key[: -len("index.html")] if key == "index.html" or key.endswith("/index.html") else key)

    def _send(self, status: int, kind: str, body: bytes, head: bool, headers=None) -> None:
        headers = {"Cache-Control": "no-store", **(headers or {})}
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, head: bool) -> None:
        """Server-Sent Events: the state now, then after each build; a comment when idle."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if head:
            return
        number = self.state.number
        message = self.state.message()
        try:
            while not self.stopping.is_set():
                self.wfile.write(message)
                self.wfile.flush()
                seen, number = number, self.state.wait(number, KEEPALIVE)
                message = self.state.message() if number != seen else b": idle\n\n"
        except (BrokenPipeError, ConnectionResetError):
            pass


def make_server(bind: str, port: int, site, state, stopping, renditions) -> ThreadingHTTPServer:
    handler = partial(Handler, site=site, state=state, stopping=stopping, renditions=renditions)
    server = ThreadingHTTPServer((bind, port), handler)
    server.daemon_threads = True
    return server
