"""Generate a large, valid journeys repository for measuring the commands and the build.

    python bench/generate.py /tmp/bench-1000 --journeys 1000 --seed 1 [--git]

writes ``/tmp/bench-1000/journeys/`` and ``mkdocs.yml`` and ``docs/index.md``, so that
the folder also builds as a site. The shape is the one of issue 8:

* N journeys in ten folders (one of them nested), each with 20 to 40 touchpoints over
  4 to 8 phases of 2 to 4 steps; 70% current maps, 10% each blueprints, days in the life
  and future maps (each with a current map as its baseline); every map published
  (draft, review or approved); half of them share a scenario with about four others;
* N/20 personas (at least one);
* a vocabulary of 8 stages, 12 channels, 5 devices and 10 departments;
* a narrative of about 1 KB per map, with a link to another map and to its persona.

With ``--git`` the folder is also a git repository: a first commit with every file, then
``--commits`` more (default N/5) by a dozen authors, each changing the emotion scores of
one to three maps, so that the pages have contributors and emotion trends to show.

The same arguments give the same files, byte for byte (and the same commit hashes).
"""

from __future__ import annotations

import argparse
import posixpath
import random
import re
import subprocess
from pathlib import Path

STAGES = ["awareness", "consideration", "purchase", "onboarding", "delivery", "usage", "retention", "advocacy"]
CHANNELS = ["social-media", "email", "live-chat", "phone", "store", "website", "mobile-app", "print", "post",
            "sms", "kiosk", "partner"]
DEVICES = ["mobile", "desktop", "tablet", "in-person", "paper"]
DEPARTMENTS = ["marketing", "ecommerce", "customer-service", "stores", "logistics", "product", "finance", "legal",
               "it", "partnerships"]
FOLDERS = ["retail", "retail/online", "service", "stores", "loyalty", "returns", "b2b", "catalogue", "app", "events"]
ARCHETYPES = ["runner", "walker", "parent", "collector", "commuter", "student", "retiree", "buyer"]
VERBS = ["Looks for", "Compares", "Asks about", "Orders", "Tracks", "Returns", "Reviews", "Recommends", "Pays for",
         "Tries on", "Collects", "Exchanges"]
THINGS = ["running shoes", "walking boots", "school shoes", "insoles", "socks", "a gift card", "trainers", "sandals",
          "slippers", "laces", "a shoe cleaner", "football boots"]
PLACES = ["product page", "app", "store", "hotline", "newsletter", "chat window", "order email", "parcel", "kiosk",
          "receipt", "loyalty card", "partner site"]
PAINS = ["Sizing differs between brands", "Delivery slot not kept", "Hold music for 20 minutes",
         "Returns label needs a printer", "Stock shown online is wrong in store", "Promo code rejected",
         "Has to repeat the order number", "No answer after two days", "Checkout asks for an account"]
FEELINGS = ["Curious", "Unsure", "Pleased", "Annoyed", "Relieved", "Impatient", "Confident", "Lost"]
WORDS = str.split("the customer wants to know whether the shoes fit before ordering and compares what friends say "
                  "with what the shop promises while the staff try to help with the questions that come up on the way")
