"""`newsfuse eval`'s core: batch reports joined to their records by id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.evaluate.data import read_records
from newsfuse.evaluate.score import score_predictions
from newsfuse.model import InputError


def report(id_: str, *sentences: str) -> dict[str, object]:
    return {
        "schema": "newsfuse.report/1",
        "id": id_,
        "summary": {"text": "\n".join(sentences), "sentences": [{"text": s} for s in sentences]},
    }


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


RECORDS = [
    {"id": "r1", "documents": ["x"], "summary": "The cat was on the mat."},
    {"id": "r2", "documents": ["y"], "summary": "The dog ran. The cat sat."},
    {"id": "r3", "documents": ["z"], "summary": "Not predicted, not scored."},
]


def test_predictions_file_joined_by_id(tmp_path: Path) -> None:
    records = write_jsonl(tmp_path / "records.jsonl", list(RECORDS))
    # Out of record order: the join is by id, not by position.
    predictions = write_jsonl(
        tmp_path / "pred.jsonl",
        [report("r2", "The dog ran.", "The cat sat."), report("r1", "The cat sat on the mat.")],
    )
    scores = score_predictions(read_records(records), read_records(predictions))
    # r2 is the reference verbatim: 100 everywhere.
    # r1 (hand-counted in test_evaluate_rouge): R1 = 5/6, R2 = 3/5, RLsum = 5/6.
    assert scores["count"] == 2
    assert scores["R1"] == pytest.approx((100 + 100 * 5 / 6) / 2)
    assert scores["R2"] == pytest.approx((100 + 60) / 2)
    assert scores["RLsum"] == pytest.approx((100 + 100 * 5 / 6) / 2)


def test_prediction_cut_at_words() -> None:
    # With words=3 only "The dog ran." survives: R1 P = 3/3, R = 3/6 -> F = 2/3.
    scores = score_predictions(RECORDS, [report("r2", "The dog ran.", "The cat sat.")], words=3)
    assert scores["R1"] == pytest.approx(100 * 2 / 3)


def test_unknown_id_is_named() -> None:
    with pytest.raises(InputError, match="'r9'"):
        score_predictions(RECORDS, [report("r1", "x"), report("r9", "y")])


def test_bad_predictions() -> None:
    with pytest.raises(InputError, match="twice"):
        score_predictions(RECORDS, [report("r1", "x"), report("r1", "y")])
    with pytest.raises(InputError, match="no 'id'"):
        score_predictions(RECORDS, [{"summary": {"sentences": []}}])
    with pytest.raises(InputError, match="no summary sentences"):
        score_predictions(RECORDS, [{"id": "r1"}])
    with pytest.raises(InputError, match="no predictions"):
        score_predictions(RECORDS, [])
