"""``journeymaps generate``: the site as a docs folder and a config for engines that ignore the plugin.

The command is run as a user runs it (``tests/cli.py``), the folder it writes is
built with MkDocs without the plugin and compared with the plugin's own build.
The four engines side by side are in ``test_engines.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from cli import invoke
from journeymaps.engines.links import LinkMover
from journeymaps.engines.page_text import page_text, top_level
from journeymaps.engines.site_config import Tagged, read_config, written_config
from journeymaps.mkdocs.config import JourneysConfig
from journeymaps.pages.generated import GeneratedPage, Html, Later, front_matter, search_marks_kept
from journeymaps.pages.options import SiteOptions, read_options
from sites import FRESH_CONFIG, SPEC_JOURNEY, build, command_env, spec_site, write

MAP = "journeys/retail/buy-running-shoes/index.md"


def generate(root: Path, *args: str):
    return invoke(root, "generate", *args)


def article(html: str) -> str:
    return re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)


# --- the command on a small site -------------------------------------------------------------------------------


def test_generate_writes_every_page_at_its_address_and_a_config_without_the_plugin(tmp_path):
    site = spec_site(tmp_path)
    result = generate(site)
    assert result.exit_code == 0, result.output
    docs = site / "generated-site/docs"
    for page in ("index.md", "overview/index.md", MAP, "personas/maya/index.md", "touchpoints/index.md",
                 "compare/index.md", "channels/social-media/index.md", "gaps/index.md", "reviews/index.md"):
        assert (docs / page).is_file(), page
    for other in ("journeys.json", "touchpoints.csv", "touchpoints/rows.json", "journeys/personas/images/maya.png",
                  "assets/journeymaps/journeymaps.css", "assets/journeymaps/journeymaps.js"):
        assert (docs / other).is_file(), other
    config = yaml.safe_load((site / "generated-site/mkdocs.yml").read_text())
    assert config["docs_dir"] == "docs"
    assert config["plugins"] == ["search"]
    assert "assets/journeymaps/journeymaps.css" in config["extra_css"]
    assert "assets/journeymaps/journeymaps.js" in config["extra_javascript"]
    assert config["theme"]["font"] is False  # offline: no web fonts from Google
    assert {"Journeys": ["journeys/index.md", {"Retail": ["journeys/retail/index.md", {
        "Buying running shoes online": MAP}]}]} in config["nav"] or any(
        "Journeys" in entry for entry in config["nav"] if isinstance(entry, dict))
    assert "generated page" in result.stderr


def test_the_generated_folder_builds_with_mkdocs_as_the_plugin_builds_the_site(tmp_path):
    site = spec_site(tmp_path / "site")
    assert build(site, "--strict").returncode == 0
    assert generate(site).exit_code == 0
    out = site / "generated-site"
    done = build(out, "--strict")
    assert done.returncode == 0, done.stderr
    plugin_pages = {p.relative_to(site / "site") for p in (site / "site").rglob("index.html")}
    generated_pages = {p.relative_to(out / "site") for p in (out / "site").rglob("index.html")}
    assert plugin_pages == generated_pages
    ours, theirs = article((site / "site" / "journeys/retail/buy-running-shoes/index.html").read_text()), \
        article((out / "site" / "journeys/retail/buy-running-shoes/index.html").read_text())
    # The same timeline, curve and lanes; the phase headings are Markdown headings now, with a permalink.
    assert ours.count('class="jm-tp-name"') == theirs.count('class="jm-tp-name"') > 0
    assert 'id="phase-awareness"' in theirs and 'href="#phase-awareness"' in theirs
    assert ours.count("<svg") == theirs.count("<svg")
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', (out / "site/personas/maya/index.html")
                    .read_text(), re.S)
    assert toc is None or "md-nav__link" in toc.group(0)


def test_the_table_of_contents_lists_the_generated_headings(tmp_path):
    site = spec_site(tmp_path)
    assert generate(site).exit_code == 0
    text = (site / "generated-site/docs/compare/awareness/index.md").read_text()
    headings = re.findall(r"^## .* \{#[^}]*\}$", text, re.M)
    assert headings, text[:2000]
    out = site / "generated-site"
    assert build(out).returncode == 0
    page = (out / "site/compare/awareness/index.html").read_text()
    secondary = re.search(r'<nav class="md-nav md-nav--secondary"(.*?)</nav>', page, re.S).group(1)
    first_id = re.search(r"\{#([^ }]+)", headings[0]).group(1)
    assert f'href="#{first_id}"' in secondary


def test_a_second_run_writes_nothing_and_a_removed_map_is_removed(tmp_path):
    site = spec_site(tmp_path)
    assert generate(site).exit_code == 0
    page = site / "generated-site/docs" / MAP
    before = page.stat().st_mtime_ns
    again = generate(site)
    assert "(0 written, 0 removed)" in again.stderr
    assert page.stat().st_mtime_ns == before  # an engine watching the folder sees no change
    (site / "journeys/retail/buy-running-shoes.md").unlink()
    gone = generate(site)
    assert gone.exit_code == 0
    assert not page.exists() and not page.parent.exists()
    assert re.search(r"\(\d+ written, [1-9]\d* removed\)", gone.stderr)


def test_a_broken_map_is_reported_with_its_line_and_the_healthy_maps_still_publish(tmp_path):
    site = spec_site(tmp_path)
    write(site, {"journeys/retail/broken.md": SPEC_JOURNEY.replace("emotion: 1 ", "emotion: 9 ")})
    result = generate(site)
    assert result.exit_code == 0
    assert re.search(r"journeys/retail/broken\.md:\d+: .*emotion", result.stderr)
    assert "left out of the site" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert (site / "generated-site/docs" / MAP).is_file()
    assert not (site / "generated-site/docs/journeys/retail/broken").exists()
    assert generate(site, "--strict").exit_code == 1


@pytest.mark.parametrize(("config", "said"), [
    ("site_name: [unclosed", "mkdocs.yml:1"),
    ("site_name: X\nplugins:\n  - journeys:\n      navigation: sideways\n", "navigation"),
    ("site_name: X\nINHERIT: missing.yml\n", "missing.yml"),
])
def test_a_config_that_cannot_be_used_is_one_clear_line(tmp_path, config, said):
    site = spec_site(tmp_path, config)
    result = generate(site)
    assert result.exit_code == 1
    assert said in result.output and "Traceback" not in result.output


def test_a_missing_config_names_the_option_to_give(tmp_path):
    result = generate(tmp_path)
    assert result.exit_code == 1 and "-f path/to/mkdocs.yml" in result.output


def test_the_output_folder_may_not_be_the_docs_folder(tmp_path):
    site = spec_site(tmp_path)
    result = generate(site, "--out", "docs")
    assert result.exit_code == 1 and "outside the docs folder" in result.output


def test_a_docs_page_at_a_generated_address_is_replaced_with_a_warning(tmp_path):
    site = spec_site(tmp_path)
    write(site, {"docs/touchpoints.md": "# Mine\n", "docs/guide.md": "See [the list](journeymaps/touchpoints/index.md)"
                 " and [the map](journeys/retail/buy-running-shoes.md).\n"})
    result = generate(site)
    assert "'touchpoints.md' in the docs folder is replaced" in result.stderr
    docs = site / "generated-site/docs"
    assert not (docs / "touchpoints.md").exists()
    guide = (docs / "guide.md").read_text()
    assert "(touchpoints/index.md)" in guide and f"({MAP})" in guide


# --- the config written out ------------------------------------------------------------------------------------


def test_tags_inherit_and_relative_paths_survive(tmp_path):
    write(tmp_path, {
        "base.yml": "site_name: Base\ntheme:\n  name: material\n  custom_dir: overrides\nmarkdown_extensions:\n"
                    "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "site/mkdocs.yml": "INHERIT: ../base.yml\nsite_name: !ENV [SITE_NAME, Mine]\nplugins:\n  - search\n"
                           "  - journeys:\n      navigation: folders\nhooks:\n  - hooks/x.py\n",
    })
    config = read_config(tmp_path / "site/mkdocs.yml")
    assert config.data["site_name"] == Tagged("!ENV", ["SITE_NAME", "Mine"])
    assert config.data["theme"]["custom_dir"] == "overrides"
    assert config.plugin == {"navigation": "folders"}
    assert config.others == ["search"]
    out = tmp_path / "site/out"
    text = written_config(config, out, ["index.md"], ["a.css"], ["a.js"], None, True)
    assert "!ENV" in text and "!!python/name:material.extensions.emoji.twemoji" in text
    assert "hooks:\n- ../hooks/x.py" in text
    assert "custom_dir: ../overrides" in text  # relative to the config file, as MkDocs reads it
    assert "journeys" not in text.split("plugins:")[1].split("\n")[1]


def test_plugin_options_read_without_mkdocs_match_the_plugin_config():
    ours = SiteOptions()
    theirs = JourneysConfig()
    theirs.load_dict({})
    errors, _ = theirs.validate()
    assert not errors
    names = {n for n in SiteOptions.model_fields}
    assert names == set(theirs.keys())
    for name in names - {"review"}:
        assert getattr(ours, name) == theirs[name], name
    assert (ours.review.interval, ours.review.due_soon) == (theirs["review"]["interval"], theirs["review"]["due_soon"])
    assert read_options({"review_interval": 30})[0].review.interval == 30
    assert read_options({"statuses": ["nope"]})[0] is None


# --- links, headings and search marks ----------------------------------------------------------------------------


def test_links_are_written_again_from_the_new_place():
    mover = LinkMover({"journeys/a/buy.md": "journeys/a/buy/index.md",
                       "journeys/a/other.md": "journeys/a/other/index.md",
                       "journeys/personas/maya.md": "personas/maya/index.md"},
                      {"format.md", "journeys/personas/images/maya.svg"}, {"journeys/a/draft.md"})
    text = ("[o](other.md#x) [m](../personas/maya.md \"t\") ![i](../personas/images/maya.svg) [f](../../format.md)\n"
            "[d](draft.md) [e](https://x.org/a.md) [u](nope.md) `[c](other.md)` <a href=\"../other/\">r</a>\n"
            "```\n[fenced](other.md)\n```\n[ref]: other.md\n")
    assert mover.rewrite(text, "journeys/a/buy.md", "journeys/a/buy/index.md") == (
        "[o](../other/index.md#x) [m](../../../personas/maya/index.md \"t\") ![i](../../personas/images/maya.svg) "
        "[f](../../../format.md)\n"
        "d [e](https://x.org/a.md) [u](nope.md) `[c](other.md)` <a href=\"../other/\">r</a>\n"
        "```\n[fenced](other.md)\n```\n[ref]: ../other/index.md\n")


def _page(parts, kind="journey", search=None) -> GeneratedPage:
    return GeneratedPage.of("journeys/a/b.md", "journeys/a/b/", "B", [front_matter("B"), *parts], kind,
                            search=search)


def test_headings_become_markdown_headings_with_hostile_text_escaped():
    with search_marks_kept():
        page = _page([Html('<h2 id="x" class="c">*Bold* [a](b) {#z} &lt;script&gt; # 1 <a href="../">y</a></h2>'
                           "<p>after</p>")])
        text, _ = page_text(page, page.markdown)
    line = next(line for line in text.splitlines() if line.startswith("## "))
    assert line == r'## \*Bold\* \[a\]\(b\) \{\#z\} &lt;script&gt; \# 1 <a href="../">y</a> {#x .c}'
    assert "<p>after</p>" in text


def test_search_marks_become_attributes_and_the_search_view_goes_to_the_end_hidden():
    html = ('<!--search:skip--><nav class="crumbs"><a href="../">up</a></nav><h1>T</h1><!--/search:skip-->'
            '<p>goal</p><!--search:only--><h3 id="tp">Touchpoint</h3><!--/search:only--><table><tr><td>x</td></tr>'
            "</table>")
    with search_marks_kept():
        page = _page([Later(lambda: html)])
        text, _ = page_text(page, page.markdown)
    assert '<nav class="crumbs" data-search-exclude>' in text and "<h1 data-search-exclude>" in text
    assert "<p>goal</p>" in text and "search:" not in text.split("---", 2)[2].split("jm-search-view")[0]
    assert text.rstrip().endswith('<div class="jm-search-view" hidden>\n<h3 id="tp">Touchpoint</h3>\n</div>\n-->')


def test_a_page_left_out_of_the_search_says_so_in_its_front_matter():
    with search_marks_kept():
        page = _page([Html("<p>x</p>")], kind="touchpoints", search="none")
        text, _ = page_text(page, page.markdown)
    assert yaml.safe_load(text.split("---")[1])["search"] == {"exclude": True}


def test_a_page_indexed_by_its_title_keeps_only_its_introduction():
    with search_marks_kept():
        page = _page([Html("<p>intro</p><table><tr><td>1</td></tr></table><h2 id=\"s\">S</h2><p>later</p>")],
                     kind="touchpoints")
        text, _ = page_text(page, page.markdown)
    assert "<p>intro</p>" in text and "<table data-search-exclude>" in text
    assert "<p data-search-exclude>later</p>" in text


def test_a_section_too_large_for_zensical_is_left_out_of_the_search():
    rows = "".join(f"<p>{'word ' * 20}{i}</p>" for i in range(1000))
    with search_marks_kept():
        page = _page([Html(f"<div>{rows}</div>")], kind="persona")
        text, left_out = page_text(page, page.markdown)
    assert left_out and "<div data-search-exclude>" in text


def test_top_level_elements_are_found_in_nested_and_void_markup():
    html = '<div a=">"><div></div></div><img src="x"><br/><p>t</p><!-- <div> --><svg><use href="#a"/></svg>'
    assert [e.tag for e in top_level(html)] == ["div", "img", "br", "p", "svg"]
    assert html[top_level(html)[0].start:top_level(html)[0].end] == '<div a=">"><div></div></div>'


# --- --watch ------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_watch_writes_the_folder_again_after_a_change(tmp_path):
    site = spec_site(tmp_path, FRESH_CONFIG)
    watcher = subprocess.Popen([str(Path(sys.executable).parent / "journeymaps"), "generate", "--watch"], cwd=site,
                               env=command_env(), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    page = site / "generated-site/docs" / MAP
    try:
        deadline = time.monotonic() + 60
        while not page.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert page.is_file(), "the first run wrote nothing"
        time.sleep(1)  # the watcher starts after the first run
        source = site / "journeys/retail/buy-running-shoes.md"
        source.write_text(source.read_text().replace("Buying running shoes online", "Buying trail shoes online"))
        while "Buying trail shoes online" not in page.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Buying trail shoes online" in page.read_text()
    finally:
        watcher.terminate()
        watcher.wait(10)


def test_generate_reminds_a_zensical_site_to_build_the_generated_folder(tmp_path):
    site = spec_site(tmp_path)
    quiet = generate(site)
    assert "warning: this site is built with" not in quiet.stderr
    write(site, {"zensical.toml": "[project]\nsite_name = 'X'\n"})
    said = generate(site, "--out", "out")
    assert said.exit_code == 0
    assert "built with Zensical (zensical.toml exists)" in said.stderr
    assert "zensical build -f out/mkdocs.yml" in said.stderr


def test_the_html_blocks_pass_through_the_extension_as_markdown_would_read_them(tmp_path):
    import markdown

    site = spec_site(tmp_path)
    assert generate(site).exit_code == 0
    text = (site / "generated-site/docs" / MAP).read_text().split("---\n", 2)[2]
    assert "\n<!--journeymaps:html\n" in text
    assert "journeymaps.engines.raw_html" in (site / "generated-site/mkdocs.yml").read_text()
    fast = markdown.markdown(text, extensions=["toc", "attr_list", "journeymaps.engines.raw_html"])
    # The same blocks read as raw HTML by Markdown itself, between visible markers
    visible = re.sub(r"\n<!--journeymaps:html\n(.*?)\n-->\n",
                     "\n<!--journeymaps:html-->\n\\1\n<!--/journeymaps:html-->\n", text, flags=re.S)
    plain = markdown.markdown(visible, extensions=["toc", "attr_list"])
    unmarked = re.sub(r"\n?<!--/?journeymaps:html-->\n?", "\n", plain)
    assert re.sub(r"\s+", " ", fast).strip() == re.sub(r"\s+", " ", unmarked).strip()
    assert "jm-tp-name" in fast and "<!--journeymaps" not in fast


def test_html_that_holds_a_comment_end_is_written_between_visible_markers():
    from journeymaps.engines.raw_html import wrap

    assert wrap("<p>a</p>").strip() == "<!--journeymaps:html\n<p>a</p>\n-->"
    assert wrap("<p>a</p><!-- b -->").strip() == "<!--journeymaps:html-->\n<p>a</p><!-- b -->\n<!--/journeymaps:html-->"


@pytest.mark.parametrize(("plugins", "written"), [
    ("plugins:\n  - search\n  - journeys\n", ["search"]),
    ("plugins:\n  - journeys\n", []),  # the site has no search: neither has the generated one
    ("plugins:\n  search: {}\n  journeys: {navigation: full}\n", [{"search": {}}]),
])
def test_the_other_plugins_are_kept_as_the_site_lists_them(tmp_path, plugins, written):
    site = spec_site(tmp_path, "site_name: X\ntheme:\n  name: material\n" + plugins)
    assert generate(site).exit_code == 0
    assert yaml.safe_load((site / "generated-site/mkdocs.yml").read_text())["plugins"] == written


def test_properdocs_builds_the_generated_folder_as_mkdocs_does(tmp_path):
    site = spec_site(tmp_path)
    assert generate(site).exit_code == 0
    out = site / "generated-site"
    outputs = {}
    for engine in ("mkdocs", "properdocs"):
        done = subprocess.run([str(Path(sys.executable).parent / engine), "build", "--strict", "-f", "mkdocs.yml",
                               "-d", str(tmp_path / engine)], cwd=out, capture_output=True, text=True,
                              env=command_env(SOURCE_DATE_EPOCH="1788220800"))  # the same sitemap dates
        assert done.returncode == 0, done.stderr
        outputs[engine] = {p.relative_to(tmp_path / engine): re.sub(rb'<meta name="generator"[^>]*>', b"",
                                                                     p.read_bytes())
                           for p in (tmp_path / engine).rglob("*") if p.is_file()}
    assert outputs["mkdocs"].keys() == outputs["properdocs"].keys()
    assert [p for p in outputs["mkdocs"] if outputs["mkdocs"][p] != outputs["properdocs"][p]] == []
