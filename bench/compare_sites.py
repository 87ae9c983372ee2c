"""Compare two built sites file by file: the check that a refactor changed no output.

    python bench/compare_sites.py BEFORE_SITE AFTER_SITE

Prints every file that is only in one of them or differs (with the first differing
line), and a summary; exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    for number, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), start=1):
        if x != y:
            return f"line {number}: {x[:120]!r} -> {y[:120]!r}"
    return "one file is longer than the other"


def compare(before: Path, after: Path) -> list[str]:
    """One line per file that is missing on one side or differs."""
    old, new = _files(before), _files(after)
    found = [f"only before: {name}" for name in sorted(old - new)]
    found += [f"only after: {name}" for name in sorted(new - old)]
    for name in sorted(old & new):
        a, b = (before / name).read_bytes(), (after / name).read_bytes()
        if a != b:
            found.append(f"differs: {name}: {_first_difference(a, b)}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    found = compare(args.before, args.after)
    print("\n".join(found))
    total = len(_files(args.after))
    print(f"{total} files after; {len(found)} difference(s)" if found else f"{total} files, byte-identical")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
