"""quantities: what a number counts and the range the text allows it."""

from __future__ import annotations

import math

import pytest

from newsfuse.quantities import Quantity, quantities


def _one(sentence: str) -> Quantity:
    found = quantities(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "low", "high", "noun"),
    [
        ("At least four Russian missiles crashed.", 4, math.inf, "missiles"),
        ("The navy launched 26 long range cruise missiles.", 26, 26, "missiles"),
        ("About 30 people died in the fire.", 27, 33, "people"),
        ("More than 1,200 homes lost power.", 1200, math.inf, "homes"),
        ("Up to five storms may form.", -math.inf, 5, "storms"),
        ("They found 2.5 million votes.", 2_450_000, 2_550_000, "votes"),  # as rounded
        ("The firm wants $972,814 back.", 972_814, 972_814, "dollars"),
        ("It wants $973,000 back.", 972_500, 973_500, "dollars"),
        ("Robert Durst, 73, was sentenced.", 73, 73, "years old"),
        ("His net worth was $4.77-billion last year.", 4_765_000_000, 4_775_000_000, "dollars"),
        ("The town is 30km from the park.", 30 * 0.6214 * 0.95, 30 * 0.6214 * 1.05, "km"),
    ],
)
def test_range_and_counted_noun(sentence: str, low: float, high: float, noun: str) -> None:
    found = _one(sentence)
    assert (found.low, found.high, found.noun) == (low, high, noun)
    assert sentence[found.start : found.end] == found.text


def test_at_least_four_agrees_with_four_and_not_with_three() -> None:
    at_least_four = _one("At least four missiles crashed in Iran.")
    assert at_least_four.agrees_with(_one("Four missiles crashed in Iran."))
    assert not at_least_four.agrees_with(_one("Three missiles crashed in Iran."))


def test_a_rounded_figure_agrees_with_the_exact_one() -> None:
    assert _one("It cost $973,000.").agrees_with(_one("It cost $972,814."))
    assert not _one("It cost $972,815.").agrees_with(_one("It cost $972,814."))


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia began bombing on Sept. 30 after a vote.",
        "The treaty was signed in 2015 by both sides.",
        "The meeting starts at 3 p.m. in Brussels.",
        "No numbers at all in this one, nor anyone counting.",
        "Passengers in group 2 line up in lane 2 at the gate.",
        "A Category 4 hurricane is a Category 4 storm.",
    ],
)
def test_dates_years_and_times_are_not_counts(sentence: str) -> None:
    assert quantities(sentence) == []


def test_the_age_belongs_to_the_named_person() -> None:
    before = _one("The 72-year-old real estate heir Robert Durst pleaded guilty.")
    after = _one("Robert Durst, 73, pleaded guilty.")
    assert before.unit == after.unit == "age of Durst"
    assert not before.agrees_with(after)
