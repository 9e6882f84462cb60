"""First Look's site code: the stages of the build, the Pelican wiring and the `headshots` command.

Data flows one way, each stage a plain function of what the one before
returned (docs/ARCHITECTURE.md draws it):

    read -> model -> pictures -> (checks) -> page data -> pages -> search

`LAYERS` names every module's layer, lowest first. A module imports only
from its own layer or lower ones, and no import loops
(tests/test_layers.py holds the package to it). `headshots.plugin` is the
one file that connects Pelican's signals; `headshots.cli` is the command.
"""

#: Each layer and the modules (or packages) in it, lowest first.
LAYERS = (
    ("foundation", ("settings", "errors", "text", "urls", "csp", "vocabulary", "countries", "parallel", "cachedir")),
    (
        "read",
        ("inputs", "yamlparse", "yamlnodes", "headshotfiles", "bio", "validate", "reading", "profilecache", "articles"),
    ),
    ("model", ("pricing", "model", "directory")),
    ("pictures", ("thumbnails",)),
    ("checks", ("checks",)),
    ("page data", ("pagedata",)),
    ("pages", ("templating", "pagelist", "pagekeys", "writer", "sitemap")),
    ("search", ("indexing",)),
    ("wiring", ("plugin", "getlisted", "devserver", "cli")),
)
