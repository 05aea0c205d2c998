"""The report as JSON for programs: the ``newsfuse.report/1`` layout of CONTRACT.md."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, cast

from newsfuse.model import (
    Disagreement,
    Entity,
    Fact,
    Mention,
    Report,
    Side,
    Source,
    Summary,
    SummarySentence,
    UniqueDetail,
)

SCHEMA_RESOURCE = "report.schema.json"


def report_to_dict(report: Report) -> dict[str, object]:
    """The report as plain JSON values, keys in CONTRACT.md order, tuples as lists.

    Optional keys (``error`` and ``warning`` of a source, ``attribution`` of a fact or side)
    appear only when they carry something, so an ordinary report has exactly the documented
    layout.
    """
    return {
        "schema": report.schema,
        "id": report.id,
        "sources": [_source(s) for s in report.sources],
        "summary": _summary(report.summary),
        "facts": [_fact(f) for f in report.facts],
        "disagreements": [_disagreement(d) for d in report.disagreements],
        "entities": [_entity(e) for e in report.entities],
        "unique": [_unique(u) for u in report.unique],
    }


def render_json(report: Report, indent: int | None = 2) -> str:
    """The report as a JSON document: UTF-8 text kept as is, byte-identical for equal reports.

    ``indent=None`` gives one line (for JSONL output such as ``batch``).
    """
    # Compact separators on one line; the defaults leave a trailing space after "," with indent.
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        report_to_dict(report), ensure_ascii=False, indent=indent, separators=separators
    )


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report, shipped inside the package."""
    # Through the package, not the folder: `resources/` has no __init__ (it is data).
    path = resources.files("newsfuse") / "resources" / SCHEMA_RESOURCE
    text = path.read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


def _source(source: Source) -> dict[str, object]:
    out: dict[str, object] = {
        "index": source.index,
        "name": source.name,
        "outlet": source.outlet,
        "title": source.title,
        "published": source.published,
        "url": source.url,
        "words": source.words,
        "status": source.status,
    }
    # CONTRACT: an unreadable source carries its "error"; other sources only if they have one.
    if source.status == "unreadable" or source.error is not None:
        out["error"] = source.error
    if source.warning is not None:
        out["warning"] = source.warning
    out["text"] = source.text
    out["removed"] = [{"text": r.text, "why": r.why} for r in source.removed]
    return out


def _summary(summary: Summary) -> dict[str, object]:
    return {
        "text": summary.text,
        "words": summary.words,
        "sentences": [_summary_sentence(s) for s in summary.sentences],
    }


def _summary_sentence(sentence: SummarySentence) -> dict[str, object]:
    return {
        "text": sentence.text,
        "source": sentence.source,
        "start": sentence.start,
        "end": sentence.end,
        "support": list(sentence.support),
    }


def _mention(mention: Mention) -> dict[str, object]:
    return {"source": mention.source, "start": mention.start, "end": mention.end}


def _fact(fact: Fact) -> dict[str, object]:
    out: dict[str, object] = {
        "text": fact.text,
        "support": list(fact.support),
        "mentions": [_mention(m) for m in fact.mentions],
    }
    if fact.attribution is not None:
        out["attribution"] = fact.attribution
    return out


def _side(side: Side) -> dict[str, object]:
    out: dict[str, object] = {"text": side.text, "sources": list(side.sources)}
    if side.attribution is not None:
        out["attribution"] = side.attribution
    return out


def _disagreement(disagreement: Disagreement) -> dict[str, object]:
    return {
        "kind": disagreement.kind,
        "topic": disagreement.topic,
        "sides": [_side(s) for s in disagreement.sides],
    }


def _entity(entity: Entity) -> dict[str, object]:
    # Variants keep the order compare gave them: equal reports give equal output.
    return {
        "name": entity.name,
        "type": entity.type,
        "sources": list(entity.sources),
        "variants": {name: list(sources) for name, sources in entity.variants.items()},
    }


def _unique(detail: UniqueDetail) -> dict[str, object]:
    return {"source": detail.source, "text": detail.text}
