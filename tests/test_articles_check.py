"""`headshots check` for articles: every error path with its exact message, and the scaffold.

Fixtures are small content folders written into tmp_path; the working
directory is tmp_path so problems name files as an editor types them
(`content/articles/x.md`).
"""

import datetime
import textwrap
from pathlib import Path

import pytest
import yaml

from headshots import articles
from headshots import settings as headshots_settings
from headshots.articles import check_articles, new_article, run_new_article
from headshots.checks import site_problems
from headshots.directory import Directory, site_urls
from headshots.reading import load_profiles

from factories import minimal_profile, write_profile

REPO = Path(__file__).resolve().parents[1]

SETTINGS = {
    "ARTICLE_PATHS": ["articles"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_URL": "articles/{slug}/",
    "PAGE_URL": "{slug}/",
    "SLUGIFY_SOURCE": "basename",
    "ARTICLE_CATEGORIES": ["Casting process", "Headshots"],
}

# The pages every build writes whatever the content, as the real settings place them.
FIXED_PATHS = tuple(sorted(site_urls(headshots_settings.load(str(REPO / "pelicanconf.py")))))

GOOD_FRONT = """\
---
title: In the room at your audition
date: 2026-10-01
author: First Look editors
category: Casting process
tags: [auditions, direction]
summary: What happens in the room, and the parts you control.
---
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A content folder with one good article and one page; returns a writer for more."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "pages").mkdir()
    (tmp_path / "content" / "articles" / "in-the-room.md").write_text(GOOD_FRONT + "\nBody.\n")
    (tmp_path / "content" / "pages" / "about.md").write_text("---\ntitle: About\n---\n\nAbout us.\n")

    def write(name, text, folder="articles"):
        path = tmp_path / "content" / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def check(**kwargs):
    kwargs.setdefault("settings", SETTINGS)
    kwargs.setdefault(
        "known_paths",
        FIXED_PATHS + ("/photographers/maya-okafor/", "/photographers/maya-okafor/scan/", "/cities/chicago/"),
    )
    return [str(problem) for problem in check_articles("content", **kwargs) if not _length_warning(problem)]


def _length_warning(problem):
    """These fixtures are short on purpose: the house minimum has its own tests (test_check_paths.py)."""
    return problem.warning and problem.field == "body" and "articles are at least" in problem.message


def front(**changes):
    """The good front matter with fields replaced (value None: field removed)."""
    lines = []
    for line in GOOD_FRONT.splitlines():
        key = line.split(":", 1)[0]
        if key in changes:
            if changes[key] is not None:
                lines.append(f"{key}: {changes.pop(key)}")
            else:
                changes.pop(key)
            continue
        lines.append(line)
    closing = lines.pop()
    lines += [f"{key}: {value}" for key, value in changes.items()] + [closing]
    return "\n".join(lines) + "\n"


def test_good_content_has_no_problems(site):
    site(
        "linked.md",
        front() + "\nSee [the room](/articles/in-the-room/), [about](/about/), "
        "[Maya](/photographers/maya-okafor/), [Chicago](/cities/chicago/), [scan](/scan/casting/) "
        "and [feed](/feeds/articles.atom.xml).\n",
    )
    assert check() == []


# --------------------------------------------------------------------------- front matter


def test_missing_front_matter(site):
    site("bare.md", "Title\n\nBody.\n")
    assert check() == [
        "content/articles/bare.md:1:1: front matter: missing: start the file with a "
        'line "---", then the fields (title, date, author, category, summary), then "---"'
    ]


def test_unclosed_front_matter(site):
    site("open.md", "---\ntitle: Open\n\nBody.\n")
    assert check() == ['content/articles/open.md:1:1: front matter: not closed: add a line "---" after the last field']


def test_invalid_yaml_points_at_the_line(site):
    site("broken.md", front(summary='"unterminated'))
    assert check() == [
        "content/articles/broken.md:8:1: front matter: YAML syntax error: found "
        "unexpected end of stream (while scanning a quoted scalar that starts on line 7)"
    ]


def test_yaml_syntax_error_position(site):
    site("colon.md", front(title="Callbacks: why: replies matter"))
    assert check() == [
        "content/articles/colon.md:2:17: front matter: YAML syntax error: mapping values "
        'are not allowed here: a value with ": " in it needs "double quotes" around it'
    ]


def test_anchors_are_refused(site):
    site("anchor.md", front(title="&t Callbacks", summary="*t"))
    assert check() == [
        'content/articles/anchor.md:2:8: front matter: anchors ("&t") are not allowed: write each value out in full'
    ]


def test_front_matter_that_is_not_a_mapping(site):
    site("list.md", "---\n- title\n- date\n---\n")
    assert check() == [
        'content/articles/list.md:2:1: front matter: must be "field: value" lines, like "title: In the room"'
    ]


@pytest.mark.parametrize("name", ["title", "date", "author", "category", "summary"])
def test_required_field_missing(site, name):
    site("missing.md", front(**{name: None}))
    assert check() == [f"content/articles/missing.md:1:1: {name}: required, but missing from the front matter"]


def test_empty_field_points_at_the_key(site):
    site("empty.md", front(author=""))
    assert check() == ["content/articles/empty.md:4:1: author: is empty: write a value after the colon"]


def test_field_that_is_a_list(site):
    site("list-title.md", front(title="[one, two]"))
    assert check() == ["content/articles/list-title.md:2:8: title: must be a single value, not a list or a mapping"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("22/09/2026", '"22/09/2026" must be a date written YYYY-MM-DD, like 2026-09-22'),
        ("2026-9-22", '"2026-9-22" must be a date written YYYY-MM-DD, like 2026-09-22'),
        ("2026-02-30", '"2026-02-30" is not a real date'),
        ("2026-13-01", '"2026-13-01" is not a real date'),
    ],
)
def test_bad_dates(site, value, message):
    site("dated.md", front(date=value))
    assert check() == [f"content/articles/dated.md:3:7: date: {message}"]


def test_unknown_category_with_hint(site):
    site("cat.md", front(category="Casting"))
    assert check() == [
        'content/articles/cat.md:5:11: category: "Casting" is not a known category; did you mean "Casting process"?'
    ]


def test_unknown_category_lists_the_known_ones(site):
    site("cat.md", front(category="Recipes"))
    assert check() == [
        'content/articles/cat.md:5:11: category: "Recipes" is not a known category; '
        "use one of: Casting process, Headshots"
    ]


def test_categories_come_from_the_setting(site):
    site("cat.md", front(category="Recipes"))
    assert check(settings={**SETTINGS, "ARTICLE_CATEGORIES": ["Recipes"]}) == [
        'content/articles/in-the-room.md:5:11: category: "Casting process" is not a known category; use one of: Recipes'
    ]


def test_tags_must_be_a_list(site):
    site("tags.md", front(tags="callbacks, auditions"))
    assert check() == ["content/articles/tags.md:6:7: tags: must be a list, like [callbacks, auditions]"]


def test_empty_tag(site):
    site("tags.md", front(tags='[callbacks, ""]'))
    assert check() == ["content/articles/tags.md:6:19: tags: each tag must be a word or short phrase"]


def test_unknown_field_did_you_mean(site):
    site("typo.md", front(summary=None, sumary="A typo."))
    assert check() == [
        "content/articles/typo.md:1:1: summary: required, but missing from the front matter",
        'content/articles/typo.md:7:1: sumary: unknown field; did you mean "summary"?',
    ]


def test_unknown_field_lists_the_fields(site):
    site("extra.md", front(mood="happy"))
    assert check() == [
        "content/articles/extra.md:8:1: mood: unknown field; the fields are: title, date, "
        "author, category, summary, tags, related, slug, modified, status"
    ]


def test_duplicate_field(site):
    site("twice.md", front(title="One").replace("---\n", "---\ntitle: Two\n", 1))
    assert check() == ["content/articles/twice.md:3:1: title: appears twice (first on line 2); keep one"]


def test_bad_slug(site):
    site("slugged.md", front(slug="My Article"))
    assert check() == [
        'content/articles/slugged.md:8:7: slug: "My Article" must be lowercase letters, '
        'digits and hyphens, like "my-article"'
    ]


def test_two_articles_with_one_url(site):
    site("copy.md", front(slug="in-the-room"))
    assert check() == [
        'content/articles/copy.md:8:1: slug: "in-the-room" is also the URL of '
        "content/articles/in-the-room.md: give each its own slug",
        'content/articles/in-the-room.md:2:1: slug: "in-the-room" is also the URL of '
        "content/articles/copy.md: give each its own slug",
    ]


def test_bad_status(site):
    site("status.md", front(status="secret"))
    assert check() == ['content/articles/status.md:8:9: status: "secret" must be one of: published, draft, hidden']


# --------------------------------------------------------------------------- related


def test_related_names_other_articles(site):
    site("the-closer-look.md", front())
    site("callbacks.md", front(related="[the-closer-look, in-the-room]"))
    assert check() == []


def test_related_reaches_the_build_as_a_list_of_strings(tmp_path):
    """pelican-yaml-metadata passes a list through unchanged, in order (article.html reads it)."""
    from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
    from pelican.settings import DEFAULT_CONFIG

    path = tmp_path / "callbacks.md"
    path.write_text(front(related="[the-closer-look, in-the-room]") + "\nBody.\n")
    _, metadata = YAMLMetadataReader(dict(DEFAULT_CONFIG)).read(str(path))
    assert metadata["related"] == ["the-closer-look", "in-the-room"]


def test_related_unknown_slug_did_you_mean(site):
    site("callbacks.md", front(related="[in-the-rom]"))
    assert check() == [
        'content/articles/callbacks.md:8:11: related: "in-the-rom" is not an article; did you mean "in-the-room"?'
    ]


def test_related_unknown_slug_without_a_hint(site):
    site("callbacks.md", front(related="[self-tapes]"))
    assert check() == [
        'content/articles/callbacks.md:8:11: related: "self-tapes" is not an article; '
        "write the slug from its address, /articles/<slug>/"
    ]


def test_related_must_be_a_list(site):
    site("callbacks.md", front(related="in-the-room"))
    assert check() == [
        "content/articles/callbacks.md:8:10: related: must be a list of article slugs, "
        "like [in-the-room, the-closer-look]"
    ]


@pytest.mark.parametrize("value, where", [("", "8:1"), ("[]", "8:10")])
def test_related_empty(site, value, where):
    site("callbacks.md", front(related=value))
    assert check() == [
        f"content/articles/callbacks.md:{where}: related: is empty: list the slugs of other "
        "articles, like [in-the-room, the-closer-look], or delete the line"
    ]


def test_related_entries_must_be_text(site):
    site("callbacks.md", front(related="[2026, no, [in-the-room], '']"))
    assert check() == [
        'content/articles/callbacks.md:8:11: related: 2026 is read as a number, not as text: quote it, "2026"',
        'content/articles/callbacks.md:8:17: related: no is read as true or false, not as text: quote it, "no"',
        "content/articles/callbacks.md:8:21: related: each entry must be an article's slug, like in-the-room",
        "content/articles/callbacks.md:8:36: related: each entry must be an article's slug, like in-the-room",
    ]


def test_related_itself_twice_address_page_and_draft(site):
    site("unfinished.md", front(status="draft"))
    site(
        "callbacks.md",
        front(related="[callbacks, in-the-room, in-the-room, /articles/in-the-room/, about, unfinished]"),
    )
    assert check() == [
        'content/articles/callbacks.md:8:11: related: "callbacks" is this article: list other articles',
        'content/articles/callbacks.md:8:35: related: "in-the-room" is listed twice; keep one',
        'content/articles/callbacks.md:8:48: related: "/articles/in-the-room/" is an address: write the '
        'slug alone, "in-the-room"',
        'content/articles/callbacks.md:8:72: related: "about" is a page, not an article: list articles only',
        'content/articles/callbacks.md:8:79: related: "unfinished" is a draft: list it once it is published',
    ]


def test_related_uses_the_slug_not_the_file_name(site):
    site("renamed.md", front(slug="room-notes"))
    site("callbacks.md", front(related="[room-notes, renamed]"))
    assert check() == [
        'content/articles/callbacks.md:8:23: related: "renamed" is not an article; '
        "write the slug from its address, /articles/<slug>/"
    ]


def test_pages_have_no_related(site):
    site("contact.md", "---\ntitle: Contact\nrelated: [in-the-room]\n---\n", folder="pages")
    assert check() == [
        'content/pages/contact.md:3:1: related: only articles have a "Keep reading" list: delete the line'
    ]


def test_pages_need_only_a_title(site):
    site("contact.md", "---\nsummary: Reach us.\ncategory: Headshots\n---\n", folder="pages")
    assert check() == [
        "content/pages/contact.md:1:1: title: required, but missing from the front matter",
        "content/pages/contact.md:3:1: category: unknown field; the fields are: title, summary, slug, status",
    ]


def test_top_level_heading_in_the_body(site):
    site("h1.md", front() + "\n# A second title\n\n## A section\n\n```\n# a comment in code\n```\n")
    assert check() == [
        "content/articles/h1.md:10:1: heading: the title is the page's only top-level "
        'heading: start sections with "##"'
    ]


# --------------------------------------------------------------------------- images


def test_image_without_alt(site):
    site("img.md", front() + "\nIntro.\n\nSome text ![](/images/x.jpg) here.\n")
    [problem] = [p for p in check() if "alt" in p]
    assert problem == (
        "content/articles/img.md:12:11: image: missing alt text: describe the picture "
        "between the brackets, like ![Actor in a navy sweater against a gray backdrop](...)"
    )


def test_image_with_blank_alt_and_reference_image(site, tmp_path):
    (tmp_path / "content" / "media").mkdir()
    (tmp_path / "content" / "media" / "pic.jpg").write_bytes(b"jpg")
    site("img.md", front() + "\n![  ]({static}/media/pic.jpg)\n\n![][pic]\n\n[pic]: {static}/media/pic.jpg\n")
    assert check() == [
        "content/articles/img.md:10:1: image: missing alt text: describe the picture between the "
        "brackets, like ![Actor in a navy sweater against a gray backdrop](...)",
        "content/articles/img.md:12:1: image: missing alt text: describe the picture between the "
        "brackets, like ![Actor in a navy sweater against a gray backdrop](...)",
    ]


def test_html_image_without_alt(site, tmp_path):
    (tmp_path / "content" / "media").mkdir()
    (tmp_path / "content" / "media" / "a.jpg").write_bytes(b"jpg")
    site("img.md", front() + '\n<p>Look: <img src="{static}/media/a.jpg" alt=""></p>\n')
    assert check() == [
        "content/articles/img.md:10:10: image: missing alt text: describe the picture "
        "between the brackets, like ![Actor in a navy sweater against a gray backdrop](...)"
    ]


def test_missing_image_file(site):
    site("img.md", front() + "\n![A smiling actor]({static}/media/nope.jpg)\n")
    assert check() == [
        'content/articles/img.md:10:20: image: "{static}/media/nope.jpg": there is no file content/media/nope.jpg'
    ]


def test_relative_image(site, tmp_path):
    (tmp_path / "content" / "articles" / "a.jpg").write_bytes(b"jpg")
    site("img.md", front() + "\n![A smiling actor](a.jpg)\n")
    assert check(settings={**SETTINGS, "STATIC_PATHS": ["media"]}) == [
        'content/articles/img.md:10:20: image: "a.jpg" is a relative image: put the file in content/media/ '
        "and write {static}/media/a.jpg"
    ]


def test_image_outside_static_paths(site, tmp_path):
    (tmp_path / "content" / "articles" / "a.jpg").write_bytes(b"jpg")
    site("img.md", front() + "\n![A smiling actor]({static}a.jpg)\n")
    assert check(settings={**SETTINGS, "STATIC_PATHS": ["media"]}) == [
        'content/articles/img.md:10:20: image: "{static}a.jpg": content/articles/a.jpg is not in a folder '
        "the site publishes (STATIC_PATHS: content/media/)"
    ]


def test_image_with_alt_and_existing_file_passes(site, tmp_path):
    (tmp_path / "content" / "media").mkdir()
    (tmp_path / "content" / "media" / "a.jpg").write_bytes(b"jpg")
    site("img.md", front() + "\n![A smiling actor in a gray sweater]({static}/media/a.jpg)\n")
    assert check() == []


# --------------------------------------------------------------------------- links


def test_broken_article_link_points_at_the_target(site):
    site("links.md", front() + "\nRead [this](/articles/in-the-rom/) first.\n")
    assert check() == [
        'content/articles/links.md:10:13: link: "/articles/in-the-rom/" points to a page '
        'that does not exist; did you mean "/articles/in-the-room/"?'
    ]


def test_link_to_a_title_slug_explains_where_the_article_is(site):
    site("links.md", front(title="Links") + "\n[room](/articles/in-the-room/)\n")
    settings = {**SETTINGS, "SLUGIFY_SOURCE": "title"}
    problems = check(settings=settings)
    assert problems == [
        'content/articles/links.md:10:8: link: "/articles/in-the-room/" points to a page that does not '
        'exist; content/articles/in-the-room.md is at "/articles/in-the-room-at-your-audition/" (its '
        'slug comes from its title: add "slug: in-the-room" to its front matter to keep this link)'
    ]


def test_missing_photographer_and_city(site):
    site("links.md", front() + "\n[Jo](/photographers/jo-bloggs/) in [Leeds](/cities/leeds/).\n")
    assert check() == [
        'content/articles/links.md:10:6: link: "/photographers/jo-bloggs/" points to a page that does not exist',
        'content/articles/links.md:10:44: link: "/cities/leeds/" points to a page that does not exist',
    ]


def test_missing_trailing_slash(site):
    site("links.md", front() + "\n[scan](/scan)\n")
    assert check() == ['content/articles/links.md:10:8: link: "/scan" needs the trailing slash: "/scan/"']


def test_relative_link(site):
    site("links.md", front() + "\n[room](in-the-room/)\n")
    assert check() == [
        'content/articles/links.md:10:8: link: "in-the-room/" is a relative link: write '
        "it from the site root, like /articles/<slug>/"
    ]


def test_fragment_and_query_are_ignored_but_the_page_must_exist(site):
    site(
        "links.md", front() + "\n[a](/articles/in-the-room/#prep) [b](/search/?q=x) [c](#top) [d](/articles/gone/#x)\n"
    )
    assert check() == [
        'content/articles/links.md:10:66: link: "/articles/gone/#x" points to a page that does not exist'
    ]


def test_filename_links(site):
    site(
        "links.md",
        front() + "\n[ok]({filename}in-the-room.md) [ok2]({filename}/pages/about.md) "
        "[bad]({filename}/articles/nope.md)\n",
    )
    assert check() == [
        'content/articles/links.md:10:71: link: "{filename}/articles/nope.md": there is '
        "no file content/articles/nope.md"
    ]


def test_filename_link_to_a_draft(site):
    site("draft.md", front(status="draft"))
    site("links.md", front() + "\n[draft]({filename}draft.md)\n")
    assert check() == [
        'content/articles/links.md:10:9: link: "{filename}draft.md": '
        "content/articles/draft.md is not a published article or page"
    ]


def test_no_tag_pages(site):
    site("links.md", front() + "\n[tag]({tag}callbacks)\n")
    assert check() == ['content/articles/links.md:10:7: link: "{tag}callbacks": this site has no tag pages']


def test_reference_links(site):
    site(
        "links.md",
        front() + "\nSee [the room][room] and [x][missing].\n\n"
        "[room]: /articles/in-the-room/\n[other]: /articles/nowhere/\n",
    )
    assert check() == [
        'content/articles/links.md:10:30: link: reference "[missing]" is not defined: add a line like '
        "[name]: /articles/<slug>/",
        'content/articles/links.md:13:10: link: "/articles/nowhere/" points to a page that does not exist',
    ]


def test_html_links(site):
    site("links.md", front() + '\n<a href="/articles/nowhere/">x</a>\n')
    assert check() == [
        'content/articles/links.md:10:10: link: "/articles/nowhere/" points to a page that does not exist'
    ]


def test_schemes(site):
    site("links.md", front() + "\n[a](https://example.com) [b](mailto:a@b.c) [c](javascript:alert(1))\n")
    assert check() == [
        'content/articles/links.md:10:48: link: "javascript:alert(1)": only http, https and mailto links are allowed'
    ]


def test_links_in_code_and_comments_are_not_checked(site):
    site(
        "code.md",
        front()
        + textwrap.dedent("""
        Write `[text](/articles/nope/)` like this.

        ```markdown
        [text](/articles/nope/)
        ```

        <!-- [text](/articles/nope/) -->
        """),
    )
    assert check() == []


def test_every_problem_is_reported(site):
    site("many.md", front(date="tomorrow", category="Cooking") + "\n![](/x/) [a](/nope/)\n")
    assert len(check()) == 5  # date, category, alt, two links


# --------------------------------------------------------------------------- known paths


def test_links_resolve_against_the_directorys_own_addresses(site, tmp_path):
    """The check knows the addresses the build writes, wherever the URL settings put them."""
    folder = tmp_path / "photographers"
    write_profile(folder, "maya-okafor", minimal_profile("Maya Okafor", travels_to=["Milwaukee"]))
    settings = headshots_settings.apply_defaults(
        {
            **SETTINGS,
            "PHOTOGRAPHERS_PATH": str(folder),
            "PHOTOGRAPHER_URL": "directory/{slug}/",
            "CITY_URL": "in/{slug}/",
            "PATH": "content",
        }
    )
    directory = Directory.build(load_profiles(folder)[0], settings)
    assert {"/directory/maya-okafor/", "/in/chicago/", "/in/milwaukee/"} <= directory.urls()
    site(
        "links.md",
        GOOD_FRONT + "\n[Maya](/directory/maya-okafor/) in [Chicago](/in/chicago/), "
        "not [here](/photographers/maya-okafor/).\n",
    )
    assert [str(p) for p in site_problems(settings, directory) if not _length_warning(p)] == [
        'content/articles/links.md:10:72: link: "/photographers/maya-okafor/" points to a page that does not exist'
    ]


def test_real_content_passes_the_check(monkeypatch):
    """The articles and pages in the repo pass `headshots check` with the real settings."""
    monkeypatch.chdir(REPO)
    settings = headshots_settings.load("pelicanconf.py")
    directory = Directory.build(load_profiles(Path(settings["PHOTOGRAPHERS_PATH"]))[0], settings)
    assert [str(p) for p in site_problems(settings, directory)] == []


# --------------------------------------------------------------------------- the scaffold


def test_new_article_scaffold(site, tmp_path):
    path = new_article("Self-tapes: a practical guide", "content", settings=SETTINGS, today=datetime.date(2026, 12, 1))
    assert path == Path("content/articles/self-tapes-a-practical-guide.md")
    text = path.read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta == {
        "title": "Self-tapes: a practical guide",
        "date": datetime.date(2026, 12, 1),
        "author": "First Look editors",
        "category": "Casting process",
        "tags": ["casting"],
        "summary": articles.PLACEHOLDER_SUMMARY,
    }
    assert "/articles/self-tapes-a-practical-guide/" in text
    # Unfinished: the check names exactly what is left to do.
    known = FIXED_PATHS + ("/articles/the-casting-pipeline/",)
    problems = check(known_paths=known)
    assert problems == [
        "content/articles/self-tapes-a-practical-guide.md:7:10: summary: still the placeholder from "
        '"headshots new article": write one or two sentences for the article list and search',
        "content/articles/self-tapes-a-practical-guide.md:11:6: body: the house-style guide comment from "
        '"headshots new article" is still here: delete it before publishing',
    ]
    # Once the editor has done both, it passes.
    start, end = text.index("<!--"), text.index("-->") + 3
    path.write_text((text[:start] + text[end:]).replace(articles.PLACEHOLDER_SUMMARY, "How to tape at home."))
    assert check(known_paths=known) == []


def test_new_article_refuses_to_overwrite(site, tmp_path):
    existing = tmp_path / "content" / "articles" / "in-the-room.md"
    before = existing.read_text()
    with pytest.raises(FileExistsError, match="content/articles/in-the-room.md already exists"):
        new_article("In the room", "content", settings=SETTINGS)
    assert existing.read_text() == before


def test_run_new_article_exit_codes(site, capsys):
    assert run_new_article("In the room", "content", SETTINGS) == 1
    assert capsys.readouterr().err == (
        "content/articles/in-the-room.md already exists: edit it, or choose another title\n"
    )
    assert run_new_article("!!!", "content", SETTINGS) == 1
    assert "makes no usable file name" in capsys.readouterr().err
    assert run_new_article("Producer sessions", "content", SETTINGS) == 0
    assert capsys.readouterr().out.startswith("content/articles/producer-sessions.md\n")


def test_new_article_quotes_titles_yaml_would_misread(site):
    path = new_article("Yes: #1 answers", "content", settings=SETTINGS)
    assert yaml.safe_load(path.read_text().split("---\n")[1])["title"] == "Yes: #1 answers"


# --------------------------------------------------------------------------- the command


def test_headshots_new_article_command(site, tmp_path, capsys):
    from headshots.cli import main

    assert main(["new", "article", "Self-tapes that get you called back"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("content/articles/self-tapes-that-get-you-called-back.md\n")
    assert (tmp_path / "content/articles/self-tapes-that-get-you-called-back.md").is_file()
    assert main(["new", "article", "Self-tapes that get you called back"]) == 1
    assert capsys.readouterr().err == (
        "content/articles/self-tapes-that-get-you-called-back.md already exists: edit it, or choose another title\n"
    )


def test_headshots_check_reports_articles_with_annotations(site, tmp_path, capsys, monkeypatch):
    from headshots.cli import main

    (tmp_path / "photographers").mkdir()
    site("links.md", front(title="Links") + "\n[x](/articles/nowhere/)\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert 'content/articles/links.md:10:5: link: "/articles/nowhere/" points to a page that does not exist' in lines
    assert (
        '::error file=content/articles/links.md,line=10,col=5::link: "/articles/nowhere/" points to a page '
        "that does not exist" in lines
    )
    assert lines[-1].endswith("(checked 0 profiles, 2 articles, 1 page)")
