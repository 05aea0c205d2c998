"""How a sentence holds a thing it names: affirmed, hedged, unknown, or denied.

"there may be casualties" hedges casualties; "no detection of any damage or casualties"
denies them; "it is not clear if there were any casualties" says they are unknown;
"the blast caused casualties" affirms them. Only the clause the word is in counts, and
only cue words close before it: "Carter warned that Russia would suffer casualties, but
no one was hurt" does not deny casualties.
"""

from __future__ import annotations

import re
from typing import Literal

Stance = Literal["affirmed", "hedged", "unknown", "denied"]

# Words a clause break puts between a cue and the thing it is about.
_CLAUSE = re.compile(r"[,;:()\u2014]|\b(?:but|while|although|though|whereas|however)\b")
_WORD = re.compile(r"[A-Za-z']+")
_NEGATORS = frozenset({"no", "not", "never", "none", "without", "nor", "n't", "nobody"})
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
# Words that pass a negation on to the word after them.
_NEGATION_GLUE = frozenset(
    "of any or and the a an immediate reported known confirmed detection sign signs evidence "
    "indication indications report reports word such other further".split()
)
# How far before the word a cue may stand, in words. "no detection of any damage or
# casualties" needs 6; wider windows reached into unrelated clauses on the demo.
CUE_WINDOW = 6


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
    cues = [w.lower() for w in _WORD.findall(clause)][-CUE_WINDOW:]
    cues = [w if not w.endswith("n't") else "n't" for w in cues]
    negators = [n for n, w in enumerate(cues) if w in _NEGATORS]
    if negators and any(w in _EPISTEMIC for w in cues[negators[-1] + 1 :]):
        return "unknown"  # "no one has confirmed casualties"
    if negators and _governs(cues[negators[-1] + 1 :]):
        return "denied"
    if any(w in _UNKNOWN for w in cues):
        return "unknown"
    if any(w in _HEDGES for w in cues):
        return "hedged"
    return "affirmed"
