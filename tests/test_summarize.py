"""summarize: budgeted, traceable, cited, non-redundant, deterministic summaries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source
from newsfuse.ingest import read_paths
from newsfuse.model import Group, Representation, Sentence, Source, Summary
from newsfuse.represent import load_embedder, represent
from newsfuse.segment import segment
from newsfuse.summarize import MAX_WORDS, MIN_WORDS, is_prose, reading_order, salience, summarize
from sentence_builder import build

DEMO = Path(__file__).parent.parent / "examples" / "missiles"
BUDGETS = (40, 100, 260)


@dataclass(frozen=True)
class Cluster:
    sources: list[Source]
    sentences: list[Sentence]
    representation: Representation
    groups: list[Group]

    def summary(self, words: int) -> Summary:
        return summarize(self.sentences, self.representation, self.groups, words)


def run(sources: list[Source]) -> Cluster:
    sentences = segment(sources)
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    return Cluster(sources, sentences, representation, groups)


@pytest.fixture(scope="module")
def demo() -> Cluster:
    return run([clean_source(s) for s in read_paths([str(DEMO)])])


# --- the demo cluster ---------------------------------------------------------------------


def test_demo_is_all_used(demo: Cluster) -> None:
    assert len(demo.sources) == 5
    assert all(s.status == "used" for s in demo.sources)


@pytest.mark.parametrize("words", BUDGETS)
def test_summary_within_budget_and_not_empty(demo: Cluster, words: int) -> None:
    summary = demo.summary(words)
    assert summary.sentences
    assert summary.words <= words


def test_bigger_budget_says_more(demo: Cluster) -> None:
    counts = [demo.summary(w).words for w in BUDGETS]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]


@pytest.mark.parametrize("words", BUDGETS)
def test_summary_sentences_are_source_text(demo: Cluster, words: int) -> None:
    for s in demo.summary(words).sentences:
        assert demo.sources[s.source].text[s.start : s.end] == s.text


@pytest.mark.parametrize("words", BUDGETS)
def test_summary_sentence_cites_its_own_source(demo: Cluster, words: int) -> None:
    for s in demo.summary(words).sentences:
        assert s.source in s.support
        assert list(s.support) == sorted(set(s.support))


@pytest.mark.parametrize("words", BUDGETS)
def test_summary_has_no_repeated_sentence(demo: Cluster, words: int) -> None:
    sentences = demo.summary(words).sentences
    assert len({s.text for s in sentences}) == len(sentences)
    assert len({(s.source, s.start) for s in sentences}) == len(sentences)


@pytest.mark.parametrize("words", BUDGETS)
def test_summary_sentences_within_length_limits(demo: Cluster, words: int) -> None:
    for s in demo.summary(words).sentences:
        assert MIN_WORDS <= len(s.text.split()) <= MAX_WORDS


@pytest.mark.parametrize("words", BUDGETS)
def test_summary_is_deterministic(demo: Cluster, words: int) -> None:
    again = run([clean_source(s) for s in read_paths([str(DEMO)])])
    assert again.summary(words) == demo.summary(words)
    assert demo.summary(words) == demo.summary(words)


@pytest.mark.parametrize("words", BUDGETS)
def test_summary_in_reading_order(demo: Cluster, words: int) -> None:
    per_source = {s.source: s.position + 1 for s in demo.sentences}
    index = {(s.source, s.start): i for i, s in enumerate(demo.sentences)}

    def relative(i: int) -> float:
        return demo.sentences[i].position / per_source[demo.sentences[i].source]

    chosen = [index[(s.source, s.start)] for s in demo.summary(words).sentences]
    # Where the information first appears in any source, then the sentence's own place.
    keys = [(min(relative(m) for m in demo.groups[i].members), relative(i)) for i in chosen]
    assert keys == sorted(keys)


def test_budget_below_every_sentence_gives_empty_summary(demo: Cluster) -> None:
    shortest = min(s.words for s in demo.sentences if s.words >= MIN_WORDS)
    for words in (0, MIN_WORDS - 1, shortest - 1):
        assert demo.summary(words) == Summary()


def test_no_sentences_gives_empty_summary() -> None:
    empty = represent([], load_embedder("glove"))
    assert summarize([], empty, [], 100) == Summary()


# --- hand-built clusters --------------------------------------------------------------------

SHORT_AND_CENTRAL = [
    (0, "Russian missiles crashed in Iran."),
    (0, "The Pentagon said four Russian cruise missiles fired at Syria crashed in Iran."),
    (0, "Moscow denied that any of its missiles had failed during the strikes."),
    (1, "Russian missiles crashed in Iran."),
    (1, "Four Russian cruise missiles aimed at Syria crashed in Iran, officials said."),
    (1, "Iran said it had no reports of any missiles crashing on its territory."),
    (2, "Missiles crashed in Iran."),
    (2, "U.S. officials said Russian cruise missiles crashed in rural Iran."),
    (2, "Russia has launched dozens of missiles from ships in the Caspian Sea."),
]


def test_sentences_shorter_than_min_words_never_chosen() -> None:
    sentences = build(SHORT_AND_CENTRAL)
    short = {i for i, s in enumerate(sentences) if s.words < MIN_WORDS}
    assert short == {0, 3, 6}
    representation = represent(sentences, load_embedder("glove"))
    # The short lead sentences are the most salient: only the length rule keeps them out.
    assert int(salience(sentences, representation).argmax()) in short
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    summary = summarize(sentences, representation, groups, 1000)
    assert summary.sentences
    assert all(len(s.text.split()) >= MIN_WORDS for s in summary.sentences)


def test_sentences_longer_than_max_words_never_chosen() -> None:
    long_text = "Russian missiles crashed in Iran " + " ".join(["again"] * MAX_WORDS) + "."
    sentences = build(
        [
            (0, long_text),
            (0, "Officials in Washington said four Russian missiles crashed in Iran."),
            (1, "Four Russian missiles crashed in Iran on Wednesday, officials said."),
        ]
    )
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    summary = summarize(sentences, representation, groups, 500)
    assert summary.sentences
    assert long_text not in {s.text for s in summary.sentences}


def test_reading_order_by_relative_position_then_source() -> None:
    # Source 0 has 4 sentences, source 1 has 2: relative positions 0, .25, .5, .75 and 0, .5.
    sentences = [
        Sentence(0, 0, 1, "a", 0),  # 0: 0.00
        Sentence(0, 2, 3, "b", 1),  # 1: 0.25
        Sentence(0, 4, 5, "c", 2),  # 2: 0.50
        Sentence(0, 6, 7, "d", 3),  # 3: 0.75
        Sentence(1, 0, 1, "e", 0),  # 4: 0.00
        Sentence(1, 2, 3, "f", 1),  # 5: 0.50
    ]
    assert reading_order(sentences, [3, 5, 1, 4, 0, 2]) == [0, 4, 1, 2, 5, 3]
    assert reading_order(sentences, [5, 2]) == [2, 5]  # tie at 0.5: source 0 first
    assert reading_order(sentences, []) == []


def test_reading_order_follows_the_information_across_sources() -> None:
    sentences = build(
        [
            (0, "Background on the region."),
            (0, "More background on the region."),
            (0, "The bridge collapsed on Monday."),
            (1, "The bridge collapsed on Monday morning."),
            (1, "Reactions poured in."),
        ]
    )
    own = [Group(i, (i,), (sentences[i].source,)) for i in range(5)]
    # Sentence 2 comes last in source 0, but source 1 leads with the same fact.
    groups = [*own[:2], Group(2, (2, 3), (0, 1)), Group(3, (2, 3), (0, 1)), own[4]]
    assert reading_order(sentences, [2, 1]) == [1, 2]
    assert reading_order(sentences, [2, 1], groups) == [2, 1]
    assert reading_order(sentences, [4, 2, 0], groups) == [0, 2, 4]


def test_summary_cites_group_support() -> None:
    sentences = build(SHORT_AND_CENTRAL)
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    summary = summarize(sentences, representation, groups, 1000)
    index = {s.text: i for i, s in enumerate(sentences)}
    for s in summary.sentences:
        assert s.support == groups[index[s.text]].support


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("COURT DOCUMENTS: Spears’ Dad To Conservatorship Judge: I Want More Money!", False),
        ("US Claims Russian Missiles Hit Iran Instead of Syria", False),
        ("The network reports:", False),
        ("Defense Secretary Ashton Carter lashed out at Russia from NATO headquarters.", True),
        ("Tom reports that the missiles landed in a rural area of Iran.", True),
        ("washington ( cnn ) a number of russian missiles crashed in iran .", True),
    ],
)
def test_is_prose_tells_headlines_and_lead_ins_from_sentences(text: str, prose: bool) -> None:
    assert is_prose(text) is prose
