"""Actors and personas: which actor is a system, which persona an actor is, and the persona files an import writes.

An actor is a system (never a persona) when it is one of :data:`SYSTEM_NAMES`,
ends with one of :data:`SYSTEM_WORDS` (``Billing system``, ``DarkoobAPI``), or
is a channel of the vocabulary (``Website``). Personas are matched by id, slug
or name, ignoring case; a name "Maya, the weekend runner" also answers to
"Maya". Both lists are documented in docs/reference.md.
"""

from __future__ import annotations

import re

from journeymaps.cli.importers import Context
from journeymaps.cli.importers.vocabulary_edit import VocabularyPlan, compact, make_id
from journeymaps.cli.mdtext import code, escape
from journeymaps.cli.newfiles import NewFile
from journeymaps.model.types import ID_PATTERN, humanize
from journeymaps.source.writer import front_matter_file

SYSTEM_NAMES = frozenset((
    "system", "systems", "app", "application", "api", "backend", "back end", "server", "database", "db", "crm",
    "erp", "cms", "website", "web site", "site", "portal", "platform", "bot", "chatbot", "kiosk", "tablet",
    "service", "tool", "scheduler", "queue", "payment page", "payment gateway", "sms gateway", "email service"))
SYSTEM_WORDS = ("system", "app", "api", "bot", "service", "platform", "portal", "website", "tool", "page",
                "gateway", "server", "database", "engine")
_CAMEL = re.compile(r"[a-z0-9](API|App|Bot)$")


def is_system(actor: str, plan: VocabularyPlan) -> bool:
    """Whether an actor is a system or a tool rather than a person."""
    text = " ".join(actor.split()).casefold()
    if text in SYSTEM_NAMES or _CAMEL.search(actor.strip()):
        return True
    words = text.split()
    if words and words[-1] in SYSTEM_WORDS:
        return True
    return plan.match("channels", actor) is not None


class Personas:
    """The personas of the journeys folder, and the persona files this import adds."""

    def __init__(self, context: Context, create: bool) -> None:
        self.create = create
        self.names: dict[str, set[str]] = {}
        for pid in sorted(context.persona_ids):
            names = {compact(pid)}
            entry = context.corpus.personas.get(pid)
            if entry is not None and entry.persona is not None:
                names |= {compact(entry.persona.name), compact(entry.persona.name.split(",")[0])}
            self.names[pid] = names
        self.created: dict[str, tuple[str, str]] = {}  # id -> (name, what it was made for)

    @property
    def ids(self) -> list[str]:
        """Every persona id, the new ones included."""
        return sorted(self.names)

    def match(self, name: str) -> str | None:
        """The persona that ``name`` (an id, a name or an actor) stands for, or None."""
        key = compact(name)
        if not key:
            return None
        return next((pid for pid, names in self.names.items() if key in names), None)

    def is_id(self, ident: str) -> bool:
        """Whether ``ident`` can be a persona id."""
        return re.match(ID_PATTERN, ident) is not None

    def add(self, name: str, made_for: str, ident: str | None = None) -> str:
        """A new persona file for ``name`` (its id the slug of the name, or ``ident``); returns its id."""
        ident = ident or make_id(name, set(self.names), "persona")
        self.names[ident] = {compact(ident), compact(name)}
        self.created[ident] = (name, made_for)
        return ident

    def files(self) -> list[NewFile]:
        """The persona files to write."""
        return [NewFile(f"personas/{pid}.md", front_matter_file(
            {"name": name}, body=f"Created by `journeymaps import` for {made_for}. Describe the persona here.\n"))
            for pid, (name, made_for) in sorted(self.created.items())]

    def name_of(self, ident: str) -> str:
        """A persona's name as the output says it."""
        return self.created[ident][0] if ident in self.created else humanize(ident)


def made_for(what: str, name: str, source: str) -> str:
    """What a new persona file says it was made for, in Markdown: "the actor Tenant of `moving.mmd`"."""
    return f"{what} {escape(name)} of {code(source)}"
