"""textform: the demo's cased reports are full text; the same reports in Multi-News'
preprocessed form (every word lowercased but a sentence's first) are not."""

from __future__ import annotations

from pathlib import Path

from copy_form import copy_form
from newsfuse.clean import clean_source
from newsfuse.ingest import read_paths
from newsfuse.segment import segment
from newsfuse.textform import is_lowercased_form

DEMO = Path(__file__).parent.parent / "examples" / "missiles"


def demo_sentences() -> list[str]:
    return [s.text for s in segment([clean_source(s) for s in read_paths([str(DEMO)])])]


def test_cased_reports_are_full_text() -> None:
    assert not is_lowercased_form(demo_sentences())


def test_the_copy_form_is_recognised() -> None:
    assert is_lowercased_form([copy_form(s) for s in demo_sentences()])


def test_too_few_words_say_nothing() -> None:
    assert not is_lowercased_form(["A storm hit the coast."])
