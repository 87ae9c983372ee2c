"""The plain Material sites ``run.py`` measures ours against: as many hand-written pages of about 2 KB as ours.

* ``b1``: every page in the navigation (what a team writing maps by hand would get);
* ``b2``: the same pages with a one-entry navigation (the floor MkDocs sets).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import generate

WORDS = str.split("a customer looks for shoes that fit compares prices in the shop and online asks the staff about "
                  "sizes orders a pair waits for the parcel tries them on and sends back the ones that do not fit")


def _words(rng: random.Random, count: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def baseline_page(rng: random.Random, number: int, link: str) -> str:
    """A hand-written page of about 2 KB: headings, paragraphs, a list, a table and a link."""
    rows = "\n".join(f"| Step {i} | {rng.choice(WORDS)} | {rng.randint(-2, 2)} |" for i in range(1, 6))
    return (
        f"# Journey {number}: {rng.choice(WORDS)} {rng.choice(WORDS)}\n\n{_words(rng, 60)}\n\n"
        f"## Steps\n\n{_words(rng, 40)}\n\n- {_words(rng, 8)}\n- {_words(rng, 8)}\n- {_words(rng, 8)}\n\n"
        f"| Step | Touchpoint | Emotion |\n| --- | --- | --- |\n{rows}\n\n"
        f"## Pain points\n\n{_words(rng, 50)}\n\n## Notes\n\n{_words(rng, 30)} See [a related page]({link}).\n"
    )


def baseline_site(root: Path, pages: int, full_nav: bool, seed: int = 1) -> None:
    """``pages`` pages (the home page included) in ten folders; every page in the nav, or only the home page."""
    rng = random.Random(seed)
    docs = root / "docs"
    folders = [f.replace("/", "-") for f in generate.FOLDERS]
    paths = [f"{folders[n % len(folders)]}/page-{n:05d}.md" for n in range(pages - 1)]
    for n, rel in enumerate(paths):
        target = paths[rng.randrange(len(paths))]
        link = os.path.relpath(target, os.path.dirname(rel))
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(baseline_page(rng, n, link), encoding="utf-8")
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(f"# Baseline\n\n{_words(rng, 40)}\n", encoding="utf-8")
    config = "site_name: Baseline\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
    (root / "mkdocs.yml").write_text(config + ("" if full_nav else "nav:\n  - Home: index.md\n"), encoding="utf-8")
