"""Small generated inputs for tests: profiles and headshot images made on the fly."""

from pathlib import Path

import yaml
from PIL import Image, ImageDraw


def make_headshot(path, size=(800, 1000), colour=(150, 110, 90), fmt=None, **save_args):
    """Write a simple portrait-like image (backdrop, shoulders, head) and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.15, height * 0.62, width * 0.85, height * 1.3), fill=(40, 50, 80))
    draw.ellipse((width * 0.33, height * 0.18, width * 0.67, height * 0.58), fill=colour)
    image.save(path, format=fmt, **save_args)
    return path


def minimal_profile(name="Test Photographer", city="Chicago", country="US", **fields):
    """The smallest valid profile, with overrides."""
    profile = {
        "name": name,
        "location": {"city": city, "country": country},
        "specialties": ["theatrical"],
        "price": {"currency": "USD", "from": 300},
        "headshots": [{"file": "one.jpg", "alt": "Actor in a grey jumper against a plain backdrop"}],
    }
    profile.update(fields)
    return profile


def write_profile(root, slug, profile=None, *, images=True, text=None):
    """Write `root/slug/profile.yaml` (from a dict, or raw `text`) and the images it names."""
    folder = Path(root) / slug
    folder.mkdir(parents=True, exist_ok=True)
    profile = minimal_profile() if profile is None and text is None else profile
    if text is None:
        text = yaml.safe_dump(profile, sort_keys=False, allow_unicode=True)
    (folder / "profile.yaml").write_text(text, encoding="utf-8")
    if images and profile:
        for index, headshot in enumerate(profile.get("headshots", [])):
            target = folder / headshot["file"]
            if "/" not in headshot["file"] and not target.exists():
                make_headshot(target, colour=(120 + 20 * index % 120, 100, 80))
    return folder / "profile.yaml"
