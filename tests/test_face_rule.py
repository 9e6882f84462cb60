"""The face rule (headshots.thumbnails.facerule) on made-up points, with exact answers.

The cases live in tests/js/face-rule.cases.json, which tests/js/face-rule.test.mjs runs through
the browser's copy of the rule (face-rule.js): one set of cases, one answer in both runtimes.
"""

import json

import pytest

from headshots.thumbnails import facerule

from conftest import REPO

CASES = json.loads((REPO / "tests" / "js" / "face-rule.cases.json").read_text())


@pytest.mark.parametrize("case", CASES["problem"], ids=[c["case"] for c in CASES["problem"]])
def test_points_make_a_face_or_say_why_not(case):
    assert facerule.problem(case["face"], tuple(case["size"])) == case["problem"]


@pytest.mark.parametrize("case", CASES["rule"], ids=[c["case"] for c in CASES["rule"]])
def test_score_points_and_second_opinion(case):
    assert facerule.is_face(case["face"], (1000, 1000), case["model"], case["mirrored"]) is case["counts"]


def test_the_browser_gets_the_rule_s_numbers():
    from headshots.thumbnails.faces import BROWSER_RULES

    assert BROWSER_RULES["face"] == {
        "minScore": 0.76,
        "sureScore": 0.9,
        "maxTilt": 25.0,
        "eyeSpan": [0.28, 0.56],
        "noseDown": [0.05, 1.0],
        "mouthDown": [0.7, 1.6],
        "noseAside": 0.7,
        "samePlace": 0.3,
    }
    assert facerule.SCORES["build"] == {"min": 0.5, "sure": 0.8}
