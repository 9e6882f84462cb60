"""/for-photographers/ links the Get listed form and the contributor guide, and reads at 1280 and 390 px."""

import pytest

from headshots import settings as headshots_settings

from conftest import REPO

REPOSITORY = headshots_settings.load(str(REPO / "pelicanconf.py"))["REPOSITORY_URL"]
FORM = f"{REPOSITORY}/issues/new?template=get-listed.yml"
GUIDE = f"{REPOSITORY}/blob/main/CONTRIBUTING.md#add-a-photographer"


def test_the_form_exists_where_the_page_links():
    assert (REPO / ".github" / "ISSUE_TEMPLATE" / "get-listed.yml").is_file()
    assert "## Add a photographer" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_links_the_form_and_the_guide_and_walks_the_path(browser, sample_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{sample_url}/for-photographers/")
    main = page.locator("main")
    assert main.get_by_role("link", name="Fill in the Get listed form").get_attribute("href") == FORM
    assert main.get_by_role("link", name="Read the contributor guide").get_attribute("href") == GUIDE
    steps = main.locator(".get-listed__steps > li").all_inner_texts()
    assert [step.split(".")[0] for step in steps] == [
        "Fill in the form",
        "Read the reply",
        "See your profile",
        "An editor reviews it",
    ]
    assert "pull request" in steps[2]
    for name in ("Fill in the Get listed form", "Read the contributor guide"):
        box = main.get_by_role("link", name=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()
