"""Numbers in sentences: the value, how exact the text says it is, and what it counts.

"at least four missiles" is the range [4, inf) of "missil"; "about 30 people" is [27, 33]
of "peopl"; "26 long range cruise missiles" is [26, 26] of "missil". Two reports of one
quantity disagree when their ranges cannot both be true.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newsfuse.represent import stem

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.,]\d)"
    r"|\b(?P<words>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# A cheap first look: a digit, or the first letters of a number word.
# A cheap first look, in lower case: a digit, or the start of a number word.
_MAY_COUNT = re.compile(
    r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|thirteen|fourteen|"
    r"sixteen|seventeen|eighteen|nineteen"
)
_SCALE = re.compile(r"(?:\s+|-)(?P<scale>thousand|million|billion|trillion)\b", re.IGNORECASE)
# Qualifiers right before a number and the range they give it: (low, high) factors of
# the value; None for an open end.
_QUALIFIERS: dict[str, tuple[float | None, float | None]] = {
    "at least": (1.0, None), "more than": (1.0, None), "over": (1.0, None),
    "upwards of": (1.0, None), "as many as": (None, 1.0), "up to": (None, 1.0),
    "at most": (None, 1.0), "fewer than": (None, 1.0), "less than": (None, 1.0),
    "under": (None, 1.0), "nearly": (0.9, 1.0), "almost": (0.9, 1.0),
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1), "some": (0.9, 1.1), "an estimated": (0.8, 1.2),
    "estimated": (0.8, 1.2), "several": (1.0, None),
}  # fmt: skip
_QUALIFIER = re.compile(r"\b(" + "|".join(_QUALIFIERS) + r")\s+$", re.IGNORECASE)
# Words between a number and the noun it counts ("26 long range cruise missiles").
_NOUN_WORD = re.compile(r"\s*(?:-\s*)?([A-Za-z][a-z-]*)")
_SKIP_BEFORE_NOUN = 3
_AGE_AFTER_NAME = re.compile(r"\b(?P<name>[A-Z][\w'-]+), (?P<age>\d{1,3}),")
_AGE_BEFORE_NAME = re.compile(
    r"\b(?P<age>\d{1,3})-year-old (?:[a-z]+ ){0,3}(?:[A-Z][\w'-]+ )*(?P<name>[A-Z][\w'-]+)"
)
# Units news gives in two systems, in the one US news uses: noun -> (unit, factor).
_CONVERSIONS = {
    **dict.fromkeys(("mile", "miles"), ("miles", 1.0)),
    **dict.fromkeys(
        ("km", "kilometre", "kilometres", "kilometer", "kilometers"), ("miles", 0.6214)
    ),
    **dict.fromkeys(("pound", "pounds", "lb", "lbs"), ("pounds", 1.0)),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilo", "kilos"), ("pounds", 2.2046)),
    **dict.fromkeys(("foot", "feet", "ft"), ("feet", 1.0)),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), ("feet", 3.2808)),
    "mph": ("mph", 1.0),
    **dict.fromkeys(("kph", "km/h"), ("mph", 0.6214)),
}
# A converted figure is only as exact as its rounding: "30km (18 miles)" agree. 5% covers
# the rounding of a two-digit conversion; figures in the same unit get none.
CONVERSION_SLACK = 0.05
# Nouns a number names one of ("lane 2", "gate 12"), rather than counts.
_LABELS = frozenset(
    "lane lanes group groups gate category level stage phase route flight article section "
    "grade room floor terminal platform channel number no no. zone chapter season episode "
    "round game part step item page line row seat unit district ward highway interstate "
    "through".split()
)
_PARTITIVE = re.compile(r"\s+of\s+(?:the|those|these|its|their|his|her)\s+")
_MONTHS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$", re.IGNORECASE
)
# Words after a number that say it is not a count of things ("1 p.m.", "30 percent" is a
# share: kept, with "percent" as its unit).
_NOT_COUNTS = frozenset(
    "a p am pm o year-old years-old th st nd rd january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov "
    "dec".split()
)
_FUNCTION = frozenset(
    "the a an of to in and or for on at by with from as is are was were be been has have had "
    "that this it its their his her they who which than through into onto over under after "
    "before during per about across against among between via up down off out will would "
    "can could should may might must shall".split()
)


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence: offsets into the sentence, the range the text allows,
    and the stem of the noun it counts (``unit``)."""

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str
    noun: str
    phrase: str  # the number through its noun: "at least four Russian missiles"

    def agrees_with(self, other: Quantity) -> bool:
        """True if both can be true of one quantity (their ranges overlap)."""
        return self.low <= other.high and other.low <= self.high


