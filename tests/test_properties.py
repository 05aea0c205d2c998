"""Properties of fuse over any text (hypothesis): a report or a clear error, every summary
sentence exactly its source's words, the word budget kept, the report valid JSON."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from newsfuse import InputError, fuse_documents, render_json
from newsfuse.render.json import load_schema

VALIDATOR = Draft202012Validator(load_schema())

# Words of news-like prose, to give the pipeline sentences to align, mixed with any text.
_WORD = st.sampled_from(
    "Russia Iran missiles crashed four 26 officials said may be no casualties Tekab Takab "
    "the of and in . , ; : ! ? ' \" ( ) — |||||".split()
)
_PROSE = st.lists(_WORD, min_size=0, max_size=60).map(" ".join)
_ANY = st.text(max_size=400)
_DOCUMENT = st.one_of(_PROSE, _ANY, st.tuples(_PROSE, _ANY).map("\n".join))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=st.lists(_DOCUMENT, min_size=1, max_size=4), words=st.integers(1, 120))
def test_fuse_keeps_its_contract_on_any_text(documents: list[str], words: int) -> None:
    try:
        report = fuse_documents(documents, words)
    except InputError:
        return  # a clear error is a valid answer
    assert len(report.sources) == len(documents)
    assert report.summary.words <= words
    for sentence in report.summary.sentences:
        source = report.sources[sentence.source]
        assert source.text[sentence.start : sentence.end] == sentence.text
        assert sentence.source in sentence.support
    for fact in report.facts:
        for mention in fact.mentions:
            assert report.sources[mention.source].text[mention.start : mention.end]
    VALIDATOR.validate(json.loads(render_json(report)))
