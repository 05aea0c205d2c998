"""Sentences with character offsets into the cleaned text.

Lines are split first (the splitters join lines that a single newline separates, and in
news text a line is a paragraph, a headline or a quote block), then each line goes to a
sentence splitter that handles abbreviations ("U.S.", "Sept. 30", "Gen.") and quotes:

- cased prose to blingfire (a finite-state splitter in C: ~20x faster than syntok, which
  was most of a full-text cluster's time, and it keeps "Virginia Gov. Robert McDonnell"
  whole where syntok cuts after "Gov."), plus a rule for sentences glued without a space;
- lowercased lines (Multi-News' preprocessed copy, where blingfire needs the capitals it
  has not got) to syntok;
- tokenized lines ("washington ( cnn ) a number of ... . the ...") to a rule of our own: a
  sentence ends at a stand-alone ". ? !" token, which neither splitter splits on before a
  lowercase word.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator, Sequence

import blingfire
import numpy as np
import syntok.segmenter as syntok_segmenter

from newsfuse.model import Sentence, Source

Span = tuple[int, int]

_BLINGFIRE = blingfire.blingfire  # the package's loaded C library

# A line is "tokenized" when most of its sentence punctuation stands apart from the word
# before it. 0.5 separates the two forms cleanly: normal prose has ~0 spaced ".,", the
# Multi-News preprocessed copy ~1.0 (checked on 200 validation documents).
_TOKENIZED_SHARE = 0.5
_PUNCT = re.compile(r"(?<=\S)[.,](?=\s|$)|(?<=\s)[.,](?=\s|$)")
_SPACED_PUNCT = re.compile(r"(?<=\s)[.,](?=\s|$)")
# In tokenized text a sentence ends after a stand-alone terminal token; a quote token right
# after it closes the sentence only when the sentence has an unmatched quote open.
_TOKENIZED_END = re.compile(r"(?<=\s)[.!?]+(?=\s|$)")
_QUOTE_AFTER = re.compile(r"\s+(?:''|\")(?=\s|$)")
# syntok ends a sentence after a lone title abbreviation before a name ("Lt. Col. Steve
# Warren"), and so may blingfire: a "sentence" that is only such abbreviations is joined to
# the next one.
_LONE_TITLE = re.compile(
    r"(?:(?:Lt|Col|Gen|Maj|Capt|Cpt|Sgt|Cpl|Pvt|Adm|Cmdr|Brig|Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Prof"
    r"|Rev|Hon|Pres|Supt|Det|Insp|St)\.\s*)+"
)
# syntok never ends a sentence at an abbreviation ("5 p.m.", "the U.S.") even when a new
# sentence follows (blingfire mostly does). Split there only before a word that starts
# sentences and is not a name (a closed list: "U.S. Army" and "U.S. Secretary" stay whole).
_ABBREVIATION_END = re.compile(
    r"\b(?:[ap]\.m\.|U\.[SK]\.|D\.C\.)(?=\s+(?:The|He|She|It|They|We|I|But|And|Then|"
    r"Nobody|No|This|That|These|Those|There|His|Her|Its|Their|A|An|In|On|At|After|When|"
    r"While|Officials|Police)\b)"
)
# Scraped text often loses the space after a sentence ("was preserved.Then the", "in
# 2008.Facing", 'emergency."This could'), which blingfire does not split on: a sentence end
# glued to a capitalised word. A straight quote at the seam closes the sentence when the
# sentence has a quote open, else it opens the next one.
_GLUED_END = re.compile(
    r"(?<=[a-z][a-z0-9]|[0-9]{2})[.!?]+(?P<quote>[\"\u201d]?)(?=[\"\u201c]?[A-Z][a-z])"
)
# A capitalised word after a word that does not end a sentence: cased prose has them (names).
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;]) +[A-Z]")
# Lines longer than this are split into splitter calls at paragraph-like boundaries anyway;
# the splitters are linear, so this only bounds the size of one call (1 MB single lines).
_MAX_LINE = 20_000
# What ``segment`` passes on from one cluster. Alignment compares every pair of sentences
# and the TF-IDF rows are dense (sentences x vocabulary), so memory grows with their
# product: one 1 MB line of prose (24,000 sentences) needed over 20 GB. The largest
# Multi-News full-text cluster (dev set) has 460 sentences and 8,400 words; these caps
# leave over 4 times that and keep the worst case (every word distinct) near 1 GB.
MAX_SENTENCES = 2_000
MAX_WORDS = 40_000


def split_sentences(text: str) -> list[Span]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order, stripped."""
    spans: list[Span] = []
    splitter = _syntok_spans if _looks_lowercased(text) else _cased_spans
    for line_start, line_end in _lines(text):
        line = text[line_start:line_end]
        pieces = _tokenized_spans(line) if _looks_tokenized(line) else _prose(line, splitter)
        spans.extend((line_start + s, line_start + e) for s, e in pieces)
    return spans


