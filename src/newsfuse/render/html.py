"""The report as one self-contained HTML5 page: citations that jump to the cited words.

Every string that came from the input is escaped; links go out only to http(s) addresses;
the page has no script and forbids any through its Content-Security-Policy.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from string import Template

from newsfuse.model import Disagreement, Entity, Fact, Report, Source, SummarySentence
from newsfuse.render._common import (
    cited,
    in_range,
    number,
    plural,
    safe_url,
    status_reason,
    story_title,
)
from newsfuse.render._html_style import STYLE

Span = tuple[int, int]

_KNOWN_STATUSES = frozenset({"used", "empty", "duplicate", "unreadable", "off-topic"})

# No script may run, whatever slipped through; inline styles are the page's own.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_PAGE = Template(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="generator" content="newsfuse">
<title>$title</title>
<style>
$style
</style>
</head>
<body>
<main>
$body
</main>
</body>
</html>
"""
)


def render_html(report: Report) -> str:
    """The report as one HTML5 document that needs nothing else to be read.

    Each summary citation links to ``#s{source}-{start}``: the cited words, marked in that
    source's cleaned text (``:target`` highlights them); a citation whose words cannot be
    marked links to the source's card ``#src{source}`` instead.
    """
    links = _Links(report)
    body = [
        f'<header>\n<h1 dir="auto">{_e(story_title(report))}</h1>\n{_byline(report)}\n</header>',
        _summary(report, links),
        _facts(report, links),
        _disagreements(report, links),
        _entities(report, links),
        _unique(report, links),
        _sources(report, links),
    ]
    return _PAGE.substitute(
        csp=_CSP,
        title=_e(f"{story_title(report)} — newsfuse"),
        style=STYLE,
        body="\n".join(part for part in body if part),
    )


def _e(text: str) -> str:
    """Escape text for HTML content and quoted attribute values alike."""
    return html.escape(text, quote=True)


class _Links:
    """Which spans each source's text marks, and where each citation points."""

    def __init__(self, report: Report) -> None:
        self._report = report
        self.spans: dict[int, set[Span]] = defaultdict(set)
        # A summary sentence that is also a fact's mention finds its other sources' words.
        self._fact_at: dict[tuple[int, int, int], Fact] = {}
        for sentence in report.summary.sentences:
            self._add(sentence.source, sentence.start, sentence.end)
        for fact in report.facts:
            for m in fact.mentions:
                self._add(m.source, m.start, m.end)
                self._fact_at.setdefault((m.source, m.start, m.end), fact)

    def _add(self, source: int, start: int, end: int) -> None:
        # Only used sources show their text, and only offsets inside it can be marked.
        if not in_range(self._report, source):
            return
        shown = self._report.sources[source]
        if shown.status == "used" and 0 <= start < end <= len(shown.text):
            self.spans[source].add((start, end))

    def to_span(self, source: int, start: int, end: int) -> str:
        """The href for words of a source: their mark, else the source's card."""
        if (start, end) in self.spans.get(source, set()):
            return f"#s{source}-{start}"
        return self.to_source(source)

    def to_source(self, source: int) -> str:
        """The href of a source's card (the sources section if there is no such source)."""
        return f"#src{source}" if in_range(self._report, source) else "#sources"

    def for_sentence(self, sentence: SummarySentence) -> dict[int, str]:
        """Href per cited source of a summary sentence: its own words, or its fact's."""
        fact = self._fact_at.get((sentence.source, sentence.start, sentence.end))
        targets = {s: self.to_source(s) for s in cited(sentence.support, sentence.source)}
        if fact is not None:
            targets.update(self.for_fact(fact))
        targets[sentence.source] = self.to_span(sentence.source, sentence.start, sentence.end)
        return targets

    def for_fact(self, fact: Fact) -> dict[int, str]:
        """Href per supporting source of a fact: its first mention there, else its card."""
        targets = {s: self.to_source(s) for s in cited(fact.support)}
        for m in reversed(fact.mentions):  # reversed: the first mention of a source wins
            targets[m.source] = self.to_span(m.source, m.start, m.end)
        return targets

    def for_sources(self, sources: Iterable[int]) -> dict[int, str]:
        """Href per source when only the sources are known (sides, names, unique details)."""
        return {s: self.to_source(s) for s in cited(sources)}

    def label(self, source: int) -> str:
        """What a citation's tooltip names: the outlet, else the file name."""
        if not in_range(self._report, source):
            return f"source {number(source)}"
        shown = self._report.sources[source]
        return shown.outlet or shown.title or shown.name


def _cites(links: _Links, targets: dict[int, str]) -> str:
    """Citation links ``[1][3]`` in source order."""
    return "".join(
        f'<a class="cite" href="{_e(href)}" title="{_e(links.label(s))}">[{number(s)}]</a>'
        for s, href in sorted(targets.items())
    )


def _section(key: str, heading: str, content: str) -> str:
    """A ``<section id=key>``; ``heading`` is ours, ``content`` already escaped."""
    return f'<section id="{key}">\n<h2>{heading}</h2>\n{content}\n</section>'


def _items(rows: list[str]) -> str:
    return '<ul class="items">\n' + "\n".join(rows) + "\n</ul>"


def _byline(report: Report) -> str:
    used = sum(1 for s in report.sources if s.status == "used")
    words = plural(report.summary.words, "word")
    return f'<p class="byline">{words} from {plural(used, "report")} of {len(report.sources)}</p>'


def _attribution(attribution: str | None) -> str:
    return f' <span class="why">— {_e(attribution)}</span>' if attribution else ""


