"""The public API is exactly what ``newsfuse.__all__`` names; a change to it is on purpose."""

from __future__ import annotations

from pathlib import Path

import newsfuse

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "missiles"


def test_exported_names_are_pinned() -> None:
    assert sorted(newsfuse.__all__) == sorted(
        [
            "DEFAULT_WORDS",
            "SCHEMA",
            "Disagreement",
            "Entity",
            "Fact",
            "InputError",
            "Mention",
            "Removed",
            "Report",
            "Side",
            "Source",
            "Summary",
            "SummarySentence",
            "UniqueDetail",
            "fuse",
            "fuse_documents",
            "read_paths",
            "render_html",
            "render_json",
            "render_markdown",
            "report_to_dict",
            "sources_from_documents",
        ]
    )
    for name in newsfuse.__all__:
        assert hasattr(newsfuse, name)


def test_fuse_through_the_public_api() -> None:
    report = newsfuse.fuse(newsfuse.read_paths([str(EXAMPLES)]), words=80)
    assert report.schema == newsfuse.SCHEMA
    assert 0 < report.summary.words <= 80
    assert [s.status for s in report.sources] == ["used"] * 5


def test_fuse_documents_keeps_every_input() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir())]
    report = newsfuse.fuse_documents([*texts, "", texts[0]], report_id="demo")
    assert report.id == "demo"
    assert [s.status for s in report.sources] == ["used"] * 5 + ["empty", "duplicate"]
