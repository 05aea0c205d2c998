"""Pieces every part of the HTML page uses: escaping, where citations point, sections.

Every string from the input goes through ``escape``; hrefs are only ever ``#`` anchors built
here from integers, or http(s) addresses checked by ``safe_url``.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable

from newsfuse.model import Fact, Report, SummarySentence
from newsfuse.render._common import according_to, cited, in_range, number

Span = tuple[int, int]


def escape(text: str) -> str:
    """Escape text for HTML content and quoted attribute values alike."""
    return html.escape(text, quote=True)


class Links:
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
        """Href per source of a fact (support and mentions): its first mention there, else
        its card."""
        targets = {s: self.to_source(s) for s in cited(fact.support)}
        for m in reversed(fact.mentions):  # reversed: the first mention of a source wins
            targets[m.source] = self.to_span(m.source, m.start, m.end)
        return targets

    def for_sources(self, sources: Iterable[int]) -> dict[int, str]:
        """Href per source when only the sources are known (sides, names, unique details)."""
        return {s: self.to_source(s) for s in cited(sources)}

    def label(self, source: int) -> str:
        """What a citation's tooltip names: the outlet, else the title, else the file name."""
        if not in_range(self._report, source):
            return f"source {number(source)}"
        shown = self._report.sources[source]
        return shown.outlet or shown.title or shown.name


def cites(links: Links, targets: dict[int, str]) -> str:
    """Citation links ``[1][3]`` in source order."""
    return "".join(
        f'<a class="cite" href="{escape(href)}" title="{escape(links.label(s))}">[{number(s)}]</a>'
        for s, href in sorted(targets.items())
    )


def section(key: str, heading: str, content: str) -> str:
    """A ``<section id=key>``; ``heading`` is ours, ``content`` already escaped."""
    return f'<section id="{key}">\n<h2>{heading}</h2>\n{content}\n</section>'


def items(rows: list[str]) -> str:
    """A bulleted list of already escaped rows."""
    return '<ul class="items">\n' + "\n".join(rows) + "\n</ul>"


def attribution(who: str | None) -> str:
    """`` — according to X`` after a statement, or "" when nobody is named."""
    words = according_to(who)
    return f' <span class="why">— {escape(words)}</span>' if words else ""
