"""Text written into Markdown (the semantic diff, imported maps) shows exactly as written once rendered."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from journeymaps.cli.mdtext import escape

TEXTS = [
    "2026-02-18", "-1", "+1", "- item", "+ item", "1. first", "3) third", "12 apples", "# heading", "#hashtag",
    "> quote", "---", "a-b", "1.5 kg", "*star* _under_ `code` [link](x) <b>bold</b> & co", "| cell |",
]


@pytest.mark.parametrize("text", TEXTS)
def test_escaped_text_renders_as_written(text: str) -> None:
    rendered = markdown.markdown(escape(text), extensions=["tables"])
    assert rendered.startswith("<p>"), rendered  # a paragraph: no heading, list, quote, rule or table
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == text


@pytest.mark.parametrize("text", ["2026-02-18", "-1", "+1", "12 apples", "a-b", "1.5 kg"])
def test_plain_text_is_left_alone(text: str) -> None:
    assert escape(text) == text  # no needless backslashes in a pull-request comment
