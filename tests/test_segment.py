"""segment: sentence spans on tricky news text (abbreviations, quotes, headlines, tokenized)."""

from __future__ import annotations

import time

import pytest

from newsfuse.model import Sentence, Source
from newsfuse.segment import MAX_SENTENCES, MAX_WORDS, segment, split_sentences

Span = tuple[int, int]

# Each case: (id, text, the sentences a careful human reader would cut it into).
CASES: list[tuple[str, str, list[str]]] = [
    (
        "us-mid-sentence",
        "The U.S. military said the strike failed. Officials declined to comment.",
        ["The U.S. military said the strike failed.", "Officials declined to comment."],
    ),
    (
        "sept-30",
        "The deadline is Sept. 30 for all filings. After that, fines apply.",
        ["The deadline is Sept. 30 for all filings.", "After that, fines apply."],
    ),
    (
        "gen-smith",
        "Gen. Smith arrived on Monday. He met the troops.",
        ["Gen. Smith arrived on Monday.", "He met the troops."],
    ),
    (
        "5-pm-mid-sentence",
        "The meeting ended at 5 p.m. on Friday. Nobody spoke.",
        ["The meeting ended at 5 p.m. on Friday.", "Nobody spoke."],
    ),
    (
        "dr",
        "Dr. Jones treated the patient. She recovered quickly.",
        ["Dr. Jones treated the patient.", "She recovered quickly."],
    ),
    (
        "mr-mrs-st",
        "Mr. and Mrs. Brown live in St. Louis. They moved in 2010.",
        ["Mr. and Mrs. Brown live in St. Louis.", "They moved in 2010."],
    ),
    (
        "straight-quote-ends-sentence",
        'He said, "We will win." Then he left.',
        ['He said, "We will win."', "Then he left."],
    ),
    (
        "curly-quote-ends-sentence",
        "He said, \u201cWe will win.\u201d Then he left.",
        ["He said, \u201cWe will win.\u201d", "Then he left."],
    ),
    (
        "curly-quote-then-attribution",
        "\u201cWe don\u2019t know,\u201d he said. \u201cWe will find out.\u201d",
        ["\u201cWe don\u2019t know,\u201d he said.", "\u201cWe will find out.\u201d"],
    ),
    (
        "question-in-quote",
        'She asked, "Why now?" Nobody answered.',
        ['She asked, "Why now?"', "Nobody answered."],
    ),
    (
        "question-exclamation",
        "Is this true? Nobody knows! We will see.",
        ["Is this true?", "Nobody knows!", "We will see."],
    ),
    (
        "headline-then-paragraph",
        "Missiles Crash in Iran\n"
        "Four Russian missiles crashed in Iran, officials said. The Kremlin denied it.",
        [
            "Missiles Crash in Iran",
            "Four Russian missiles crashed in Iran, officials said.",
            "The Kremlin denied it.",
        ],
    ),
    (
        "blank-lines-between-paragraphs",
        "Title\n\nFirst para. Second sentence.\n\nSecond para.",
        ["Title", "First para.", "Second sentence.", "Second para."],
    ),
    (
        "multinews-tokenized",
        "washington ( cnn ) a number of missiles crashed in iran . the pentagon confirmed it .",
        [
            "washington ( cnn ) a number of missiles crashed in iran .",
            "the pentagon confirmed it .",
        ],
    ),
    (
        "multinews-tokenized-quote",
        '" we do n\'t know , " he said . officials declined to comment .',
        ['" we do n\'t know , " he said .', "officials declined to comment ."],
    ),
    (
        "multinews-tokenized-closing-quote",
        'he said " we will win . " then he left .',
        ['he said " we will win . "', "then he left ."],
    ),
    (
        "multinews-tokenized-question-exclamation",
        "is it over ? nobody knows ! we will see .",
        ["is it over ?", "nobody knows !", "we will see ."],
    ),
    (
        "decimals",
        "The company earned 3.5 million dollars. Shares rose 2.5 percent.",
        ["The company earned 3.5 million dollars.", "Shares rose 2.5 percent."],
    ),
    (
        "money-and-percent",
        "Sales hit $1.2 billion, up 3.5% from 2014. Analysts were pleased.",
        ["Sales hit $1.2 billion, up 3.5% from 2014.", "Analysts were pleased."],
    ),
    (
        "ellipsis",
        "He paused... Then he spoke again.",
        ["He paused...", "Then he spoke again."],
    ),
    (
        "surrounding-whitespace",
        "  Leading space. Trailing space.  \n",
        ["Leading space.", "Trailing space."],
    ),
    ("empty", "", []),
    ("whitespace-only", "   \n\t  \n", []),
]

