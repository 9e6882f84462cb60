"""Site copy that must say one thing one way: how the directory is ordered."""

import re
from pathlib import Path

from test_content_originality import visible_text

from headshots.text import fold
from headshots.vocabulary import DIRECTORY_ORDER


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