AUTHORS = [(f"Author {name}", f"{name.lower()}@example.org") for name in (
    "Ana", "Ben", "Chris", "Dana", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lu")]
START = 1_767_225_600  # 1 January 2026, 00:00 UTC

VOCABULARY = f"""\
stages:
{chr(10).join(f"  - {s}" for s in STAGES)}
channels:
{chr(10).join(f"  - {c}" for c in CHANNELS)}
devices:
{chr(10).join(f"  - {d}" for d in DEVICES)}
departments:
{chr(10).join(f"  - {{id: {d}, name: {d.replace('-', ' ').title()}}}" for d in DEPARTMENTS)}
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


def sentence(rng: random.Random, words: int) -> str:
    """Some plain words, starting with a capital and ending with a full stop."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def persona(rng: random.Random, number: int) -> str:
    """One persona file."""
    channels = ", ".join(rng.sample(CHANNELS, 3))
    return (
        f"---\nname: Persona {number}, the {rng.choice(ARCHETYPES)}\n"
        f"segment: Segment {number % 5}\nsummary: {sentence(rng, 10)}\n"
        f"goals: [Shoes that fit, Quick delivery]\nfrustrations: [Queues, {rng.choice(PAINS)}]\n"
        f"channels: [{channels}]\n---\n{sentence(rng, 40)}\n"
    )


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` spread over ``parts`` numbers of at least 1 each."""
    counts = [1] * parts
    for _ in range(total - parts):
        counts[rng.randrange(parts)] += 1
    return counts


def journey(rng: random.Random, number: int, path: str, personas: int, kind: str, baseline: str | None,
            scenario: str | None, link: str) -> str:
    """One journey file with 20 to 40 touchpoints over 4 to 8 phases of 2 to 4 steps."""
    stages = sorted(rng.sample(STAGES, rng.randint(4, 8)), key=STAGES.index)
    steps = [rng.randint(2, 4) for _ in stages]
    touchpoints = iter(split(rng, rng.randint(max(20, sum(steps)), 40), sum(steps)))
    thing = rng.choice(THINGS)
    persona_id = f"p{rng.randrange(personas)}"
    lines = [
        "---",
        f'title: "Journey {number}: {rng.choice(VERBS).lower()} {thing}"',
        f"persona: {persona_id}",
        f"type: {kind}",
        f"status: {rng.choice(['draft', 'review', 'approved', 'approved'])}",
        f"owner: {rng.choice(DEPARTMENTS)}",
        f"reviewed: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"goal: {sentence(rng, 8)}",
        f"tags: [{thing.replace(' ', '-')}, generated]",
    ]
    if scenario:
        lines.append(f"scenario: {scenario}")
    if baseline:
        lines.append(f"baseline: {baseline}")
    lines.append("phases:")
    for stage, count in zip(stages, steps, strict=True):
        lines += [f"  - stage: {stage}", "    steps:"]
        for _ in range(count):
            lines += [f"      - action: {rng.choice(VERBS)} {thing} ({stage})",
                      f"        feeling: {rng.choice(FEELINGS)}"]
            if rng.random() < 0.5:
                lines.append(f"        thinking: {sentence(rng, 7)}")
            if rng.random() < 0.9:
                lines.append(f"        emotion: {rng.randint(-2, 2)}")
            if rng.random() < 0.05:
                lines.append("        moment_of_truth: true")
            lines.append("        touchpoints:")
            for t in range(next(touchpoints)):
                lines += [f"          - name: {rng.choice(PLACES).capitalize()} {t + 1} for {rng.choice(THINGS)}",
                          f"            channel: {rng.choice(CHANNELS)}",
                          f"            device: {rng.choice(DEVICES)}",
                          f"            department: {rng.choice(DEPARTMENTS)}"]
            if rng.random() < 0.4:
                lines += ["        pain_points:", f"          - {rng.choice(PAINS)}"]
            if rng.random() < 0.2:
                lines += ["        opportunities:", f'          - title: "Fix: {rng.choice(PAINS).lower()}"',
                          f"            impact: {rng.choice(['low', 'medium', 'high'])}",
                          f"            effort: {rng.choice(['low', 'medium', 'high'])}",
                          f"            owner: {rng.choice(DEPARTMENTS)}"]
            if rng.random() < 0.15:
                lines += ["        evidence:", "          - kind: quote", f'            text: "{sentence(rng, 9)}"',
                          f"            source: Interview {rng.randint(1, 40)}"]
            if rng.random() < 0.1:
                value = rng.randint(1, 90)
                lines += ["        metrics:", f"          - {{name: Conversion, value: {value}, unit: '%'}}"]
            if kind == "blueprint":
                lines += ["        backstage:", f"          - {sentence(rng, 6)}"]
    here = posixpath.dirname(path)
    lines += [
        "---",
        f"{sentence(rng, 30)} It is lived by [the persona]({posixpath.relpath(f'personas/{persona_id}.md', here)}).",
        "",
    ]
    for stage in stages[:2]:
        lines += [f"## {stage.capitalize()}", "", sentence(rng, 40), "", sentence(rng, 30), ""]
    lines += ["## Notes", "", f"See also [a related map]({posixpath.relpath(link, here)}). {sentence(rng, 20)}", ""]
    return "\n".join(lines)


def files(journeys: int, personas: int, seed: int) -> dict[str, str]:
    """Every file of the repository, by its path."""
    rng = random.Random(seed)
    out = {"mkdocs.yml": SITE, "docs/index.md": "# Benchmark\n", "journeys/vocabulary.yml": VOCABULARY}
    for p in range(personas):
        out[f"journeys/personas/p{p}.md"] = persona(rng, p)
    paths = [f"{FOLDERS[n % len(FOLDERS)]}/journey-{n:05d}.md" for n in range(journeys)]
    currents: list[str] = []
    scenarios = max(1, journeys // 10)
    for n, path in enumerate(paths):
        roll = rng.random()
        kind = "current" if roll < 0.7 or not currents else "blueprint" if roll < 0.8 else \
            "day-in-the-life" if roll < 0.9 else "future"
        baseline = rng.choice(currents) if kind == "future" else None
        scenario = f"scenario-{rng.randrange(scenarios)}" if rng.random() < 0.5 else None
        link = paths[rng.randrange(journeys)]
        out[f"journeys/{path}"] = journey(rng, n, path, personas, kind, baseline, scenario, link)
        if kind == "current":
            currents.append(path[:-3])
    return out


def generate(out: Path, journeys: int, personas: int | None = None, seed: int = 1) -> None:
    """Write the repository below ``out`` (``personas`` defaults to N/20)."""
    for rel, text in files(journeys, personas or max(1, journeys // 20), seed).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _data(text: str) -> bytes:
    raw = text.encode()
    return b"data %d\n%s\n" % (len(raw), raw)


_EMOTION = re.compile(r"(emotion: )(-?\d)")


def git_repository(out: Path, journeys: int, personas: int | None = None, seed: int = 1,
                   commits: int | None = None) -> None:
    """The same files as :func:`generate`, committed, then changed by ``commits`` more commits."""
    content = files(journeys, personas or max(1, journeys // 20), seed)
    rng = random.Random(seed + 1)
    maps = sorted(p for p in content if p.startswith("journeys/") and "/personas/" not in p and p.endswith(".md"))
    stream = bytearray()
    when = START

    def commit(mark: int, message: str, changed: dict[str, str]) -> None:
        nonlocal when
        when += rng.randint(600, 36_000)
        name, email = rng.choice(AUTHORS) if mark > 1 else AUTHORS[0]
        stream.extend(b"commit refs/heads/main\nmark :%d\n" % mark)
        for role in (b"author", b"committer"):
            stream.extend(b"%s %s <%s> %d +0000\n" % (role, name.encode(), email.encode(), when))
        stream.extend(_data(message))
        if mark > 1:
            stream.extend(b"from :%d\n" % (mark - 1))
        for path, text in changed.items():
            stream.extend(f"M 100644 inline {path}\n".encode() + _data(text))

    # the history ends with the files as generate() writes them: older revisions have other scores
    history = max(0, journeys // 5 if commits is None else commits)
    current = dict(content)
    older: list[dict[str, str]] = []
    for _ in range(history):
        changed = {}
        for path in rng.sample(maps, min(len(maps), rng.randint(1, 3))):
            changed[path] = current[path]
            current[path] = _EMOTION.sub(lambda m: m.group(1) + str(rng.randint(-2, 2)), current[path])
        older.append(changed)
    commit(1, "Import the maps", current)
    for mark, changed in enumerate(reversed(older), start=2):
        commit(mark, f"Update {len(changed)} map(s) after research round {mark}", changed)
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=out, check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=out, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=out, check=True)
    (out / ".git" / "info" / "exclude").write_text("site/\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write (its journeys/ is created)")
    parser.add_argument("--journeys", type=int, default=1000)
    parser.add_argument("--personas", type=int, default=None, help="default: journeys / 20")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--git", action="store_true", help="make the folder a git repository with a history")
    parser.add_argument("--commits", type=int, default=None, help="with --git: commits after the first "
                                                                   "(default: journeys / 5)")
    args = parser.parse_args()
    if args.git:
        git_repository(args.out, args.journeys, args.personas, args.seed, args.commits)
    else:
        generate(args.out, args.journeys, args.personas, args.seed)
    print(f"wrote {args.journeys} journeys below {args.out / 'journeys'}{' (a git repository)' if args.git else ''}")


if __name__ == "__main__":
    main()
