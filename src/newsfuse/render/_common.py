"""Helpers every renderer shares: citation numbers, the story title, status reasons."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from newsfuse.model import Entity, Report, Source

# Why a source was left out of the account, by status; `unreadable` carries its own error.
_STATUS_REASONS: dict[str, str] = {
    "empty": "no text left after cleaning",
    "duplicate": "same text as an earlier source",
    "unreadable": "could not be read",
    "off-topic": "not about the same story as the others",
}

FALLBACK_TITLE = "Summary"


def cited(sources: Iterable[int], origin: int | None = None) -> tuple[int, ...]:
    """The 0-based sources to cite, sorted and unique; ``origin`` is always among them."""
    found = set(sources)
    if origin is not None:
        found.add(origin)
    return tuple(sorted(found))


def number(source: int) -> int:
    """The number a reader sees for a 0-based source index (1-based, as in ``[1]``)."""
    return source + 1


def story_title(report: Report) -> str:
    """The title of the used source with the most support in the summary and facts.

    Ties go to the earlier source; without any titled, used source: ``"Summary"``.
    """
    weight: Counter[int] = Counter()
    for sentence in report.summary.sentences:
        weight.update(cited(sentence.support, sentence.source))
    for fact in report.facts:
        weight.update(cited(fact.support))
    titled = [
        (i, s.title.strip())
        for i, s in enumerate(report.sources)
        if s.status == "used" and s.title and s.title.strip()
    ]
    if not titled:
        return FALLBACK_TITLE
    # max() keeps the first of equals, and `titled` is in source order.
    _, title = max(titled, key=lambda pair: weight[pair[0]])
    return title


class Reason(NamedTuple):
    """Why a source was not used: words, and for a duplicate the source it repeats."""

    text: str
    same_as: int | None = None


def status_reason(report: Report, position: int) -> Reason | None:
    """Why the source at ``position`` was not used; for a used source its warning (what
    was repaired in it), or None.

    ``text`` of an unreadable source is its error, which came from the input: escape it.
    """
    source = report.sources[position]
    if source.status == "used":
        return None if source.warning is None else Reason(source.warning)
    if source.status == "unreadable" and source.error:
        return Reason(source.error)
    if source.status == "duplicate":
        original = _earlier_same_text(report.sources, position)
        if original is not None:
            return Reason("same text as", original)
    return Reason(_STATUS_REASONS.get(source.status, source.status))


def _earlier_same_text(sources: tuple[Source, ...], position: int) -> int | None:
    """The first earlier source with exactly the same text, if any."""
    text = sources[position].text
    for i in range(position):
        if sources[i].text == text and text.strip():
            return i
    return None


def in_range(report: Report, source: int) -> bool:
    """Whether ``source`` names one of the report's sources."""
    return 0 <= source < len(report.sources)


# http(s) only, and nothing that could end an attribute or autolink early: anything else
# (javascript:, data:, relative paths, whitespace tricks) is shown as text, never linked.
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """``url`` when it may be rendered as a link (an http or https address), else None."""
    if url is not None and _SAFE_URL.fullmatch(url):
        return url
    return None


def plural(count: int, word: str) -> str:
    """``"1 word"``, ``"2 words"``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def according_to(attribution: str | None) -> str | None:
    """Who says it, as the words a reader sees: ``"according to U.S. officials"``.

    ``attribution`` names the speaker ("U.S. officials"); one that already reads
    "according to ..." is kept as it is. None or blank: None (nothing is shown).
    """
    if attribution is None or not attribution.strip():
        return None
    words = " ".join(attribution.split())
    if words.casefold().startswith("according to"):
        return words
    return f"according to {words}"


def written_as(entity: Entity) -> list[tuple[str, tuple[int, ...]]]:
    """The forms of a name worth showing, in the order compare gave them.

    A single form that is the name itself says nothing new: then there are none.
    """
    forms = list(entity.variants.items())
    if all(form == entity.name for form, _ in forms):
        return []
    return forms


# Marks that belong to the character before them: a cut just before one would split what a
# reader sees as one letter or emoji (e + U+0301, a skin tone, a ZWJ sequence).
_JOINERS = frozenset({"\u200d", "\ufe0e", "\ufe0f"})


def _joins_previous(char: str) -> bool:
    return (
        unicodedata.combining(char) > 0
        or char in _JOINERS
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin tone modifiers
    )


def abbreviate(text: str, limit: int = 12) -> str:
    """``text`` on one line, cut to about ``limit`` characters with "…" when longer.

    Never cuts inside a letter with combining marks or an emoji sequence.
    """
    words = " ".join(text.split())
    if len(words) <= limit + 1:  # "…" would save nothing
        return words
    cut = limit
    while cut < len(words) and (_joins_previous(words[cut]) or words[cut - 1] in _JOINERS):
        cut += 1
    if cut >= len(words):
        return words
    return words[:cut].rstrip() + "…"
