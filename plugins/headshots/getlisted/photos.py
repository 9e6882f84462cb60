"""The headshots attached to the form: their links and descriptions, fetched and told apart by their bytes.

GitHub stores what is dragged into an issue under its attachment host,
`https://github.com/user-attachments/assets/<id>` (images) or
`.../user-attachments/files/<n>/<name>` (other files), and redirects a
download to signed storage. A link to anywhere else is refused before
anything is fetched; nothing is fetched past 25 MB a photo or 12 photos.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from headshots.thumbnails.pipeline import SIGNATURES

GITHUB = "https://github.com"
ATTACHMENT_PATHS = ("/user-attachments/assets/", "/user-attachments/files/")
MAX_PHOTOS = 12
MAX_BYTES = 25 * 1024 * 1024
TIMEOUT = 30  # seconds, for each connection and each read
MAX_REDIRECTS = 5

#: The file name extension for each kind the site takes.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WebP": "webp", "TIFF": "tif", "AVIF": "avif"}

# A link in Markdown `![..](url)` / `[..](url)`, in HTML `src="url"` / `href="url"`, or bare.
_LINK = re.compile(r"""\]\(\s*<?(\S+?)>?\s*\)|(?:src|href)\s*=\s*["']([^"']+)["']|(https?://[^\s<>()"'\]]+)""")
_LOOK = re.compile(r"^\s*look\s*:\s*(.*?)\s*$", re.IGNORECASE)
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


@dataclass
class Attached:
    """One photo as the form gives it: its link, the words under it, and its look if named."""

    url: str
    alt: str
    look: str | None = None


def attached(text: str) -> list[Attached]:
    """The links in the headshots answer, in order, each with the text up to the next link as its
    description (a line `Look: commercial` names its look)."""
    found = []
    for line in text.split("\n"):
        links = [next(group for group in m.groups() if group) for m in _LINK.finditer(line)]
        words = _LINK.sub(" ", line)
        words = re.sub(r"<[^>]*>|!\[[^\]]*|\[[^\]]*", " ", words)  # what is left of the tags and brackets
        for url in links:
            found.append(Attached(url=url, alt=""))
        if not found:
            continue
        look = _LOOK.match(words)
        if look:
            found[-1].look = look.group(1) or None
        elif words.strip():
            found[-1].alt = " ".join(f"{found[-1].alt} {words}".split())
    return found


def link_problem(url: str, server: str = GITHUB) -> str | None:
    """Why `url` is not a GitHub attachment (None when it is)."""
    if not url.startswith(server.rstrip("/") + "/") or not any(
        url[len(server.rstrip("/")) :].startswith(path) for path in ATTACHMENT_PATHS
    ):
        return f'"{url}" is not a photo attached to the form: drag the photo itself into the form'
    if not _SEGMENT.match(url.rstrip("/").rsplit("/", 1)[-1]) or ".." in url or "?" in url or "#" in url:
        return f'"{url}" is not a GitHub attachment link'
    return None


def kind(data: bytes) -> tuple[str, bool]:
    """What the bytes are ("JPEG", True) or ("a PDF", False): judged by their first bytes, never a name."""
    head = data[:64].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "web page", False
    for prefix, offset, name, ours in SIGNATURES:
        if data[offset : offset + len(prefix)] == prefix:
            return name, ours
    return "file of unknown kind", False


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow GitHub's redirect to its storage: a few hops, never down from https to http."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if req.full_url.startswith("https:") and not newurl.startswith("https:"):
            raise urllib.error.HTTPError(newurl, code, "redirect away from https", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str) -> bytes:
    """The bytes at `url`, refused past MAX_BYTES (by the header, then by counting)."""
    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": "first-look-get-listed"})
    with opener.open(request, timeout=TIMEOUT) as response:
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > MAX_BYTES:
            raise ValueError(f"is {int(length) / 1024 / 1024:.0f} MB: at most {MAX_BYTES // 1024 // 1024} MB a photo")
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"is over {MAX_BYTES // 1024 // 1024} MB: at most {MAX_BYTES // 1024 // 1024} MB a photo")
    return data


def fetch(url: str, attachments: Path | None) -> bytes:
    """The photo's bytes: from `attachments/<last segment of the link>` when given, else downloaded."""
    if attachments is None:
        return download(url)
    path = attachments / url.rstrip("/").rsplit("/", 1)[-1]
    if not path.is_file():
        raise ValueError(f"is not in {attachments}")
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"is over {MAX_BYTES // 1024 // 1024} MB: at most {MAX_BYTES // 1024 // 1024} MB a photo")
    return path.read_bytes()
