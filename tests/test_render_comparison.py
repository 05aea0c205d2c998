"""The comparison parts of the report (facts, disagreements, names, unique details) in every
format: the HTML coverage grid and side-by-side disagreements, the Markdown sections, the
JSON attribution and schema. Real rendering, parsed back; no mocks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt

from newsfuse.model import (
    Disagreement,
    Entity,
    Fact,
    Mention,
    Report,
    Side,
    Source,
    Summary,
    UniqueDetail,
)
from newsfuse.render import load_schema, render_html, render_json, render_markdown
from newsfuse.render._common import abbreviate, according_to, written_as
from test_render_data import (
    HOSTILE,
    IMG,
    JS,
    SCRIPT,
    attributed_report,
    full_report,
    hostile_comparison_report,
)


@dataclass
class Cell:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    links: list[dict[str, str | None]] = field(default_factory=list)


class Page(HTMLParser):
    """The grid's cells by table part, the disagreement blocks, every tag and id, the text."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.grid: dict[str, list[list[Cell]]] = {"thead": [], "tbody": [], "tfoot": []}
        self.caption = ""
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._part: str | None = None
        self._cell: Cell | None = None
        self._in_caption = False
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.elements.append((tag, found))
        if tag in self.grid:
            self._part = tag
        elif tag == "tr" and self._part:
            self.grid[self._part].append([])
        elif tag in ("th", "td") and self._part:
            self._cell = Cell(tag, found)
            self.grid[self._part][-1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell.links.append(found)
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.grid:
            self._part = None
        elif tag in ("th", "td"):
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.text += data
        if self._in_caption:
            self.caption += data

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.elements if name in (a.get("class") or "").split()]


# --- HTML: the coverage grid -------------------------------------------------------------


def test_grid_has_a_column_per_used_source_and_a_row_per_fact() -> None:
    report = full_report()
    page = Page(render_html(report))
    (head,) = page.grid["thead"]
    assert [c.text for c in head] == [
        "Fact",
        "[1]NPR",
        "[2]Report: Russ…",
        "[3]HuffPost",
        "[4]Latin Post",
        "[5]US Claims Ru…",
    ]
    assert [c.attrs.get("scope") for c in head] == ["col"] * 6
    # Sources 6-8 (duplicate, unreadable, empty) show no text, so they get no column.
    assert [c.links[0]["href"] for c in head[1:]] == [f"#src{i}" for i in range(5)]
    assert head[1].links[0]["title"] == (
        "[1] NPR — U.S. Says Russian Missiles Intended For Syria Have Crashed In Iran — "
        "000_55c6d7332d1a7199.txt"
    )
    rows = page.grid["tbody"]
    assert [row[0].text for row in rows] == [
        "At least four missiles crashed as they flew over Iran. — according to CNN",
        "The Russian government launched 26 rockets from the Caspian Sea on Wednesday.",
    ]
    assert [row[0].attrs["scope"] for row in rows] == ["row", "row"]
    assert page.caption.startswith("Which report states each fact")


def test_marked_cells_are_exactly_the_sources_of_each_fact() -> None:
    report = full_report()
    page = Page(render_html(report))
    for fact, row in zip(report.facts, page.grid["tbody"], strict=True):
        marked = [i for i, cell in enumerate(row[1:]) if cell.links]
        assert marked == sorted(fact.support)
        for i, cell in enumerate(row[1:]):
            if i not in fact.support:
                assert cell.text == "" and cell.attrs == {}
                continue
            (link,) = cell.links
            first = next(m for m in fact.mentions if m.source == i)
            assert link["href"] == f"#s{i}-{first.start}"  # lands on the mention's words
            label = f"reported by {report.sources[i].outlet or report.sources[i].title}"
            assert link["aria-label"] == link["title"] == label
            assert cell.text == "●" and cell.attrs == {"class": "hit"}


def test_marked_cell_markup_and_its_target() -> None:
    report = full_report()
    document = render_html(report)
    m = report.facts[0].mentions[0]
    assert (
        f'<td class="hit"><a href="#s0-{m.start}" title="reported by NPR" '
        'aria-label="reported by NPR">●</a></td>'
    ) in document
    # The target is the mark around exactly the mention's words.
    mark = f'<mark id="s0-{m.start}">'
    words = document[document.index(mark) + len(mark) :].split("</mark>", 1)[0]
    assert words == report.sources[0].text[m.start : m.end].replace('"', "&quot;")


def test_grid_footer_counts_facts_per_source() -> None:
    page = Page(render_html(full_report()))
    (foot,) = page.grid["tfoot"]
    assert [c.text for c in foot] == ["Facts reported", "1", "2", "0", "1", "1"]
    assert foot[0].attrs["scope"] == "row"


