"""compare, end to end on the demo cluster and on small clusters written for one behaviour:
facts, disagreements of every kind with the right sources, names and unique details."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse import Disagreement, Report, fuse, fuse_documents, read_paths

MISSILES = Path(__file__).parent.parent / "examples" / "missiles"


@pytest.fixture(scope="module")
def missiles() -> Report:
    return fuse(read_paths([str(MISSILES)]))


def _only(report: Report, kind: str, topic_word: str) -> Disagreement:
    found = [d for d in report.disagreements if d.kind == kind and topic_word in d.topic]
    assert len(found) == 1, [(d.kind, d.topic) for d in report.disagreements]
    return found[0]


def _sides(disagreement: Disagreement) -> dict[str, tuple[int, ...]]:
    return {side.text: side.sources for side in disagreement.sides}


def test_missiles_casualties_may_be_against_no_detection(missiles: Report) -> None:
    casualties = _only(missiles, "polarity", "casualties")
    hedged, *_, denied = casualties.sides
    assert "may be casualties" in hedged.text and {0, 3} <= set(hedged.sources)
    assert "no detection of any damage or casualties" in denied.text
    assert denied.sources == (4,) and denied.attribution == "a US official"
    cited = [s for side in casualties.sides for s in side.sources]
    assert len(cited) == len(set(cited))  # each source on one side


def test_missiles_spellings_of_tekab_and_kalibr(missiles: Report) -> None:
    assert _sides(_only(missiles, "name", "Tekab")) == {"Takab": (2,), "Tekab": (0,)}
    assert _sides(_only(missiles, "name", "Kalib")) == {
        "Kaliber": (0, 1, 2),
        "Kalibir": (4,),
        "Kalibr": (1,),
    }


def test_missiles_russia_denies_the_us_officials_account(missiles: Report) -> None:
    claim = _only(missiles, "claim", "officials")
    account, *denials = claim.sides
    assert "at least four missiles crashed" in account.text
    assert account.attribution == "CNN" and len(account.sources) >= 3
    russia = [d for d in denials if d.attribution and "Russian" in d.attribution]
    assert len(russia) == 1
    assert "reject CNN" in russia[0].text and set(russia[0].sources) >= {0, 3}


def test_missiles_consensus_facts_have_three_sources(missiles: Report) -> None:
    def fact_with(*phrases: str) -> tuple[int, ...]:
        found = [f for f in missiles.facts if all(p in f.text for p in phrases)]
        assert found, [f.text for f in missiles.facts]
        return found[0].support

    assert len(fact_with("at least four missiles crashed")) >= 3
    assert len(fact_with("Caspian Sea")) >= 3
    assert len(fact_with("Carter warned", "casualties")) >= 3


def test_missiles_facts_are_ranked_by_support_and_their_mentions_are_exact(
    missiles: Report,
) -> None:
    supports = [len(f.support) for f in missiles.facts]
    assert supports == sorted(supports, reverse=True) and min(supports) >= 2
    for fact in missiles.facts:
        texts = [missiles.sources[m.source].text[m.start : m.end] for m in fact.mentions]
        assert fact.text in texts
        assert sorted({m.source for m in fact.mentions}) == list(fact.support)


def test_missiles_entities_merge_forms_of_one_name(missiles: Report) -> None:
    names = {e.name: e for e in missiles.entities}
    carter = next(e for e in missiles.entities if "Carter" in e.name)
    assert set(carter.variants) == {"Ash Carter", "Ashton Carter", "Carter"}
    assert carter.type == "PERSON"
    assert names["Pentagon"].type == "ORG"
    assert "Iran" in names and "Iraq" in names  # one letter apart, two countries
    assert not any("Russian" in e.variants for e in missiles.entities)


def test_missiles_unique_details_are_few_and_single_source(missiles: Report) -> None:
    assert 0 < len(missiles.unique) <= 10
    for source in {u.source for u in missiles.unique}:
        assert sum(u.source == source for u in missiles.unique) <= 2
    kerry = [u for u in missiles.unique if "Kerry" in u.text]
    assert [u.source for u in kerry] == [0]


def test_numbers_that_cannot_both_be_true_disagree_and_bounds_agree() -> None:
    report = fuse_documents(
        [
            "Russia fired 26 cruise missiles at targets in Syria from warships in the Caspian "
            "Sea on Wednesday, the ministry said. At least four missiles crashed in Iran.",
            "Russia fired 24 cruise missiles at targets in Syria from warships in the Caspian "
            "Sea on Wednesday, the ministry said. Four missiles crashed in Iran, officials say.",
        ]
    )
    numbers = [d for d in report.disagreements if d.kind == "number"]
    assert len(numbers) == 1, report.disagreements
    assert _sides(numbers[0]) == {"24 cruise missiles": (1,), "26 cruise missiles": (0,)}


def test_a_source_giving_two_figures_does_not_disagree_with_itself() -> None:
    report = fuse_documents(
        [
            "The navy launched 26 missiles on Wednesday and 4 missiles fell short of Syria.",
            "The navy launched 26 missiles on Wednesday, and 4 missiles fell short of Syria.",
        ]
    )
    assert [d for d in report.disagreements if d.kind == "number"] == []


def test_counts_of_differently_named_kinds_do_not_disagree() -> None:
    survey = "Conservationists counted {} rhinos in the park during the survey this year."
    report = fuse_documents(
        [
            "The reserve opened to visitors in spring. " + survey.format("469 white"),
            "Poachers were arrested near the border. " + survey.format("4,800 black"),
            "Rangers trained new dogs in the winter. " + survey.format("4,800 black"),
        ]
    )
    assert [d for d in report.disagreements if d.kind == "number"] == []


def test_ages_of_one_person_are_compared_across_the_cluster() -> None:
    report = fuse_documents(
        [
            "Real estate heir Robert Durst, 73, was sentenced on Wednesday in New Orleans.",
            "A judge sentenced the 72-year-old Robert Durst to seven years for a gun crime.",
        ]
    )
    ages = [d for d in report.disagreements if d.kind == "number"]
    assert [d.topic for d in ages] == ["age of Durst"]
    assert _sides(ages[0]) == {"72 years old": (1,), "73 years old": (0,)}


def test_a_denial_reported_with_its_claim_is_one_claim_disagreement() -> None:
    report = fuse_documents(
        [
            'Asked about a media report that she had offered Mursi a "safe exit", Ashton '
            'replied: "I did nothing of the kind."',
            "Ashton met Mursi for two hours in an undisclosed location on Monday night.",
        ]
    )
    claims = [d for d in report.disagreements if d.kind == "claim"]
    assert len(claims) == 1
    claim, denial = claims[0].sides
    assert claim.text == 'a media report that she had offered Mursi a "safe exit"'
    assert claim.attribution == "a media report" and denial.sources == (0,)


def test_refusals_and_passives_are_no_denials() -> None:
    report = fuse_documents(
        [
            "Prosecutors said the suspect stole a police car in Chicago on Monday night. "
            "The suspect was denied bail at a court appearance in Chicago, his lawyer said. "
            "Senate Democrats say they will reject any changes to the health law this week.",
            "Prosecutors said the suspect stole a police car in Chicago on Monday night. "
            "The suspect was denied bail at a hearing in Chicago on Tuesday, his lawyer said. "
            "Democrats in the Senate will reject any changes to the health law, aides said.",
        ]
    )
    assert [d for d in report.disagreements if d.kind == "claim"] == []


def test_identical_stories_have_facts_and_no_disagreement() -> None:
    story = (
        "The city council approved the new budget on Tuesday after a long debate. "
        "The budget raises spending on schools by five percent."
    )
    report = fuse_documents([story, story.replace("Tuesday", "Tuesday night")])
    assert report.disagreements == ()
    assert report.facts and all(f.support == (0, 1) for f in report.facts)
    assert report.unique == ()


def test_comparison_is_deterministic(missiles: Report) -> None:
    again = fuse(read_paths([str(MISSILES)]))
    assert (again.facts, again.disagreements, again.entities, again.unique) == (
        missiles.facts,
        missiles.disagreements,
        missiles.entities,
        missiles.unique,
    )
