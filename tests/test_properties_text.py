"""Properties of clean and segment over any text (hypothesis): clean loses no line (each
is kept, removed with a reason, or the title), segment's spans are exact, ordered,
stripped offsets that cover every non-space character."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from invariants import check_spans
from newsfuse.clean import _SPACE_LIKE, clean_source
from newsfuse.ingest import sources_from_documents
from newsfuse.segment import segment, split_sentences
from text_strategies import DOCUMENT, SAMPLES

_LINES = st.lists(DOCUMENT, min_size=1, max_size=8).map("\n".join)


def _lines(text: str) -> Counter[str]:
    """The non-blank lines of ``text`` as clean compares them (whitespace collapsed)."""
    found = (" ".join(line.translate(_SPACE_LIKE).split()) for line in text.split("\n"))
    return Counter(line for line in found if line)


@given(text=_LINES)
@example(text="\n".join(SAMPLES.values()))
@example(text="Share this:\nFacebook Twitter\n\u202eBy Jane Doe\nRussia fired 26 missiles.")
def test_clean_keeps_removes_or_titles_every_line(text: str) -> None:
    [source] = sources_from_documents([text])
    cleaned = clean_source(source)
    if source.status != "used":
        assert cleaned == source
        return
    assert cleaned.status == ("used" if cleaned.text else "empty")
    assert cleaned.text == cleaned.text.strip()
    accounted = _lines(cleaned.text) + Counter(r.text for r in cleaned.removed)
    if cleaned.title is not None:
        accounted[cleaned.title] += 1
    assert accounted == _lines(source.text)
    assert all(r.why for r in cleaned.removed)


@given(text=st.one_of(DOCUMENT, _LINES))
@example(text=SAMPLES["no-spaces"] * 1000)
@example(text=SAMPLES["only-punctuation"])
@example(text=SAMPLES["control-chars"])
@example(text="a . b . ''" + ' " . x' * 3)
def test_sentence_spans_are_exact_ordered_and_cover_the_text(text: str) -> None:
    check_spans(text, split_sentences(text))


@given(documents=st.lists(_LINES, min_size=1, max_size=4))
def test_segment_sentences_are_their_sources_words_in_order(documents: list[str]) -> None:
    sources = [clean_source(s) for s in sources_from_documents(documents)]
    sentences = segment(sources)
    keys = [(s.source, s.position) for s in sentences]
    assert keys == sorted(keys)
    for sentence in sentences:
        source = sources[sentence.source]
        assert source.status == "used"
        assert source.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text != ""


def test_one_megabyte_single_lines_split_exactly() -> None:
    for text in (
        "The missile hit the town, officials said. " * 24_000,
        SAMPLES["no-spaces"] * 17_000,
        "🚀💥" * 250_000,
        SAMPLES["arabic"] * 7_000,
        "." * 1_000_000,
        "a . " * 250_000,
    ):
        check_spans(text, split_sentences(text))