def _summary(report: Report, links: _Links) -> str:
    sentences = report.summary.sentences
    if not sentences:
        return _section("summary", "Summary", "<p>No summary: no report had usable text.</p>")
    rows = [
        f'<p dir="auto">{_e(s.text)} {_cites(links, links.for_sentence(s))}</p>' for s in sentences
    ]
    return _section("summary", "Summary", '<div class="summary">\n' + "\n".join(rows) + "\n</div>")


def _facts(report: Report, links: _Links) -> str:
    if not report.facts:
        return ""
    rows = [
        f'<li dir="auto">{_e(f.text)} {_cites(links, links.for_fact(f))}'
        f"{_attribution(f.attribution)}</li>"
        for f in report.facts
    ]
    return _section("facts", "Facts the reports agree on", _items(rows))


def _disagreement(links: _Links, disagreement: Disagreement) -> str:
    sides = "\n".join(
        f'<div class="side" dir="auto">{_e(side.text)} '
        f"{_cites(links, links.for_sources(side.sources))}{_attribution(side.attribution)}</div>"
        for side in disagreement.sides
    )
    return (
        f'<h3><span class="kind">{_e(disagreement.kind)}</span> {_e(disagreement.topic)}</h3>\n'
        f'<div class="sides">\n{sides}\n</div>'
    )


def _disagreements(report: Report, links: _Links) -> str:
    if not report.disagreements:
        return ""
    content = "\n".join(_disagreement(links, d) for d in report.disagreements)
    return _section("disagreements", "Where they disagree", content)


def _entity(links: _Links, entity: Entity) -> str:
    variants = ", ".join(
        f"{_e(name)} {_cites(links, links.for_sources(sources))}"
        for name, sources in entity.variants.items()
    )
    written = f'<br><span class="why">written as</span> {variants}' if variants else ""
    return (
        f'<li><strong dir="auto">{_e(entity.name)}</strong> <span class="why">{_e(entity.type)}'
        f"</span> {_cites(links, links.for_sources(entity.sources))}{written}</li>"
    )


def _entities(report: Report, links: _Links) -> str:
    if not report.entities:
        return ""
    return _section("entities", "Names", _items([_entity(links, e) for e in report.entities]))


def _unique(report: Report, links: _Links) -> str:
    if not report.unique:
        return ""
    rows = [
        f'<li dir="auto">{_e(u.text)} {_cites(links, links.for_sources([u.source]))}</li>'
        for u in report.unique
    ]
    return _section("unique", "Only in one report", _items(rows))


def _sources(report: Report, links: _Links) -> str:
    cards = "\n".join(
        _source(report, position, links.spans.get(position, set()))
        for position in range(len(report.sources))
    )
    return _section("sources", "Sources", f'<div class="sources">\n{cards}\n</div>')


def _source(report: Report, position: int, spans: set[Span]) -> str:
    """One source's card: who and what, its status and why, removed chrome, the text."""
    source = report.sources[position]
    status = source.status if source.status in _KNOWN_STATUSES else "unknown"
    classes = "source" if status == "used" else "source unused"
    parts = [
        f'<article class="{classes}" id="src{position}">',
        f'<p class="meta">[{number(position)}] <strong>{_e(source.outlet or "")}</strong></p>'
        if source.outlet
        else f'<p class="meta">[{number(position)}]</p>',
        f'<h3 dir="auto">{_e(source.title or source.name)}</h3>',
        _source_meta(source, status),
    ]
    reason = status_reason(report, position)
    if reason is not None:
        same = reason.same_as
        link = "" if same is None else f' <a href="#src{same}">[{number(same)}]</a>'
        parts.append(f'<p class="why">{_e(reason.text)}{link}</p>')
    if source.removed:
        parts.append(_removed(source))
    if source.status == "used" and source.text:
        parts.append(f'<div class="text" dir="auto">{_marked(source.text, spans, position)}</div>')
    parts.append("</article>")
    return "\n".join(parts)


def _source_meta(source: Source, status: str) -> str:
    meta = [_e(source.name), plural(source.words, "word")]
    if source.published:
        meta.append(_e(source.published))
    url = safe_url(source.url)
    if url:
        meta.append(f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>')
    elif source.url:
        meta.append(_e(source.url))  # not http(s): shown, never linked
    meta.append(f'<span class="status status-{status}">{_e(source.status)}</span>')
    return f'<p class="meta">{" · ".join(meta)}</p>'


def _removed(source: Source) -> str:
    rows = "\n".join(
        f'<li><q dir="auto">{_e(r.text)}</q> <span class="why">{_e(r.why)}</span></li>'
        for r in source.removed
    )
    count = plural(len(source.removed), "line")
    return (
        f"<details>\n<summary>Removed {count} of page chrome</summary>\n"
        f"<ul>\n{rows}\n</ul>\n</details>"
    )


def _marked(text: str, spans: set[Span], source: int) -> str:
    """``text`` escaped, with each span in ``<mark>``; the piece starting a span gets its id.

    Spans may overlap, and marks cannot: the text is cut at every span boundary and each
    covered piece marked on its own, so every cited ``s{source}-{start}`` id exists once.
    """
    cuts = sorted({0, len(text), *(i for span in spans for i in span)})
    starts = {start for start, _ in spans}
    pieces = []
    for a, b in pairwise(cuts):
        piece = _e(text[a:b])
        if not any(start <= a and b <= end for start, end in spans):
            pieces.append(piece)
        elif a in starts:
            pieces.append(f'<mark id="s{source}-{a}">{piece}</mark>')
        else:
            pieces.append(f"<mark>{piece}</mark>")
    return "".join(pieces)
