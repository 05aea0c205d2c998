"""The report as one self-contained HTML5 page: citations that jump to the cited words.

Every string that came from the input is escaped; links go out only to http(s) addresses;
the page has no script and forbids any through its Content-Security-Policy.
"""

from __future__ import annotations

from itertools import pairwise
from string import Template
from typing import NamedTuple

from newsfuse.model import Report, Source
from newsfuse.render import _html_comparison as comparison
from newsfuse.render._common import number, plural, safe_url, status_reason, story_title
from newsfuse.render._html_parts import Links, Span, cites, escape, section
from newsfuse.render._html_style import STYLE

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
    marked links to the source's card ``#src{source}`` instead. Facts are a grid of which
    source states each one (a mark links to the words there); each disagreement shows its
    sides next to each other.
    """
    parts = report_parts(report)
    body = [parts.header, *parts.sections, parts.sources]
    return _PAGE.substitute(
        csp=_CSP,
        title=escape(f"{story_title(report)} — newsfuse"),
        style=STYLE,
        body="\n".join(part for part in body if part),
    )


class ReportParts(NamedTuple):
    """The page's pieces, escaped HTML each, for pages that lay them out otherwise (the web
    app shows the sources beside the rest)."""

    header: str
    sections: list[str]  # summary, facts, disagreements, names, unique details
    sources: str


def report_parts(report: Report) -> ReportParts:
    """The pieces of ``render_html``'s page, with the same links between them."""
    links = Links(report)
    sections = [
        _summary(report, links),
        comparison.facts(report, links),
        comparison.disagreements(report, links),
        comparison.entities(report, links),
        comparison.unique(report, links),
    ]
    return ReportParts(
        _header(report), [part for part in sections if part], _sources(report, links)
    )


def _header(report: Report) -> str:
    title = f'<h1 dir="auto">{escape(story_title(report))}</h1>'
    return f"<header>\n{title}\n{_byline(report)}\n</header>"


def _byline(report: Report) -> str:
    used = sum(1 for s in report.sources if s.status == "used")
    words = plural(report.summary.words, "word")
    return f'<p class="byline">{words} from {plural(used, "report")} of {len(report.sources)}</p>'


def _summary(report: Report, links: Links) -> str:
    sentences = report.summary.sentences
    if not sentences:
        return section("summary", "Summary", "<p>No summary: no report had usable text.</p>")
    rows = [
        f'<p dir="auto">{escape(s.text)} {cites(links, links.for_sentence(s))}</p>'
        for s in sentences
    ]
    return section("summary", "Summary", '<div class="summary">\n' + "\n".join(rows) + "\n</div>")


def _sources(report: Report, links: Links) -> str:
    cards = "\n".join(
        _source(report, position, links.spans.get(position, set()))
        for position in range(len(report.sources))
    )
    return section("sources", "Sources", f'<div class="sources">\n{cards}\n</div>')


def _source(report: Report, position: int, spans: set[Span]) -> str:
    """One source's card: who and what, its status and why, removed chrome, the text."""
    source = report.sources[position]
    status = source.status if source.status in _KNOWN_STATUSES else "unknown"
    classes = "source" if status == "used" else "source unused"
    parts = [
        f'<article class="{classes}" id="src{position}">',
        f'<p class="meta">[{number(position)}] <strong>{escape(source.outlet or "")}</strong></p>'
        if source.outlet
        else f'<p class="meta">[{number(position)}]</p>',
        f'<h3 dir="auto">{escape(source.title or source.name)}</h3>',
        _source_meta(source, status),
    ]
    reason = status_reason(report, position)
    if reason is not None:
        same = reason.same_as
        link = "" if same is None else f' <a href="#src{same}">[{number(same)}]</a>'
        parts.append(f'<p class="why">{escape(reason.text)}{link}</p>')
    if source.removed:
        parts.append(_removed(source))
    if source.status == "used" and source.text:
        parts.append(f'<div class="text" dir="auto">{_marked(source.text, spans, position)}</div>')
    parts.append("</article>")
    return "\n".join(parts)


def _source_meta(source: Source, status: str) -> str:
    meta = [escape(source.name), plural(source.words, "word")]
    if source.published:
        meta.append(escape(source.published))
    url = safe_url(source.url)
    if url:
        meta.append(f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{escape(url)}</a>')
    elif source.url:
        meta.append(escape(source.url))  # not http(s): shown, never linked
    meta.append(f'<span class="status status-{status}">{escape(source.status)}</span>')
    return f'<p class="meta">{" · ".join(meta)}</p>'


def _removed(source: Source) -> str:
    rows = "\n".join(
        f'<li><q dir="auto">{escape(r.text)}</q> <span class="why">{escape(r.why)}</span></li>'
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
        piece = escape(text[a:b])
        if not any(start <= a and b <= end for start, end in spans):
            pieces.append(piece)
        elif a in starts:
            pieces.append(f'<mark id="s{source}-{a}">{piece}</mark>')
        else:
            pieces.append(f"<mark>{piece}</mark>")
    return "".join(pieces)
