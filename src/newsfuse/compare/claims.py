"""Claims against denials: one party's account against another party's denial.

"U.S. officials say the missiles crashed in Iran" against "the Russian Defense Ministry
rejected CNN's reports"; "prosecutors say Durst killed Berman" against '"I am not guilty,"
said Durst'; and a claim reported inside its own denial ("Asked about a media report that
she had offered Mursi a safe exit, she replied: 'I did nothing of the kind.'").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.attribution import SPEECH_VERBS as _SPEECH_VERBS
from newsfuse.attribution import attribution, speaker_words, subject
from newsfuse.model import Disagreement, Fact, Mention, Side
from newsfuse.model import Sentence as SourceSentence

Matrix = npt.NDArray[np.float32]

# A denial is set against the most widely reported fact it is this close to, or that it
# names as a report ("reject CNN's reports").
CLAIM_RELATED = 0.25

# Words that deny whatever they are said of.
_FLAT_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|not guilty|innocent|nothing of the kind|no truth|baseless|"
    r"untrue|fabricat(?:ed|ion)|fake news|propaganda)\b",
    re.IGNORECASE,
)
# Words that deny only when said of a claim ("rejected the reports"; not "will reject any
# changes to the law", a refusal).
_CLAIM_DENIAL = re.compile(
    r"\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|disput(?:e|es|ed|ing)|"
    r"rebuff(?:s|ed)?|contradict(?:s|ed|ing)?|cast(?:s|ing)? doubt)\b",
    re.IGNORECASE,
)
# The stems of every denial word, looked for in lower case first: most sentences have
# none, and one plain search is several times cheaper than the patterns above.
_ANY_DENIAL = re.compile(
    "den[iy]|guilty|innocent|nothing of the kind|no truth|baseless|untrue|fabricat|fake news|"
    "propaganda|reject|dismiss|refut|disput|rebuff|contradict|cast doubt|casts doubt|casting doubt"
)
_CLAIM_NOUN = re.compile(
    r"\b(?:reports?|claims?|allegations?|accusations?|accounts?|story|stories|suggestions?|"
    r"assertions?|findings|charges?|rumou?rs?)\b",
    re.IGNORECASE,
)
# Words a claim noun may be from a denial and still be its object, either way.
_CLAIM_REACH = 60
# "was denied bail": someone refused something, no one denied a claim.
_PASSIVE = re.compile(r"\b(?:is|was|were|are|be|been|being)\s+denied\b", re.IGNORECASE)
# A court or a government dismissing charges rules on a claim; it does not deny it.
_COURT_DISMISSAL = re.compile(
    r"\bdismiss(?:es|ed|ing)?\s+(?:the\s+|all\s+|most\s+)?(?:charges?|case|lawsuit|suit)\b",
    re.IGNORECASE,
)
_LEADING_ATTRIBUTION = re.compile(r"^(?:according to|as reported (?:by|in))\s+[^,]+,\s*", re.I)
_IS_CLAIM = re.compile(
    rf"\b(?:{_SPEECH_VERBS}|according to|charged|accused|alleged|alleging|allegedly|"
    r"informed|concluded|confirmed)\b",
    re.IGNORECASE,
)
# A claim a sentence reports in order to deny it: "a media report that", "allegations of".
_REPORTED_CLAIM = re.compile(
    r"(?P<what>(?:an?|the|these|those|such)\s+(?:[\w-]+\s+){0,2}(?:reports?|allegations?|"
    r"accusations?|suggestions?|charges?|rumou?rs?|claims?)(?=\s+(?:that|of)\s)"
    r"|\b(?:allegations|accusations|rumou?rs|suggestions)(?=\s+(?:that|of)\s)"
    r"|\breports(?=\s+of\s))\s+(?:that|of)\s",
    re.IGNORECASE,
)
_AUXILIARIES = re.compile(r"(?:\s+(?:has|have|had|was|were|is|are|also|repeatedly|flatly))+$")
# A name the denial shares with a fact: a capitalised word not opening the sentence.
_NAME = re.compile(r"(?<=\w )[A-Z][\w-]{2,}|(?<=[\w,] )[A-Z][\w-]{2,}")


def claim_disagreements(
    sentences: Sequence[SourceSentence], similarity: Matrix, facts: Sequence[Fact]
) -> list[Disagreement]:
    """A party's denial against the reported fact it answers: "U.S. officials say the
    missiles crashed in Iran" against "Russia's defence ministry rejected CNN's reports";
    "prosecutors say Durst killed Berman" against "I am not guilty of killing Susan
    Berman," said Durst."""
    denials = [(d, found) for d, s in enumerate(sentences) if (found := denial_in(s.text))]
    if not denials:
        return []  # most clusters: nobody denies anything
    at = {(s.source, s.start): i for i, s in enumerate(sentences)}
    claims = list(facts)
    in_facts = {at[(m.source, m.start)] for f in facts for m in f.mentions}
    near = _near(sentences, similarity, [d for d, _ in denials]) - in_facts
    claims += [
        Fact(s.text, (s.source,), (Mention(s.source, s.start, s.end),), attribution(s.text))
        for s in (sentences[i] for i in sorted(near))
        if _IS_CLAIM.search(s.text) and not denial_in(s.text)
    ]
    fact_members = [[at[(m.source, m.start)] for m in f.mentions] for f in claims]
    answers: dict[int, list[tuple[int, str]]] = defaultdict(list)
    embedded = []
    for d, denial in denials:
        sentence = sentences[d]
        within = _embedded_claim(sentence, denial)
        if within is not None:
            embedded.append(within)
            continue
        party = attribution(sentence.text) or subject(sentence.text)
        if not party:
            continue
        target = _answered_fact(sentences, similarity, claims, fact_members, len(facts), d, party)
        claimant = claims[target].attribution if target is not None else None
        if target is not None and not (claimant and _same_party(party, claimant)):
            answers[target].append((d, party))
    return [
        _claim_disagreement(sentences, similarity, claims[target], denials)
        for target, denials in sorted(answers.items())
    ] + _unique_claims(embedded)


