"""Make a large journeys repository with a long git history, for measuring what history costs.

    python bench/make_git_repo.py /tmp/big-repo --journeys 1000 --commits 3000 --seed 5

Writes a site (mkdocs.yml, docs/, journeys/ with vocabulary, personas and maps in
folders) and its history in one ``git fast-import`` stream: a first commit with every
file, then commits by a dozen authors that change the emotion scores of one to three
maps, rename a map now and then (2%), and break a map for one commit (1%, fixed by the
next change of that map, or by the last commit). Everything is drawn from a seeded random generator, so the
same arguments give the same repository, commit hashes included.
"""

from __future__ import annotations

import argparse
import random
import subprocess
from pathlib import Path

STAGES = ["awareness", "consideration", "purchase", "delivery", "retention", "advocacy"]
CHANNELS = ["social-media", "email", "live-chat", "phone", "store", "website", "print"]
DEPARTMENTS = ["marketing", "ecommerce", "customer-service", "stores", "logistics"]
PERSONAS = ["maya", "harold", "kofi", "priya", "lena"]
AUTHORS = [(f"Author {name}", f"{name.lower()}@example.org") for name in (
    "Ana", "Ben", "Chris", "Dana", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lu")]
FOLDERS = ["retail", "service", "stores", "online", "loyalty", "returns", "b2b", "catalogue", "app", "events"]
START = 1_704_067_200  # 1 January 2024, 00:00 UTC

VOCABULARY = "stages: [{}]\nchannels: [{}]\ndevices: [mobile, desktop, in-person]\ndepartments: [{}]\n".format(
    ", ".join(STAGES), ", ".join(CHANNELS), ", ".join(DEPARTMENTS))
CONFIG = """site_name: Big journeys
theme:
  name: material
  font: false
plugins:
  - search
  - journeys
"""


def persona(pid: str) -> str:
    return f"---\nname: {pid.title()}\nsegment: Segment of {pid}\nchannels: [email, website]\n---\nAbout {pid}.\n"


def journey(rng: random.Random, title: str, broken: bool = False) -> str:
    """A valid map (or, when ``broken``, one whose first emotion is not a number)."""
    stages = sorted(rng.sample(range(len(STAGES)), rng.randint(3, 5)))
    status = rng.choice(["approved"] * 3 + ["draft", "review"])
    lines = ["---", f"title: {title}", f"persona: {rng.choice(PERSONAS)}", f"status: {status}",
             f"owner: {rng.choice(DEPARTMENTS)}", f"reviewed: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
             "phases:"]
    first = True
    for s in stages:
        lines += [f"  - stage: {STAGES[s]}", "    steps:"]
        for n in range(rng.randint(1, 3)):
            emotion = "high" if broken and first else str(rng.randint(-2, 2))
            first = False
            lines += [f"      - action: Step {n + 1} of {STAGES[s]}", f"        emotion: {emotion}",
                      "        touchpoints:", f"          - name: Touchpoint {n + 1}",
                      f"            channel: {rng.choice(CHANNELS)}"]
    return "\n".join(lines) + "\n---\nNarrative of the map.\n"


def _data(text: str) -> bytes:
    raw = text.encode()
    return b"data %d\n%s\n" % (len(raw), raw)


def stream(journeys: int, commits: int, seed: int) -> bytes:
    """The ``git fast-import`` stream of the whole history."""
    rng = random.Random(seed)
    paths = {i: f"journeys/{FOLDERS[i % len(FOLDERS)]}/map-{i:04d}.md" for i in range(journeys)}
    broken: set[int] = set()
    out = bytearray()
    when = START

    def commit(mark: int, message: str, author: tuple[str, str], changes: list[bytes]) -> None:
        nonlocal when
        when += rng.randint(600, 36_000)
        name, email = author
        out.extend(b"commit refs/heads/main\nmark :%d\n" % mark)
        for role in (b"author", b"committer"):
            out.extend(b"%s %s <%s> %d +0000\n" % (role, name.encode(), email.encode(), when))
        out.extend(_data(message))
        if mark > 1:
            out.extend(b"from :%d\n" % (mark - 1))
        for change in changes:
            out.extend(change)

    def put(path: str, text: str) -> bytes:
        return f"M 100644 inline {path}\n".encode() + _data(text)

    first = [put("mkdocs.yml", CONFIG), put(".gitignore", "site/\n"), put("docs/index.md", "# Big journeys\n"),
             put("journeys/vocabulary.yml", VOCABULARY)]
    first += [put(f"journeys/personas/{pid}.md", persona(pid)) for pid in PERSONAS]
    first += [put(path, journey(rng, f"Map {i}")) for i, path in paths.items()]
    commit(1, "Import the maps", AUTHORS[0], first)
    for mark in range(2, commits):
        changes, touched = [], rng.sample(range(journeys), rng.randint(1, 3))
        for i in touched:
            roll = rng.random()
            if roll < 0.02:  # a rename (with new scores): git's rename detection pairs the two paths
                old, paths[i] = paths[i], paths[i].replace(".md", f"-v{mark}.md")
                changes += [f"D {old}\n".encode(), put(paths[i], journey(rng, f"Map {i}"))]
                broken.discard(i)
            else:
                bad = roll > 0.99 and i not in broken
                (broken.add if bad else broken.discard)(i)
                changes.append(put(paths[i], journey(rng, f"Map {i}", broken=bad)))
        commit(mark, f"Update {len(touched)} map(s) after research round {mark}", rng.choice(AUTHORS), changes)
    # the last commit fixes the maps that are still broken, so that the newest state builds with --strict
    fixes = [put(paths[i], journey(rng, f"Map {i}")) for i in sorted(broken)]
    commit(commits, "Fix the broken maps", AUTHORS[1], fixes)
    return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--journeys", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    repo: Path = args.target
    repo.mkdir(parents=True, exist_ok=False)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=stream(args.journeys, args.commits, args.seed),
                   check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)
    count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, check=True, capture_output=True,
                           text=True).stdout.strip()
    files = subprocess.run(["git", "ls-files"], cwd=repo, check=True, capture_output=True, text=True).stdout
    print(f"{repo}: {count} commits, {len(files.splitlines())} files")


if __name__ == "__main__":
    main()
