"""A report read back from its JSON (``report_to_dict``'s inverse), for pages that show a
stored report: the story store keeps reports as JSON."""

from __future__ import annotations

from typing import Any

from newsfuse.model import (
    Disagreement,
    Entity,
    Fact,
    Mention,
    Removed,
    Report,
    Side,
    Source,
    Summary,
    SummarySentence,
    UniqueDetail,
)


def report_from_dict(data: dict[str, Any]) -> Report:
    """The ``Report`` a ``report_to_dict`` output describes; ``report_to_dict`` of the
    result gives ``data`` back."""
    return Report(
        sources=tuple(_source(s) for s in data["sources"]),
        summary=Summary(
            tuple(
                SummarySentence(s["text"], s["source"], s["start"], s["end"], tuple(s["support"]))
                for s in data["summary"]["sentences"]
            )
        ),
        id=data.get("id"),
        facts=tuple(
            Fact(
                f["text"],
                tuple(f["support"]),
                tuple(Mention(m["source"], m["start"], m["end"]) for m in f["mentions"]),
                f.get("attribution"),
            )
            for f in data["facts"]
        ),
        disagreements=tuple(
            Disagreement(
                d["kind"],
                d["topic"],
                tuple(
                    Side(s["text"], tuple(s["sources"]), s.get("attribution")) for s in d["sides"]
                ),
            )
            for d in data["disagreements"]
        ),
        entities=tuple(
            Entity(
                e["name"],
                e["type"],
                tuple(e["sources"]),
                {form: tuple(sources) for form, sources in e["variants"].items()},
            )
            for e in data["entities"]
        ),
        unique=tuple(UniqueDetail(u["source"], u["text"]) for u in data["unique"]),
        schema=data["schema"],
    )


def _source(data: dict[str, Any]) -> Source:
    return Source(
        index=data["index"],
        name=data["name"],
        text=data["text"],
        title=data.get("title"),
        outlet=data.get("outlet"),
        url=data.get("url"),
        published=data.get("published"),
        status=data["status"],
        error=data.get("error"),
        warning=data.get("warning"),
        removed=tuple(Removed(r["text"], r["why"]) for r in data.get("removed", [])),
    )
