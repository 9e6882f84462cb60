"""The scan's platform table says what each platform publishes, where, and what breaking it brings.

Issue 31's fact check: every rule on the scan page links the page it comes from, says whether
the platform states it as a rule or offers it as advice, and whether breaking it means a refusal
or a warning. These tests hold platform-rules.js (read through Node, as the browser reads it),
the rendered table, and the scan page's one hedged wording for how many submissions are cut.
"""

import json
import re
import shutil
import subprocess
from html import unescape

import pytest
from test_scan import portrait, run_scan, wait_for_results

from conftest import REPO

RULES_JS = REPO / "theme" / "static" / "js" / "platform-rules.js"
CUT_RATE = (
    "Casting directors' published figures vary widely: for example, about 8,000 submissions, "
    "about 2,000 kept for a further look and 250 auditioned."
)
KINDS = {"rule": "Rule", "advice": "Advice"}
BREACHES = {
    "refused": "refused if broken",
    "warning": "a warning if broken, then the upload goes ahead",
    "cropped": "the site crops every photo",
    "unstated": "its page does not say what happens if broken",
    "none": "nothing stops the upload",
}


@pytest.fixture(scope="module")
def table():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "these tests read platform-rules.js with Node: run `apt-get install nodejs`"
    script = f"import * as r from {json.dumps(RULES_JS.as_uri())}; console.log(JSON.stringify(r));"
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    data["by_id"] = {p["id"]: p for p in data["PLATFORMS"]}
    return data


def test_the_words_for_rule_advice_and_outcome(table):
    assert table["KINDS"] == KINDS
    assert table["BREACHES"] == BREACHES
    assert table["CHECKED"] == "2026-12-06"


def test_every_rule_links_its_page_and_says_what_breaking_it_brings(table):
    for platform in table["PLATFORMS"]:
        pages = platform["pages"]
        for page in pages.values():
            assert re.fullmatch(r"https://[^/]+/\S+", page["url"]), f"{platform['name']}: a help page, not a home page"
        for item in [*platform["rules"], *platform["notes"], platform["crop"]]:
            assert item["page"] in pages, (platform["name"], item)
        for rule in platform["rules"]:
            assert rule["kind"] in KINDS and rule["breach"] in BREACHES, rule
            # advice is never enforced; a rule always names its outcome, or says the page names none
            assert (rule["kind"] == "advice") == (rule["breach"] == "none"), rule


def test_the_platforms_are_the_principal_role_sites(table):
    assert list(table["by_id"]) == ["actors-access", "backstage", "casting-networks", "spotlight", "casting-workbook"]
    assert "Collective" not in RULES_JS.read_text().split("export const PLATFORMS")[1]


def test_backstage_publishes_formats_only(table):
    backstage = table["by_id"]["backstage"]
    assert [(r["kind"], r["breach"], r["check"]) for r in backstage["rules"]] == [
        ("rule", "refused", {"formats": ["JPEG", "PNG", "GIF"]})
    ]
    assert "640" not in json.dumps(backstage)
    assert backstage["crop"]["inferred"] is True
    assert backstage["pages"]["locker"]["url"].endswith("115000425506-Media-Locker")


def test_spotlight_warns_on_size_and_its_crop_comes_from_the_older_page(table):
    spotlight = table["by_id"]["spotlight"]
    size, weight, content = spotlight["rules"]
    assert (size["kind"], size["breach"], size["check"]) == ("rule", "warning", {"minWidth": 500, "minHeight": 500})
    assert (weight["breach"], weight["check"]) == ("unstated", {"minBytes": 1024**2, "maxBytes": 40 * 1024**2})
    assert content["breach"] == "refused" and "check" not in content
    crop = spotlight["crop"]
    assert spotlight["pages"][crop["page"]]["url"] == "https://www.spotlight.com/artists/photoguidelines.asp"
    assert "older photo guidelines page" in crop["text"]
    assert spotlight["pages"]["photos"]["url"] == "https://support.spotlight.com/en/articles/11814849"


def test_actors_access_size_is_advice_its_shape_our_reading_and_extra_photos_cost_ten_dollars(table):
    aa = table["by_id"]["actors-access"]
    [size] = aa["rules"]
    assert (size["kind"], size["breach"], size["check"]) == ("advice", "none", {"minWidth": 500, "minHeight": 700})
    assert "not a minimum" in size["text"]
    assert aa["crop"]["inferred"] is True and aa["crop"]["label"] == "5:7"
    assert "5:7 is our reading" in aa["crop"]["text"]
    [fee] = aa["notes"]
    assert "$10" in fee["text"] and aa["pages"][fee["page"]]["url"].endswith("actors-replacing-free-photos")


def test_the_scan_page_says_the_cut_one_hedged_way(sample_site):
    page = (sample_site / "scan" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", page)))
    assert text.count(CUT_RATE) == 1
    for other in ("9 in 10", "98 or 99", "passed over right there"):
        assert other not in text
    assert "Casting Frontier" in text and "Casting Collective" in text  # said why they are not in the table


@pytest.mark.browser
def test_the_rendered_table_shows_each_rule_with_its_words_and_link(page, sample_url, table, tmp_path):
    run_scan(page, sample_url, portrait(tmp_path / "me.jpg"))
    wait_for_results(page)
    for platform in table["PLATFORMS"]:
        row = page.locator(f"[data-platform={platform['id']}]")
        published = row.locator("[data-published] .scan-rules > li")
        stated = platform["rules"] + ([] if platform["crop"].get("inferred") else [platform["crop"]])
        assert published.count() == len(stated), platform["name"]
        for i, rule in enumerate(stated):
            item = published.nth(i)
            kind, breach = rule.get("kind", "rule"), rule.get("breach", "cropped")
            assert item.locator(".scan-rule__label").inner_text() == f"{KINDS[kind]}, {BREACHES[breach]}:"
            assert rule["text"] in item.inner_text()
            assert item.locator("a").get_attribute("href") == platform["pages"][rule["page"]]["url"]
        # fees and how uploads work: apart from the verdict, each with its page
        notes = row.locator("[data-notes] > li")
        expected = len(platform["notes"]) + (1 if platform["crop"].get("inferred") else 0)
        assert notes.count() == expected
        assert row.locator("[data-verdict]").inner_text().count("$") == 0
