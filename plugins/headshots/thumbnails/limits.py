"""Limits on the work one source may cost to decode: a JPEG's scan count, and the seconds a decode may take.

A progressive JPEG is drawn in scans, each a pass over the whole picture;
encoders write about ten. A 1.4 MB file that repeats one scan 80,000 times
keeps a decoder busy for minutes, so the scans are counted from the file's
markers (no decoding) when it is opened, and any decode that runs past
`DECODE_SECONDS` anyway is stopped (in a process's main thread, where the
build's workers and `headshots check` decode).
"""

from __future__ import annotations

import contextlib
import mmap
import signal
import threading

#: More scans than any camera or editor writes (libjpeg's progressive default is 10, mozjpeg's under 20).
MAX_JPEG_SCANS = 100
#: A 100-megapixel PNG decodes in about 3 s on one busy core.
DECODE_SECONDS = 20.0

_SOS, _EOI = 0xDA, 0xD9
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM and the restart markers carry no length


def jpeg_scans(path) -> int:
    """How many scans (SOS markers) a JPEG holds, walking its markers; 0 when it is not a JPEG."""
    with open(path, "rb") as handle:
        try:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            return 0
    with data:
        if data[:2] != b"\xff\xd8":
            return 0
        scans, at, end = 0, 2, len(data)
        while at + 4 <= end:
            if data[at] != 0xFF:  # entropy-coded data after a scan: find the next marker
                at = data.find(b"\xff", at)
                if at < 0:
                    break
                continue
            marker = data[at + 1]
            if marker == 0xFF or marker == 0x00 or marker in _STANDALONE:  # fill byte, stuffed byte, RSTn
                at += 1 if marker == 0xFF else 2
                continue
            if marker == _EOI:
                break
            at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
            if marker == _SOS:
                scans += 1
        return scans


def scan_problem(path) -> str | None:
    """Why a JPEG has too many scans to decode safely, with its count; None when it is fine."""
    scans = jpeg_scans(path)
    if scans <= MAX_JPEG_SCANS:
        return None
    return (
        f"is a JPEG drawn in {scans:,} scans, over the {MAX_JPEG_SCANS} any camera or editor writes "
        "(it would take minutes to decode): export it again as a standard JPEG"
    )


class DecodeTooSlow(Exception):
    """A decode ran past DECODE_SECONDS."""


@contextlib.contextmanager
def deadline(seconds: float | None = None):
    """Stop what runs inside after `seconds` (DECODE_SECONDS) with DecodeTooSlow. Pillow decodes in
    Python-level steps of 64 KB, so the alarm lands between two of them. Off outside the main thread."""
    seconds = DECODE_SECONDS if seconds is None else seconds
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise DecodeTooSlow

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def too_slow(seconds: float | None = None) -> str:
    seconds = DECODE_SECONDS if seconds is None else seconds
    return (
        f"took more than {seconds:g} s to decode (a photo takes about a second): "
        "export it again as a standard JPEG or PNG"
    )
