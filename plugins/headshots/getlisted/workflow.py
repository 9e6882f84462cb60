"""The get-listed workflow's one step (`.github/workflows/get-listed.yml`), testable on its own.

    python -m headshots.getlisted.workflow

Reads the issue from the event payload file ($GITHUB_EVENT_PATH: the body is
never put on a command line or in a shell script), runs `headshots
from-issue` and `headshots check` on the result, then either comments the
problems on the issue, or pushes branch `get-listed/<number>` and opens (or
finds) its pull request and comments its link. GitHub's REST API is reached
with urllib at $GITHUB_API_URL with $GITHUB_TOKEN; git pushes to `origin`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

LABEL = "get-listed"
MARKER = "<!-- get-listed -->"  # the bot's comments start with it
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
TIMEOUT = 30


def api(method: str, path: str, payload=None):
    """One GitHub REST call: the decoded JSON answer."""
    request = urllib.request.Request(
        os.environ.get("GITHUB_API_URL", "https://api.github.com") + path,
        data=None if payload is None else json.dumps(payload).encode(),
        method=method,
        headers={
            "Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "first-look-get-listed",
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read(5_000_000) or b"null")


def headshots(*args) -> subprocess.CompletedProcess:
    """The `headshots` command next to this Python: arguments as a list, never through a shell."""
    command = Path(sys.executable).parent / "headshots"
    return subprocess.run([str(command), *args], capture_output=True, text=True, timeout=600)


def git(*args) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True, timeout=300).stdout


def comment(repository: str, number: int, text: str) -> None:
    api("POST", f"/repos/{repository}/issues/{number}/comments", {"body": f"{MARKER}\n{text}"})


def problems_comment(lines: list[str]) -> str:
    items = "\n".join(f"- {line}" for line in lines)
    return (
        "Thanks! Before your profile can be made, please fix these answers: edit this issue (the ··· menu, "
        "then Edit), and this check runs again.\n\n" + items
    )


def pull_request(repository: str, number: int, branch: str, name: str) -> str:
    """The open pull request from `branch`, made if there is none: its address."""
    owner = repository.split("/")[0]
    found = api("GET", f"/repos/{repository}/pulls?state=open&head={owner}:{branch}")
    if found:
        return found[0]["html_url"]
    base = api("GET", f"/repos/{repository}")["default_branch"]
    made = api(
        "POST",
        f"/repos/{repository}/pulls",
        {
            "title": f"Add {name} (from #{number})",
            "head": branch,
            "base": base,
            "body": f"Made from the Get listed form in #{number} by `headshots from-issue`. "
            f"An editor reviews the profile and the photos before merging.\n\nCloses #{number}",
            "maintainer_can_modify": True,
        },
    )
    return made["html_url"]


def main() -> int:
    event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    issue, repository = event["issue"], os.environ["GITHUB_REPOSITORY"]
    number = int(issue["number"])
    if LABEL not in [label["name"] for label in issue.get("labels", [])]:
        print(f"Issue #{number} has no {LABEL} label: nothing to do")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        body = Path(scratch) / "body.md"
        body.write_text(issue.get("body") or "", encoding="utf-8")
        date = str(issue.get("updated_at") or "")[:10]
        made = headshots("from-issue", str(body), "--issue", str(number), *(["--date", date] if date else []))
    print(made.stdout, made.stderr, sep="")
    if made.returncode == 1:
        comment(repository, number, problems_comment(made.stdout.splitlines()))
        return 0
    if made.returncode != 0:
        return made.returncode
    folder = re.search(r"^Wrote (.+)/profile\.yaml and", made.stdout, re.MULTILINE).group(1)
    checked = headshots("check", folder)
    print(checked.stdout, checked.stderr, sep="")
    if checked.returncode != 0:
        lines = [line for line in checked.stdout.splitlines() if ": warning: " not in line][:-1]
        comment(repository, number, problems_comment(lines))
        return 0
    branch = f"get-listed/{number}"
    git("checkout", "-B", branch)
    git("add", "--", folder)
    name = Path(folder).name
    git("-c", f"user.name={BOT[0]}", "-c", f"user.email={BOT[1]}", "commit", "-m", f"Add {name} (from #{number})")
    git("push", "--force", "origin", f"HEAD:refs/heads/{branch}")
    link = pull_request(repository, number, branch, name)
    comment(
        repository,
        number,
        f"Your profile is ready for review: {link}\n\nAn editor will look at it there. "
        "If you edit this issue, the pull request is updated to match.",
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
