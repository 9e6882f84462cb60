"""Run `python -m pelican` and `headshots` in a fresh process, without paying for their imports each time.

Most tests build a small site or run `headshots check` in a subprocess, and most of such a
subprocess's time is the interpreter importing Pelican, Jinja, Markdown and Pillow. A server
process imports them once (and runs nothing); for each command it forks a child that takes the
command's folder, environment and arguments, runs the same entry point the command would, and
exits with its status. Each command still runs in its own process, from a state no build has
touched. A command whose environment changes what the interpreter reads at start (PYTHONHASHSEED,
PYTHONPATH, any PYTHON* variable) runs as a real subprocess, and HEADSHOTS_TESTS_PRESTART=0 runs
every command so.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

#: What a build or check imports; the server imports it once, before any fork.
PRELOAD = (
    "pelican",
    "pelican.readers",
    "pelican.writers",
    "headshots.plugin",
    "headshots.cli",
    "markdown",
    "PIL.Image",
)
#: The commands this runs in a fork: name -> the module `-m` runs as __main__, or the script's "module:function".
ENTRIES = {"pelican": "pelican", "headshots": "headshots.cli:main"}

_server = None


def run(command: list[str], *, cwd, env: dict, timeout: float) -> subprocess.CompletedProcess:
    """`subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)`,
    forked from the server for `python -m pelican ...` and `headshots ...`."""
    name, arguments = _entry(command)
    starts_differently = any(
        env.get(key) != os.environ.get(key) for key in {*env, *os.environ} if key.startswith("PYTHON")
    )
    if name is None or starts_differently or os.environ.get("HEADSHOTS_TESTS_PRESTART") == "0":
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    global _server
    if _server is None:
        _server = _start()
    with tempfile.TemporaryDirectory(prefix="prestarted-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        request = {
            "entry": name,
            "argv": arguments,
            "cwd": str(cwd),
            "env": env,
            "stdout": str(out),
            "stderr": str(err),
        }
        try:
            _server.stdin.write(json.dumps(request).encode() + b"\n")
            _server.stdin.flush()
            pid = int(_answer(_server.stdout.fileno(), None))
            returncode = _answer(_server.stdout.fileno(), timeout)
            if returncode is None:
                os.kill(pid, signal.SIGKILL)
                _answer(_server.stdout.fileno(), None)
                raise subprocess.TimeoutExpired(command, timeout)
        except BaseException:  # a timeout or an interrupt mid-answer: the next command starts a new server
            _server.kill()
            _server.wait()
            _server = None
            raise
        return subprocess.CompletedProcess(command, int(returncode), out.read_text(), err.read_text())


def _answer(fd: int, timeout: float | None) -> bytes | None:
    """The server's next line (unbuffered: a buffer could hide the second of two lines from select),
    or None when `timeout` seconds pass first."""
    line, deadline = b"", None if timeout is None else time.monotonic() + timeout
    while not line.endswith(b"\n"):
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not select.select([fd], [], [], wait)[0]:
            return None
        byte = os.read(fd, 1)
        if not byte:
            raise RuntimeError("the prestarted server died")
        line += byte
    return line


def _entry(command: list[str]):
    """("pelican" or "headshots", argv as the program sees it), or (None, None) for anything else."""
    if command[:3] == [sys.executable, "-m", "pelican"]:
        return "pelican", ["pelican", *command[3:]]
    if Path(command[0]) == Path(sys.executable).parent / "headshots":
        return "headshots", command
    return None, None


def _start() -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, __file__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=0,
        # no COLUMNS or LINES: Pelican's console, made on import, then reads each command's own
        env={key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")},
        cwd=Path(__file__).parents[1],
    )
    atexit.register(server.kill)
    return server


def _serve() -> None:
    """The server: import PRELOAD, then fork one child per request line, answering its pid, then its status."""
    requests, answers = os.fdopen(os.dup(0), "r"), os.fdopen(os.dup(1), "w")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)  # not a terminal, like a command's captured output (consoles made on import look)
    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    for line in requests:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            requests.close()
            answers.close()
            _child(request)
        answers.write(f"{pid}\n")
        answers.flush()
        _, status = os.waitpid(pid, 0)
        answers.write(f"{os.waitstatus_to_exitcode(status)}\n")
        answers.flush()


def _child(request: dict) -> None:
    """In the fork: become the command (its folder, environment, argv and output files), run it, exit."""
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = request["argv"]
    # what the interpreter puts first on the path: the folder of `-m`, the script's folder
    sys.path[0] = os.getcwd() if request["entry"] == "pelican" else os.path.dirname(sys.argv[0])
    code = 0
    try:
        entry = ENTRIES[request["entry"]]
        if ":" in entry:
            module, function = entry.split(":")
            code = getattr(sys.modules[module], function)()
        else:
            import runpy

            runpy.run_module(entry, run_name="__main__", alter_sys=True)
    except SystemExit as exit:
        code = exit.code
    except BaseException:
        traceback.print_exc()
        code = 1
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    import atexit as exits

    exits._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    _serve()
