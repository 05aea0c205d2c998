"""The core of ``newsfuse eval``: score ``newsfuse batch`` reports against the references."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from newsfuse.evaluate.data import reference_summary
from newsfuse.evaluate.rouge import DEFAULT_WORDS, METRICS, rouge_scores
from newsfuse.model import InputError


def summary_sentences(report: Mapping[str, Any], where: str = "predictions") -> list[str]:
    """The texts of ``report["summary"]["sentences"]``, in order."""
    summary = report.get("summary")
    sentences = summary.get("sentences") if isinstance(summary, Mapping) else None
    if not isinstance(sentences, list):
        raise InputError(where, f"report {report.get('id')!r} has no summary sentences")
    texts: list[str] = []
    for sentence in sentences:
        text = sentence.get("text") if isinstance(sentence, Mapping) else None
        if not isinstance(text, str):
            raise InputError(where, f"report {report.get('id')!r}: a sentence has no text")
        texts.append(text)
    return texts


def score_predictions(
    records: Iterable[dict[str, Any]],
    predictions: Iterable[dict[str, Any]],
    words: int = DEFAULT_WORDS,
    *,
    where: str = "predictions",
) -> dict[str, float]:
    """Mean ROUGE F1 x100 of the predictions, joined to the records by ``"id"``.

    Returns ``{"R1", "R2", "RLsum", "count"}``; only predicted records are scored. Raises
    ``InputError(where, ...)`` for a prediction without id, with an id no record has, with
    an id seen twice, or without summary sentences, and for no predictions at all.
    """
    references = {str(record.get("id")): record for record in records if "id" in record}
    scores: dict[str, list[float]] = {metric: [] for metric in METRICS}
    seen: set[str] = set()
    for number, report in enumerate(predictions, start=1):
        if "id" not in report:
            raise InputError(where, f"prediction {number} has no 'id'")
        key = str(report["id"])
        if key not in references:
            raise InputError(where, f"prediction id {key!r} has no record in the reference file")
        if key in seen:
            raise InputError(where, f"prediction id {key!r} appears twice")
        seen.add(key)
        reference = reference_summary(references[key], f"record {key!r}")
        sentences = summary_sentences(report, where)
        for metric, value in rouge_scores(sentences, reference, words).items():
            scores[metric].append(value)
    if not seen:
        raise InputError(where, "no predictions to score")
    means = {metric: statistics.fmean(values) for metric, values in scores.items()}
    return {**means, "count": float(len(seen))}
