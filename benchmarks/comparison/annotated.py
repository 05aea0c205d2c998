"""The annotated clusters: where their files are and the records they annotate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
# dev: the clusters the comparison's rules were tuned on; heldout, final: annotated blind,
# scored once, then seen (their misses guided later work); final2: annotated blind and
# scored once, after the last change to the rules (GUIDELINES.md).
SETS = {
    "dev": HERE / "annotations",
    "heldout": HERE / "heldout",
    "final": HERE / "final",
    "final2": HERE / "final2",
}


def load_records(path: Path) -> dict[str, dict[str, Any]]:
    """The Multi-News records of a JSONL file, by id."""
    records = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records[record["id"]] = record
    return records


def document_texts(record: dict[str, Any]) -> list[str]:
    """The record's documents as strings (article objects give their ``text``)."""
    return [d if isinstance(d, str) else str(d.get("text", "")) for d in record["documents"]]


def annotation_files(*sets: str) -> list[Path]:
    """The annotation files of the named sets, in name order."""
    return sorted(path for name in sets for path in SETS[name].glob("*.json"))
