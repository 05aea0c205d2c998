"""The report as Markdown for people, and printed to the terminal with rich."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console
from rich.markdown import Markdown

from newsfuse.model import Disagreement, Entity, Fact, Report
from newsfuse.render._common import (
    according_to,
    cited,
    number,
    plural,
    safe_url,
    status_reason,
    story_title,
    written_as,
)

# Characters that would turn source text into Markdown (emphasis, links, HTML, code, tables;
# "!" needs no escape: an image starts "![" and "[" is escaped).
# Escaping them keeps "[x](javascript:...)" or "<script>" in a report inert wherever the file
# is rendered; CommonMark allows a backslash before any ASCII punctuation.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
# At the start of a line these begin a list or heading; our paragraphs start with source text.
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def render_markdown(report: Report) -> str:
    """The report as one Markdown document.

    The story's title, the summary (a paragraph per sentence, each followed by its
    citations ``[1][3]``, 1-based), then the facts, disagreements, names and single-source
    details when there are any, and always the sources with status, reasons and removed
    chrome. All source text is escaped, so it never becomes markup.
    """
    blocks = [f"# {_inline(story_title(report))}", _summary(report)]
    blocks += [
        section
        for section in (
            _section("Facts the reports agree on", [_fact(f) for f in report.facts]),
            _section("Where they disagree", [_disagreement(d) for d in report.disagreements]),
            _section("Names", [_entity(e) for e in report.entities]),
            _section(
                "Only in one report",
                [f"- {_paragraph(u.text)} {_cite([u.source])}" for u in report.unique],
            ),
        )
        if section
    ]
    blocks.append(_section("Sources", _sources(report)) or "## Sources\n\nNo sources.")
    return "\n\n".join(blocks) + "\n"


def print_markdown(report: Report, console: Console | None = None) -> None:
    """Print the report to ``console`` (standard output by default) as rendered Markdown."""
    (console or Console()).print(Markdown(render_markdown(report)))


def _inline(text: str) -> str:
    """Source text as one line of Markdown that renders as exactly that text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _paragraph(text: str) -> str:
    """Like ``_inline``, and safe at the start of a line or list item ("1990. ..." and
    "- 24" are not lists)."""
    escaped = _inline(text)
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _cite(sources: Iterable[int]) -> str:
    """Citations as ``[1][3]``: 1-based, sorted, each once."""
    return "".join(f"[{number(s)}]" for s in cited(sources))


def _section(heading: str, items: list[str]) -> str:
    """A ``##`` section of ``items``, or "" when there are none (the section is left out)."""
    if not items:
        return ""
    return f"## {heading}\n\n" + "\n".join(items)


def _summary(report: Report) -> str:
    sentences = report.summary.sentences
    if not sentences:
        return "*No summary: no report had usable text.*"
    return "\n\n".join(
        f"{_paragraph(s.text)} {_cite(cited(s.support, s.source))}" for s in sentences
    )


def _attribution(who: str | None) -> str:
    """`` — *according to X*`` after a statement, or "" when nobody is named."""
    words = according_to(who)
    return f" — *{_inline(words)}*" if words else ""


def _fact(fact: Fact) -> str:
    """``- text [1][3] — *according to X*``: every source that supports or mentions it."""
    sources = (*fact.support, *(m.source for m in fact.mentions))
    return f"- {_paragraph(fact.text)} {_cite(sources)}{_attribution(fact.attribution)}"


def _disagreement(disagreement: Disagreement) -> str:
    """``- **kind** — topic``, then one nested item per side: text, citations, who says it."""
    lines = [f"- **{_inline(disagreement.kind)}** — {_inline(disagreement.topic)}"]
    lines += [
        f"  - {_paragraph(side.text)} {_cite(side.sources)}{_attribution(side.attribution)}"
        for side in disagreement.sides
    ]
    return "\n".join(lines)


def _entity(entity: Entity) -> str:
    """``- **name** (TYPE) [1][2] — written as: Kalibr [2], Kaliber [1]`` (forms when any
    differs from the name)."""
    line = f"- **{_inline(entity.name)}** ({_inline(entity.type)}) {_cite(entity.sources)}"
    forms = ", ".join(f"{_inline(form)} {_cite(sources)}" for form, sources in written_as(entity))
    return f"{line} — written as: {forms}" if forms else line


def _sources(report: Report) -> list[str]:
    """One item per source: ``[n] outlet — title (name), N words, status``, then details."""
    items = []
    for position, source in enumerate(report.sources):
        label = " — ".join(_inline(part) for part in (source.outlet, source.title) if part)
        name = f"{label} ({_inline(source.name)})" if label else _inline(source.name)
        line = f"- [{number(position)}] {name}, {plural(source.words, 'word')}"
        line += f", {_inline(source.status)}"
        reason = status_reason(report, position)
        if reason is not None:
            line += f": {_inline(reason.text)}"
            if reason.same_as is not None:
                line += f" {_cite([reason.same_as])}"
        url = safe_url(source.url)
        if url:
            line += f" <{url}>"
        if source.removed:
            removed = ", ".join(f'"{_inline(r.text)}" ({_inline(r.why)})' for r in source.removed)
            line += f"\n  - removed: {removed}"
        items.append(line)
    return items
