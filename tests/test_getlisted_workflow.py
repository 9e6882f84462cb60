"""The get-listed workflow: its YAML is safe, and its step runs end to end.

End to end: a fixture event payload, a local HTTP server that serves the
attachments (behind a redirect, as GitHub's host does) and records the REST
calls, and a local bare repository as `origin`.
"""

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from getlisted_body import ASSET, PHOTO_IDS, body

from conftest import REPO
from factories import make_headshot

WORKFLOW = REPO / ".github" / "workflows" / "get-listed.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def _workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps():
    return [step for job in _workflow()["jobs"].values() for step in job["steps"]]


def test_it_passes_actionlint():
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_on_labelled_issues_opened_or_edited():
    workflow = _workflow()
    assert workflow[True] == {"issues": {"types": ["opened", "edited"]}}  # YAML 1.1 reads `on` as true
    assert workflow["jobs"]["profile"]["if"] == "contains(github.event.issue.labels.*.name, 'get-listed')"


def test_no_expression_inside_a_run_script():
    for step in _steps():
        assert "${{" not in step.get("run", ""), step


def test_least_permissions():
    workflow = _workflow()
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["profile"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }


def test_third_party_actions_are_pinned_to_full_commit_shas():
    uses = [step["uses"] for step in _steps() if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


# --------------------------------------------------------------------------- end to end


class _GitHub(http.server.BaseHTTPRequestHandler):
    """GitHub as the step sees it: attachments (redirected to storage) and the REST calls it records."""

    calls: list
    photos: Path

    def log_message(self, *args):
        pass

    def _send(self, code, data=b"", kind="application/json", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/user-attachments/assets/"):
            name = self.path.rsplit("/", 1)[-1]
            return self._send(302, headers=[("Location", f"/storage/{name}?signature=x")])
        if self.path.startswith("/storage/"):
            return self._send(200, (self.photos / self.path.split("/")[2].split("?")[0]).read_bytes(), "image/jpeg")
        self.calls.append(("GET", self.path, None, self.headers.get("Authorization")))
        if self.path == "/api/repos/first-look/site":
            return self._send(200, json.dumps({"default_branch": "main"}).encode())
        return self._send(200, b"[]")  # no open pull request yet

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.calls.append(("POST", self.path, payload, self.headers.get("Authorization")))
        if self.path.endswith("/pulls"):
            return self._send(201, json.dumps({"html_url": "https://github.com/first-look/site/pull/8"}).encode())
        return self._send(201, b"{}")


@pytest.fixture
def github(tmp_path):
    photos = tmp_path / "storage"
    photos.mkdir()
    for index, photo in enumerate(PHOTO_IDS):
        make_headshot(photos / photo, colour=(150, 110 + 20 * index, 90), fmt="JPEG")
    handler = type("GitHub", (_GitHub,), {"calls": [], "photos": photos})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", handler.calls
    server.shutdown()


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def clone(tmp_path):
    """A checkout of the site's default branch (the form, the settings, a photographers folder),
    whose `origin` is a local bare repository."""
    origin = tmp_path / "origin.git"
    _git("init", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    work = tmp_path / "work"
    (work / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    shutil.copy(REPO / ".github" / "ISSUE_TEMPLATE" / "get-listed.yml", work / ".github" / "ISSUE_TEMPLATE")
    (work / "photographers").mkdir()
    (work / "photographers" / ".keep").write_text("")
    _git("init", "-b", "main", cwd=work)
    _git("add", ".", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-m", "site", cwd=work)
    _git("remote", "add", "origin", str(origin), cwd=work)
    _git("push", "origin", "main", cwd=work)
    return work, origin


def _run_step(work, event, server):
    """The workflow's last step's `run:` script, as the runner runs it: bash, in the checkout."""
    script = _steps()[-1]["run"].replace(".venv/bin/", str(Path(sys.executable).parent) + "/")
    payload = work.parent / "event.json"
    payload.write_text(json.dumps(event), encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")},
        "GITHUB_EVENT_PATH": str(payload),
        "GITHUB_REPOSITORY": "first-look/site",
        "GITHUB_SERVER_URL": server,
        "GITHUB_API_URL": f"{server}/api",
        "GITHUB_TOKEN": "test-token",
    }
    return subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=300)


def _event(text, number=7):
    return {
        "action": "opened",
        "issue": {
            "number": number,
            "body": text,
            "updated_at": "2026-12-06T10:00:00Z",
            "labels": [{"name": "get-listed"}],
        },
    }


def test_a_good_form_becomes_a_pull_request(clone, github):
    work, origin = clone
    server, calls = github
    text = body().replace(ASSET, f"{server}/user-attachments/assets/")
    result = _run_step(work, _event(text), server)
    assert result.returncode == 0, result.stdout + result.stderr
    files = _git("ls-tree", "-r", "--name-only", "get-listed/7", cwd=origin).split()
    assert files == [
        ".github/ISSUE_TEMPLATE/get-listed.yml",
        "photographers/.keep",
        "photographers/rosa-delgado/profile.yaml",
        "photographers/rosa-delgado/rosa-delgado-01.jpg",
        "photographers/rosa-delgado/rosa-delgado-02.jpg",
    ]
    assert _git("log", "-1", "--format=%an|%s", "get-listed/7", cwd=origin).strip() == (
        "github-actions[bot]|Add rosa-delgado (from #7)"
    )
    assert [(method, path) for method, path, _, _ in calls] == [
        ("GET", "/api/repos/first-look/site/pulls?state=open&head=first-look:get-listed/7"),
        ("GET", "/api/repos/first-look/site"),
        ("POST", "/api/repos/first-look/site/pulls"),
        ("POST", "/api/repos/first-look/site/issues/7/comments"),
    ]
    assert all(auth == "Bearer test-token" for *_, auth in calls)
    pull = calls[2][2]
    assert (pull["head"], pull["base"], pull["title"]) == ("get-listed/7", "main", "Add rosa-delgado (from #7)")
    assert "Closes #7" in pull["body"]
    assert "https://github.com/first-look/site/pull/8" in calls[3][2]["body"]


def test_problems_are_commented_and_nothing_is_pushed(clone, github):
    work, origin = clone
    server, calls = github
    text = body({"price-from": "$550"}, skip=("location-city",)).replace(ASSET, f"{server}/user-attachments/assets/")
    result = _run_step(work, _event(text), server)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _git("for-each-ref", "--format=%(refname:short)", "refs/heads", cwd=origin).split() == ["main"]
    assert [(method, path) for method, path, _, _ in calls] == [
        ("POST", "/api/repos/first-look/site/issues/7/comments")
    ]
    comment = calls[0][2]["body"]
    assert comment.endswith('\n\n- City: required\n- Price from: "$550" is not a number')


def test_a_hostile_body_never_runs(clone, github):
    work, origin = clone
    server, calls = github
    hostile = "$(touch pwned) `touch pwned`; touch pwned"
    text = body({"name": f"Rosa {hostile}", "bio": hostile}).replace(ASSET, f"{server}/user-attachments/assets/")
    result = _run_step(work, _event(text, number=9), server)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(work.parent.rglob("pwned"))
    assert _git("for-each-ref", "--format=%(refname:short)", "refs/heads", cwd=origin).split() == [
        "get-listed/9",
        "main",
    ]
