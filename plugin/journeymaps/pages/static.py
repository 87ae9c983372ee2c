"""The files our pages need beside them, whatever publishes them: the stylesheet, the script and theme partials."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent

#: Where the stylesheet and the script are published (site-relative), and the files they are copied from.
CSS = "assets/journeymaps/journeymaps.css"
JS = "assets/journeymaps/journeymaps.js"
FILES = {CSS: _HERE / "static" / "journeymaps.css", JS: _HERE / "static" / "journeymaps.js"}

#: Partials that replace Material's when the site is offline (a repository link that asks its host for nothing);
#: they go after the site's own overrides and before the theme's.
THEME = _HERE / "theme"
