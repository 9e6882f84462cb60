"""`headshots serve`: the editor's loop. Build, serve, watch, rebuild once per save, show problems in the page.

    headshots serve [--port N] [--bind HOST] [--output DIR] [-s SETTINGS] [-e KEY=JSON ...]

The address is printed once the site can be browsed; until then a request
gets a small "building..." page. A save in photographers' folders re-renders
only the pages that read them (`update`); any other save (articles, pages,
the theme, the settings) starts one clean in-process build (`builds.Site`).
Saves during a build start the next one (`watching`); headshots' renditions
(`renditions`) and search (`search`) catch up in the background; the open page hears of each build over
Server-Sent Events (`server`, `dev.js`).
"""

from __future__ import annotations

import json
import threading
import time

from headshots import text
from headshots.devserver.builds import Outcome, Site
from headshots.devserver.renditions import Renditions
from headshots.devserver.server import make_server
from headshots.devserver.state import State
from headshots.devserver.watching import Changes, describe, watch


def add_parser(commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="build the site, serve it, rebuild on every save, show problems in the browser",
        description="The development server (make serve). Prints the address once the site can be browsed.",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0: any free port)")
    serve.add_argument("--bind", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    serve.add_argument("--output", default="output", help="the output folder (default output)")
    serve.add_argument("-s", "--settings", default="pelicanconf.py", help="the settings file (default pelicanconf.py)")
    serve.add_argument(
        "-e", "--extra-settings", nargs="*", default=[], metavar="KEY=JSON", help="override settings, as pelican -e"
    )


def overrides(pairs: list[str]) -> dict:
    found = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            found[key] = json.loads(value)
        except json.JSONDecodeError as error:
            raise SystemExit(f"headshots serve: -e {pair}: the value is not JSON ({error.msg})") from None
    return found


def run(args) -> int:
    site = Site(args.settings, overrides(args.extra_settings), args.output)
    state, changes, stopping = State(), Changes(), threading.Event()
    renditions = Renditions(site.output)
    server = make_server(args.bind, args.port, site, state, stopping, renditions)
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    host, port = server.server_address[:2]
    print("Building the site; the address follows when it can be browsed (requests get a building page).", flush=True)
    watch(*site.watched(), changes, stopping)
    address = f"http://{host}:{port}/"
    try:
        outcome = _build(site, renditions, None)
        state.finished(outcome)
        print(_line("Built", outcome, None, state), flush=True)
        if outcome.ok:
            print(f"Serving the site at {address} (Ctrl-C to stop)", flush=True)
        else:
            print(f"The site cannot be built yet: {address} lists the problems until they are fixed", flush=True)
        while True:
            saved = changes.take()
            outcome = _build(site, renditions, saved)
            first = outcome.ok and not state.version
            state.finished(outcome)
            print(_line("Rebuilt", outcome, saved, state), flush=True)
            if first:
                print(f"Serving the site at {address} (Ctrl-C to stop)", flush=True)
    except KeyboardInterrupt:
        return 0
    finally:
        stopping.set()
        server.shutdown()


def _build(site: Site, renditions: Renditions, saved) -> Outcome:
    """One build or update, no rendition published meanwhile; then what is left to encode of the
    pictures the pages now show goes to the background worker."""
    with renditions.paused():
        outcome = site.build(saved)
        if outcome.ok and site.update is not None:
            renditions.follow(site.update.pictures.values(), site.update.settings)
    return outcome


def _line(what: str, outcome: Outcome, saved, state: State) -> str:
    when = time.strftime("%H:%M:%S")
    after = f" after {describe(saved)} changed" if saved else ""
    if not outcome.ok:
        served = "the last good site is still served" if state.version else "no site is served until they are fixed"
        return (
            f"[{when}] Refused{after}: {text.plural(len(outcome.problems), 'problem')} above "
            f"(in the browser too); {served} ({outcome.seconds:.1f} s)"
        )
    pages = [a for a in outcome.changed if a != "*"]
    shown = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
    shared = "every page (a shared file changed)" if "*" in outcome.changed else ""
    changed = shared or (f"{text.plural(len(pages), 'page')} changed: {shown}" if pages else "no page changed")
    if outcome.what == "re-rendered":
        done = f"re-rendered {text.plural(outcome.files, 'page')} (the rest is unchanged)"
    else:
        done = f"built {outcome.what} ({outcome.files:,} files)"
    return f"[{when}] {what}{after} in {outcome.seconds:.1f} s: {done}; {changed}"