def test_grid_support_without_mention_links_to_the_card() -> None:
    sources = (
        Source(0, "a.txt", "Four missiles fell."),
        Source(1, "b.txt", "Four missiles fell too."),
        Source(2, "c.txt", "Same as a.", status="duplicate"),
    )
    # Source 2 is not used but a fact names it: it gets a column so no support is hidden;
    # source 9 does not exist: it gets none.
    fact = Fact("Four missiles fell.", (0, 1, 2, 9), (Mention(0, 0, 19),))
    page = Page(render_html(Report(sources, Summary(), facts=(fact,))))
    (head,) = page.grid["thead"]
    assert [c.text for c in head] == ["Fact", "[1]a.txt", "[2]b.txt", "[3]c.txt"]
    (row,) = page.grid["tbody"]
    assert [c.links[0]["href"] for c in row[1:]] == ["#s0-0", "#src1", "#src2"]


def test_grid_scrolls_inside_its_box_on_phones() -> None:
    document = render_html(full_report())
    page = Page(document)
    (wrap,) = page.with_class("grid-wrap")
    # Focusable and named: a keyboard can scroll it, a screen reader can name it.
    assert wrap == {
        "class": "grid-wrap",
        "role": "region",
        "aria-label": "Facts by report",
        "tabindex": "0",
    }
    style = document[document.index("<style>") : document.index("</style>")]
    assert ".grid-wrap { overflow-x: auto;" in style
    assert "position: sticky; left: 0;" in style
    assert "repeat(auto-fit, minmax(min(100%, 14rem), 1fr))" in style  # sides wrap


def test_no_facts_no_grid() -> None:
    page = Page(render_html(replace(full_report(), facts=())))
    assert page.tags("table") == []
    assert "facts" not in [a["id"] for a in page.tags("section")]


# --- HTML: disagreements, names, unique ----------------------------------------------------


def test_disagreements_side_by_side() -> None:
    report = attributed_report()
    document = render_html(report)
    page = Page(document)
    blocks = page.with_class("disagreement")
    assert [b["id"] for b in blocks] == ["d0", "d1"]
    assert len(page.with_class("sides")) == 2
    assert len(page.with_class("side")) == 4
    assert (
        '<div class="disagreement" id="d0">\n'
        '<h3><span class="kind">claim</span> <span dir="auto">casualties</span></h3>\n'
        '<div class="sides">\n<div class="side">\n<p dir="auto">One official said'
    ) in document
    assert (
        '<p class="said"><a class="cite" href="#src0" title="NPR">[1]</a>'
        '<a class="cite" href="#src3" title="Latin Post">[4]</a> '
        '<span class="why">— according to U.S. officials</span></p>'
    ) in document
    assert '<span class="why">— according to Reuters</span>' in document


def test_names_show_how_each_report_writes_them() -> None:
    page = Page(render_html(full_report()))
    words = "".join(page.text)
    assert "written as: Kaliber [1][2][3], Kalibr [2], Kalibir [5]" in words
    assert words.count("written as") == 1  # Shoigu has a single form: nothing to show
    assert "by the country’s troops. [5]" in words


def test_hostile_comparison_text_is_escaped_in_html() -> None:
    report = hostile_comparison_report()
    document = render_html(report)
    page = Page(document)
    assert page.tags("script") == [] and page.tags("img") == []
    for _, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")], attrs
        assert not {"src", "action", "formaction"} & set(attrs), attrs
    # Tooltips may hold "javascript:" as words; only an href could make it an address.
    hrefs = [a.get("href") or "" for a in page.tags("a")]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    words = "".join(page.text)
    for needle in (SCRIPT, IMG, JS, HOSTILE, f"— according to {IMG}"):
        assert needle in words
    # Attributes carry hostile outlets as text, whole.
    (row,) = page.grid["tbody"]
    assert [c.links[0]["aria-label"] for c in row[1:]] == [
        f"reported by {IMG}",
        f"reported by {JS}",
    ]
    assert row[0].text == f"{HOSTILE} — according to {IMG}"
    (head,) = page.grid["thead"]
    assert [c.text for c in head[1:]] == [f"[1]{abbreviate(IMG)}", f"[2]{abbreviate(JS)}"]


# --- Markdown -----------------------------------------------------------------------------


def to_html(markdown: str) -> str:
    return str(MarkdownIt("commonmark", {"html": True}).render(markdown))


