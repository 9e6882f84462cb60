"""The published site's Content-Security-Policy (issue 28): one setting, on every page, and never violated.

The policy is the CONTENT_SECURITY_POLICY setting, rendered into a <meta> by base.html and quoted in
docs/deploy.md's header examples. Chromium walks every kind of page under it, the scan's face check
included, and must see no violation.
"""

import base64
import hashlib
import re
from html import unescape

import pytest
from test_scan_faces import astronaut, save

from headshots import settings

from conftest import REPO

POLICY = settings.load(str(REPO / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HEADER = f"{POLICY}; frame-ancestors 'none'"

#: Collects every violation a page reports, from the first script on (added before the page's own).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
}, true);
"""


def test_the_policy_is_the_setting_on_every_page_before_anything_it_governs(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        html = path.read_text()
        assert [unescape(m) for m in META.findall(html)] == [POLICY], path
        head = html[: html.index("</head>")]
        assert head.index("Content-Security-Policy") < min(
            head.index(tag) for tag in ("<script", "<link", "<title") if tag in head
        ), path
        assert not re.search(r"<[a-z][^>]*\sstyle=", html), f"{path}: a style attribute the policy would block"


def test_every_inline_script_is_allowed_by_its_hash_and_json_ld_is_data(sample_site):
    allowed = set(re.findall(r"'(sha256-[A-Za-z0-9+/=]+)'", POLICY))
    inline = set()
    for path in sample_site.rglob("*.html"):
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", path.read_text(), re.DOTALL):
            if "src=" in attributes or 'type="application/ld+json"' in attributes:
                continue
            inline.add("sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode())
    assert inline == allowed  # base.html's one-liner, and no hash left over from an old one


def test_the_policy_allows_nothing_the_site_does_not_need():
    assert "'unsafe-inline'" not in POLICY and "'unsafe-eval'" not in POLICY
    assert POLICY.startswith("default-src 'none';")
    assert "frame-ancestors" not in POLICY  # ignored in a <meta>, with a console error: the header adds it


def test_deploy_docs_quote_the_setting_in_both_header_examples():
    deploy = (REPO / "docs" / "deploy.md").read_text()
    assert f"  Content-Security-Policy: {HEADER}\n" in deploy  # Netlify's _headers
    assert f'add_header Content-Security-Policy "{HEADER}" always;' in deploy  # nginx


def walk(page, base, photo):
    """Every kind of page, used as a reader would: (path, what was done) for each stop."""
    yield "/", None
    page.goto(f"{base}/photographers/?city=london")
    page.wait_for_selector(".finder.is-ready", timeout=20000)
    page.locator('.finder input[name="specialty"]').first.check()
    page.wait_for_selector(".finder.is-ready:not(.is-busy)", timeout=20000)
    yield "/photographers/?city=london", "a filter"
    page.goto(f"{base}/search/?q=london")
    page.wait_for_selector(".finder.is-ready:not(.is-busy)", timeout=20000)
    assert page.locator(".finder-results .card").count() > 0
    yield "/search/?q=london", "a search"
    yield "/photographers/amara-nwosu/", None
    page.goto(f"{base}/compare/?p=amara-nwosu,marcus-bell")
    page.wait_for_selector("[data-remove]", timeout=20000)
    yield "/compare/?p=amara-nwosu,marcus-bell", "two photographers"
    page.goto(f"{base}/scan/?seconds=1")
    page.set_input_files("#scan-file", str(photo))
    page.wait_for_selector("[data-face-report][data-face-count]", timeout=60000)
    assert page.get_attribute("[data-face-report]", "data-face-count") == "1"
    yield "/scan/", "the face check on the actor's own photo"
    yield "/photographers/amara-nwosu/scan/?seconds=1", None
    yield "/scan/casting/", None
    yield "/articles/in-the-room/", None
    yield "/404.html", None


@pytest.mark.browser
def test_chromium_sees_no_violation_on_any_kind_of_page(browser, sample_url, tmp_path):
    photo = save(astronaut(), tmp_path / "astronaut.jpg")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    seen = []
    stops = walk(page, sample_url, photo)
    for path, action in stops:
        if action is None:
            page.goto(sample_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], f"{path} ({action})"
        assert page.evaluate("document.documentElement.classList.contains('js')"), path  # the hashed script ran
        seen.append(path)
    assert console == []
    assert len(seen) == 10
    # the placeholders the policy keeps out of style attributes are still painted (site.js)
    page.goto(sample_url + "/photographers/")
    colour = page.eval_on_selector("img[data-placeholder]", "img => img.style.backgroundColor")
    assert colour.startswith("rgb("), colour
    context.close()
