"""pipeline: bench's summarizer writes the summary fuse writes."""

from __future__ import annotations

from pathlib import Path

from newsfuse import fuse_documents
from newsfuse.pipeline import summarizer

MISSILES = Path(__file__).parent.parent / "examples" / "missiles"


def test_bench_summarizer_gives_the_summary_of_fuse() -> None:
    documents = [p.read_text(encoding="utf-8") for p in sorted(MISSILES.iterdir())]
    for scorer in ("learned", "heuristic"):
        report = fuse_documents(documents, 120, scorer=scorer)
        expected = [s.text for s in report.summary.sentences]
        assert expected and summarizer(scorer=scorer)(documents, 120) == expected
    assert summarizer()(["", "   "], 120) == []
