"""The HTML page: self-contained, every citation lands on its words, all input escaped."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from newsfuse.model import (
    Disagreement,
    Entity,
    Fact,
    Mention,
    Removed,
    Report,
    Side,
    Source,
    Summary,
    SummarySentence,
    UniqueDetail,
)
from newsfuse.render import render_html
from test_render_data import full_report, minimal_report, span

SCRIPT = "<script>alert(1)</script>"
ATTR_BREAK = '" onmouseover="x'
MD_LINK = "[x](javascript:alert(1))"
RTL = "שלום עולם 🚀 مرحبا بالعالم, Привет 👋🏽 e\u0301"


class Page(HTMLParser):
    """Every element with its attributes, the ids, and the text a reader sees."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def ids(self) -> list[str]:
        return [value for _, attrs in self.elements if (value := attrs.get("id"))]

    def hrefs(self) -> list[str]:
        return [a["href"] or "" for a in self.tags("a") if "href" in a]


def hostile_report() -> Report:
    """Input that tries everything: markup, attribute breaks, script urls, Markdown links."""
    evil = (
        f"Officials said {SCRIPT} the missiles {ATTR_BREAK} crashed. "
        f"See {MD_LINK} for more. <img src=x onerror=alert(2)>\n\n{RTL}"
    )
    first = f"Officials said {SCRIPT} the missiles {ATTR_BREAK} crashed."
    sources = (
        Source(
            0,
            'evil"><script>alert(3)</script>.txt',
            evil,
            title="<img src=x onerror=alert(4)> Title",
            outlet=f'"><script>alert(5)</script>{MD_LINK}',
            url="javascript:alert(6)",
            published="<b>today</b>",
            removed=(Removed('<b onclick="x()">Share</b>', ATTR_BREAK),),
        ),
        Source(1, "fine.txt", f"Plain text. {RTL}", url="https://example.org/a?b=1&c=2"),
        Source(2, "x.bin", "", status="unreadable", error="<svg onload=alert(7)>"),
        Source(3, "y.txt", "", url=" JavaScript:alert(8)", status="empty"),
    )
    start, end = span(evil, first)
    rtl_start, rtl_end = span(sources[1].text, RTL)
    return Report(
        sources,
        Summary(
            (
                SummarySentence(first, 0, start, end, (0, 1)),
                SummarySentence(RTL, 1, rtl_start, rtl_end, (0, 1)),
            )
        ),
        id=SCRIPT,
        facts=(
            Fact(
                MD_LINK,
                (0, 1),
                (Mention(0, start, end), Mention(1, rtl_start, rtl_end)),
                attribution=ATTR_BREAK,
            ),
        ),
        disagreements=(
            Disagreement(
                "claim", f"</h3>{SCRIPT}", (Side(ATTR_BREAK, (0,), SCRIPT), Side(RTL, (1,)))
            ),
        ),
        entities=(Entity("<i>Kalibr</i>", "<u>X</u>", (0, 1), {ATTR_BREAK: (0,), RTL: (1,)}),),
        unique=(UniqueDetail(0, SCRIPT),),
    )


def source_texts(document: str) -> list[str]:
    """Each shown source text as a reader sees it (marks dropped, entities decoded)."""
    blocks = re.findall(r'<div class="text" dir="auto">(.*?)</div>', document, flags=re.S)
    return [html.unescape(re.sub(r"</?mark[^>]*>", "", block)) for block in blocks]


def test_page_is_self_contained_and_responsive() -> None:
    document = render_html(full_report())
    page = Page(document)
    assert document.startswith("<!DOCTYPE html>")
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in page.tags(
        "meta"
    )
    assert page.tags("link") == []
    assert page.tags("script") == []  # readable without any script
    assert not any("src" in attrs for _, attrs in page.elements)
    assert all(h.startswith("#") or h.startswith("https://") for h in page.hrefs())
    style = document[document.index("<style>") : document.index("</style>")]
    assert "mark:target" in style
    assert "max-width" in style
    assert "grid-template-columns" in style
    assert "@import" not in style and "url(" not in style