def test_markdown_sections_follow_the_summary_in_order() -> None:
    out = render_markdown(attributed_report())
    order = [
        "Tom Bowman. [1][2][3][4][5]",
        "## Facts the reports agree on\n\n- At least four",
        "## Where they disagree\n\n- **claim** — casualties\n  - One official",
        "## Names\n\n- **Kalibr** (PRODUCT)",
        "## Only in one report\n\n- A large scale",
        "## Sources\n\n- [1] NPR",
    ]
    positions = [out.index(part) for part in order]
    assert positions == sorted(positions)
    assert "on Wednesday. [2][5] — *according to the Pentagon*\n" in out
    assert "  - Kaliber [1][2][3] — *according to Reuters*\n" in out
    html = to_html(out)
    assert "<li>Kaliber [1][2][3] — <em>according to Reuters</em></li>" in html


@pytest.mark.parametrize(
    "parts",
    [
        {"facts": ()},
        {"disagreements": ()},
        {"entities": ()},
        {"unique": ()},
        {"facts": (), "disagreements": (), "entities": (), "unique": ()},
    ],
)
def test_markdown_leaves_out_empty_sections(parts: dict[str, Any]) -> None:
    headings = {
        "facts": "## Facts the reports agree on",
        "disagreements": "## Where they disagree",
        "entities": "## Names",
        "unique": "## Only in one report",
    }
    out = render_markdown(replace(full_report(), **parts))
    shown = [line for line in out.splitlines() if line.startswith("## ")]
    assert shown == [h for key, h in headings.items() if key not in parts] + ["## Sources"]


def test_hostile_comparison_text_is_inert_in_markdown() -> None:
    out = render_markdown(hostile_comparison_report())
    html = to_html(out)
    for tag in ("<script", "<img", "<a ", "<strong>b", "<em>i", "<h1>"):
        assert tag not in html.split("<h1>", 1)[1], tag  # the title is ours
    # Each part still reads as written.
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert f"[x]({JS})" in html
    assert "&amp;amp;" in html  # "&amp;" in the text stays those five characters


def test_list_markers_in_items_stay_text() -> None:
    sources = (Source(0, "a.txt", "x"), Source(1, "b.txt", "y"))
    sides = (Side("26. fired", (0,)), Side("- 24", (1,)), Side("+ 25", (1,)))
    report = Report(
        sources,
        Summary(),
        facts=(Fact("1990. The year it began.", (0, 1), ()),),
        disagreements=(Disagreement("number", "missiles", sides),),
        unique=(UniqueDetail(0, "1) first"),),
    )
    html = to_html(render_markdown(report))
    assert "<ol" not in html
    assert html.count("<ul>") == 5  # facts, disagreements and their sides, unique, sources
    for item in ("1990. The year it began. [1][2]", "26. fired [1]", "- 24 [2]", "1) first [1]"):
        assert f"<li>{item}</li>" in html


# --- JSON ---------------------------------------------------------------------------------


def test_json_emits_attribution_of_every_fact_and_side() -> None:
    data = json.loads(render_json(attributed_report()))
    assert [f["attribution"] for f in data["facts"]] == ["CNN", "the Pentagon"]
    sides = [s["attribution"] for d in data["disagreements"] for s in d["sides"]]
    assert sides == ["U.S. officials", "a US official", "Reuters", "Reuters"]


@pytest.mark.parametrize("build", [attributed_report, hostile_comparison_report, full_report])
def test_schema_validates_reports_with_every_part_filled(build: Any) -> None:
    schema = load_schema()
    data = json.loads(render_json(build()))
    assert all(data[key] for key in ("facts", "disagreements", "entities", "unique"))
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


# --- shared helpers -----------------------------------------------------------------------


def test_according_to_names_the_speaker_once() -> None:
    assert according_to("U.S. officials") == "according to U.S. officials"
    assert according_to("According to  CNN") == "According to CNN"
    assert according_to("  ") is None and according_to(None) is None


def test_written_as_only_when_a_form_differs() -> None:
    assert written_as(Entity("Kalibr", "PRODUCT", (0,), {"Kalibr": (0,)})) == []
    assert written_as(Entity("Kalibr", "PRODUCT", (0,))) == []
    assert written_as(Entity("Kalibr", "PRODUCT", (0,), {"Kaliber": (0,)})) == [("Kaliber", (0,))]


def test_abbreviate_keeps_letters_whole() -> None:
    assert abbreviate("NPR") == "NPR"
    assert abbreviate("Latin  Post\n") == "Latin Post"
    assert abbreviate("abcdefghijklm") == "abcdefghijklm"  # one over: "…" saves nothing
    assert abbreviate("The Washington Post") == "The Washingt…"
    assert abbreviate("abcdefghijke\u0301xyz") == "abcdefghijke\u0301…"
    assert abbreviate("abcdefghijk👋🏽xyz") == "abcdefghijk👋🏽…"
