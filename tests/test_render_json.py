"""The JSON report: CONTRACT.md layout, the strict schema, determinism."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from newsfuse.model import SCHEMA, Report, Side, Source, Summary
from newsfuse.render import load_schema, render_json, report_to_dict
from test_render_data import UNREADABLE_ERROR, full_report, minimal_report


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_json(report_dict: dict[str, object]) -> Any:
    """The dict as a program reading the JSON text would see it."""
    return json.loads(json.dumps(report_dict))


def test_schema_is_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"] == {"const": SCHEMA}


def test_full_report_validates(validator: Draft202012Validator) -> None:
    data = as_json(report_to_dict(full_report()))
    assert sorted(e.message for e in validator.iter_errors(data)) == []
    assert all(data[key] for key in ("facts", "disagreements", "entities", "unique"))


def test_minimal_report_validates(validator: Draft202012Validator) -> None:
    data = as_json(report_to_dict(minimal_report()))
    assert list(validator.iter_errors(data)) == []
    assert data["summary"] == {"text": "", "words": 0, "sentences": []}
    assert data["sources"][0]["error"] == "empty file"


def _extra_top(d: Any) -> None:
    d["debug"] = True


def _extra_source(d: Any) -> None:
    d["sources"][0]["html"] = "<p>"


def _extra_sentence(d: Any) -> None:
    d["summary"]["sentences"][0]["score"] = 0.9


def _extra_mention(d: Any) -> None:
    d["facts"][0]["mentions"][0]["text"] = "x"


def _extra_side(d: Any) -> None:
    d["disagreements"][0]["sides"][0]["weight"] = 1


def _extra_removed(d: Any) -> None:
    d["sources"][0]["removed"][0]["line"] = 3


def _bad_status(d: Any) -> None:
    d["sources"][0]["status"] = "skipped"


def _bad_kind(d: Any) -> None:
    d["disagreements"][0]["kind"] = "opinion"


def _bad_schema(d: Any) -> None:
    d["schema"] = "newsfuse.report/2"


def _missing_key(d: Any) -> None:
    del d["sources"][0]["removed"]


def _negative_offset(d: Any) -> None:
    d["summary"]["sentences"][0]["start"] = -1


def _string_support(d: Any) -> None:
    d["facts"][0]["support"] = ["0", "1"]


def _bad_variants(d: Any) -> None:
    d["entities"][0]["variants"]["Kaliber"] = "0,1,2"


def _error_not_string(d: Any) -> None:
    d["sources"][6]["error"] = 404


@pytest.mark.parametrize(
    "break_it",
    [
        _extra_top,
        _extra_source,
        _extra_sentence,
        _extra_mention,
        _extra_side,
        _extra_removed,
        _bad_status,
        _bad_kind,
        _bad_schema,
        _missing_key,
        _negative_offset,
        _string_support,
        _bad_variants,
        _error_not_string,
    ],
)
def test_schema_is_strict(validator: Draft202012Validator, break_it: Callable[[Any], None]) -> None:
    data = as_json(report_to_dict(full_report()))
    broken = copy.deepcopy(data)
    break_it(broken)
    assert not validator.is_valid(broken)


def test_key_order_matches_contract() -> None:
    data = report_to_dict(full_report())
    assert list(data) == [
        "schema",
        "id",
        "sources",
        "summary",
        "facts",
        "disagreements",
        "entities",
        "unique",
    ]
    sources: Any = data["sources"]
    head = ["index", "name", "outlet", "title", "published", "url", "words", "status"]
    assert list(sources[0]) == [*head, "text", "removed"]
    assert list(sources[6]) == [*head, "error", "text", "removed"]  # unreadable
    assert list(sources[0]["removed"][0]) == ["text", "why"]
    summary: Any = data["summary"]
    assert list(summary) == ["text", "words", "sentences"]
    assert list(summary["sentences"][0]) == ["text", "source", "start", "end", "support"]
    facts: Any = data["facts"]
    assert list(facts[0]) == ["text", "support", "mentions", "attribution"]
    assert list(facts[1]) == ["text", "support", "mentions"]  # no attribution: no key
    assert list(facts[0]["mentions"][0]) == ["source", "start", "end"]
    disagreements: Any = data["disagreements"]
    assert list(disagreements[0]) == ["kind", "topic", "sides"]
    assert list(disagreements[0]["sides"][0]) == ["text", "sources", "attribution"]
    assert list(disagreements[1]["sides"][0]) == ["text", "sources"]
    entities: Any = data["entities"]
    assert list(entities[0]) == ["name", "type", "sources", "variants"]
    assert list(entities[0]["variants"]) == ["Kaliber", "Kalibr", "Kalibir"]
    unique: Any = data["unique"]
    assert list(unique[0]) == ["source", "text"]


def test_values_follow_the_contract() -> None:
    report = full_report()
    data: Any = report_to_dict(report)
    assert data["schema"] == "newsfuse.report/1"
    assert data["id"] == "missiles-2015-10-08"
    assert data["summary"]["text"] == "\n".join(s.text for s in report.summary.sentences)
    assert data["summary"]["words"] == sum(len(s.text.split()) for s in report.summary.sentences)
    for s in data["summary"]["sentences"]:
        assert data["sources"][s["source"]]["text"][s["start"] : s["end"]] == s["text"]
        assert isinstance(s["support"], list)
    assert data["sources"][0]["words"] == len(report.sources[0].text.split())
    assert data["sources"][6]["status"] == "unreadable"
    assert data["sources"][6]["error"] == UNREADABLE_ERROR
    assert "error" not in data["sources"][0]
    assert data["entities"][0]["variants"]["Kaliber"] == [0, 1, 2]


def test_json_is_deterministic_and_round_trips() -> None:
    first = render_json(full_report())
    assert first == render_json(full_report())
    assert json.loads(first) == as_json(report_to_dict(full_report()))
    assert render_json(full_report(), indent=None) == render_json(full_report(), indent=None)


def test_one_line_json_for_jsonl() -> None:
    line = render_json(full_report(), indent=None)
    assert "\n" not in line  # text newlines are escaped as \n inside strings
    assert json.loads(line) == json.loads(render_json(full_report()))


def test_unicode_is_kept_as_text() -> None:
    text = "שלום עולם. Привет, мир! مرحبا 🚀 — “quoted” Kaliber."
    report = Report((Source(0, "unicode.txt", text, title="🚀 עדכון"),), Summary())
    out = render_json(report)
    assert text in out
    assert "\\u" not in out
    assert json.loads(out)["sources"][0]["text"] == text


def test_side_attribution_none_is_left_out() -> None:
    data: Any = report_to_dict(full_report())
    assert "attribution" not in data["disagreements"][1]["sides"][1]
    assert Side("x", (0,)).attribution is None
