"""The hosting service's workflows: actionlint finds nothing wrong with any of them (and
does find a broken one), and they do what the README says: the test command on every
pull request and on main, an edition published only when a maintainer asks."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(folder):
    """actionlint on every workflow of the repository at folder, as it runs on a clone."""
    return subprocess.run([str(ACTIONLINT), "-color=false"], cwd=folder, capture_output=True,
                          text=True, timeout=120)


def workflow(name):
    # PyYAML reads the key `on` as True.
    return yaml.safe_load((WORKFLOWS / name).read_text())


def steps(flow):
    return [step for job in flow["jobs"].values() for step in job["steps"]]


def test_actionlint_passes_every_workflow():
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["checks.yml", "publish.yml"]
    result = actionlint(ROOT)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


@pytest.mark.parametrize("old, new, message", [
    ("    runs-on: ubuntu-latest\n", "", '"runs-on" section is missing in job "checks"'),
    ("          cache: pip\n", "          cach: pip\n", 'input "cach" is not defined in action "actions/setup-python'),
    ("${{ github.event.pull_request.base.sha }}", "${{ github.event.pull_request.base.sha }",
     "unexpected EOF while lexing end marker }}"),
    ("actions/checkout@v5", "actions/checkout@v3", 'used by "actions/checkout@v3" action is retired'),
])
def test_actionlint_fails_on_a_broken_workflow(tmp_path, old, new, message):
    repo = tmp_path / "repo"
    shutil.copytree(WORKFLOWS, repo / ".github" / "workflows")
    broken = repo / ".github" / "workflows" / "checks.yml"
    text = broken.read_text()
    assert old in text
    broken.write_text(text.replace(old, new, 1))
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    result = actionlint(repo)
    assert result.returncode == 1
    assert result.stdout.startswith(".github/workflows/checks.yml:"), result.stdout
    assert message in result.stdout


def test_checks_run_the_readme_test_command_on_pull_requests_and_main():
    flow = workflow("checks.yml")
    assert flow[True] == {"pull_request": None, "push": {"branches": ["main"]}}
    [job] = flow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    runs = [step.get("run", "") for step in job["steps"]]
    assert "./scripts/test" in runs
    assert "./scripts/test" in (ROOT / "README.md").read_text()
    [python] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "handbook/pyproject.toml"


def test_the_pull_request_report_and_preview_are_published():
    flow = workflow("checks.yml")
    script = "\n".join(s.get("run", "") for s in steps(flow))
    assert "scripts/content_diff.py" in script and '>> "$GITHUB_STEP_SUMMARY"' in script
    uploads = {s["with"]["name"]: s["with"]["path"] for s in steps(flow)
               if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads == {"content-diff": "handbook/content-diff.md", "handbook-preview": "handbook/site/",
                       "handbook-offline": "handbook/offline-copy/"}
    # The preview section of the report names the artifacts the workflow uploads.
    sys.path.insert(0, str(ROOT / "scripts"))
    from content_diff import OFFLINE_ARTIFACT, PREVIEW_ARTIFACT
    assert {PREVIEW_ARTIFACT, OFFLINE_ARTIFACT} < set(uploads)


def test_an_edition_is_published_only_when_a_maintainer_asks():
    flow = workflow("publish.yml")
    assert flow[True] == {"workflow_dispatch": None}
    script = "\n".join(s.get("run", "") for s in steps(flow))
    assert ".venv/bin/python scripts/release.py" in script
    assert re.search(r"git push .*gh-pages.*refs/tags/", script)


def test_every_action_is_pinned_to_a_version_tag():
    # Major version tags: actionlint knows the inputs of each, so a misspelt input fails.
    for path in WORKFLOWS.glob("*.yml"):
        for step in steps(yaml.safe_load(path.read_text())):
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), (path.name, step["uses"])
