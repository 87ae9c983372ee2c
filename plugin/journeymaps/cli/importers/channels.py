"""A channel for a touchpoint that names none, guessed from its words ("Offer letter by email" -> email).

First a word or phrase that is a channel's id or name in the vocabulary wins
("Live chat", "website"). Otherwise the keyword table below is used: each kind
of channel has the words that point to it and the ids a vocabulary may give
it. When several kinds match, the one named last in the text wins (the head
of "Booking page in the app" is the app); a tie the vocabulary cannot settle
is no guess. The table is documented in docs/reference.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeymaps.cli.importers.vocabulary_edit import VocabularyPlan, compact


@dataclass(frozen=True)
class Kind:
    """A kind of channel: the id and name it gets when added, the ids it may have, the words that point to it."""

    id: str
    name: str
    ids: tuple[str, ...]
    words: tuple[str, ...]


KINDS = (
    Kind("email", "Email", ("email", "e-mail", "mail"), ("email", "e-mail", "newsletter", "inbox", "mail")),
    Kind("phone", "Phone", ("phone", "telephone", "call-centre", "call-center"),
         ("phone", "call", "callback", "hotline", "helpline", "telephone", "phone line")),
    Kind("live-chat", "Live chat", ("live-chat", "chat", "webchat"),
         ("chat", "chatbot", "messenger", "whatsapp", "live chat", "webchat")),
    Kind("website", "Website", ("website", "web", "online"),
         ("website", "web", "site", "online", "page", "portal", "form", "calculator", "web page")),
    Kind("mobile-app", "Mobile app", ("mobile-app", "app", "apps"),
         ("app", "application", "in-app", "notification", "push")),
    Kind("store", "Store", ("store", "stores", "shop", "branch", "in-store"),
         ("store", "shop", "branch", "counter", "desk", "in-store", "kiosk", "clinic", "office")),
    Kind("social-media", "Social media", ("social-media", "social"),
         ("instagram", "facebook", "tiktok", "linkedin", "twitter", "youtube", "social", "social media")),
    Kind("print", "Print", ("print", "printed"), ("leaflet", "flyer", "brochure", "catalogue", "poster", "billboard")),
    Kind("post", "Post", ("post", "mail-post", "postal"), ("letter", "parcel", "courier", "delivery", "post")),
    Kind("search", "Search", ("search", "search-engines"), ("google", "search", "ads")),
    Kind("marketplace", "Marketplace", ("marketplace", "marketplaces"), ("amazon", "ebay", "marketplace")),
    Kind("sms", "Text message", ("sms", "text", "text-message"), ("sms", "text", "text message")),
)


@dataclass(frozen=True)
class Guess:
    """A guessed channel: its id in the plan (None when the vocabulary has no such channel), what it was
    guessed from, and the kind to add when the vocabulary may be extended."""

    channel: str | None
    word: str
    kind: Kind | None = None


def _positions(text: str, phrase: str) -> list[int]:
    """Where ``phrase`` ends in ``text`` as whole words (case ignored)."""
    pattern = r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"[\s-]+") + r"(?![\w-])"
    return [m.end() for m in re.finditer(pattern, text, re.IGNORECASE)]


def kind_channel(kind: Kind, plan: VocabularyPlan) -> str | None:
    """The vocabulary's channel of this kind, if it has one."""
    for cid, name in plan.terms("channels"):
        if cid in kind.ids or compact(name) in {compact(i) for i in kind.ids}:
            return cid
    return None


def guess(text: str, plan: VocabularyPlan) -> Guess | None:
    """The channel a touchpoint's text points to, or None when nothing (or a tie) does."""
    named = []
    for cid, name in plan.terms("channels"):
        for phrase in {cid.replace("-", " "), name}:
            named += [(end, cid, phrase) for end in _positions(text, phrase)]
    if named:
        _, cid, phrase = max(named)
        return Guess(cid, phrase)
    found: list[tuple[int, Kind, str]] = []
    for kind in KINDS:
        found += [(end, kind, word) for word in kind.words for end in _positions(text, word)]
    if not found:
        return None
    last = max(end for end, _, _ in found)
    kinds = {kind.id: (kind, word) for end, kind, word in found if end == last}
    if len(kinds) > 1:  # one word of two kinds ('letter'): the kind the vocabulary has
        have = {kid: kw for kid, kw in kinds.items() if kind_channel(kw[0], plan)}
        if len(have) != 1:
            return None
        kinds = have
    kind, word = next(iter(kinds.values()))
    return Guess(kind_channel(kind, plan), word, kind)
