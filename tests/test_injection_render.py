"""The hostile cluster through ``newsfuse fuse``: its payloads reach the summary, the facts
and the unique details, and the HTML and Markdown reports show them as text, never markup.

The Markdown policy: source text is escaped, not fenced. A backslash goes before every
character that could start markup (``\\ ` * _ { } [ ] < > # | ~ &``) and before a list or
heading marker at the start of a line, so a viewer shows the words as written and nothing
in them becomes a link, an image, HTML, a heading, a table or code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from hostile import REPORT_TAGS, fuse_cli, is_hostile, one_line, report, shown
from test_render_html import Page


@pytest.fixture(scope="module")
def hostile_report() -> dict[str, Any]:
    return report()


def test_the_payloads_reach_every_part_of_the_report(hostile_report: dict[str, Any]) -> None:
    sections = shown(hostile_report)
    for name, texts in sections.items():
        assert any(is_hostile(text) for text in texts), f"no payload in the {name}"
    payloads = [text for texts in sections.values() for text in texts if is_hostile(text)]
    assert len(payloads) >= 8
    sources = hostile_report["sources"]
    assert all(s["status"] == "used" for s in sources)
    assert any("<script>" in (s["title"] or "") for s in sources)
    assert any("javascript:" in (s["url"] or "") for s in sources)
    assert any("onmouseover" in (s["outlet"] or "") for s in sources)


def test_the_html_report_shows_them_as_text(hostile_report: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    fuse_cli("html", path)
    page = Page(path.read_text(encoding="utf-8"))
    assert {tag for tag, _ in page.elements} <= REPORT_TAGS
    for tag, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
    for href in page.hrefs():
        assert href.startswith("#"), href  # the sources' urls are javascript: and data:
    text = one_line("".join(page.text))
    for texts in shown(hostile_report).values():
        for sentence in texts:
            assert one_line(sentence) in text
    assert "javascript:window.__pwned='json-url'" in text  # the url, shown unlinked


def test_markdown_escapes_every_markup_character(hostile_report: dict[str, Any]) -> None:
    markdown = fuse_cli("md")
    # Every "<" is escaped, or opens one of our autolinks (there are none: no http url).
    assert re.findall(r"(?<!\\)<", markdown) == []
    # Every unescaped "[" is one of our citations "[n]".
    assert re.findall(r"(?<!\\)\[(?!\d+\])", markdown) == []
    for texts in shown(hostile_report).values():
        for sentence in texts:
            assert re.sub(r"([\\`*_{}\[\]<>#|~&])", r"\\\1", one_line(sentence)) in markdown
    assert r"\[the cause\](javascript:window.\_\_pwned='md-link')" in markdown


def test_markdown_renders_as_the_words_only(hostile_report: dict[str, Any]) -> None:
    rendered = MarkdownIt("commonmark", {"html": True}).render(fuse_cli("md"))
    page = Page(rendered)
    # Ours: the title (h1), sections (h2), paragraphs, lists, bold kinds and names, the
    # attributions' emphasis. Nothing else: no a, img, script, table, code, h3, hr.
    assert {tag for tag, _ in page.elements} <= {"h1", "h2", "p", "ul", "li", "strong", "em"}
    assert len(page.tags("h1")) == 1
    text = one_line("".join(page.text))
    for texts in shown(hostile_report).values():
        for sentence in texts:
            assert one_line(sentence) in text
