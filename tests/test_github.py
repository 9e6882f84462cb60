"""The .github folder: workflows pass actionlint; the "get listed" form maps onto profile.yaml."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
SCHEMA = json.loads((REPO / "plugins" / "headshots" / "profile.schema.json").read_text())
FORM = GITHUB / "ISSUE_TEMPLATE" / "get-listed.yml"
FORM_ONLY_IDS = {"consent"}  # asked on the form, never written into a profile
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def _form():
    return yaml.safe_load(FORM.read_text(encoding="utf-8"))


def _fields():
    return [item for item in _form()["body"] if item["type"] != "markdown"]


def _schema_for(field_id):
    """The schema of the profile.yaml key a form field fills: `price-from` is price: from:."""
    top, _, sub = field_id.partition("-")
    schema = SCHEMA["properties"].get(top)
    if schema is not None and sub:
        schema = schema.get("properties", {}).get(sub)
    return schema


def _enum(schema):
    schema = schema.get("items", schema)
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema.get("enum")


def test_actionlint_is_installed():
    assert ACTIONLINT.exists(), f"actionlint not found at {ACTIONLINT}: run `make` to install the test extras"


def test_there_is_a_workflow():
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "get-listed.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_workflow_passes_actionlint(workflow):
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(workflow)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The lint can fail: a job with an unknown key and a bad expression is rejected."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n"
        "    steps:\n      - run: echo ${{ github.nope( }}\n"
    )
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(broken)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "stepz" in result.stdout


def test_ci_runs_the_check_the_build_and_the_tests_then_deploys():
    workflow = yaml.safe_load(WORKFLOWS[0].read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [step.get("run", step.get("uses", "")) for step in workflow["jobs"]["test"]["steps"]]
    runs = [step for step in steps if step.startswith("make")]
    assert runs == ["make lint", "make check", "make build", "make test"]
    assert any(
        "apt-get install" in step
        and all(package in step for package in ("chromium", "libvips-tools", "default-jre-headless"))
        for step in steps
    )
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == ["plan", "test"]
    assert "needs.test.result == 'success'" in deploy["if"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    uses = [step.get("uses", "").split("@")[0] for step in deploy["steps"]]
    assert uses[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert any(step.get("run") == "make publish" and "SITEURL" in step.get("env", {}) for step in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read"}


def test_ci_renders_headshots_in_shards_only_when_some_are_not_cached():
    """plan counts the work (`headshots cache shards`), render runs one job per shard only when there is
    some, each uploads its shard; test and deploy merge them, each entry verified."""
    jobs = yaml.safe_load(WORKFLOWS[0].read_text())["jobs"]
    count = next(step for step in jobs["plan"]["steps"] if step.get("id") == "count")
    assert count["run"] == '.venv/bin/headshots cache shards >> "$GITHUB_OUTPUT"'
    assert set(jobs["plan"]["outputs"]) == {"shards", "matrix"}
    render = jobs["render"]
    assert render["needs"] == "plan" and render["if"] == "needs.plan.outputs.shards != '0'"  # no work: no matrix
    assert render["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    runs = "\n".join(step.get("run", "") for step in render["steps"])
    assert 'headshots render --shard "$SHARD" --cache shard --reuse "$store"' in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in render["steps"])
    assert jobs["test"]["needs"] == ["plan", "render"] and "needs.render.result != 'failure'" in jobs["test"]["if"]
    for name in ("test", "deploy"):
        merge = next(step for step in jobs[name]["steps"] if "cache merge" in step.get("run", ""))
        assert "--prune photographers" in merge["run"] and merge["if"] == "needs.plan.outputs.shards != '0'"


def test_workflows_keep_to_the_safe_forms():
    """Actions pinned by a full commit (or marked NOT PINNED) and no expression inside a script (values
    reach scripts through env:); CI leaves no token in .git/config (get-listed pushes a branch with it)."""
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        for job in yaml.safe_load(text)["jobs"].values():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), (path.name, step.get("name"))
                if path.name == "ci.yml" and step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
        comment = ""  # the comment lines just above
        for line in text.splitlines():
            uses = re.search(r"uses: (\S+)@(\S+)", line)
            if uses and "NOT PINNED" not in comment:
                assert re.fullmatch(r"[0-9a-f]{40}", uses.group(2)), line
            comment = comment + line if line.strip().startswith("#") else ""


def test_issue_forms_parse():
    for path in sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml")):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path.name
    form = _form()
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in _fields()]
    assert len(ids) == len(set(ids)), "field ids must be unique"


def test_every_form_field_fills_a_profile_key():
    unmapped = [item["id"] for item in _fields() if item["id"] not in FORM_ONLY_IDS and _schema_for(item["id"]) is None]
    assert unmapped == [], f"form fields with no profile.yaml key: {unmapped}"


def test_every_profile_key_is_asked_for():
    """Every top-level key except `updated` (the tool's date) and `sample` (never a real photographer's)
    and each nested key has a field."""
    ids = {item["id"] for item in _fields()}
    wanted = set()
    for key, schema in SCHEMA["properties"].items():
        if key in ("updated", "sample"):
            continue
        if schema.get("type") == "object":
            wanted |= {f"{key}-{sub}" for sub in schema["properties"]}
        else:
            wanted.add(key)
    assert wanted - ids == set()


def test_required_profile_keys_are_required_on_the_form():
    required = {item["id"] for item in _fields() if item.get("validations", {}).get("required")}
    for key in SCHEMA["required"]:
        schema = SCHEMA["properties"][key]
        if schema.get("type") == "object":
            assert {f"{key}-{sub}" for sub in schema["required"]} <= required, key
        else:
            assert key in required, key


def test_choices_match_the_schema():
    for item in _fields():
        schema = _schema_for(item["id"])
        if schema is None or item["type"] not in ("dropdown", "checkboxes"):
            continue
        options = item["attributes"]["options"]
        labels = [option["label"] if isinstance(option, dict) else option for option in options]
        assert labels == _enum(schema), item["id"]