def denial_in(text: str) -> re.Match[str] | None:
    """Where ``text`` denies a claim, or None: a word that denies ("denied", "not
    guilty") or that denies a claim named near it ("rejected CNN's reports"); not a
    passive ("was denied bail") nor a court dismissing charges."""
    if not _ANY_DENIAL.search(text.lower()):
        return None  # most sentences: the one cheap look
    if _PASSIVE.search(text) or _COURT_DISMISSAL.search(text):
        return None
    flat = _FLAT_DENIAL.search(text)
    if flat:
        return flat
    for found in _CLAIM_DENIAL.finditer(text):
        around = text[max(0, found.start() - _CLAIM_REACH) : found.end() + _CLAIM_REACH]
        if _CLAIM_NOUN.search(around):
            return found
    return None


def _near(
    sentences: Sequence[SourceSentence], similarity: Matrix, denials: Sequence[int]
) -> set[int]:
    """Sentences a denial may answer: close to one, or naming what one names."""
    close = np.flatnonzero(similarity[list(denials)].max(axis=0) >= CLAIM_RELATED)
    names = {n for d in denials for n in _NAME.findall(sentences[d].text)}
    named = {i for i, s in enumerate(sentences) if any(n in s.text for n in names)}
    return {int(i) for i in close} | named


def _unique_claims(found: Sequence[Disagreement]) -> list[Disagreement]:
    """One disagreement per claimed text: a page that repeats a paragraph repeats it."""
    seen: set[str] = set()
    kept = []
    for disagreement in found:
        claimed = " ".join(disagreement.sides[0].text.split())
        if claimed not in seen:
            seen.add(claimed)
            kept.append(disagreement)
    return kept


def _embedded_claim(sentence: SourceSentence, denial: re.Match[str]) -> Disagreement | None:
    """A claim and its denial in one sentence: "Asked about a media report that she had
    offered Mursi a safe exit, she replied: 'I did nothing of the kind.'"; "allegations of
    espionage, accusations that his supporters have dismissed as politically motivated"."""
    claim = _REPORTED_CLAIM.search(sentence.text)
    if claim is None or claim.start() > denial.start():
        return None
    if sentence.text[claim.end() : denial.start()].strip() == "":
        return None  # "a report that contradicted his statements": the report denies
    claimed = sentence.text[claim.start() : _clause_end(sentence.text, claim.end())]
    denier = _speaker_before(sentence.text, denial.start()) or attribution(
        sentence.text[claim.end() :]
    )
    what = claimed.split(None, 0)[0]
    return Disagreement(
        kind="claim",
        topic=_claim_topic(sentence.text[claim.end("what") :].split(",")[0].strip(' "')),
        sides=(
            Side(text=what, sources=(sentence.source,), attribution=claim.group("what")),
            Side(text=sentence.text, sources=(sentence.source,), attribution=denier),
        ),
    )


