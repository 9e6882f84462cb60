"""Site copy that must say one thing one way: how the directory is ordered, and the style sheet's
rules a test can hold (CONTRIBUTING.md, "House style")."""

import re
from pathlib import Path

from test_content_originality import visible_text

from headshots.text import fold
from headshots.vocabulary import DIRECTORY_ORDER

from conftest import REPO


def test_the_order_is_described_with_one_sentence_wherever_it_is_described(sample_site):
    said = {}
    for page in sorted(Path(sample_site).rglob("*.html")):
        blocks = re.sub(r"</(h\d|p|li|dt|dd|strong)>", "\n", page.read_text(encoding="utf-8"))
        text = re.sub(r"[ \t]+", " ", visible_text(blocks))
        for sentence in re.findall(r"[^.!?:\n]*alphabetic[^.!?\n]*[.!?]", text, re.I):
            said.setdefault(sentence.strip(), []).append(str(page.relative_to(sample_site)))
    assert set(said) == {DIRECTORY_ORDER}, said
    # the footer says it on every page; the directory, a city page and the About page say it too
    places = said[DIRECTORY_ORDER]
    assert {"photographers/index.html", "about/index.html", "index.html"} <= set(places)
    assert any(p.startswith("cities/") for p in places)


def test_the_directory_is_in_that_order(sample_site):
    page = (Path(sample_site) / "photographers" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<h\d class="card__name"><a [^>]*>([^<]+)</a>', page)
    assert len(names) > 10
    assert names == sorted(names, key=lambda name: fold(name).casefold())
    assert DIRECTORY_ORDER.startswith("Photographers are listed alphabetically by first name")


# --- One way to say each thing (CONTRIBUTING.md, "House style": the style sheet) ---

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ARTICLES = sorted((REPO / "content" / "articles").glob("*.md"))


def _pages(site):
    """(relative path, visible text without code samples) for every built page."""
    for page in sorted(Path(site).rglob("*.html")):
        name = str(page.relative_to(site))
        html = re.sub(r"<code\b.*?</code>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        yield name, re.sub(r"\s+", " ", visible_text(html))


def _found(site, pattern):
    return {name: hits[:3] for name, text in _pages(site) if (hits := re.findall(pattern, text, re.I))}


def test_the_first_cut_is_described_one_way(sample_site):
    """Three different cut rates once contradicted each other; now every page says "the great majority"."""
    other_rates = r"\b9 in 10\b|nine in ten|\b9[0-9] ?(?:%|percent)|ninety percent|\b9[89] or 9[89]\b|in every hundred|most of the work of getting you seen"
    assert not _found(sample_site, other_rates)
    for page in ("scan/index.html", "articles/the-casting-pipeline/index.html"):
        text = visible_text((Path(sample_site) / page).read_text(encoding="utf-8"))
        assert "the great majority" in text.lower(), page


def test_a_taft_hartley_is_a_report_never_a_waiver(sample_site):
    assert not _found(sample_site, r"\bwaivers?\b")
    pipeline = visible_text(
        (Path(sample_site) / "articles/the-casting-pipeline/index.html").read_text(encoding="utf-8")
    )
    assert "Taft-Hartley report" in pipeline


def test_dates_are_written_the_us_way(sample_site):
    assert not _found(sample_site, rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b")
    article = visible_text((Path(sample_site) / "articles/the-casting-pipeline/index.html").read_text(encoding="utf-8"))
    assert re.search(rf"\b(?:{MONTHS}) \d{{1,2}}, \d{{4}}\b", article)


def test_resume_is_spelled_one_way(sample_site):
    assert not _found(sample_site, r"(?<![\w/-])resumes?\b(?![\w/-])")
    assert _found(sample_site, r"\brésumé\b")


def test_no_article_names_or_links_a_listed_photographer():
    """Articles never promote one photographer: they link to the directory, a city or the compare page."""
    listed = {}
    for profile in sorted((REPO / "photographers").glob("*/profile.yaml")):
        name = re.search(r"^name:\s*['\"]?([^'\"\n#]+)", profile.read_text(encoding="utf-8"), re.M)
        listed[profile.parent.name] = name.group(1).strip() if name else profile.parent.name
    assert listed
    named = {}
    for article in ARTICLES:
        text = article.read_text(encoding="utf-8")
        hits = [n for slug, n in listed.items() if n in text or f"/photographers/{slug}/" in text]
        if hits:
            named[article.name] = hits
    assert not named
