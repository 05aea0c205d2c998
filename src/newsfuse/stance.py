"""How a sentence holds a thing it names: affirmed, hedged, unknown, or denied.

"there may be casualties" hedges casualties; "no detection of any damage or casualties"
denies them; "it is not clear if there were any casualties" says they are unknown;
"the blast caused casualties" affirms them; "he did not feel safe" negates a verb, which
neither affirms nor denies a thing. Only the clause the word is in counts, and
only cue words close before it: "Carter warned that Russia would suffer casualties, but
no one was hurt" does not deny casualties.
"""

from __future__ import annotations

import re
from typing import Literal

Stance = Literal["affirmed", "hedged", "unknown", "denied", "negated"]

# Words a clause break puts between a cue and the thing it is about.
_CLAUSE = re.compile(r"[,;:()\u2014]|\b(?:but|while|although|though|whereas|however)\b")
_WORD = re.compile(r"[A-Za-z']+")
_NEGATORS = frozenset({"no", "not", "never", "none", "without", "nor", "n't", "nobody"})
_THING_NEGATORS = frozenset({"no", "none", "without", "nobody"})
_HEDGES = frozenset(
    {"may", "might", "could", "possible", "possibly", "perhaps", "reportedly", "likely",
     "potential", "potentially", "probably", "suspected", "alleged", "allegedly"}
)  # fmt: skip
# Words that turn a negation into "not known" ("not clear", "no one has confirmed").
_EPISTEMIC = frozenset(
    {"clear", "known", "confirmed", "confirm", "unclear", "unknown", "certain", "sure",
     "verified", "whether", "immediately", "yet", "unconfirmed", "if"}
)  # fmt: skip
_UNKNOWN = frozenset({"unclear", "unknown", "unconfirmed", "whether"})
# "It is not clear if there were any casualties": the whole clause is in question.
_IN_QUESTION = re.compile(
    r"\b(?:not|un)\s*(?:yet\s+)?(?:clear|known|certain|sure|confirmed)\s+(?:if|whether)\b",
    re.IGNORECASE,
)
# "No. 1" is a rank, not a negation.
_NUMBER_SIGN = re.compile(r"\bno\.\s*(?=\d)", re.IGNORECASE)
# Words that pass a negation on to the word after them.
_NEGATION_GLUE = frozenset(
    "of any or and the a an immediate reported known confirmed detection sign signs evidence "
    "indication indications report reports word such other further".split()
)
# How far before the word a cue may stand, in words. "no detection of any damage or
# casualties" needs 6; wider windows reached into unrelated clauses on the demo.
CUE_WINDOW = 6


def _denies_a_thing(negator: str, between: list[str]) -> bool:
    """ "no casualties", "without injury", "not any damage" deny that a thing exists;
    "did not feel", "not an Arizona problem" negate a verb or describe, and deny nothing
    another report could affirm."""
    return negator in _THING_NEGATORS or "any" in between


def _governs(between: list[str]) -> bool:
    """A negation bears on the word after ``between`` when at most one word in between
    says something of its own ("no serious casualties", "no detection of any damage or
    casualties"; not "didn't answer when they called back")."""
    return sum(w not in _NEGATION_GLUE for w in between) <= 1


def stance(sentence: str, start: int) -> Stance:
    """The stance of ``sentence`` toward the word at character offset ``start``."""
    clause = _CLAUSE.split(sentence[:start])[-1]
    if _IN_QUESTION.search(clause):
        return "unknown"
    cues = [w.lower() for w in _WORD.findall(_NUMBER_SIGN.sub(" ", clause))][-CUE_WINDOW:]
    cues = [w if not w.endswith("n't") else "n't" for w in cues]
    negators = [n for n, w in enumerate(cues) if w in _NEGATORS]
    after = cues[negators[-1] + 1 :] if negators else []
    if negators and any(w in _EPISTEMIC for w in after):
        return "unknown"  # "no one has confirmed casualties"
    if negators and (_governs(after) or "any" in after):
        # "no casualties" denies them; "did not feel" negates, and affirms nothing either.
        return "denied" if _denies_a_thing(cues[negators[-1]], after) else "negated"
    if any(w in _UNKNOWN for w in cues):
        return "unknown"
    if any(w in _HEDGES for w in cues):
        return "hedged"
    return "affirmed"
