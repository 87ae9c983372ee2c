"""Counts written as a reader expects them: "1 step", "2 steps", "1 opportunity is", "3 opportunities are"."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, or its plural (``many``, else ``word`` + "s") unless the count is 1.

    As a Jinja filter: ``{{ n | plural("hand-off") }}``, ``{{ n | plural("opportunity", "opportunities") }}``.
    Thousands are grouped as the pagers group them: "1,000 published maps".
    """
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def verb(count: int, one: str = "is", many: str = "are") -> str:
    """The form of a verb that agrees with ``count``: ``is``/``are`` by default."""
    return one if count == 1 else many
