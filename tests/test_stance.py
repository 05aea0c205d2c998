"""stance: how a sentence holds the thing a word names."""

from __future__ import annotations

import pytest

from newsfuse.stance import stance


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("One official said there may be casualties, but another disagreed.", "hedged"),
        ("There had been no detection of any damage or casualties.", "denied"),
        ("There were no casualties, officials said.", "denied"),
        ("It is not clear if there were any Iranian casualties.", "unknown"),
        ("No one has confirmed casualties, but one source said there may be a few.", "unknown"),
        ("The blast caused casualties in the town.", "affirmed"),
        ("Carter said Russia would not win, and casualties will follow.", "affirmed"),
        ("She didn't answer when they called about casualties.", "affirmed"),
    ],
)
def test_stance_toward_casualties(sentence: str, expected: str) -> None:
    assert stance(sentence, sentence.index("casualties")) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("He did not feel it was safe to go on.", "feel", "negated"),
        ("This is not an Arizona problem.", "problem", "negated"),
        ("There was not any damage to the plant.", "damage", "denied"),
        ("The plant closed without injuries to workers.", "injuries", "denied"),
        ("Sophia was No. 1 on the girls' list.", "girls", "affirmed"),
    ],
)
def test_only_a_thing_said_not_to_exist_is_denied(sentence: str, word: str, expected: str) -> None:
    assert stance(sentence, sentence.index(word)) == expected
