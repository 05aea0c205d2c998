"""entities and compare.names: names found, typed, and their forms merged."""

from __future__ import annotations

from newsfuse.compare.names import group_names
from newsfuse.entities import find_names
from newsfuse.model import Entity, Sentence
from sentence_builder import build


def _entities(texts: list[tuple[int, str]]) -> dict[str, Entity]:
    sentences: list[Sentence] = build(texts)
    groups = group_names(sentences, find_names(sentences))
    return {g.entity.name: g.entity for g in groups}


def test_names_are_found_with_exact_offsets_and_types() -> None:
    sentences = build(
        [
            (0, "Days after the strike, Defense Secretary Ashton Carter spoke in Brussels."),
            (0, "The Pentagon said the Russian Ministry of Defense fired Kalibr missiles."),
            (1, "Two days later the talks resumed."),  # "days" in lower case: "Days" is no name
        ]
    )
    found = {m.form: m.kind for m in find_names(sentences)}
    assert found == {
        "Ashton Carter": "PERSON",
        "Brussels": "GPE",
        "Pentagon": "ORG",
        "Russian Ministry of Defense": "ORG",
        "Kalibr": "PRODUCT",
    }
    text = sentences[0].text
    carter = next(m for m in find_names(sentences) if m.form == "Ashton Carter")
    assert (
        text[carter.start - sentences[0].start : carter.end - sentences[0].start] == "Ashton Carter"
    )


def test_short_forms_and_spellings_merge_into_one_entity() -> None:
    found = _entities(
        [
            (0, "Defense Secretary Ashton Carter warned Moscow about the Kalibr cruise missiles."),
            (1, "Ash Carter said the Kaliber cruise missiles were fired from the Caspian Sea."),
            (2, "Carter added that Kalibir cruise missiles had crashed near the city of Tekab."),
            (3, "Officials near the city of Takab said cruise missiles crashed and exploded."),
        ]
    )
    assert set(found["Ashton Carter"].variants) == {"Ash Carter", "Ashton Carter", "Carter"}
    kalibr = next(e for e in found.values() if "Kalibr" in e.variants)
    assert kalibr.variants == {"Kaliber": (1,), "Kalibir": (2,), "Kalibr": (0,)}
    assert found["Tekab"].variants == {"Takab": (3,), "Tekab": (2,)}


def test_similar_names_of_different_things_stay_apart() -> None:
    found = _entities(
        [
            (0, "The missiles flew over Iran and Iraq before they crashed in Iran on Thursday."),
            (1, "Officials in Iraq said Russia and Austria spoke about missiles over Iran."),
            (2, "Russia told Australia that missiles crossed Iraq, the Russian envoy said."),
            (3, "The American envoy said the missiles crossed Iraq on the way to the Americas."),
            (4, "Diplomats from the Americas said missiles crossed Iraq, the American said."),
        ]
    )
    assert {"Iran", "Iraq", "Russia"} <= set(found)
    assert all(len(e.variants) == 0 for e in found.values())


def test_hyphenated_and_unhyphenated_forms_are_one_name() -> None:
    found = _entities(
        [
            (0, "The cook Clarissa Dickson Wright died in Edinburgh on Saturday, aged 66."),
            (1, "Television cook Clarissa Dickson-Wright has died in Edinburgh, aged 66."),
        ]
    )
    assert found["Clarissa Dickson Wright"].variants == {
        "Clarissa Dickson Wright": (0,),
        "Clarissa Dickson-Wright": (1,),
    }
