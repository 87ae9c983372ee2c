"""The pre-commit hook and the example GitHub workflow run as written, in a git repository made in the test."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
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


def workflow() -> dict:
    data = yaml.safe_load((REPO / "examples/github-workflow.yml").read_text(encoding="utf-8"))
    assert data[True] == {"pull_request": None, "push": {"branches": ["main"]}}  # YAML 1.1 reads `on` as true
    return data


def workflow_steps() -> list[dict]:
    return workflow()["jobs"]["check"]["steps"]


def test_workflow_pins_a_release_of_journeymaps() -> None:
    """The workflow installs a tagged release from git, the version of this checkout, and nothing of the
    journeymaps repository itself (a repository of maps has no constraints.txt or pyproject.toml)."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    source = workflow()["env"]["JOURNEYMAPS"]
    assert re.fullmatch(r"journeymaps @ git\+https://<your-git-host>/<your-org>/journeymaps@v(.+)", source)
    assert source.endswith(f"@v{version}")
    install = next(s for s in workflow_steps() if s.get("name") == "Install journeymaps")
    assert install["run"] == 'pip install "$JOURNEYMAPS"'


def release_wheel(out: Path) -> Path:
    """A wheel of this checkout, as a release of journeymaps would be, made without a build backend.

    Building with setuptools needs it (and ``wheel``) in a version this environment may not have, and there
    is no network here. The wheel holds the package as ``pyproject.toml`` describes it: its files, its
    dependencies and its two entry points (the ``journeymaps`` command and the MkDocs plugin).
    """
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = project["name"], project["version"]
    info = f"{name}-{version}.dist-info"
    metadata = "".join([f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
                        f"Requires-Python: {project['requires-python']}\n",
                        *(f"Requires-Dist: {dependency}\n" for dependency in project["dependencies"])])
    groups = {"console_scripts": project["scripts"], **project["entry-points"]}
    entry_points = "".join(f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()) + "\n"
                           for group, points in groups.items())
    files = {path.relative_to(REPO / "plugin").as_posix(): path.read_bytes()
             for path in sorted((REPO / "plugin" / name).rglob("*"))
             if path.is_file() and "__pycache__" not in path.parts}
    files[f"{info}/METADATA"] = metadata.encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: test_ci_files\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{info}/entry_points.txt"] = entry_points.encode()
    record = "".join(f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
                     f"{len(data)}\n" for path, data in files.items()) + f"{info}/RECORD,,\n"
    wheel = out / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
        archive.writestr(f"{info}/RECORD", record)
    return wheel


@pytest.fixture(scope="module")
def maps_only_python(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A new virtual environment without journeymaps, and the release to install into it (a wheel of this checkout).

    There is no network here, so the packages journeymaps needs (MkDocs, Material...) are lent by this
    environment through a ``.pth`` file, with the ``mkdocs`` command; journeymaps itself is not lent.
    """
    root = tmp_path_factory.mktemp("ci-python")
    wheel = release_wheel(root)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    lent = root / "lent"
    lent.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.startswith(("journeymaps", "__editable__", "pip", "setuptools", "_distutils_hack",
                                      "distutils-precedence")) and entry.suffix != ".pth":
            (lent / entry.name).symlink_to(entry)
    site = subprocess.run([str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "lent.pth").write_text(f"{lent}\n", encoding="utf-8")
    # The command that installing MkDocs would have put beside the Python of the environment.
    mkdocs = venv / "bin/mkdocs"
    mkdocs.write_text(f"#!{venv}/bin/python\nimport sys\nfrom mkdocs.__main__ import cli\nsys.exit(cli())\n",
                      encoding="utf-8")
    mkdocs.chmod(0o755)
    return venv / "bin", f"{wheel.stem.split('-')[0]} @ {wheel.as_uri()}"


@pytest.mark.slow
def test_workflow_steps_run_as_written_in_a_repository_of_maps(pull_request: Path,
                                                                maps_only_python: tuple[Path, str]) -> None:
    """Every step but the post runs in a repository that holds only maps, docs/ and mkdocs.yml, with a
    Python that has no journeymaps until the install step puts the pinned release in."""
    assert sorted(p.name for p in pull_request.iterdir()) == [".git", ".gitignore", "docs", "journeys", "mkdocs.yml"]
    bin_dir, release = maps_only_python
    base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the installed package runs, not a checkout
    base.update({"PATH": f"{bin_dir}:/usr/bin:/bin", "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                 "JOURNEYMAPS": release})
    ran = []
    for step in workflow_steps():
        command = step.get("run")
        if command is None or "gh pr comment" in command:
            continue  # `uses:` steps are GitHub's own; posting is tested below with a stand-in gh
        env = {k: v.replace("${{ github.base_ref }}", "main") for k, v in step.get("env", {}).items()}
        done = subprocess.run(["bash", "-e", "-c", command], cwd=pull_request, capture_output=True, text=True,
                              check=False, env={**base, **env})
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
        ran.append(step["name"])
    assert ran == ["Install journeymaps", "Validate", "Build the site", "Semantic diff of the maps"]
    where = subprocess.run([str(bin_dir / "python"), "-c", "import journeymaps; print(journeymaps.__file__)"],
                           capture_output=True, text=True, check=True, env=base).stdout
    assert where.startswith(str(bin_dir.parent)), where  # the release the step installed, not this checkout
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
