"""When an address from a pull request may become a link: one rule for profiles, bios and articles.

Only http, https and mailto (and addresses inside the site); never an address
that hides where it leads: a user name before the host
(`https://trusted.example@evil.example/` goes to evil.example), a host
spelled with non-ASCII letters (a look-alike "аpple.com" with a Cyrillic a),
or a protocol-relative `//host/` (whose scheme depends on the page's).
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: The schemes a link from a pull request may use (articles, bios, profile links); anything else is not linked.
SCHEMES = ("http", "https", "mailto")


def problem(url: str) -> str | None:
    """Why `url` must not be linked, in an editor's words, or None when it may be."""
    if url.startswith("//"):
        return f'"{url}" has no scheme: write the full address, https://{url[2:]}'
    try:
        parts = urlsplit(url)
    except ValueError:
        return f'"{url}" is not a valid address'
    if not parts.scheme:
        return None  # inside the site: the caller resolves it
    if parts.scheme.lower() not in SCHEMES:
        return f'"{url}": only http, https and mailto links are allowed'
    if parts.scheme.lower() == "mailto":
        return None
    if "@" in parts.netloc:
        return f'"{url}" has a user name before "@", which hides where the link goes: link to {_after_at(parts)}'
    host = parts.hostname or ""
    if not host:
        return f'"{url}" has no host name'
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = "its plain-ASCII (xn--) form"
        return (
            f'"{url}" spells its host with non-ASCII letters, which can imitate another site: '
            f"write the host as {ascii_host} if it really is that site"
        )
    return None


def _after_at(parts) -> str:
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path or '/'}"
