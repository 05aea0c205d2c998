"""newsfuse: many news reports of one event in, one faithful cited account out.

The public API; everything else is internal::

    from newsfuse import fuse, read_paths
    report = fuse(read_paths(["examples/missiles"]))
    print(render_markdown(report))
"""

from newsfuse.ingest import read_paths, sources_from_documents
from newsfuse.model import (
    DEFAULT_WORDS,
    SCHEMA,
    Disagreement,
    Entity,
    Fact,
    InputError,
    Mention,
    Removed,
    Report,
    Side,
    Source,
    Summary,
    SummarySentence,
    UniqueDetail,
)
from newsfuse.pipeline import fuse, fuse_documents
from newsfuse.render import render_html, render_json, render_markdown, report_to_dict

__all__ = [
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
