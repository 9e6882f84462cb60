"""`cached`, a Jinja global: render a piece of a template once per build, however many pages show it.

    {% call cached("footer", SITEURL) %} ... {% endcall %}

The body is rendered the first time a key is seen and the same markup is
returned for that key afterwards. The key must name everything the body
depends on (SITEURL is on the list whenever the body has links: it differs
page by page under RELATIVE_URLS). Pelican makes a new Jinja environment for
every generator on every build, and the memo lives on the environment, so
nothing carries over from one build to the next (`pelican -r`).

Why: the site header and footer, and a photographer's card, are the same on
thousands of pages; rendering them again on each was a large share of the
time a big directory takes to build.
"""

from __future__ import annotations

from jinja2 import pass_environment


@pass_environment
def cached(environment, *key, caller):
    memo = environment.__dict__.setdefault("_headshots_fragments", {})
    markup = memo.get(key)
    if markup is None:
        markup = memo[key] = caller()
    return markup
