"""The one error type the plugins raise, and how it is printed.

Editors fix what they are told, so every problem is one line in the form
`FILE:LINE:COL: field: message`, never a Python traceback.
"""

import logging
import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located in a file."""

    file: str
    line: int = 1
    col: int = 1
    field: str = ""
    message: str = ""
    warning: bool = False  # worth a look, but the build goes on

    def __str__(self) -> str:
        """One line, always: a line break in a file, key or value name (they come from pull
        requests) is shown as \\n, so it cannot start a line of its own."""
        where = f"{self.file}:{self.line}:{self.col}:" + (" warning:" if self.warning else "")
        text = f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"
        return text.replace("\r", "\\r").replace("\n", "\\n")

    def github_annotation(self) -> str:
        """The `::error` (or `::warning`) workflow command GitHub Actions turns into an inline note,
        escaped by GitHub's rules (the toolkit's `escapeData` and `escapeProperty`), so a file or key
        name from a pull request cannot end the command and start one of its own."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        kind = "warning" if self.warning else "error"
        return f"::{kind} file={_property(self.file)},line={self.line},col={self.col}::{_data(text)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path) -> str:
    """A path as an editor would type it: relative to the working directory when inside it.

    A string test, no filesystem calls: a build names thousands of files.
    """
    absolute, cwd = os.path.abspath(path), os.getcwd()
    if absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return absolute[len(cwd.rstrip(os.sep)) + 1 :]
    return str(path)


class HeadshotsError(Exception):
    """Invalid input: carries every problem found, not just the first."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the input, listed above")


def report(problems) -> None:
    """Print every problem as one unwrapped line on stderr; raise if any is not a warning.

    Pelican's logger (rich) wraps long lines at 80 columns when stderr is not a
    terminal, which would break `FILE:LINE:COL` for editors and CI, so the
    lines are written directly and the exception carries only a summary.
    """
    problems = sorted(problems)
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    sys.stderr.flush()
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        raise HeadshotsError(errors)


def fail(problems) -> None:
    """`report` problems that are all errors: the build stops."""
    report(problems)
    raise HeadshotsError(problems)


class _NoTracebackForInputErrors(logging.Filter):
    """Pelican logs an uncaught exception with its traceback; for bad input the
    problem lines are the whole story, so drop the traceback for our error only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], HeadshotsError):
            record.exc_info = None
            record.exc_text = None
        return True


def install_log_filter() -> None:
    """Attach the filter to the root handlers (Pelican's rich handler lives there)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _NoTracebackForInputErrors) for f in handler.filters):
            handler.addFilter(_NoTracebackForInputErrors())