def segment(sources: Sequence[Source]) -> list[Sentence]:
    """The sentences of the used sources, in source order: all of them up to
    ``MAX_SENTENCES`` and ``MAX_WORDS`` for the cluster; past that, every source's
    opening sentences (all first sentences, then all second ones, ...) up to the caps."""
    sentences: list[Sentence] = []
    for source in sources:
        if source.status != "used":
            continue
        for position, (start, end) in enumerate(split_sentences(source.text)):
            sentences.append(Sentence(source.index, start, end, source.text[start:end], position))
    return _within_caps(sentences)


def _within_caps(sentences: list[Sentence]) -> list[Sentence]:
    if len(sentences) <= MAX_SENTENCES and sum(s.words for s in sentences) <= MAX_WORDS:
        return sentences
    kept: list[Sentence] = []
    words = 0
    for sentence in sorted(sentences, key=lambda s: (s.position, s.source)):
        words += sentence.words
        if len(kept) == MAX_SENTENCES or words > MAX_WORDS:
            break
        kept.append(sentence)
    return sorted(kept, key=lambda s: (s.source, s.position))


def _lines(text: str) -> Iterator[Span]:
    """Spans of the non-blank lines of ``text``, cut at ``_MAX_LINE`` characters."""
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while end - start > _MAX_LINE:
            cut = text.rfind(" ", start, start + _MAX_LINE)
            cut = cut if cut > start else start + _MAX_LINE
            yield start, cut
            start = cut
        if text[start:end].strip():
            yield start, end


def _looks_tokenized(line: str) -> bool:
    punct = len(_PUNCT.findall(line))
    return punct > 0 and len(_SPACED_PUNCT.findall(line)) / punct >= _TOKENIZED_SHARE