def test_sections_follow_the_report() -> None:
    page = Page(render_html(full_report()))
    sections = ["summary", "facts", "disagreements", "entities", "unique", "sources"]
    assert [a["id"] for a in page.tags("section")] == sections
    assert [a["id"] for a in page.tags("section")][-1] == "sources"
    assert len(page.tags("article")) == 8  # every input, whatever became of it
    assert len(page.tags("details")) == 5  # removed chrome of the five sources that had some
    assert len(page.tags("div")) >= 4 + 2  # two disagreements side by side, and texts
    words = "".join(page.text)
    assert "Play Live Radio" in words and "player chrome" in words
    assert "same text as [3]" in words
    assert "not UTF-8 text (byte 0x89 at offset 0)" in words


def test_minimal_report_renders_only_summary_and_sources() -> None:
    page = Page(render_html(minimal_report()))
    assert [a["id"] for a in page.tags("section")] == ["summary", "sources"]
    assert "<title>Summary — newsfuse</title>" in render_html(minimal_report())


def test_every_citation_lands_on_an_element() -> None:
    for report in (full_report(), hostile_report(), minimal_report()):
        page = Page(render_html(report))
        ids = page.ids()
        assert len(ids) == len(set(ids)), "ids are unique"
        for href in page.hrefs():
            if href.startswith("#"):
                assert href[1:] in ids, href


def test_summary_citations_point_at_the_cited_words() -> None:
    report = full_report()
    document = render_html(report)
    page = Page(document)
    marks = {a["id"] for a in page.tags("mark") if a.get("id")}
    for s in report.summary.sentences:
        assert f"s{s.source}-{s.start}" in marks
        assert f'href="#s{s.source}-{s.start}"' in document
    # A sentence that is also a fact's mention links its other sources to their words too.
    assert 'href="#s4-173"' in document
    assert source_texts(document) == [s.text for s in report.sources if s.status == "used"]


def test_overlapping_and_bad_spans() -> None:
    text = "Alpha beta gamma. Delta epsilon zeta. Eta theta."
    source = Source(0, "o.txt", text)
    a, b = span(text, "Alpha beta gamma. Delta epsilon zeta.")
    c, d = span(text, "gamma. Delta")
    e, f = span(text, "Alpha beta gamma.")
    report = Report(
        (source,),
        Summary(
            (
                SummarySentence(text[a:b], 0, a, b, (0,)),
                SummarySentence(text[e:f], 0, e, f, (0,)),
                SummarySentence("Eta", 0, 40, 999, (0,)),  # out of range: links to the card
            )
        ),
        facts=(Fact(text[c:d], (0,), (Mention(0, c, d), Mention(0, 5, 5))),),
    )
    document = render_html(report)
    page = Page(document)
    ids = page.ids()
    assert {"s0-0", f"s0-{c}"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert 'href="#src0"' in document
    assert source_texts(document) == [text]
    assert "<mark><mark" not in document


def test_source_text_is_escaped_everywhere() -> None:
    document = render_html(hostile_report())
    page = Page(document)
    assert page.tags("script") == []
    assert page.tags("img") == [] and page.tags("svg") == [] and page.tags("b") == []
    assert page.tags("i") == [] and page.tags("u") == []
    for _, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")], attrs
    for href in page.hrefs():
        assert "javascript" not in href.lower()
        assert href.startswith("#") or href.startswith("https://")
    # The words are all there, as text.
    words = "".join(page.text)
    for needle in (
        SCRIPT,
        ATTR_BREAK,
        MD_LINK,
        "<img src=x onerror=alert(2)>",
        "javascript:alert(6)",
    ):
        assert needle in words
    assert "<svg onload=alert(7)>" in words
    assert source_texts(document)[0] == hostile_report().sources[0].text


def test_only_http_urls_are_links() -> None:
    page = Page(render_html(hostile_report()))
    external = [h for h in page.hrefs() if not h.startswith("#")]
    assert external == ["https://example.org/a?b=1&c=2"]
    link = next(a for a in page.tags("a") if a.get("href") == external[0])
    assert link["rel"] == "noopener noreferrer nofollow"


def test_unicode_rtl_and_emoji_survive() -> None:
    document = render_html(hostile_report())
    assert RTL in document  # as characters, not entities
    assert document.count(RTL) >= 4
    assert '<meta charset="utf-8">' in document
    assert 'dir="auto"' in document


def test_html_is_deterministic() -> None:
    assert render_html(full_report()) == render_html(full_report())
