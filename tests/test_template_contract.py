"""The template contract: every packaged template uses only the fields of its views, and the docs list them."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import jinja2
import pytest
from jinja2 import meta, nodes

from journeymaps.model.types import EmotionScale
from journeymaps.pages import across_views as a
from journeymaps.pages import views as v
from journeymaps.pages.context import TEMPLATES, environment

REFERENCE = Path(__file__).parents[1] / "docs" / "reference.md"
#: What every template gets besides its views (see RenderContext.render).
EVERY_TEMPLATE = {"link", "term", "page_url"}
#: The views of each template that a page renders (the macro files are imported by the others).
TEMPLATE_VIEWS: dict[str, tuple[type, ...]] = {
    "index/journeys.html": (v.JourneysIndexView,),
    "index/folder.html": (v.FolderView,),
    "index/personas.html": (v.PersonasIndexView,),
    "journey/header.html": (v.JourneyView,),
    "journey/map.html": (v.JourneyView,),
    "journey/about.html": (v.JourneyView,),
    "journey/persona.html": (v.JourneyView,),  # included by journey/header.html
    "journey/phase.html": (v.JourneyView, v.PhaseSection),
    "journey/history.html": (v.HistoryView,),
    "history/freshness.html": (v.FreshnessView,),
    "persona/profile.html": (v.PersonaProfileView,),
    "persona/journeys.html": (v.PersonaJourneysView,),
    "reviews/index.html": (v.ReviewsView,),
    "compare/index.html": (a.AcrossView, a.CompareView),
    "compare/heatmap.html": (a.AcrossView, a.CompareView),  # included by compare/index.html
    "compare/future.html": (a.AcrossView, a.FutureView),
    "compare/stage.html": (a.AcrossView, a.StageView),
    "compare/scenario.html": (a.AcrossView, a.ScenarioView),
    "compare/scenarios.html": (a.AcrossView, a.ScenariosView),
    "portfolio/channels.html": (a.AcrossView, a.GroupsView),
    "portfolio/channel.html": (a.AcrossView, a.ChannelView),
    "portfolio/department.html": (a.AcrossView, a.DepartmentView),
    "portfolio/touchpoints.html": (a.AcrossView, a.TouchpointsView),
    "portfolio/opportunities.html": (a.AcrossView, a.OpportunitiesView),
    "portfolio/gaps.html": (a.AcrossView, a.GapsView),
    "overview/index.html": (a.AcrossView, a.OverviewView),
    # The macros of the pages across maps are imported "with context": they see the shared fields.
    "portfolio/_parts.html": (a.AcrossView,),
    # Imported without context: only the globals and the macros' arguments.
    "_macros.html": (),
}


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    return environment(EmotionScale())


def test_every_packaged_template_has_its_views() -> None:
    packaged = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")}
    assert packaged == set(TEMPLATE_VIEWS)


@pytest.mark.parametrize("template", sorted(TEMPLATE_VIEWS))
def test_a_template_uses_only_its_fields_and_the_globals(env: jinja2.Environment, template: str) -> None:
    tree = env.parse((TEMPLATES / template).read_text(encoding="utf-8"))
    # Jinja counts a name set under an {% if %} as undeclared where it is read: the template's own names are not.
    own = {name.name for found in tree.find_all(nodes.Assign)
           for name in (found.target, *found.target.find_all(nodes.Name)) if isinstance(name, nodes.Name)}
    used = meta.find_undeclared_variables(tree) - own
    given = EVERY_TEMPLATE | set(env.globals) | {f.name for view in TEMPLATE_VIEWS[template] for f in fields(view)}
    if template == "compare/index.html":
        given.add("f")  # the loop variable that compare/future.html, included, reads
    if template == "compare/heatmap.html":
        given.add("parts")  # the macros compare/index.html, which includes it, imports
    if template == "compare/future.html":
        given.add("on_journey_page")  # read with a default: compare/index.html includes it without one
    assert used <= given, f"{template} uses {sorted(used - given)}, which no view gives it"


def test_the_reference_lists_every_template_and_field() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    section = text[text.index("### The template contract"):text.index("### Search")]
    for template, views in TEMPLATE_VIEWS.items():
        assert f"`{template}`" in section, template
        for view in views:
            for f in fields(view):
                assert f"`{f.name}" in section, f"{template}: {view.__name__}.{f.name}"
