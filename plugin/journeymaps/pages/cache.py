"""What ``mkdocs serve`` keeps from one build to the next: the pages whose inputs did not change (no MkDocs here).

A page is kept under a key, a digest of everything it is made from: the model
objects and the other values its page maker reads (see ``JourneyPages.key`` and
``PersonaPages.key``), and the build's *base*: the vocabulary, every template
file (packaged and overriding), the published statuses, the review policy with
its date, where the journeys folder is and whether git history is on. The key
is worked out from the data, never from file times: a page whose data is the
same is the same page.

:class:`Fingerprint` digests values the way the templates see them: a model
object (pydantic) by its fields, an entry by its id, paths, body and model,
dataclasses field by field, containers item by item. A value of any other type
is refused (``TypeError``) rather than guessed at, so that a key cannot miss an
input by accident.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TypeVar

import jinja2
from pydantic import BaseModel

from journeymaps.git.history import GitHistory
from journeymaps.model.corpus import Entry
from journeymaps.pages.context import RenderContext
from journeymaps.pages.generated import GeneratedPage

_PLAIN = (str, int, float, bool, bytes, type(None))
T = TypeVar("T")


class TemplateCode(jinja2.BytecodeCache):
    """The code Jinja compiled each template to, for the next build; a template whose source changed is compiled
    again (Jinja checks the source's checksum). One per kind of environment: their options are the same each build.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give Jinja the code of an earlier build."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the code Jinja compiled."""
        self._code[bucket.key] = bucket.bytecode_to_string()


class Fingerprint:
    """Digests of the values pages are made from; a model object's is worked out once while the object lives."""

    def __init__(self) -> None:
        # The parsed files are kept from one build to the next (the read cache), and so are their model objects:
        # the digest of an unchanged file's model is not worked out again. Each object is held with its digest,
        # so that its id cannot be given to another object while the digest is kept.
        self._models: dict[int, tuple[object, bytes]] = {}
        self._used: dict[int, tuple[object, bytes]] = {}
        self._entries: dict[int, tuple[object, bytes]] = {}

    def begin(self) -> None:
        """A new build: keep the digests of the model objects the last build used, forget the rest."""
        self._models, self._used = self._used or self._models, {}
        self._entries = {}

    def of(self, *parts: object) -> bytes:
        """The digest of ``parts``."""
        h = hashlib.blake2b(digest_size=20)
        self._feed(h, parts)
        return h.digest()

    def _feed(self, h, value: object) -> None:
        kind = type(value)
        if isinstance(value, (*_PLAIN, dt.date, dt.time, enum.Enum, PurePath)):
            # the type is part of it: Markup and str print differently
            text = repr(value) if kind is not str else value
            data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
            h.update(f"{kind.__module__}.{kind.__qualname__}:{len(data)}:".encode())
            h.update(data)
        elif isinstance(value, Entry):
            h.update(self._entry(value))
        elif isinstance(value, BaseModel):
            h.update(self._model(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            h.update(f"({kind.__module__}.{kind.__qualname__}".encode())
            for f in dataclasses.fields(value):
                h.update(f.name.encode() + b"=")
                self._feed(h, getattr(value, f.name))
            h.update(b")")
        elif isinstance(value, (list, tuple)):
            h.update(f"[{kind.__name__}:{len(value)}".encode())
            for item in value:
                self._feed(h, item)
            h.update(b"]")
        elif isinstance(value, dict):
            h.update(f"{{{len(value)}".encode())
            for k, v in value.items():  # in order: the pages list them in this order
                self._feed(h, k)
                self._feed(h, v)
            h.update(b"}")
        elif isinstance(value, (set, frozenset)):
            h.update(f"<set:{len(value)}".encode())
            for digest in sorted(self.of(item) for item in value):
                h.update(digest)
            h.update(b">")
        else:
            raise TypeError(f"no fingerprint for a {kind.__qualname__}: a page key must name what it depends on")

    def _model(self, model: BaseModel) -> bytes:
        known = self._used.get(id(model)) or self._models.get(id(model))
        if known is None or known[0] is not model:
            kind = type(model)
            data = f"{kind.__module__}.{kind.__qualname__}:".encode() + model.model_dump_json().encode()
            known = (model, hashlib.blake2b(data, digest_size=20).digest())
        self._used[id(model)] = known
        return known[1]

    def _entry(self, entry: Entry) -> bytes:
        # What a template can read of an entry (docs/reference.md, "template contract"), and what page makers use.
        known = self._entries.get(id(entry))
        if known is None or known[0] is not entry:
            model = getattr(entry, "journey", None) or getattr(entry, "persona", None)
            known = (entry, self.of(type(entry).__qualname__, entry.id, entry.rel, entry.path, entry.display,
                                    entry.body, entry.body_line, model))
            self._entries[id(entry)] = known
        return known[1]


def template_files(folders: Iterable[str | Path]) -> list[tuple[str, str, bytes]]:
    """(folder, path, content) of every file below the template folders (packaged and overriding), in order."""
    found = []
    for folder in map(Path, folders):
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                found.append((str(folder), path.relative_to(folder).as_posix(), path.read_bytes()))
    return found


def history_inputs(history: GitHistory | None, entry: Entry) -> tuple:
    """What git says about an entry's file on its page: on or off, why not, its commits, where the repository is."""
    if history is None:
        return (None,)
    file = history.of(entry.path) if history.available else None
    # frozen dataclasses of text, dates and numbers: their repr says all of them, and is quicker to make
    return (history.reason, history.toplevel, repr(file))


class PageCache:
    """Pages kept from the last build by key; a page not asked for by a build is forgotten."""

    def __init__(self) -> None:
        self.fingerprint = Fingerprint()
        self.base = b""  # the digest of what every page of this build depends on
        self._pages: dict[bytes, object] = {}
        self._kept: dict[bytes, object] = {}
        self.code = TemplateCode()  # the templates' compiled code, by their source
        self.made = self.reused = 0

    def begin(self, ctx: RenderContext) -> None:
        """A new build, made from ``ctx``."""
        self.fingerprint.begin()
        self.made = self.reused = 0
        loader = ctx.env.loader
        folders = getattr(loader, "searchpath", None)
        if folders is None:  # a loader we do not know: nothing can be said to be unchanged
            raise TypeError("the templates' loader has no search path")
        self.base = self.fingerprint.of(
            "journeymaps-page-base", ctx.vocabulary, template_files(folders), ctx.statuses, ctx.reviews,
            ctx.corpus.root, ctx.history is None,
        )

    def key(self, *parts: object) -> bytes:
        """The key of a page made from ``parts`` in this build."""
        return self.fingerprint.of(self.base, parts)

    def get(self, key: bytes, make: Callable[[], T]) -> T:
        """What is kept under ``key`` (a page, or the parts of one), or what ``make`` makes (and keeps)."""
        found = self._pages.get(key)
        if found is None:
            found = make()
            self.made += 1
        else:
            self.reused += 1
        if isinstance(found, GeneratedPage):
            found.kept = True
        self._kept[key] = found
        return found

    def end(self) -> None:
        """The build has asked for all its pages: forget the others."""
        for key, page in self._pages.items():
            if key not in self._kept and isinstance(page, GeneratedPage):
                page.kept = False
        self._pages, self._kept = self._kept, {}
