"""The generated pages, pictures and exports handed to MkDocs as virtual files (never written into ``docs/``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from journeymaps.mkdocs.editlinks import edit_path
from journeymaps.pages.plan import SitePlan
from journeymaps.pages.static import FILES

log = get_plugin_logger(__name__)



def add_plan(files: Files, plan: SitePlan, config: MkDocsConfig) -> list[File]:
    """Add the plan's pages, pictures and exports and our CSS and JS to ``files``; return the pages' files."""
    docs_by_dest = {f.dest_uri: f for f in files}  # the docs folder's files, by the file they are published as
    made = []
    for page in plan.pages:
        generated = File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.INCLUDED)
        made.append(generated)
        generated.dest_uri = page.dest_uri
        if page.source is not None:  # "Edit this page" opens the map's own file
            generated.edit_uri = edit_path(page.source, Path(config.docs_dir))
        replace(files, generated, docs_by_dest)
    for asset in plan.assets:
        replace(files, File.generated(config, asset.src_uri, abs_src_path=str(asset.path)), docs_by_dest)
    for name, content in plan.files.items():  # the exports: journeys.json, touchpoints.csv
        replace(files, File.generated(config, name, content=content), docs_by_dest)
    for ours, source in FILES.items():
        if files.get_file_from_path(ours) is None:  # a site may ship its own copy to override ours
            files.append(File.generated(config, ours, abs_src_path=str(source)))
    return made


def replace(files: Files, new: File, docs_by_dest: dict[str, File]) -> None:
    """Add ``new``; a file of the docs folder at its path, or at its address, is removed with a warning."""
    old = files.get_file_from_path(new.src_uri)
    if old is None and new.src_uri.startswith("journeymaps/"):  # e.g. docs/reviews.md would be reviews/ too
        old = docs_by_dest.get(new.dest_uri)
    if old is not None:
        log.warning("'%s' in the docs folder is replaced by the page made from the journeys folder", old.src_uri)
        files.remove(old)
    files.append(new)