def _tokenized_spans(line: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _TOKENIZED_END.finditer(line):
        if match.start() < start:
            continue  # inside a closing quote already taken
        end = match.end()
        quote = _QUOTE_AFTER.match(line, end)
        if quote and line.count('"', start, end) % 2 == 1:
            end = quote.end()
        spans.append((start, end))
        start = end
    spans.append((start, len(line)))
    stripped = (_strip(line, span) for span in spans)
    return [span for span in stripped if span[1] > span[0]]


def _prose(line: str, splitter: Callable[[str], list[Span]]) -> list[Span]:
    """The sentences of a prose line: ``splitter``'s, with lone titles joined to their
    sentence and sentences split after a closing abbreviation."""
    spans = _join_lone_titles(line, [span for span in splitter(line) if span[1] > span[0]])
    return [piece for span in spans for piece in _split_at_abbreviation_ends(line, span)]


def _cased_spans(line: str) -> list[Span]:
    return [
        piece for span in _blingfire_spans(line) for piece in _split_glued(line, _strip(line, span))
    ]


def _looks_lowercased(text: str) -> bool:
    """True for lowercased text (the Multi-News copy, where only sentence starts may be
    capitalised): no capitalised word follows a word inside a sentence anywhere."""
    return _MID_SENTENCE_CAPITAL.search(text) is None


def _syntok_spans(line: str) -> list[Span]:
    return [
        _strip(line, (sentence[0].offset, sentence[-1].offset + len(sentence[-1].value)))
        for paragraph in syntok_segmenter.analyze(line)
        for sentence in paragraph
    ]


def _blingfire_spans(line: str) -> list[Span]:
    """blingfire's sentence spans of ``line`` (character offsets). Its own Python wrapper
    maps UTF-8 offsets back to characters byte by byte in Python, which cost more than the
    splitting itself; this calls the same C function and maps them with NumPy."""
    # surrogatepass: a lone surrogate (only outside the pipeline, whose ingest mends them)
    # is three bytes like any character of its range, so the offsets below still hold.
    data = line.encode("utf-8", "surrogatepass")
    size = len(data) * 2 + 1
    text = ctypes.create_string_buffer(size)
    starts = (ctypes.c_int32 * size)()
    ends = (ctypes.c_int32 * size)()
    count = _BLINGFIRE.TextToSentencesWithOffsets(
        ctypes.c_char_p(data),
        ctypes.c_int(len(data)),
        ctypes.byref(text),
        ctypes.byref(starts),
        ctypes.byref(ends),
        ctypes.c_int(size),
    )
    if count <= 0 or count > size:
        return [(0, len(line))]
    sentences = text.value.count(b"\n") + 1
    last = np.ctypeslib.as_array(ends)[:sentences]  # inclusive: the last byte
    if len(data) == len(line):  # ASCII: bytes are characters
        return _contiguous(line, (last + 1).tolist())
    # Characters before each byte: count the bytes that start a character.
    lead = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
    before = np.concatenate(([0], np.cumsum(lead)))
    return _contiguous(line, before[last + 1].tolist())


def _contiguous(line: str, ends: list[int]) -> list[Span]:
    """Spans that end at blingfire's sentence ends and start where the previous one ended:
    blingfire drops characters it deems blank (control characters such as U+0008), and
    the spans must cover every character that ``str.strip`` keeps (property tests)."""
    spans: list[Span] = []
    start = 0
    for end in [*ends[:-1], len(line)]:
        if end > start:
            spans.append((start, end))
            start = end
    return spans


def _split_glued(line: str, span: Span) -> list[Span]:
    start, end = span
    if start >= end:
        return []
    if _GLUED_END.search(line, start, end) is None:
        return [span]
    pieces: list[Span] = []
    for match in _GLUED_END.finditer(line, start, end):
        cut = match.end()
        if match["quote"] == '"' and line.count('"', start, match.start("quote")) % 2 == 0:
            cut = match.start("quote")  # the quote opens the next sentence
        if start < cut < end:
            pieces.append((start, cut))
            start = cut
    pieces.append((start, end))
    return [p for p in (_strip(line, piece) for piece in pieces) if p[1] > p[0]]


def _join_lone_titles(line: str, spans: list[Span]) -> list[Span]:
    joined: list[Span] = []
    pending: int | None = None  # start of a lone title waiting for its sentence
    for start, end in spans:
        if pending is None and _LONE_TITLE.fullmatch(line, start, end):
            pending = start
            continue
        joined.append((start if pending is None else pending, end))
        pending = None
    if pending is not None:
        joined.append((pending, spans[-1][1]))
    return joined


def _split_at_abbreviation_ends(line: str, span: Span) -> list[Span]:
    start, end = span
    pieces: list[Span] = []
    for match in _ABBREVIATION_END.finditer(line, start, end):
        pieces.append((start, match.end()))
        start = match.end()
    pieces.append((start, end))
    stripped = (_strip(line, piece) for piece in pieces)
    return [piece for piece in stripped if piece[1] > piece[0]]


def _strip(line: str, span: Span) -> Span:
    start, end = span
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
