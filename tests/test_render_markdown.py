"""The Markdown report: citations, sections, the sources list, and inert source text."""

from __future__ import annotations

import io

from markdown_it import MarkdownIt
from rich.console import Console

from newsfuse.model import Report, Source, Summary, SummarySentence
from newsfuse.render import print_markdown, render_markdown
from test_render_data import UNREADABLE_ERROR, full_report, minimal_report

HOSTILE = (
    "<script>alert(1)</script> [x](javascript:alert(1)) **bold** `code` # heading "
    "| a | b | <img src=x onerror=alert(2)> &amp; _under_"
)


def to_html(markdown: str) -> str:
    """What a Markdown viewer that passes raw HTML through would show."""
    return str(MarkdownIt("commonmark", {"html": True}).render(markdown))


def test_title_is_the_best_supported_source() -> None:
    out = render_markdown(full_report())
    assert out.startswith("# U.S. Says Russian Missiles Intended For Syria Have Crashed In Iran\n")


def test_title_falls_back_to_summary() -> None:
    assert render_markdown(minimal_report()).startswith("# Summary\n")


def test_summary_sentences_carry_their_citations() -> None:
    out = render_markdown(full_report())
    assert (
        "The officials told CNN that Russia is testing out its Kaliber missiles in combat for "
        "the first time. [1][3]\n"
    ) in out
    assert "on Wednesday. [2][5]\n" in out
    assert "Tom Bowman. [1][2][3][4][5]\n" in out


def test_sections_when_there_is_something_to_say() -> None:
    out = render_markdown(full_report())
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Facts the reports agree on",
        "## Where they disagree",
        "## Names",
        "## Only in one report",
        "## Sources",
    ]
    assert (
        "- At least four missiles crashed as they flew over Iran. [1][2][4] — *according to CNN*\n"
    ) in out
    assert "on Wednesday. [2][5]\n" in out  # no attribution: nothing after the citations
    assert "- **claim** — casualties" in out
    assert "not yet known. [1][4] — *according to U.S. officials*\n" in out
    assert "this strike [5] — *according to a US official*" in out
    assert "- **name** — cruise missile\n  - Kaliber [1][2][3]\n  - Kalibir [5]\n" in out
    assert (
        "- **Kalibr** (PRODUCT) [1][2][3][5] — written as: Kaliber [1][2][3], Kalibr [2], "
        "Kalibir [5]\n"
    ) in out
    assert "- **Sergei Shoigu** (PERSON) [2]\n" in out
    assert "country’s troops. [5]" in out


def test_empty_sections_are_left_out_but_sources_stay() -> None:
    out = render_markdown(minimal_report())
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## Sources"]
    assert "- [1] broken.html, 0 words, unreadable: empty file" in out


def test_sources_list_status_reasons_and_removed_chrome() -> None:
    out = render_markdown(full_report())
    sources = out[out.index("## Sources") :]
    assert (
        "- [1] NPR — U.S. Says Russian Missiles Intended For Syria Have Crashed In Iran "
        "(000\\_55c6d7332d1a7199.txt), 98 words, used"
    ) in sources
    assert (
        '  - removed: "An NPR member station" (station banner), "Play Live Radio" '
        '(player chrome), "0:00 0:00" (player chrome)'
    ) in sources
    assert "- [4] Latin Post — Russia, Syria News:" in sources
    assert "duplicate: same text as [3]" in sources
    assert f"unreadable: {UNREADABLE_ERROR}" in sources
    assert "empty: no text left after cleaning" in sources
    assert sources.count("\n- [") == 8  # every input, whatever became of it
    rendered = to_html(sources)
    assert "<li>[1] NPR — U.S. Says" in rendered
    assert "000_55c6d7332d1a7199.txt" in rendered


def test_only_http_urls_become_links() -> None:
    sources = (
        Source(0, "a.txt", "Text.", url="https://example.org/a?b=1"),
        Source(1, "b.txt", "Text.", url="javascript:alert(1)"),
    )
    out = render_markdown(Report(sources, Summary()))
    assert "<https://example.org/a?b=1>" in out
    assert "javascript" not in out


def test_source_text_never_becomes_markup() -> None:
    text = HOSTILE + " The end."
    source = Source(0, "evil_[x].txt", text, title="# <b>Title</b>", outlet="[Out](javascript:x)")
    summary = Summary((SummarySentence(HOSTILE, 0, 0, len(HOSTILE), (0,)),))
    out = render_markdown(Report((source,), summary))
    rendered = to_html(out)
    assert "<script" not in rendered
    assert "<img" not in rendered
    assert "<a " not in rendered
    assert "<strong>bold" not in rendered
    assert "<code>" not in rendered
    assert "<em>" not in rendered
    assert "<b>" not in rendered
    # ... and the reader still sees the words as they were written.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) **bold**" in rendered
    assert "<h1># &lt;b&gt;Title&lt;/b&gt;</h1>" in rendered


def test_line_start_markers_stay_text() -> None:
    texts = ["1990. The year it began.", "- not a list", "+ not either", "= no heading"]
    sources = tuple(Source(i, f"{i}.txt", t) for i, t in enumerate(texts))
    summary = Summary(tuple(SummarySentence(t, i, 0, len(t), (i,)) for i, t in enumerate(texts)))
    rendered = to_html(render_markdown(Report(sources, summary)))
    summary_html = rendered[: rendered.index("<h2>Sources")]
    assert "<ol" not in summary_html
    assert "<ul" not in summary_html
    assert "<p>1990. The year it began. [1]</p>" in summary_html


def test_unicode_survives() -> None:
    text = "שלום עולם. Привет, мир! مرحبا 🚀"
    report = Report(
        (Source(0, "u.txt", text, title="🚀 עדכון"),),
        Summary((SummarySentence(text, 0, 0, len(text), (0,)),)),
    )
    out = render_markdown(report)
    assert out.startswith("# 🚀 עדכון\n")
    assert f"{text} [1]" in out


def test_markdown_is_deterministic() -> None:
    assert render_markdown(full_report()) == render_markdown(full_report())


def test_print_markdown_renders_to_a_console() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, force_terminal=False, color_system=None)
    print_markdown(full_report(), console=console)
    shown = buffer.getvalue()
    assert "U.S. Says Russian Missiles Intended For Syria Have Crashed In Iran" in shown
    assert "[1][3]" in shown
    assert "Facts the reports agree on" in shown
    assert "000_55c6d7332d1a7199.txt" in shown  # the escape is not shown
