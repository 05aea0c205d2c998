"""attribution: who the sentence says says it."""

from __future__ import annotations

import pytest

from newsfuse.attribution import attribution, subject


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("According to CNN, two U.S. officials said four missiles crashed.", "CNN"),
        ("The missiles crashed in Iran, instead, a U.S. official tells NPR.", "a U.S. official"),
        (
            "In a post on Facebook, the Russian Ministry of Defense said that all hit targets.",
            "the Russian Ministry of Defense",
        ),
        (
            '"We will not cooperate," said Defense Secretary Ash Carter.',
            "Defense Secretary Ash Carter",
        ),
        ("CNN, which first reported the story, said it is unclear.", "CNN"),
        ("One of the officials said there might be casualties.", "one of the officials"),
        ("It was reported by Reuters that the ministry was claiming success.", "Reuters"),
        ("He claimed the missiles destroyed all 11 targets.", None),
        ("The use of cruise missiles is questionable to say the least.", None),
        ("The missiles landed in a rural area of Iran.", None),
    ],
)
def test_speaker(sentence: str, speaker: str | None) -> None:
    assert attribution(sentence) == speaker


def test_subject_names_who_acts() -> None:
    text = "The Russian Defense Ministry has taken to Facebook to reject CNN's reports."
    assert subject(text) == "The Russian Defense Ministry"
    assert subject("It has been a long week for everyone involved in the talks.") is None
