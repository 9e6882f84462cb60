"""Issue 28, findings 10 and 12: what an article's HTML may borrow from the site and fetch from elsewhere.

An article may not wear the site's own classes (a `shortlist-status` div is pinned over every page,
so a "Sign in again" link in one passes for the site), and its images come from the site itself or
from the hosts ARTICLE_IMAGE_HOSTS names, over https. The check and the build refuse both with the
same lines; the sanitiser drops a borrowed class whatever the check said.
"""

import re

from test_hostile import FRONT, build, check_lines, refused_alike, site

from headshots.articles import check_articles
from headshots.articles.html import sanitise
from headshots.settings import DEFAULTS

NOTICE = '<div class="shortlist-status"><a href="https://evil.example/login">Sign in again</a></div>'
CLASS_FIX = "remove it (the site's classes are for its own pages; an article uses only Markdown's footnote classes)"


def test_an_article_cannot_borrow_the_sites_classes(tmp_path):
    body = (
        NOTICE + "\n\n"
        '<p class="footnote" style="position:fixed">Pinned</p>\n\n'
        '## Your session was reset {: .shortlist-status style="position:fixed" }\n'
    )
    root = site(tmp_path, articles={"pinned.md": FRONT + body})
    expected = [
        f'content/articles/pinned.md:9:1: html: the class "shortlist-status" is not allowed in an article: {CLASS_FIX}',
        'content/articles/pinned.md:11:1: html: the attribute "style" is not allowed on <p>',
        f'content/articles/pinned.md:11:1: html: the class "footnote" is not allowed in an article: {CLASS_FIX}',
        f'content/articles/pinned.md:13:30: html: the class "shortlist-status" is not allowed in an article: {CLASS_FIX}',
        'content/articles/pinned.md:13:48: html: the attribute "style" is not allowed in an article: remove it',
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_the_sanitiser_drops_a_borrowed_class_and_keeps_the_link_as_plain_text_flow():
    """The last line of defence: the notice loses its class (so nothing pins it), the link stays a link."""
    assert sanitise(NOTICE) == '<div><a href="https://evil.example/login">Sign in again</a></div>'
    assert sanitise('<h2 class="shortlist-status" id="x" style="position:fixed">Hi</h2>') == '<h2 id="x">Hi</h2>'
    assert sanitise(
        '<span class="button">Book</span><pre class="highlight"><code class="language-py">x</code></pre>'
    ) == ("<span>Book</span><pre><code>x</code></pre>")


def test_markdown_footnotes_keep_their_classes_in_a_built_article(tmp_path):
    root = site(tmp_path, articles={"notes.md": FRONT + "A claim.[^1]\n\n[^1]: Its source.\n"})
    assert check_lines(root) == []
    result, output = build(root)
    assert result.returncode == 0, result.stderr
    html = (output / "articles" / "notes" / "index.html").read_text()
    assert '<a class="footnote-ref" href="#fn:1">1</a>' in html
    assert '<div class="footnote">' in html and 'class="footnote-backref"' in html
    body = html[html.index('<div class="prose article__body">') : html.index("</article>")]
    assert set(re.findall(r'class="([^"]*)"', body)) >= {"footnote", "footnote-ref", "footnote-backref"}
    assert not re.search(r"\bstyle=", body)


def test_article_images_come_from_the_site_over_https(tmp_path):
    body = (
        "![Pixel](http://tracker.example/p.gif)\n\n"
        '<img src="https://tracker.example/p.gif?reader=1" alt="A pixel">\n\n'
        "![A backdrop](https://cdn.example.com/backdrop.jpg)\n"
    )
    root = site(tmp_path, articles={"pixels.md": FRONT + body})
    expected = [
        'content/articles/pixels.md:9:10: image: "http://tracker.example/p.gif" is not https (browsers block or '
        "flag it on an https page): put the file in content/media/ and write {static}/media/p.gif",
        'content/articles/pixels.md:11:11: image: "https://tracker.example/p.gif?reader=1" comes from another site, '
        "which then sees who reads the article: put the file in content/media/ and write {static}/media/p.gif "
        "(or ask a maintainer to add tracker.example to ARTICLE_IMAGE_HOSTS)",
        'content/articles/pixels.md:13:15: image: "https://cdn.example.com/backdrop.jpg" comes from another site, '
        "which then sees who reads the article: put the file in content/media/ and write {static}/media/backdrop.jpg "
        "(or ask a maintainer to add cdn.example.com to ARTICLE_IMAGE_HOSTS)",
    ]
    assert check_lines(root) == expected
    refused_alike(root, expected)


def test_an_allowed_image_host_must_also_be_in_the_policy(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "cdn.md").write_text(
        FRONT + "![A backdrop](https://cdn.example.com/b.jpg)\n\n![Plain](http://cdn.example.com/b.jpg)\n"
    )
    settings = {"ARTICLE_IMAGE_HOSTS": ["cdn.example.com"]}
    lines = [str(p) for p in check_articles(tmp_path, settings=settings) if ": warning: " not in str(p)]
    assert [line.split(": ", 1)[1] for line in lines] == [
        'image: "https://cdn.example.com/b.jpg" is from a host in ARTICLE_IMAGE_HOSTS that '
        "CONTENT_SECURITY_POLICY's img-src leaves out: add https://cdn.example.com to img-src "
        "(and to the host's header, docs/deploy.md)",
        'image: "http://cdn.example.com/b.jpg" is not https (browsers block or flag it on an https page): '
        "put the file in content/media/ and write {static}/media/b.jpg",
    ]
    policy = DEFAULTS["CONTENT_SECURITY_POLICY"].replace("img-src 'self'", "img-src 'self' https://cdn.example.com")
    settings["CONTENT_SECURITY_POLICY"] = policy
    lines = [str(p) for p in check_articles(tmp_path, settings=settings) if ": warning: " not in str(p)]
    assert len(lines) == 1 and "is not https" in lines[0]
