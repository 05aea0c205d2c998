"""The comparison sections of the HTML page: what the reports agree on, where they
disagree, how they write names, and what only one of them says.

Facts are a source-by-fact grid (one row per fact, one column per source, a marked cell
links to that source's words); each disagreement shows its sides next to each other.
"""

from __future__ import annotations

from newsfuse.model import Disagreement, Entity, Fact, Report, Source
from newsfuse.render._common import abbreviate, in_range, number, written_as
from newsfuse.render._html_parts import (
    Links,
    attribution,
    cites,
    escape,
    items,
    section,
)

# What a marked cell shows; its accessible name says it in words ("reported by NPR").
_MARK = "●"


def facts(report: Report, links: Links) -> str:
    """The coverage grid, or "" without facts.

    Columns: every used source, and any other source a fact names (so no support is
    hidden). A cell is marked when the fact's support or mentions name the source, and
    links to its first mention there (else to the source's card). The footer counts the
    facts of each column.
    """
    if not report.facts:
        return ""
    targets = [links.for_fact(f) for f in report.facts]
    named = {s for row in targets for s in row if in_range(report, s)}
    columns = [
        i for i, source in enumerate(report.sources) if source.status == "used" or i in named
    ]
    head = "".join(_column_head(links, report.sources[i], i) for i in columns)
    rows = "\n".join(
        _fact_row(links, fact, position, row, columns)
        for position, (fact, row) in enumerate(zip(report.facts, targets, strict=True))
    )
    counts = "".join(f"<td>{sum(i in row for row in targets)}</td>" for i in columns)
    table = (
        '<table class="grid">\n'
        "<caption>Which report states each fact: a mark links to its words there.</caption>\n"
        f'<thead>\n<tr><th scope="col" class="fact">Fact</th>{head}</tr>\n</thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n"
        f'<tfoot>\n<tr><th scope="row" class="fact">Facts reported</th>{counts}</tr>\n'
        "</tfoot>\n</table>"
    )
    # A focusable, labelled region: keyboard users can scroll a grid wider than the screen.
    wrap = '<div class="grid-wrap" role="region" aria-label="Facts by report" tabindex="0">'
    return section("facts", "Facts the reports agree on", f"{wrap}\n{table}\n</div>")


def _column_head(links: Links, source: Source, position: int) -> str:
    """``[n]`` and the source's label (outlet, else title, else file name) cut short; the
    link's title gives outlet, title and file name in full."""
    full = " — ".join(dict.fromkeys(p for p in (source.outlet, source.title, source.name) if p))
    short = abbreviate(links.label(position))
    return (
        f'<th scope="col"><a href="#src{position}" title="[{number(position)}] {escape(full)}">'
        f'[{number(position)}]<span class="col-name" dir="auto">{escape(short)}</span></a></th>'
    )


def _fact_row(
    links: Links, fact: Fact, position: int, targets: dict[int, str], columns: list[int]
) -> str:
    cells = []
    for source in columns:
        href = targets.get(source)
        if href is None:
            cells.append("<td></td>")
            continue
        said = escape(f"reported by {links.label(source)}")
        cells.append(
            f'<td class="hit"><a href="{escape(href)}" title="{said}" aria-label="{said}">'
            f"{_MARK}</a></td>"
        )
    return (
        f'<tr><th scope="row" class="fact" id="f{position}" dir="auto">{escape(fact.text)}'
        f"{attribution(fact.attribution)}</th>{''.join(cells)}</tr>"
    )


def disagreements(report: Report, links: Links) -> str:
    """One block per disagreement: kind and topic as its heading, then its sides as
    columns (stacked when the screen is too narrow), each with citations and who says it."""
    if not report.disagreements:
        return ""
    content = "\n".join(_disagreement(links, d, i) for i, d in enumerate(report.disagreements))
    return section("disagreements", "Where they disagree", content)


def _disagreement(links: Links, disagreement: Disagreement, position: int) -> str:
    sides = "\n".join(
        f'<div class="side">\n<p dir="auto">{escape(side.text)}</p>\n'
        f'<p class="said">{cites(links, links.for_sources(side.sources))}'
        f"{attribution(side.attribution)}</p>\n</div>"
        for side in disagreement.sides
    )
    return (
        f'<div class="disagreement" id="d{position}">\n'
        f'<h3><span class="kind">{escape(disagreement.kind)}</span> '
        f'<span dir="auto">{escape(disagreement.topic)}</span></h3>\n'
        f'<div class="sides">\n{sides}\n</div>\n</div>'
    )


def entities(report: Report, links: Links) -> str:
    """Each name with its type and sources, then how each report writes it."""
    if not report.entities:
        return ""
    return section("entities", "Names", items([_entity(links, e) for e in report.entities]))


def _entity(links: Links, entity: Entity) -> str:
    forms = ", ".join(
        f'<span dir="auto">{escape(form)}</span> {cites(links, links.for_sources(sources))}'
        for form, sources in written_as(entity)
    )
    written = f'<br><span class="why">written as:</span> {forms}' if forms else ""
    return (
        f'<li><strong dir="auto">{escape(entity.name)}</strong> '
        f'<span class="why">{escape(entity.type)}</span> '
        f"{cites(links, links.for_sources(entity.sources))}{written}</li>"
    )


def unique(report: Report, links: Links) -> str:
    """Details a single report gives, each citing it."""
    if not report.unique:
        return ""
    rows = [
        f'<li dir="auto">{escape(u.text)} {cites(links, links.for_sources([u.source]))}</li>'
        for u in report.unique
    ]
    return section("unique", "Only in one report", items(rows))
