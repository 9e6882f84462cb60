"""What counts as a face: one rule for the build (`faces.detect`) and for /scan/ (face-rule.js).

A detector's box is only a candidate. It counts as a face when all three hold:

1. its score clears the model's threshold (each model has its own score scale: the build runs
   BlazeFace full-range under LiteRT, the browser BlazeFace back-camera under TensorFlow.js);
2. its six points make a plausible human face: two eyes level within MAX_TILT and inside the box,
   the nose and then the mouth below the eyes, near the middle, at a face's distances;
3. below the model's SURE score, a second opinion agrees: the same model, run on the photo
   mirrored left to right, finds a face in the same place. A face is nearly symmetric and is
   found either way round; a digit, a knot of cloth or a carved pole mostly is not.

Every number here was picked on the labelled photos in tests/images/faces/ (docs/faces.md has the
table of results). `BROWSER` hands them to the page, so the rule is written down once.
"""

from __future__ import annotations

import math

#: Per model: the lowest score that can count, and the score from which no second opinion is
#: needed. The build's 0.5 is MediaPipe's own default. The browser's model scores a cat up to
#: 0.75 and every labelled face from 0.775 (a painted face): 0.76 is between the two.
SCORES = {"build": {"min": 0.5, "sure": 0.8}, "browser": {"min": 0.76, "sure": 0.9}}

#: The line through the eyes may lean this many degrees (what the labelled faces measured: docs/faces.md).
MAX_TILT = 25.0

#: The eyes' distance over the box's width (the labelled faces' range, with either model: docs/faces.md).
EYE_SPAN = (0.28, 0.56)

#: Where the nose tip and the mouth sit, measured from the point between the eyes along the
#: face (down) and across it, in eye distances. A face turned three-quarters moves the nose
#: aside; a chin raised or lowered moves it up or down (the labelled set's ranges: docs/faces.md).
NOSE_DOWN = (0.05, 1.0)
MOUTH_DOWN = (0.7, 1.6)
NOSE_ASIDE = 0.7

#: A detection in the mirrored photo is the same face when the boxes overlap by this much (IoU).
SAME_PLACE = 0.3


def problem(face: dict, size) -> str | None:
    """Why `face`'s points are not a plausible human face (None when they are). `face` is a
    candidate in 0..1 of an image `size` (width, height) pixels: "box", "eyes" (the subject's
    right eye first), "nose", "mouth"."""
    width, height = size
    (rx, ry), (lx, ly) = ((x * width, y * height) for x, y in face["eyes"])
    span = math.hypot(lx - rx, ly - ry)
    if span == 0:
        return "the eyes are one point"
    if abs(math.degrees(math.atan2(ly - ry, lx - rx))) > MAX_TILT:
        return f"the eyes lean more than {MAX_TILT:g} degrees"
    left, top, right, bottom = face["box"]
    if not all(left <= x <= right and top <= y <= bottom for x, y in face["eyes"]):
        return "an eye is outside the box"
    if not EYE_SPAN[0] <= span / ((right - left) * width) <= EYE_SPAN[1]:
        return "the eyes are too close or too far apart for the box"
    across, down = ((lx - rx) / span, (ly - ry) / span), (-(ly - ry) / span, (lx - rx) / span)
    middle = ((rx + lx) / 2, (ry + ly) / 2)

    def place(point):
        dx, dy = point[0] * width - middle[0], point[1] * height - middle[1]
        return (dx * across[0] + dy * across[1]) / span, (dx * down[0] + dy * down[1]) / span

    nose_aside, nose_down = place(face["nose"])
    if not NOSE_DOWN[0] <= nose_down <= NOSE_DOWN[1] or abs(nose_aside) > NOSE_ASIDE:
        return "the nose is not below the eyes"
    mouth_down = place(face["mouth"])[1]
    if not MOUTH_DOWN[0] <= mouth_down <= MOUTH_DOWN[1] or mouth_down <= nose_down:
        return "the mouth is not below the nose"
    return None


def overlap(a, b) -> float:
    """Intersection over union of two boxes [left, top, right, bottom]."""
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def needs_second_opinion(face: dict, model: str) -> bool:
    return SCORES[model]["min"] <= face["score"] < SCORES[model]["sure"]


def is_face(face: dict, size, model: str, mirrored: list[dict] | None = None) -> bool:
    """The rule. `mirrored`: the same model's candidates in the mirrored photo, mapped back to
    this one; needed only when `needs_second_opinion`."""
    scores = SCORES[model]
    if face["score"] < scores["min"] or problem(face, size):
        return False
    if face["score"] >= scores["sure"]:
        return True
    return any(m["score"] >= scores["min"] and overlap(m["box"], face["box"]) > SAME_PLACE for m in mirrored or ())


#: The rule's numbers for face-rule.js (through faces.BROWSER_RULES).
BROWSER = {
    "minScore": SCORES["browser"]["min"],
    "sureScore": SCORES["browser"]["sure"],
    "maxTilt": MAX_TILT,
    "eyeSpan": list(EYE_SPAN),
    "noseDown": list(NOSE_DOWN),
    "mouthDown": list(MOUTH_DOWN),
    "noseAside": NOSE_ASIDE,
    "samePlace": SAME_PLACE,
}
