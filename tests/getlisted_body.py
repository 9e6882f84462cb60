"""Issue bodies as GitHub writes them from the "Get listed" form, generated from the form's own YAML."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "get-listed.yml"

ASSET = "https://github.com/user-attachments/assets/"
PHOTO_IDS = ("6f1c2a0e-1b2c-4d3e-8f90-a1b2c3d4e5f6", "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d")

#: An answer for every question, as a photographer would type it (ids as in the form).
ANSWERS = {
    "name": "Rosa Delgado",
    "studio": "Delgado Light Room",
    "location-city": "Chicago",
    "location-region": "IL",
    "location-country": "US",
    "travels_to": "Milwaukee, Evanston",
    "specialties": ["theatrical", "commercial", "dance"],
    "lighting": ["studio", "natural"],
    "price-currency": "USD",
    "price-from": "350",
    "price-to": "1,200",
    "sessions": "One look, theatrical, 350, 1 look, 60 minutes, 1 retouched\n"
    "Two looks, theatrical + commercial, 650, 2 looks, 120 minutes, 3 retouched\n"
    "Kids refresh, 250, 1 look, 45 minutes, 1 retouched, for children and teens\n"
    "Graduate session, 290, 2 looks, 90 minutes, 2 retouched, students or graduates only",
    "add_ons-look": "100",
    "add_ons-retouched_image": "40",
    "add_ons-hair_makeup": "125",
    "policies-deposit": "100",
    "policies-reschedule": "Free with 48 hours' notice",
    "hair_makeup": "available",
    "retouching": "natural",
    "proofs": "all",
    "turnaround_days": "5",
    "booking_lead_days": "14",
    "usage": "actor-promotion",
    "website": "https://delgadolightroom.example.org",
    "booking_url": "https://delgadolightroom.example.org/book",
    "email": "rosa@delgadolightroom.example.org",
    "instagram": "delgadolightroom",
    "bio": "Rosa photographs actors in a converted loft in Pilsen.\n\n"
    "Sessions are *unhurried*: we talk about your casting before we shoot.",
    "headshots": f"![IMG_0001]({ASSET}{PHOTO_IDS[0]})\n"
    "Actor in a rust-colored sweater, half smile, daylight from the left\n"
    "Look: commercial\n\n"
    f'<img width="800" alt="Image" src="{ASSET}{PHOTO_IDS[1]}" />\n'
    "Actor in a black tee against a gray backdrop, serious, studio light",
    "consent": None,  # every confirmation ticked
}


def form_fields():
    return [item for item in yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"] if item["type"] != "markdown"]


def body(answers=None, skip=()):
    """The issue body GitHub writes: `### Label`, a blank line, the answer (`_No response_` when empty)."""
    answers = {**ANSWERS, **(answers or {})}
    parts = []
    for item in form_fields():
        label, answer = item["attributes"]["label"], answers.get(item["id"])
        if item["id"] in skip:
            answer = ""
        if item["type"] == "checkboxes":
            options = [o["label"] for o in item["attributes"]["options"]]
            chosen = options if answer is None else answer
            text = "\n".join(f"- [{'X' if o in chosen else ' '}] {o}" for o in options)
        else:
            text = answer or "_No response_"
        parts.append(f"### {label}\n\n{text}")
    return "\n\n".join(parts) + "\n"