def _clause_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(m, start) for m in (",", ";", "\u2014", " - ")) if i >= 0]
    return min(ends) if ends else len(text)


def _speaker_before(text: str, at: int) -> str | None:
    """Who does what starts at ``at``: "his supporters in the Muslim Brotherhood have
    dismissed" -> "his supporters in the Muslim Brotherhood"."""
    before = _AUXILIARIES.sub("", text[:at]).rstrip()
    words = re.split(r"\bthat\b|[,;:]", before)[-1].split()
    return speaker_words(words)


def _answered_fact(
    sentences: Sequence[SourceSentence],
    similarity: Matrix,
    claims: Sequence[Fact],
    fact_members: Sequence[Sequence[int]],
    facts: int,
    denial: int,
    party: str,
) -> int | None:
    """The fact a denial answers: the one whose sentences name what the denial names
    (besides the party: "CNN" in "reject CNN's reports"), else the closest at or above
    ``CLAIM_RELATED``; None if there is none."""
    names = set(_NAME.findall(sentences[denial].text)) - set(party.split())
    best: tuple[int, bool, float, int] | None = None
    for number, members in enumerate(fact_members):
        if denial in members or any(denial_in(sentences[m].text) for m in members):
            continue  # a denial is not the claim
        if not _IS_CLAIM.search(claims[number].text):
            continue  # nor is what no one claims: a claim is said, charged or reported
        closeness = max(float(similarity[denial, m]) for m in members)
        named = sum(any(n in sentences[m].text for m in members) for n in names)
        if not named and closeness < CLAIM_RELATED:
            continue
        key = (named, number < facts, closeness, -number)
        if best is None or key > best:
            best = key
    return None if best is None else -best[3]


def _claim_disagreement(
    sentences: Sequence[SourceSentence],
    similarity: Matrix,
    fact: Fact,
    denials: Sequence[tuple[int, str]],
) -> Disagreement:
    """The claim, then one side per denying party. A party's side also cites the other
    sources that quote that party saying something close to its denial ("Russian
    officials claimed that all the missiles ... made their way to their targets")."""
    claim = Side(text=fact.text, sources=fact.support, attribution=fact.attribution)
    parties: list[list[tuple[int, str]]] = []
    for denial in denials:
        same = next((p for p in parties if _same_party(p[0][1], denial[1])), None)
        if same is None:
            parties.append([denial])
        elif all(sentences[d].text != sentences[denial[0]].text for d, _ in same):
            same.append(denial)
    sides = []
    for party in parties:
        said = [d for d, _ in party]
        sources = {sentences[d].source for d in said} | _also_quoted(
            sentences, similarity, said, party[0][1]
        )
        sides.append(
            Side(
                text=sentences[said[0]].text,
                sources=tuple(sorted(sources)),
                attribution=party[0][1],
            )
        )
    return Disagreement(kind="claim", topic=_claim_topic(fact.text), sides=(claim, *sides))


def _also_quoted(
    sentences: Sequence[SourceSentence], similarity: Matrix, said: Sequence[int], party: str
) -> set[int]:
    """Sources with a sentence attributed to ``party`` and close to what it said."""
    close = np.flatnonzero(similarity[list(said)].max(axis=0) >= CLAIM_RELATED)
    return {
        sentences[i].source
        for i in map(int, close)
        if (speaker := attribution(sentences[i].text)) and _same_party(speaker, party)
    }


def _claim_topic(text: str) -> str:
    """A claim's first words, without its attribution ("According to CNN, ...")."""
    words = _LEADING_ATTRIBUTION.sub("", text).split()
    return " ".join(words[:8]) + (" \u2026" if len(words) > 8 else "")


def _same_party(a: str, b: str) -> bool:
    """Two speakers are one party when they share a capitalised word other than an
    article ("The Russian Defense Ministry", "the Russian Ministry of Defense")."""
    names = [
        {w for w in x.split() if w[:1].isupper() and w.lower() not in {"the", "a"}} for x in (a, b)
    ]
    return bool(names[0] & names[1])
