"""Reading the site's Content-Security-Policy (the CONTENT_SECURITY_POLICY setting).

The article check asks it whether browsers would load an image from a host
that ARTICLE_IMAGE_HOSTS allows, so the two settings cannot drift apart unseen.
"""

from __future__ import annotations


def sources(policy: str, directive: str) -> list[str]:
    """The sources of one directive (falling back to default-src, as browsers do)."""
    directives = {}
    for part in policy.split(";"):
        if part.split():
            name, *values = part.split()
            directives.setdefault(name.lower(), values)
    return directives.get(directive, directives.get("default-src", []))


def allows_https_host(policy: str, directive: str, host: str) -> bool:
    """Whether `directive` lets the page load https://host/... (a scheme source, the host, or a wildcard)."""
    host = host.lower()
    for source in (s.lower() for s in sources(policy, directive)):
        if source in ("*", "https:", host, f"https://{host}"):
            return True
        bare = source.removeprefix("https://")
        if bare.startswith("*.") and host.endswith(bare[1:]):
            return True
    return False
