"""Evaluation: records, ROUGE, reference baselines, the bench and the ``eval`` scorer.

Multi-News is for non-commercial research only: nothing here ships or needs its files;
callers pass paths.
"""

from __future__ import annotations

from newsfuse.evaluate.baselines import (
    Summarizer,
    SumyTokenizer,
    first_k,
    lexrank,
    textrank,
)
from newsfuse.evaluate.bench import SystemResult, default_systems, format_table, run_bench
from newsfuse.evaluate.data import document_texts, read_records, reference_summary
from newsfuse.evaluate.rouge import DEFAULT_WORDS, cut_words, rouge_scores
from newsfuse.evaluate.score import score_predictions, summary_sentences

__all__ = [
    "DEFAULT_WORDS",
    "Summarizer",
    "SumyTokenizer",
    "SystemResult",
    "cut_words",
    "default_systems",
    "document_texts",
    "first_k",
    "format_table",
    "lexrank",
    "read_records",
    "reference_summary",
    "rouge_scores",
    "run_bench",
    "score_predictions",
    "summary_sentences",
    "textrank",
]