# Cases a splitter alone gets wrong, fixed by segment's own rules.
SYNTOK_FIXES: list[tuple[str, str, list[str]]] = [
    (
        "lt-col-title",
        "Lt. Col. Steve Warren said the missiles fell. He gave no number.",
        ["Lt. Col. Steve Warren said the missiles fell.", "He gave no number."],
    ),
    (
        "5-pm-ends-sentence",
        "The meeting ended at 5 p.m. Nobody spoke afterwards.",
        ["The meeting ended at 5 p.m.", "Nobody spoke afterwards."],
    ),
    (
        "us-ends-sentence",
        "It ended in the U.S. Then it moved on.",
        ["It ended in the U.S.", "Then it moved on."],
    ),
    (
        "us-before-a-name-stays",
        "The U.S. Army left at 5 p.m. on Sunday. Gen. Smith said so.",
        ["The U.S. Army left at 5 p.m. on Sunday.", "Gen. Smith said so."],
    ),
    ("short-sentence-is-not-a-title", "Yes. He did.", ["Yes.", "He did."]),
    (
        "title-before-a-name-mid-sentence",
        "Virginia Gov. Robert F. McDonnell (R) authorized evacuations. Roads closed.",
        ["Virginia Gov. Robert F. McDonnell (R) authorized evacuations.", "Roads closed."],
    ),
    (
        "glued-after-a-word-and-a-year",
        "The link was preserved.Then it broke in 2008.Facing that, Smith left.",
        ["The link was preserved.", "Then it broke in 2008.", "Facing that, Smith left."],
    ),
    (
        "glued-quote-opens-the-next-sentence",
        'New Jersey declared an emergency."This could be a 100-year event," Christie said.',
        ["New Jersey declared an emergency.", '"This could be a 100-year event," Christie said.'],
    ),
    (
        "glued-quote-closes-the-sentence",
        'Tim Medlin said, "We did our job."The phone was an old flip phone.',
        ['Tim Medlin said, "We did our job."', "The phone was an old flip phone."],
    ),
    (
        # As ingest gives Multi-News' copy: lowercased, sentence starts capitalised.
        "lowercased-copy-quote-opens-a-sentence",
        'Sales were strong, said the publisher. " we see record sales, " said sonny mehta.',
        ["Sales were strong, said the publisher.", '" we see record sales, " said sonny mehta.'],
    ),
]


def assert_well_formed(text: str, spans: list[Span]) -> None:
    """Spans are ordered, non-overlapping, inside the text and stripped."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split_sentences_matches_expected(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected
    assert_well_formed(text, spans)


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in SYNTOK_FIXES], ids=[c[0] for c in SYNTOK_FIXES]
)
def test_split_sentences_fixes_splitter_misses(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected
    assert_well_formed(text, spans)


def test_one_megabyte_line_without_spaces_returns_quickly_and_covers_text() -> None:
    text = "x" * 1_000_000
    began = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - began < 5.0
    assert_well_formed(text, spans)
    # No whitespace at all: the pieces joined back are the whole text.
    assert "".join(text[s:e] for s, e in spans) == text
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text)


def test_one_megabyte_line_of_words_keeps_every_word() -> None:
    text = "word " * 200_000
    spans = split_sentences(text)
    assert_well_formed(text, spans)
    assert sum(len(text[s:e].split()) for s, e in spans) == 200_000


def _source(index: int, text: str, status: str = "used") -> Source:
    return Source(index=index, name=f"{index}.txt", text=text, status=status)  # type: ignore[arg-type]


def test_segment_skips_unused_sources_and_numbers_positions_per_source() -> None:
    sources = [
        _source(0, "First one. Second one."),
        _source(1, "Never read. Ever.", status="unreadable"),
        _source(2, "Dup text. Here.", status="duplicate"),
        _source(3, "Headline\nThird source starts. It ends."),
    ]
    assert segment(sources) == [
        Sentence(0, 0, 10, "First one.", 0),
        Sentence(0, 11, 22, "Second one.", 1),
        Sentence(3, 0, 8, "Headline", 0),
        Sentence(3, 9, 29, "Third source starts.", 1),
        Sentence(3, 30, 38, "It ends.", 2),
    ]


def test_segment_text_is_exactly_the_source_slice() -> None:
    text = "  The U.S. said so.\n\n\u201cNo,\u201d he said.  "
    sentences = segment([_source(0, text)])
    assert [s.text for s in sentences] == ["The U.S. said so.", "\u201cNo,\u201d he said."]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_segment_of_nothing_is_empty() -> None:
    assert segment([]) == []
    assert segment([_source(0, "")]) == []


def test_one_megabyte_line_of_prose_is_cut_to_the_cluster_caps() -> None:
    # 24,000 sentences once reached align whole: its pair matrices needed over 20 GB.
    huge = "The missile hit the town, officials said. " * 24_000
    short = "Tehran denied it. Moscow said nothing."
    sentences = segment([_source(0, short), _source(1, huge), _source(2, short)])
    assert len(sentences) == MAX_SENTENCES
    assert sum(s.words for s in sentences) <= MAX_WORDS
    # The short sources are whole; the long one keeps its opening sentences, in order.
    assert [s.position for s in sentences if s.source != 1] == [0, 1, 0, 1]
    assert [s.position for s in sentences if s.source == 1] == list(range(MAX_SENTENCES - 4))
    assert [s.source for s in sentences] == sorted(s.source for s in sentences)


def test_word_cap_takes_every_source_s_opening_sentences_first() -> None:
    # Lines of one 1,000-word sentence each: the word cap, not the sentence cap, binds.
    def long_text(tag: str) -> str:
        return "\n".join(" ".join(f"{tag}{k}x{i}" for i in range(999)) + " end." for k in range(30))

    sentences = segment([_source(0, long_text("a")), _source(1, long_text("b"))])
    assert all(s.words == 1000 for s in sentences)
    by_source = [[s.position for s in sentences if s.source == i] for i in (0, 1)]
    assert by_source == [list(range(MAX_WORDS // 2000))] * 2
