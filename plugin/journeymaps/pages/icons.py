"""Small line icons as inline SVG, shipped in the package: no icon font, no request to another host.

Every icon is drawn on a 24 x 24 grid with ``currentColor`` strokes, so it takes
the colour of the text beside it and prints in black and white. A page holds
each drawing once, in a sprite of ``<symbol>`` elements, and each icon refers
to it with ``<use>``. An icon never
carries meaning alone: the channel's name, or the words "Pain point" and
"Opportunity" for screen readers, are always written next to it, and the icons
are hidden from assistive technology.
"""

from __future__ import annotations

import re

from markupsafe import Markup

#: The drawings (SVG path data), by the name of the icon.
SHAPES: dict[str, str] = {
    "email": "M3 5h18v14H3z M3 6l9 7 9-7",
    "phone": "M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z",
    "website": "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18",
    "app": "M7 2h10a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z M11 18h2",
    "store": "M3 9l2-5h14l2 5 M4 9v11h16V9 M3 9h18 M10 20v-6h4v6",
    "social": "M6 9.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z M18 3.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z "
              "M18 15.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z M8.2 10.9l7.6-3.8 M8.2 13.1l7.6 3.8",
    "chat": "M4 4h16v12H10l-6 4z M8 10h.01 M12 10h.01 M16 10h.01",
    "sms": "M7 2h10a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z M9 7h6v4h-4l-2 2z",
    "post": "M3 7l9-4 9 4v10l-9 4-9-4z M3 7l9 4 9-4 M12 11v10",
    "print": "M6 3h9l4 4v14H6z M15 3v4h4 M9 12h7 M9 16h7",
    "kiosk": "M6 3h12v11H6z M12 14v4 M8 21h8 M9 18h6",
    "partner": "M8 5a3 3 0 1 0 0 6a3 3 0 1 0 0-6z M16 5a3 3 0 1 0 0 6a3 3 0 1 0 0-6z M2 20a6 6 0 0 1 12 0 "
               "M10 20a6 6 0 0 1 12 0",
    "search": "M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M15.5 15.5L21 21",
    "marketplace": "M2 3h3l2.5 12h11L21 7H6 M9 19.5a1.5 1.5 0 1 0 0 .1z M17 19.5a1.5 1.5 0 1 0 0 .1z",
    "video": "M3 6h12v12H3z M15 10l6-3v10l-6-3",
    "touchpoint": "M12 4a8 8 0 1 0 0 16a8 8 0 1 0 0-16z M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4z",
    # marks of the map
    "pain": "M12 3L2 20h20z M12 9v5 M12 17h.01",
    "opportunity": "M9 18h6 M10 21h4 "
                   "M12 3a6 6 0 0 0-3.5 10.9c.5.4.5 1 .5 1.6V16h5v-.5c0-.6 0-1.2.5-1.6A6 6 0 0 0 12 3z",
    "print-page": "M6 9V3h12v6 M6 18H4v-7a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v7h-2 M7 14h10v7H7z",
}

#: Channel ids (and the words of ids) and the icon each gets; an id matches whole, else by one of its words.
CHANNELS: dict[str, str] = {
    **dict.fromkeys(("email", "e-mail", "newsletter", "inbox"), "email"),
    **dict.fromkeys(("phone", "telephone", "phone-line", "call", "calls", "call-centre", "call-center",
                     "contact-centre", "contact-center", "hotline", "ivr", "voice"), "phone"),
    **dict.fromkeys(("website", "web", "site", "online", "web-site", "portal", "webshop"), "website"),
    **dict.fromkeys(("mobile-app", "app", "apps", "mobile", "ios", "android"), "app"),
    **dict.fromkeys(("store", "stores", "shop", "shops", "branch", "branches", "in-store", "showroom", "retail",
                     "counter"), "store"),
    **dict.fromkeys(("social-media", "social", "instagram", "facebook", "twitter", "tiktok", "linkedin",
                     "youtube", "strava", "community", "forum"), "social"),
    **dict.fromkeys(("live-chat", "chat", "chatbot", "bot", "messenger", "whatsapp", "messaging"), "chat"),
    **dict.fromkeys(("sms", "text", "texts", "text-message", "mms", "push", "notification", "notifications"), "sms"),
    **dict.fromkeys(("post", "mail", "courier", "delivery", "parcel", "parcels", "letter", "letters", "logistics"),
                    "post"),
    **dict.fromkeys(("print", "catalogue", "catalog", "leaflet", "leaflets", "brochure", "flyer", "newspaper",
                     "magazine", "paper", "direct-mail", "packaging"), "print"),
    **dict.fromkeys(("kiosk", "kiosks", "self-service", "terminal", "atm", "screen"), "kiosk"),
    **dict.fromkeys(("partner", "partners", "third-party", "reseller", "resellers", "agent", "agents", "dealer",
                     "broker", "affiliate"), "partner"),
    **dict.fromkeys(("search", "search-engine", "search-engines", "seo", "sem", "google"), "search"),
    **dict.fromkeys(("marketplace", "marketplaces", "amazon", "ebay", "etsy"), "marketplace"),
    **dict.fromkeys(("video", "video-call", "tv", "television", "webinar"), "video"),
}
_WORDS = re.compile(r"[-_.\s]+")


def channel_kind(channel: str) -> str:
    """The icon of a channel id: by the whole id, else by its first word that names one, else a plain touchpoint."""
    ident = channel.strip().lower()
    if ident in CHANNELS:
        return CHANNELS[ident]
    for word in _WORDS.split(ident):
        if word in CHANNELS:
            return CHANNELS[word]
    return "touchpoint"


def icon(name: str) -> Markup:
    """The icon ``name`` (a key of :data:`SHAPES`), drawn from the page's sprite, hidden from assistive technology."""
    return _USES[name]


def symbol(name: str) -> str:
    """The drawing of icon ``name`` as a ``<symbol>`` of the page's sprite."""
    return f'<symbol id="jm-i-{name}" viewBox="0 0 24 24"><path d="{SHAPES[name]}"/></symbol>'


_USES = {name: Markup(f'<svg class="jm-icon jm-icon-{name}" width="16" height="16" aria-hidden="true" '
                      f'focusable="false"><use href="#jm-i-{name}"/></svg>') for name in SHAPES}


class Icons:
    """The icons of one page: ``icons.channel(id)`` and ``icons.mark(name)`` draw one, ``icons.sprite()`` holds the
    drawings of those drawn so far, once each (a page may show a channel's icon fifty times)."""

    def __init__(self) -> None:
        self.used: dict[str, None] = {}

    def mark(self, name: str) -> Markup:
        """One of the icons of :data:`SHAPES` by its name."""
        self.used[name] = None
        return icon(name)

    def channel(self, channel: str) -> Markup:
        """The icon of a channel id (a generic touchpoint icon for a channel without one of its own)."""
        return self.mark(channel_kind(channel))

    def sprite(self) -> Markup:
        """The drawings of the icons used on the page so far; put it after them, in the same page."""
        if not self.used:
            return Markup("")
        return Markup('<svg class="jm-sprite" width="0" height="0" aria-hidden="true" focusable="false">'
                      + "".join(symbol(name) for name in self.used) + "</svg>")
