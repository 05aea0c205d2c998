"""Who says what a sentence says, when the sentence names them.

"according to CNN" -> "CNN"; "a U.S. official tells NPR" -> "a U.S. official"; "In a post on
Facebook, the Russian Ministry of Defense said" -> "the Russian Ministry of Defense";
'"...," said Carter' -> "Carter". Pronouns ("he said") name nobody and give None.
"""

from __future__ import annotations

import re

SPEECH_VERBS = (
    r"said|says|say|told|tells|tell|reported|reports|report|announced|announces|claimed|claims|"
    r"stated|states|added|adds|confirmed|confirms|noted|wrote|writes|warned|warns|insisted|"
    r"insists|denied|denies|argued|argues|declared|declares|explained|concluded|maintained|"
    r"maintains|acknowledged|admitted|alleged|alleges|estimated|estimates|believes|believed|"
    r"suggested|suggests"
)
_AUXILIARY = r"(?:(?:has|have|had|also|later|previously|earlier|now|then|reportedly)\s+)*"
_SPEECH = re.compile(rf"\b{_AUXILIARY}(?:{SPEECH_VERBS})\b")
_ACCORDING = re.compile(
    r"\b(?:according to|reported by|cited by|quoted by)\s+(?P<who>[^,;:.\"\u201d]+)", re.IGNORECASE
)
_INVERTED = re.compile(rf"[,\"\u201d]\s*(?:{SPEECH_VERBS})\s+(?P<who>[^,;:.\"\u201c\u201d]+)")
# Where the speaker's words before a verb start: after a clause break.
_CLAUSE_BREAK = re.compile(
    r".*(?:[,;:(\u2014\"\u201c\u201d]|\bthat\b|\band\b|\bbut\b)\s*", re.DOTALL
)
_PRONOUNS = frozenset(
    "he she they it we i you who which that this these those there one someone".split()
)
_DETERMINERS = frozenset(
    "the a an one two three four several some many other another both each as".split()
)
_SPEAKER_NOUN = re.compile(
    r"^(?:officials?|spokes(?:man|woman|person)|sources?|police|authorities|witnesses|"
    r"ministry|government|prosecutors|investigators|experts|analysts|residents|media|"
    r"agency|officers?|lawyers?|attorneys?|statement|report|reports|study|researchers|"
    r"supporters|critics|opponents|family|relatives|activists|groups?|company|firm)$",
    re.IGNORECASE,
)
# A speaker is a short noun phrase; longer runs are clauses caught by mistake.
MAX_SPEAKER_WORDS = 8
_TRAILING = re.compile(r"\s+(?:on|in|at|to|from|that|this|last|earlier|Thursday|Wednesday)\b.*$")


def attribution(sentence: str) -> str | None:
    """The source the sentence attributes its content to, as written, or None."""
    according = _ACCORDING.search(sentence)
    if according:
        return _speaker(according.group("who"))
    for verb in _SPEECH.finditer(sentence):
        before = sentence[: verb.start()]
        who = _CLAUSE_BREAK.sub("", before).strip()
        if not who and before.rstrip().endswith(","):
            # "CNN, which first reported the story, said": skip the relative clause.
            parts = [p.strip() for p in before.split(",") if p.strip()]
            if len(parts) >= 2 and parts[-1].split()[0].lower() in {"which", "who"}:
                who = parts[-2]
            elif parts and any(w[:1].isupper() for w in parts[-1].split()):
                who = parts[-1]  # an apposition: "one outlet, the Fars News Agency, noted"
        speaker = _speaker(who)
        if speaker:
            return speaker
    inverted = _INVERTED.search(sentence)
    if inverted:
        return _speaker(inverted.group("who"))
    return None


def subject(sentence: str) -> str | None:
    """The sentence's leading noun phrase when it names someone ("The Russian Defense
    Ministry has taken to Facebook to ..." -> "The Russian Defense Ministry"), or None."""
    words = []
    for word in sentence.split():
        if word.lower() in {"has", "have", "had", "is", "was", "were", "are", "will", "would"}:
            break
        words.append(word)
        if len(words) > MAX_SPEAKER_WORDS or word.endswith((",", ".", ":", ";")):
            return None
    return _speaker(" ".join(words))


def _speaker(who: str) -> str | None:
    who = _TRAILING.sub("", who.strip()).strip(" \"'\u201c\u201d")
    return speaker_words(who.split())


def speaker_words(words: list[str]) -> str | None:
    """The words as a speaker if they read as someone who speaks: a name ("Carter", "the
    Russian Ministry of Defense") or a phrase ending in a speaker noun ("one of the
    officials"); None for pronouns and for clauses caught by mistake ("The use of cruise
    missiles launched")."""
    who = " ".join(words)
    if not words or len(words) > MAX_SPEAKER_WORDS:
        return None
    rest = words
    while rest and rest[0].lower() in _DETERMINERS:
        rest = rest[1:]
    if not rest or (len(rest) == 1 and rest[0].lower() in _PRONOUNS):
        return None
    content = [w for w in rest if w.lower() not in {"of", "the", "and", "de", "al"}]
    named = bool(content) and all(w[:1].isupper() for w in content)
    if named:
        return who  # "The New York Times", "Carter"
    if _SPEAKER_NOUN.search(rest[-1]):
        # A description, read after "according to": "an official", "one of the officials".
        return who[:1].lower() + who[1:] if words[0].lower() in _DETERMINERS else who
    return None
