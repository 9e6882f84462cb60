"""A fresh clone browsable in seconds: `headshots serve` serves the pages before their headshots'
renditions are encoded, encodes a requested one first, and catches up with a clean build."""

import re
import urllib.request

import pytest
from devserver_support import Server, assert_same_tree, clean_build, clone

from factories import minimal_profile, write_profile

pytestmark = pytest.mark.slow

#: Every format and width, as `make serve` makes them: enough encoding to be seen catching up.
ALL_RENDITIONS = {"HEADSHOTS_FORMATS": ["avif", "webp", "jpeg"], "HEADSHOTS_WIDTHS": [160, 320, 480, 640, 960, 1280]}


def image_files(root):
    return sorted(p.relative_to(root) for p in (root / "images").rglob("*") if p.is_file())


def test_a_fresh_clone_is_served_before_its_renditions_and_catches_up_with_a_clean_build(tmp_path):
    base = clone(tmp_path)
    for slug, city in (("ines", "Chicago"), ("jo", "Denver")):
        write_profile(base / "photographers", slug, minimal_profile(name=slug.title(), city=city))
    site = Server(base, ALL_RENDITIONS)
    try:
        site.ready()
        served = base / "output"
        left = int(re.search(r"Renditions: ([\d,]+) files to encode", site.log()).group(1).replace(",", ""))
        assert len(image_files(served)) < left  # the address came first: the renditions are still being made
        # The last headshot's widest AVIF is the last the background would make: asked for now, made now.
        profile = (served / "photographers" / "tomas" / "index.html").read_text()
        wanted = sorted(re.findall(r"/images/tomas/[^\s\"]+\.avif", profile), key=len)[-1]
        assert not (served / wanted.lstrip("/")).exists()
        with urllib.request.urlopen(site.url + wanted, timeout=130) as response:
            status, kind, body = response.status, response.headers["Content-Type"], response.read()
        assert (status, kind) == (200, "image/avif")
        assert site.wait_for(site.renditions_caught_up, 300), site.log()
        assert re.search(rf"Renditions caught up: {left} files encoded and published", site.log())
        # `make build` in a cache of its own encodes every rendition before it finishes: the same files
        clean = clean_build(base, ALL_RENDITIONS, cache=tmp_path / "clean-cache")
        assert len(image_files(clean)) == left
        assert_same_tree(served, clean, search=False)
        assert body == (clean / wanted.lstrip("/")).read_bytes()
    finally:
        site.stop()
    assert "Traceback" not in site.log()
