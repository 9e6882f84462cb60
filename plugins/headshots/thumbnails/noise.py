"""What the image libraries say while reading one file, and which of it is the file's own problem.

libtiff writes to the process's stderr; Pillow raises Python warnings. A
UserWarning raised inside a library (Pillow's "Corrupt EXIF data", "Truncated
File Read") is about the file. A DeprecationWarning, or any warning pointed
at a line of our own code, is about our code: it is handed back to Python's
warnings machinery for developers (tests, `-W error`) and never becomes a
photographer's warning.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import warnings
from pathlib import Path

#: Our package: a warning whose line is in here is about our code, not the file.
_OURS = str(Path(__file__).resolve().parents[1])


class LibraryNoise:
    """What the libraries printed or warned about one file. Kept, not printed: `summary()` turns it
    into at most one line an editor can act on."""

    def __init__(self):
        self.lines: list[str] = []

    def summary(self) -> list[str]:
        if not self.lines:
            return []
        return [
            "has damaged or non-standard metadata, which was skipped (the picture itself was read): "
            "exporting it again from the original clears this"
        ]


def about_the_file(caught: warnings.WarningMessage) -> bool:
    """Whether a caught warning speaks of the file being read (not of our code or a library's future)."""
    return issubclass(caught.category, UserWarning) and not str(Path(caught.filename).resolve()).startswith(_OURS)


@contextlib.contextmanager
def library_noise():
    """Capture Python warnings and anything written to file descriptor 2 while reading a source."""
    noise = LibraryNoise()
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            os.dup2(captured.fileno(), 2)
            try:
                yield noise
            finally:
                os.dup2(saved, 2)
                os.close(saved)
                captured.seek(0)
                noise.lines += captured.read().decode("utf-8", "replace").splitlines()
        noise.lines += [str(w.message) for w in caught if about_the_file(w)]
        for w in caught:
            if not about_the_file(w):  # for developers, under the filters in force
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
