"""`headshots serve` (make serve): a real server on a free port, real saves, a real Chromium.

Ready means ready; the 404 page with its status; every save once (a save
during a rebuild is not lost); a bad photo is reported once and costs no
CPU; the overlay appears and clears; the open page reloads; and the served
folder equals a clean build after edits of every kind.
"""

import re
import subprocess
import time

import pytest
import yaml
from devserver_support import Server, assert_same_tree, clean_build, clone, cpu_seconds, get

from factories import make_headshot, minimal_profile, write_profile

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path):
    server = Server(clone(tmp_path))
    yield server
    server.stop()
    assert "Traceback" not in server.log()


@pytest.fixture
def searched_site(tmp_path):
    """The same, with the search index (built in the background by the dev server)."""
    server = Server(clone(tmp_path), SEARCH)
    yield server
    server.stop()
    assert "Traceback" not in server.log()


SEARCH = {"SEARCH_ENABLED": True}


def profile_of(site, slug):
    return site.base / "photographers" / slug / "profile.yaml"


def edit(site, slug, **fields):
    path = profile_of(site, slug)
    data = yaml.safe_load(path.read_text())
    data.update(fields)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_ready_only_when_built_then_the_404_page_with_its_status(site):
    answers = []
    while "Serving the site at" not in site.log() and site.process.poll() is None:
        try:
            answers.append(get(site.url + "/photographers/maya/"))
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    assert answers, "no request was answered during the first build"
    for status, headers, body in answers[:-1]:  # the last may have been answered as the line was printed
        assert status == 503 and "Building the site" in body and headers["Cache-Control"] == "no-store"
    status, headers, body = get(site.url + "/photographers/maya/")
    assert status == 200 and "Maya Okafor" in body
    assert headers["Cache-Control"] == "no-store"
    assert 'src="/__headshots/dev.js"' in body
    status, headers, body = get(site.url + "/no/such/page/")
    assert status == 404 and (site.base / "output" / "404.html").read_text().split("</body>")[0][:200] in body
    assert get(site.url + "/photographers/maya")[0] == 200  # redirected to the folder
    # The dev script is added on the way out: never in the output folder.
    assert not [p for p in (site.base / "output").rglob("*.html") if "__headshots" in p.read_text()]


def test_every_save_once_and_a_save_during_a_rebuild_is_not_lost(site):
    site.ready()
    before = site.builds()
    edit(site, "maya", name="Maya First")
    time.sleep(0.6)  # the rebuild has started (saves are grouped for 0.1 s)
    edit(site, "tomas", name="Tomas Second")  # saved while it runs
    assert site.wait_for(lambda: "Tomas Second" in get(site.url + "/photographers/tomas/")[2], 90), site.log()
    assert "Maya First" in get(site.url + "/photographers/maya/")[2]
    time.sleep(3)
    assert site.builds() - before in (1, 2), site.log()  # one build per save (two saves may be grouped)
    assert "profile.yaml changed" in site.log()
    # A burst ("save all") is one build.
    before = site.builds()
    for slug in ("maya", "tomas"):
        edit(site, slug, bio="Saved together.")
    site.rebuilt_after(before)
    time.sleep(3)
    assert site.builds() == before + 1, site.log()


def test_a_bad_photo_is_reported_once_and_costs_no_cpu_until_fixed(site):
    site.ready()
    photo = site.base / "photographers" / "maya" / "one.jpg"
    good = photo.read_bytes()
    before = site.builds()
    photo.write_bytes(b"not a photo at all")
    site.rebuilt_after(before)
    assert "Refused after photographers/maya/one.jpg changed" in site.log()
    problem = 'photographers/maya/profile.yaml:11:9: headshots[0].file: "one.jpg" is not an image file'
    assert site.log().count(problem) == 1, site.log()
    cpu = cpu_seconds(site.process.pid)
    time.sleep(6)
    assert cpu_seconds(site.process.pid) - cpu < 0.3
    assert site.log().count(problem) == 1 and site.builds() == before + 1
    assert "Maya Okafor" in get(site.url + "/photographers/maya/")[2]  # the last good site is still served
    photo.write_bytes(good)
    site.rebuilt_after(before + 1)
    assert rebuild_line(site).startswith("[") and "] Rebuilt after photographers/maya/one.jpg" in rebuild_line(site)


