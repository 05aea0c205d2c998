"""Sentences with character offsets into the cleaned text.

Lines are split first (syntok joins lines that a single newline separates, and in news text
a line is a paragraph, a headline or a quote block), then each line goes to syntok, which
handles abbreviations ("U.S.", "Sept. 30", "Gen.") and quotes. Multi-News' preprocessed copy
is tokenized ("washington ( cnn ) a number of ... . the ..."): there a sentence ends at a
stand-alone ". ? !" token, which syntok does not split on before a lowercase word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import syntok.segmenter as syntok_segmenter

from newsfuse.model import Sentence, Source

Span = tuple[int, int]

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
# Warren"): a "sentence" that is only such abbreviations is joined to the next one.
_LONE_TITLE = re.compile(
    r"(?:(?:Lt|Col|Gen|Maj|Capt|Cpt|Sgt|Cpl|Pvt|Adm|Cmdr|Brig|Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Prof"
    r"|Rev|Hon|Pres|Supt|Det|Insp|St)\.\s*)+"
)
# syntok never ends a sentence at an abbreviation ("5 p.m.", "the U.S.") even when a new
# sentence follows. Split there only before a word that starts sentences and is not a name
# (a closed list: "U.S. Army" and "U.S. Secretary" must stay whole).
_ABBREVIATION_END = re.compile(
    r"\b(?:[ap]\.m\.|U\.[SK]\.|D\.C\.)(?=\s+(?:The|He|She|It|They|We|I|But|And|Then|"
    r"Nobody|No|This|That|These|Those|There|His|Her|Its|Their|A|An|In|On|At|After|When|"
    r"While|Officials|Police)\b)"
)
# Lines longer than this are split into syntok calls at paragraph-like boundaries anyway;
# syntok is linear, so this only bounds the size of one call (1 MB single-line inputs).
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
    for line_start, line_end in _lines(text):
        line = text[line_start:line_end]
        splitter = _tokenized_spans if _looks_tokenized(line) else _syntok_spans
        spans.extend((line_start + s, line_start + e) for s, e in splitter(line))
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


def _syntok_spans(line: str) -> list[Span]:
    spans: list[Span] = []
    for paragraph in syntok_segmenter.analyze(line):
        for sentence in paragraph:
            first, last = sentence[0], sentence[-1]
            spans.append(_strip(line, (first.offset, last.offset + len(last.value))))
    spans = _join_lone_titles(line, [span for span in spans if span[1] > span[0]])
    return [piece for span in spans for piece in _split_at_abbreviation_ends(line, span)]


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
