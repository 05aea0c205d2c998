"""Contract checks shared by the property tests and the fuzz harnesses (fuzz/): each takes
what a stage returned and raises AssertionError saying what broke."""

from __future__ import annotations

import json
from collections.abc import Sequence

from jsonschema import Draft202012Validator

from newsfuse import render_html, render_json, render_markdown
from newsfuse.model import Report, Source
from newsfuse.render.json import load_schema

STATUSES = frozenset({"used", "empty", "duplicate", "unreadable", "off-topic"})
_VALIDATOR = Draft202012Validator(load_schema())


def check_sources(sources: Sequence[Source]) -> None:
    """Ingest's contract: at least one Source, each with a known status, a reason when
    unreadable, its text normalised (no CR, no leading BOM), non-blank when used and
    blank when empty."""
    assert sources, "no Source at all"
    for source in sources:
        assert source.status in STATUSES, source.status
        assert isinstance(source.name, str)
        if source.status == "unreadable":
            assert source.error, f"{source.name}: unreadable without a reason"
            assert source.text == ""
        for field in (source.name, source.text, source.title, source.outlet, source.url):
            (field or "").encode("utf-8")  # no lone surrogate: the report must be writable
        assert "\r" not in source.text, f"{source.name}: CR left in the text"
        assert not source.text.startswith("\ufeff"), f"{source.name}: BOM left"
        if source.status == "used":
            assert source.text.strip(), f"{source.name}: used but blank"
        if source.status == "empty":
            assert not source.text.strip(), f"{source.name}: empty but has text"


def check_spans(text: str, spans: Sequence[tuple[int, int]]) -> None:
    """Sentence spans: exact offsets into ``text``, in order, not overlapping, stripped,
    non-empty, and together covering every non-space character."""
    covered = 0
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text), (previous_end, start, end)
        piece = text[start:end]
        assert piece == piece.strip(), f"span not stripped: {piece[:40]!r}"
        assert not text[previous_end:start].strip(), f"skipped {text[previous_end:start]!r}"
        covered += end - start
        previous_end = end
    assert not text[previous_end:].strip(), f"skipped {text[previous_end:][:40]!r}"
    assert covered <= len(text)


def check_report(report: Report, documents: int, words: int) -> None:
    """fuse's contract: every input in ``sources``, the word budget kept, every summary
    sentence and fact mention exactly its source's words, valid report JSON, and every
    rendering writable as UTF-8."""
    assert len(report.sources) == documents
    assert report.summary.words <= words, (report.summary.words, words)
    for sentence in report.summary.sentences:
        source = report.sources[sentence.source]
        assert source.status == "used"
        assert source.text[sentence.start : sentence.end] == sentence.text
        assert sentence.source in sentence.support
    for fact in report.facts:
        for mention in fact.mentions:
            assert report.sources[mention.source].text[mention.start : mention.end]
    _VALIDATOR.validate(json.loads(render_json(report)))
    for render in (render_json, render_markdown, render_html):
        render(report).encode("utf-8")
