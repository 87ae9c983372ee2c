""""Edit this page" for generated pages: the journey's own source file, not the generated path.

MkDocs makes a page's edit link from ``repo_url`` + ``edit_uri`` (or ``edit_uri_template``)
+ the page's path relative to the docs folder; ``edit_uri`` therefore names the docs
folder in the repository (``edit/main/docs/`` by default). A journey file lives beside
that folder, so its path relative to the docs folder is ``../journeys/retail/buy.md``,
and the edit link becomes ``.../edit/main/journeys/retail/buy.md`` wherever the site
sits in the repository, without asking git.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_DOT_SEGMENT = re.compile(r"/(?!\.\.?/)[^/?#&=]+/\.\./")


def edit_path(source: Path, docs_dir: Path) -> str:
    """The source file's path relative to the docs folder, with ``/`` (``../journeys/retail/buy.md``)."""
    return Path(os.path.relpath(Path(source).resolve(), Path(docs_dir).resolve())).as_posix()


def tidy(url: str) -> str:
    """Resolve ``dir/../`` in an edit link, in its path and in a query such as Azure's ``?path=``."""
    while True:
        tidied = _DOT_SEGMENT.sub("/", url, count=1)
        if tidied == url:
            return url
        url = tidied
