"""Generate a large, valid journeys repository for measuring the commands and the build.

    python bench/generate.py /tmp/bench-1000 --journeys 1000 --seed 1

writes ``/tmp/bench-1000/journeys/`` (vocabulary, personas, journeys in folders),
plus ``mkdocs.yml`` and ``docs/index.md`` so that the folder also builds as a site.
The same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

STAGES = ["awareness", "consideration", "purchase", "delivery", "retention", "advocacy"]
CHANNELS = ["social-media", "email", "live-chat", "phone", "store", "website", "mobile-app", "print", "post"]
DEVICES = ["mobile", "desktop", "tablet", "in-person", "paper"]
DEPARTMENTS = ["marketing", "ecommerce", "customer-service", "stores", "logistics", "product"]
FOLDERS = ["retail", "service", "online", "stores", "loyalty", "returns", "b2b", "catalogue"]
TYPES = ["current", "current", "current", "blueprint", "day-in-the-life"]
STATUSES = ["draft", "review", "approved", "approved", "archived"]
VERBS = ["Looks for", "Compares", "Asks about", "Orders", "Tracks", "Returns", "Reviews", "Recommends", "Pays for"]
THINGS = ["running shoes", "walking boots", "school shoes", "insoles", "socks", "a gift card", "trainers", "sandals"]
PAINS = ["Sizing differs between brands", "Delivery slot not kept", "Hold music for 20 minutes",
         "Returns label needs a printer", "Stock shown online is wrong in store", "Promo code rejected"]

VOCABULARY = f"""\
stages:
{chr(10).join(f"  - {s}" for s in STAGES)}
channels:
{chr(10).join(f"  - {c}" for c in CHANNELS)}
devices:
{chr(10).join(f"  - {d}" for d in DEVICES)}
departments:
{chr(10).join(f"  - {d}" for d in DEPARTMENTS)}
"""

SITE = """\
site_name: Benchmark journeys
theme:
  name: material
  font: false
plugins:
  - search
  - journeys
"""


def persona(rng: random.Random, number: int) -> str:
    """One persona file."""
    channels = ", ".join(rng.sample(CHANNELS, 3))
    return (
        f"---\nname: Persona {number}, the {rng.choice(['runner', 'walker', 'parent', 'collector'])}\n"
        f"segment: Segment {number % 5}\nsummary: A generated persona.\n"
        f"goals: [Shoes that fit, Quick delivery]\nfrustrations: [Queues]\nchannels: [{channels}]\n---\n"
        f"Generated persona {number}.\n"
    )


def journey(rng: random.Random, number: int, personas: int) -> str:
    """One journey file with 3 to 6 phases of 1 to 4 steps."""
    stages = sorted(rng.sample(STAGES, rng.randint(3, 6)), key=STAGES.index)
    thing = rng.choice(THINGS)
    lines = [
        "---",
        f'title: "Journey {number}: {rng.choice(VERBS).lower()} {thing}"',
        f"persona: p{rng.randrange(personas)}",
        f"type: {rng.choice(TYPES)}",
        f"status: {rng.choice(STATUSES)}",
        f"owner: {rng.choice(DEPARTMENTS)}",
        f"reviewed: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"scenario: scenario-{number % 40}",
        f"tags: [{thing.replace(' ', '-')}, generated]",
        "phases:",
    ]
    for stage in stages:
        lines += [f"  - stage: {stage}", "    steps:"]
        for _ in range(rng.randint(1, 4)):
            lines += [
                f"      - action: {rng.choice(VERBS)} {thing} ({stage})",
                f"        feeling: {rng.choice(['Curious', 'Unsure', 'Pleased', 'Annoyed'])}",
                f"        emotion: {rng.randint(-2, 2)}",
                "        touchpoints:",
            ]
            for t in range(rng.randint(1, 3)):
                lines += [
                    f"          - name: Touchpoint {t + 1} {rng.choice(THINGS)}",
                    f"            channel: {rng.choice(CHANNELS)}",
                    f"            device: {rng.choice(DEVICES)}",
                    f"            department: {rng.choice(DEPARTMENTS)}",
                ]
            if rng.random() < 0.5:
                lines += ["        pain_points:", f"          - {rng.choice(PAINS)}"]
            if rng.random() < 0.3:
                lines += ["        opportunities:", f'          - title: "Fix: {rng.choice(PAINS).lower()}"',
                          f"            impact: {rng.choice(['low', 'medium', 'high'])}",
                          f"            owner: {rng.choice(DEPARTMENTS)}"]
    lines += ["---", f"## {stages[0].capitalize()}", "", f"Narrative of generated journey {number}.", ""]
    return "\n".join(lines)


def generate(out: Path, journeys: int, personas: int, seed: int) -> None:
    """Write the repository below ``out``."""
    rng = random.Random(seed)
    root = out / "journeys"
    (root / "personas").mkdir(parents=True, exist_ok=True)
    (root / "vocabulary.yml").write_text(VOCABULARY, encoding="utf-8")
    for p in range(personas):
        (root / "personas" / f"p{p}.md").write_text(persona(rng, p), encoding="utf-8")
    for n in range(journeys):
        folder = root / FOLDERS[n % len(FOLDERS)]
        folder.mkdir(exist_ok=True)
        (folder / f"journey-{n:05d}.md").write_text(journey(rng, n, personas), encoding="utf-8")
    (out / "docs").mkdir(exist_ok=True)
    (out / "docs" / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(SITE, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (its journeys/ is created)")
    parser.add_argument("--journeys", type=int, default=1000)
    parser.add_argument("--personas", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.journeys, args.personas, args.seed)
    print(f"wrote {args.journeys} journeys and {args.personas} personas below {args.out / 'journeys'}")


if __name__ == "__main__":
    main()