def test_a_first_build_that_fails_says_no_site_is_served_and_the_address_follows_the_fix(tmp_path):
    base = clone(tmp_path)
    good = (base / "photographers" / "maya" / "profile.yaml").read_text()
    (base / "photographers" / "maya" / "profile.yaml").write_text(good + "price: [\n")
    site = Server(base)
    try:
        assert site.wait_for(lambda: "cannot be built yet" in site.log(), 90), site.log()
        log = site.log()
        assert "no site is served until they are fixed" in log and "last good site" not in log, log
        assert "Serving the site at" not in log
        status, _, body = get(site.url + "/")
        assert status == 503 and "photographers/maya/profile.yaml:" in body  # the problems, in the browser
        (base / "photographers" / "maya" / "profile.yaml").write_text(good)
        site.ready()
        assert get(site.url + "/photographers/maya/")[0] == 200
        # A settings file that cannot be read is printed where the editor looks, as every problem is.
        before = site.builds()
        _append(base / "pelicanconf.py", "\nBROKEN = (\n")
        site.rebuilt_after(before)
        assert re.search(r"^pelicanconf\.py:\d+:\d+: settings: cannot be read: ", site.log(), re.M), site.log()
        assert "the last good site is still served" in rebuild_line(site)
    finally:
        site.stop()
    assert "Traceback" not in site.log()


def test_removing_a_photographer_an_article_links_to_is_refused_in_place(site):
    article = next((site.base / "content").rglob("*.md"))
    _append(article, "\nSee [Tomas's profile](/photographers/tomas/).\n")
    site.ready()
    before = site.builds()
    write_profile(site.base / "photographers", "ines", minimal_profile(name="Ines Duarte", city="Boston"))
    site.rebuilt_after(before)
    assert "re-rendered" in rebuild_line(site)  # Boston stays: an update in place
    subprocess.run(["rm", "-r", str(site.base / "photographers" / "tomas")], check=True)
    site.rebuilt_after(before + 1)
    assert "] Refused after photographers/tomas" in rebuild_line(site), site.log()
    refused = site.log().split("] Rebuilt after photographers/ines")[1]
    assert 'test-article.md:19:23: link: "/photographers/tomas/" points to a page that does not exist' in refused
    assert "Tomas Reyes" in get(site.url + "/photographers/tomas/")[2]  # the last good site is still served


def test_the_overlay_appears_and_clears_and_the_page_reloads(site, page):
    site.ready()
    page.goto(site.url + "/photographers/maya/")
    page.evaluate("window.stillTheSamePage = true")
    broken = profile_of(site, "maya").read_text() + "price: [\n"
    good = profile_of(site, "maya").read_text()
    profile_of(site, "maya").write_text(broken)
    overlay = page.locator("#headshots-dev-problems")
    overlay.wait_for(timeout=90_000)
    printed = [line for line in site.log().splitlines() if line.startswith("photographers/maya/profile.yaml:")]
    assert printed and all(line in overlay.inner_text() for line in printed)
    assert page.evaluate("window.stillTheSamePage") is True  # shown on the open page, no reload
    page.screenshot(path=str(site.base / "overlay.png"))
    profile_of(site, "maya").write_text(good.replace("Maya Okafor", "Maya Fixed"))
    page.get_by_role("heading", name="Maya Fixed").first.wait_for(timeout=90_000)
    assert overlay.count() == 0
    assert page.evaluate("window.stillTheSamePage") is None  # reloaded by itself


def test_a_rebuild_that_does_not_change_the_open_page_leaves_it_alone(site, page):
    site.ready()
    page.goto(site.url + "/photographers/maya/")
    page.evaluate("window.stillTheSamePage = true")
    before = site.builds()
    edit(site, "tomas", bio="Only Tomas changes.")
    site.rebuilt_after(before)
    time.sleep(1)
    assert page.evaluate("window.stillTheSamePage") is True


