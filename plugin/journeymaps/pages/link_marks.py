"""HTML rendered once and placed on several pages: links written as marks, made relative on each page.

A row or a reference that several pages show (a map's row in the journey
lists, a map's name on the stage pages) is rendered once per build with
``link=marked``; each page then calls :func:`unmark` to write its own relative
links in place of the marks. The mark is drawn once per process, so that no
title can forge one.
"""

from __future__ import annotations

import html
import re
import secrets

from markupsafe import Markup, escape

from journeymaps.model import addresses

_MARK = f"jm-link-{secrets.token_hex(6)}:"
_MARKED = re.compile(rf'href="{_MARK}([^"]*)"')


def marked(address: str) -> str:
    """The mark of a link to ``address`` (a template's ``link``, when the HTML is rendered for several pages)."""
    return _MARK + address


def unmark(url: str, text: str) -> Markup:
    """``text`` with each marked link made relative to the page at ``url``."""

    def link(found: re.Match) -> str:
        return f'href="{escape(addresses.href(url, html.unescape(found.group(1))))}"'

    return Markup(_MARKED.sub(link, text))
