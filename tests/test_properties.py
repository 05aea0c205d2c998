"""Properties of fuse over any text (hypothesis): a report or a clear error, every summary
sentence exactly its source's words, the word budget kept, the report valid JSON. The
number of examples comes from the hypothesis profile (conftest.py)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from invariants import check_report
from newsfuse import InputError, fuse_documents
from text_strategies import DOCUMENT, SAMPLES


@given(documents=st.lists(DOCUMENT, min_size=1, max_size=4), words=st.integers(1, 120))
@example(documents=list(SAMPLES.values()), words=60)
@example(documents=[SAMPLES["arabic"], SAMPLES["hebrew"], SAMPLES["bidi-controls"]], words=40)
@example(documents=[SAMPLES["chinese"], SAMPLES["japanese"], SAMPLES["thai"]], words=20)
@example(documents=[SAMPLES["control-chars"], SAMPLES["line-separators"]], words=20)
@example(documents=[SAMPLES["only-punctuation"]] * 2, words=5)
@example(documents=[SAMPLES["emoji"], SAMPLES["emoji"] + " " + SAMPLES["russian"]], words=1)
def test_fuse_keeps_its_contract_on_any_text(documents: list[str], words: int) -> None:
    try:
        report = fuse_documents(documents, words)
    except InputError:
        return  # a clear error is a valid answer
    check_report(report, len(documents), words)


@given(words=st.integers(-5, 0))
def test_fuse_with_no_word_budget_is_a_clear_error(words: int) -> None:
    try:
        fuse_documents(["Russia fired 26 missiles."], words)
    except InputError as error:
        assert error.where == "--words"
    else:
        raise AssertionError(f"words={words} gave a report")


def test_fuse_of_one_megabyte_single_lines_keeps_its_contract() -> None:
    # One line of 1 MB of prose once took align over 20 GB (segment caps it now); with it,
    # a line without spaces and one of emoji between words, the longest inputs here.
    documents = [
        "The missile hit the town, officials said. " * 24_000,
        "Russiafired26missilesatSyria." * 34_000,
        "Missiles🚀hit💥Syria 🇷🇺. " * 50_000,
    ]
    report = fuse_documents(documents, 100)
    check_report(report, len(documents), 100)
    assert [s.status for s in report.sources] == ["used"] * 3
    assert report.summary.sentences