def quantities(sentence: str) -> list[Quantity]:
    """The counted quantities and people's ages of ``sentence`` (years, dates and times
    left out)."""
    if not _MAY_COUNT.search(sentence.lower()):
        return []  # most sentences: no digit and no number word
    found = _ages(sentence)
    taken = {q.start for q in found}
    for match in _NUMBER.finditer(sentence):
        if match.start() in taken:
            continue
        value = _value(match)
        end = match.end()
        scale = _SCALE.match(sentence, end)
        if scale:
            value *= _SCALES[scale.group("scale").lower()]
            end = scale.end()
        before = sentence[: match.start()]
        if _is_date_or_year(match, before, value) or _is_label(before):
            continue
        noun, noun_end = ("dollars", end) if before.endswith("$") else _counted_noun(sentence, end)
        if not noun:
            continue
        qualifier = _QUALIFIER.search(before)
        low, high = _range(value, qualifier.group(1).lower() if qualifier else None)
        start = qualifier.start() if qualifier else match.start() - before.endswith("$")
        unit = stem(noun)
        if noun in _CONVERSIONS:  # "12 miles" and "30km" are one kind of quantity
            unit, factor = _CONVERSIONS[noun]
            slack = CONVERSION_SLACK if factor != 1.0 else 0.0
            low, high = low * factor * (1 - slack), high * factor * (1 + slack)
        phrase = sentence[start:noun_end]
        found.append(Quantity(start, end, sentence[start:end], low, high, unit, noun, phrase))
    return found


def _ages(sentence: str) -> list[Quantity]:
    """Ages of named people: "Robert Durst, 73," and "73-year-old Durst" are both the
    quantity "age of Durst", so two reports of it can be compared anywhere in the text."""
    found = []
    for pattern in (_AGE_AFTER_NAME, _AGE_BEFORE_NAME):
        for match in pattern.finditer(sentence):
            value = float(match.group("age"))
            name = match.group("name")
            found.append(
                Quantity(
                    match.start("age"),
                    match.end("age"),
                    match.group("age"),
                    value,
                    value,
                    f"age of {name}",
                    "years old",
                    f"{match.group('age')} years old",
                )
            )
    return found


def _value(match: re.Match[str]) -> float:
    digits = match.group("digits")
    if digits:
        return float(digits.replace(",", ""))
    return float(_UNITS[match.group("words").lower()])


def _is_label(before: str) -> bool:
    """A number that names rather than counts: "lane 2", "Group 1", "Category 4",
    "Flight 370", "groups 1 through 3"."""
    words = before.split()[-2:]
    if not words:
        return False
    last = words[-1]
    if last.lower() in _LABELS:
        return True
    starts_sentence = len(before.split()) == 1
    return (
        last[:1].isupper()
        and last.isalpha()
        and not starts_sentence
        and last.lower() not in {"the", "a", "an", "some", "about", "nearly", "over"}
    )


def _is_date_or_year(match: re.Match[str], before: str, value: float) -> bool:
    year = match.group("digits") and 1800 <= value <= 2100 and "." not in match.group()
    return bool(year or _MONTHS.search(before) or before.rstrip().endswith("#"))


def _counted_noun(sentence: str, end: int) -> tuple[str, int]:
    """The noun a number counts and where it ends: the last word of the run of content
    words after it, at most ``_SKIP_BEFORE_NOUN`` words on; ("", end) when none follows."""
    words: list[str] = []
    position = noun_end = end
    partitive = _PARTITIVE.match(sentence, end)
    if partitive:  # "nine of the activists" counts activists
        position = partitive.end()
    while len(words) <= _SKIP_BEFORE_NOUN:
        match = _NOUN_WORD.match(sentence, position)
        if not match or match.group(1).lower() in _FUNCTION:
            break
        if words and match.group(1).endswith("ed"):
            break  # a verb after the noun ("30 people died")
        words.append(match.group(1).lower())
        position = noun_end = match.end()
        if words[-1].endswith("s") and len(words[-1]) > 3:
            break  # a plural noun ends the phrase ("four rockets landed")
    if not words or words[0] in _NOT_COUNTS:
        return "", end
    return words[-1], noun_end


def _range(value: float, qualifier: str | None) -> tuple[float, float]:
    if qualifier is None:
        # A round number is rounded: "$973,000" agrees with "$972,814", "26" with nothing
        # but 26. Round means two trailing zeros or more (so "130 mph" is exact).
        zeros = len(str(int(value))) - len(str(int(value)).rstrip("0")) if value >= 100 else 0
        half = 0.5 * 10**zeros if zeros >= 2 and value == int(value) else 0.0
        return value - half, value + half
    low, high = _QUALIFIERS[qualifier]
    return (
        value * low if low is not None else -math.inf,
        value * high if high is not None else math.inf,
    )
