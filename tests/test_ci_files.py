"""The pre-commit hook and the example GitHub workflow run as written, in a git repository made in the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sites import BIN, REPO, spec_site

JOURNEY = "journeys/retail/buy-running-shoes.md"


def git(repo: Path, *args: str) -> None:
    when = "2026-05-01T10:00:00Z"
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com", "GIT_COMMITTER_NAME": "Ana",
           "GIT_COMMITTER_EMAIL": "ana@example.com", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def shell(repo: Path, command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    path = f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    return subprocess.run(["bash", "-e", "-c", command], cwd=repo, capture_output=True, text=True, check=False,
                          env={**os.environ, "PATH": path, **(env or {})})


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A repository like GitHub checks out for a pull request: origin/main, and HEAD with one change on top."""
    repo = spec_site(tmp_path)
    (repo / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Maps")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "switch", "-q", "-c", "pr")
    path = repo / JOURNEY
    path.write_text(path.read_text(encoding="utf-8").replace("status: approved", "status: review"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Back to review")
    return repo


def test_pre_commit_hook_runs_validate_on_the_whole_folder(pull_request: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["journeymaps-validate"]
    hook = hooks[0]
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)
    assert shell(pull_request, hook["entry"]).returncode == 0
    path = pull_request / JOURNEY
    path.write_text(path.read_text(encoding="utf-8").replace("channel: social-media", "channel: fax"),
                    encoding="utf-8")
    done = shell(pull_request, hook["entry"])
    assert done.returncode == 1
    assert done.stdout == (f"{JOURNEY}:25: phases[0].steps[0].touchpoints[0].channel: unknown channel 'fax'; "
                           "expected one of: email, live-chat, phone, print, social-media, store, website\n")


def workflow_steps() -> list[dict]:
    workflow = yaml.safe_load((REPO / "examples/github-workflow.yml").read_text(encoding="utf-8"))
    assert workflow[True] == {"pull_request": None, "push": {"branches": ["main"]}}  # YAML 1.1 reads `on` as true
    return workflow["jobs"]["check"]["steps"]


@pytest.mark.slow
def test_workflow_steps_run_as_written(pull_request: Path) -> None:
    ran = []
    for step in workflow_steps():
        command = step.get("run")
        if command is None or command.startswith("pip install") or "gh pr comment" in command:
            continue  # installing needs the network, posting GitHub (test_workflow_posts_...): the rest runs here
        env = {k: v.replace("${{ github.base_ref }}", "main") for k, v in step.get("env", {}).items()}
        done = shell(pull_request, command, env)
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
        ran.append(step["name"])
    assert ran == ["Validate", "Build the site", "Semantic diff of the maps"]
    assert (pull_request / "site/journeys/retail/buy-running-shoes/index.html").is_file()
    diff = (pull_request / "journey-diff.md").read_text(encoding="utf-8")
    assert diff.splitlines()[:2] == ["<!-- journeymaps-diff -->", "## Journey maps: 0 added, 1 changed, 0 removed"]
    assert "- status: approved → review" in diff.splitlines()


def test_workflow_validate_step_annotates_a_broken_map(pull_request: Path) -> None:
    step = next(s for s in workflow_steps() if s.get("name") == "Validate")
    path = pull_request / JOURNEY
    path.write_text(path.read_text(encoding="utf-8").replace("        pain_points:", "        pain_point:"),
                    encoding="utf-8")
    done = shell(pull_request, step["run"])
    assert done.returncode == 1
    assert done.stdout == (f"::error file={JOURNEY},line=29,title=phases[0].steps[0].pain_point::"
                           "unknown key 'pain_point'; did you mean 'pain_points'?\n")


FAKE_GH = """\
#!{python}
# A stand-in for the GitHub CLI: logs each call (with the body it would post) and lists the comments of
# $COMMENTS, filtered with --jq by the real jq, as gh does.
import json, os, subprocess, sys
args = sys.argv[1:]
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    body = next((a.split("@", 1)[1] for a in args if a.startswith("body=@")), None)
    if "--body-file" in args:
        body = args[args.index("--body-file") + 1]
    log.write(json.dumps({{"args": args, "body": open(body, encoding="utf-8").read() if body else None}}) + "\\n")
if args[:2] == ["api", "--paginate"]:
    comments = open(os.environ["COMMENTS"], encoding="utf-8").read()
    jq = args[args.index("--jq") + 1]
    sys.stdout.write(subprocess.run(["jq", "-r", jq], input=comments, capture_output=True, text=True,
                                    check=True).stdout)
"""


def post_step(pull_request: Path, gh_home: Path, comments: list[dict]) -> list[dict]:
    """Run the workflow's post step after its diff step, with a stand-in gh in ``gh_home``; returns gh's calls."""
    steps = {s.get("name"): s for s in workflow_steps()}
    assert shell(pull_request, steps["Semantic diff of the maps"]["run"], {"BASE": "main"}).returncode == 0
    (gh_home / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    (gh_home / "gh").chmod(0o755)
    (gh_home / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    log = gh_home / "gh.log"
    env = {"PATH": f"{gh_home}:{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}", "GH_LOG": str(log),
           "COMMENTS": str(gh_home / "comments.json"), "PR": "7", "REPO": "shop/maps", "GH_TOKEN": "x"}
    done = subprocess.run(["bash", "-e", "-c", steps["Post the diff on the pull request"]["run"]], cwd=pull_request,
                          capture_output=True, text=True, check=False, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


MARKER = "<!-- journeymaps-diff -->"


def test_workflow_posts_a_new_comment_and_leaves_other_bots_alone(pull_request: Path,
                                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    others = [{"id": 1, "user": {"login": "github-actions[bot]"}, "body": "## Coverage report"},
              {"id": 2, "user": {"login": "ana"}, "body": f"{MARKER}\nquoted by a person"}]
    calls = post_step(pull_request, tmp_path_factory.mktemp("gh"), others)
    assert [c["args"][:2] for c in calls] == [["api", "--paginate"], ["pr", "comment"]]
    assert calls[1]["args"] == ["pr", "comment", "7", "--body-file", "journey-diff.md"]
    assert calls[1]["body"].startswith(f"{MARKER}\n## Journey maps: 0 added, 1 changed, 0 removed\n")


def test_workflow_updates_its_own_comment(pull_request: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    comments = [{"id": 1, "user": {"login": "github-actions[bot]"}, "body": "## Coverage report"},
                {"id": 5, "user": {"login": "github-actions[bot]"}, "body": f"{MARKER}\n## Journey maps: old"}]
    calls = post_step(pull_request, tmp_path_factory.mktemp("gh"), comments)
    assert calls[1]["args"] == ["api", "--method", "PATCH", "repos/shop/maps/issues/comments/5", "-F",
                                "body=@journey-diff.md"]
    assert calls[1]["body"].startswith(f"{MARKER}\n## Journey maps: 0 added, 1 changed, 0 removed\n")
    assert len(calls) == 2