def test_many_tabs_load_and_each_reloads_when_its_page_changes(site, browser):
    """A browser opens at most 6 connections to the server: one event stream per tab left the 7th tab
    loading forever. Under the site's own Content-Security-Policy; reloads are counted by DOMContentLoaded."""
    site.ready()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    addresses = ["/", "/photographers/", "/cities/", "/articles/", "/about/", "/compare/", "/scan/", "/search/"]
    addresses += ["/photographers/maya/", "/photographers/ines/"]  # the last: a 404 until Ines is added
    loads, tabs = {}, {}
    for address in addresses:
        tab = context.new_page()
        tab.on("domcontentloaded", lambda _, a=address: loads.__setitem__(a, loads.get(a, 0) + 1))
        tab.goto(site.url + address, timeout=20_000)  # before: the 7th timed out
        tabs[address] = tab
    tabs["/"].wait_for_timeout(1000)  # (Playwright hears of events only while it is called: not in time.sleep)
    assert all(loads[a] == 1 for a in addresses), loads
    before = site.builds()
    edit(site, "maya", bio="Heard through another tab.")
    tabs["/photographers/maya/"].get_by_text("Heard through another tab.").wait_for(timeout=60_000)
    write_profile(site.base / "photographers", "ines", minimal_profile(name="Ines Duarte", city="Boston"))
    tabs["/photographers/ines/"].get_by_role("heading", name="Ines Duarte").first.wait_for(timeout=60_000)
    site.rebuilt_after(before + 1)
    for address in ("/photographers/maya/", "/photographers/ines/"):
        tabs[address].wait_for_load_state("domcontentloaded")
    tabs["/"].wait_for_timeout(1000)
    assert loads["/photographers/maya/"] == 2 and loads["/photographers/ines/"] == 2, loads
    assert loads["/about/"] == 1, loads  # no page of its own changed
    tabs["/photographers/maya/"].screenshot(path=str(site.base / "tabs.png"))
    context.close()


def test_the_served_site_equals_a_clean_build_after_edits_of_every_kind(searched_site):
    site = searched_site
    site.ready()
    base = site.base
    edits = [
        lambda: edit(site, "maya", bio="A new bio, with **bold** words."),
        lambda: edit(site, "maya", price={"currency": "USD", "from": 450}),
        lambda: (
            make_headshot(base / "photographers" / "maya" / "two.jpg", colour=(20, 160, 90)),
            edit(
                site,
                "maya",
                headshots=[
                    *yaml.safe_load(profile_of(site, "maya").read_text())["headshots"],
                    {"file": "two.jpg", "alt": "Actor smiling by a window"},
                ],
            ),
        ),
        lambda: edit(site, "maya", headshots=[{"file": "two.jpg", "alt": "Actor smiling by a window"}]),
        lambda: write_profile(base / "photographers", "ines", minimal_profile(name="Ines Duarte", city="Chicago")),
        lambda: write_profile(base / "photographers", "jo", minimal_profile(name="Jo Park", city="Denver")),
        lambda: subprocess.run(["rm", "-r", str(base / "photographers" / "tomas")], check=True),
        lambda: _append(next((base / "content").rglob("*.md")), "\nOne more sentence for the editor's loop.\n"),
        lambda: _replace(base / "theme" / "templates" / "base.html", "</footer>", "<!-- edited --></footer>"),
        lambda: _append(base / "pelicanconf.py", '\nSITE_TAGLINE = "Headshot photographers, compared"\n'),
    ]
    lines = []
    for change in edits:
        before = site.builds()
        change()
        site.rebuilt_after(before)
        lines.append(rebuild_line(site))
        assert "Refused" not in lines[-1], site.log()
    # Saves in photographers' folders re-render what reads them. The whole site is built again for
    # a new city or a city gone (the footer on every page counts the cities), and for any other save.
    in_place = ["re-rendered" in line for line in lines]
    assert in_place == [True] * 5 + [False] * 5, "\n".join(lines)
    assert "built the whole site (the footer every page shows changed)" in lines[5]
    assert lines[0].endswith("1 page changed: /photographers/maya/")  # the bio
    time.sleep(2)  # no build pending
    assert site.wait_for(lambda: "Search caught up" in last_line(site), 120), site.log()[-3000:]
    assert site.wait_for(site.renditions_caught_up, 120), site.log()[-3000:]
    clean = clean_build(base, SEARCH)
    assert_same_tree(base / "output", clean)


def rebuild_line(site):
    return [line for line in site.log().splitlines() if "] Rebuilt" in line or "] Refused" in line][-1]


def last_line(site):
    """The log's last line but the renditions' (they catch up on their own, in the background)."""
    return [line for line in site.log().rstrip().splitlines() if "] Renditions" not in line][-1]


def _append(path, text):
    path.write_text(path.read_text() + text)


def _replace(path, old, new):
    content = path.read_text()
    assert old in content
    path.write_text(content.replace(old, new, 1))
