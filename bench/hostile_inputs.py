"""Time and memory of hostile and huge inputs (numbers for people; the tests assert no timing).

    .venv/bin/python bench/hostile_inputs.py

Each measurement runs in a fresh Python process. Peak memory is the process's
own resident high-water mark (VmHWM), Python and its imports included.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from test_hostile import (  # noqa: E402
    BILLION_LAUGHS,
    CASES,
    MEASURE,
    healthy_site,
    many_touchpoints,
    ten_mb_body,
    ten_mb_front_matter,
)

BIN = Path(sys.executable).parent

# Peak memory of a child `mkdocs build`: a wrapper that runs MkDocs' own entry point in-process, then reads VmHWM.
BUILD = """
import re, runpy, sys, time
from pathlib import Path
start = time.perf_counter()
sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[1]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exit:
    code = exit.code
seconds = time.perf_counter() - start
peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)) / 1024
print(f"{seconds:.2f} {peak:.0f} {code}", file=sys.stderr)
"""


def load(journeys: Path) -> dict:
    done = subprocess.run([str(BIN / "python"), "-c", MEASURE, str(journeys)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def build(root: Path) -> tuple[float, float]:
    done = subprocess.run([str(BIN / "python"), "-c", BUILD, str(root / "site")], cwd=root, capture_output=True,
                          text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"})
    seconds, peak, _ = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(peak)


def validate(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "journeymaps"), "validate"], cwd=root, capture_output=True)
    return time.perf_counter() - start


def row(what: str, *cells: str) -> None:
    print(f"| {what} | " + " | ".join(cells) + " |")


def main() -> None:
    print("| input | load or validate | build | peak memory |")
    print("| --- | --- | --- | --- |")
    for name in ("billion-laughs", "merge-key-bomb", "long-text-repeated-by-aliases", "deep-nesting"):
        with tempfile.TemporaryDirectory() as tmp:
            root = healthy_site(Path(tmp))
            next(c for c in CASES if c.name == name).make(root / "journeys")
            m = load(root / "journeys")
            row(f"{name} in front matter", f"{m['seconds']:.3f} s (refused)", "-",
                f"{m['max_rss_mb']:.0f} MB (imports alone {m['imports_mb']:.0f} MB)")
    with tempfile.TemporaryDirectory() as tmp:
        root = healthy_site(Path(tmp))
        (root / "journeys/vocabulary.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
        m = load(root / "journeys")
        row("billion laughs as vocabulary.yml", f"{m['seconds']:.3f} s (refused)", "-", f"{m['max_rss_mb']:.0f} MB")
    for name, files in [
        ("10 MB narrative (valid, published)", {"journeys/huge/body.md": ten_mb_body()}),
        ("10 MB front matter (typo on the last line)", {"journeys/huge/fm.md": ten_mb_front_matter()[0]}),
        ("5,000 touchpoints (valid, published)", {"journeys/huge/tp.md": many_touchpoints()}),
    ]:
        with tempfile.TemporaryDirectory() as tmp:
            root = healthy_site(Path(tmp))
            for rel, text in files.items():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(text, encoding="utf-8")
            checked = validate(root)
            seconds, peak = build(root)
            row(name, f"{checked:.2f} s", f"{seconds:.2f} s", f"{peak:.0f} MB (build)")
    with tempfile.TemporaryDirectory() as tmp:
        root = healthy_site(Path(tmp))
        seconds, peak = build(root)
        row("the healthy site alone, for comparison", "-", f"{seconds:.2f} s", f"{peak:.0f} MB (build)")


if __name__ == "__main__":
    main()
