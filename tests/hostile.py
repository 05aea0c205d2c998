"""The hostile cluster (``tests/data/hostile``) and what its report must show as text.

Five articles about one warehouse fire whose sentences carry markup, script, ``javascript:``
and ``data:`` links, attribute-breaking quotes, Markdown and our own template markers: as
plain text (.txt), as escaped text, real tags and metadata of an HTML page, and as the
fields of JSON articles (title, outlet, url, published). Every payload that ran would set
``window.__pwned`` (or call ``alert``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile"
FILES = sorted(HOSTILE.iterdir())

# The elements our pages are made of; anything else in a page came from a source.
REPORT_TAGS = frozenset(
    "html head meta title style body main header section h1 h2 h3 p div span a mark "
    "strong br table caption thead tbody tfoot tr th td ul li details summary q article".split()
)
PAGE_TAGS = REPORT_TAGS | {"link", "script", "nav", "aside"}


def fuse_cli(fmt: str, output: Path | None = None) -> str:
    """``newsfuse fuse tests/data/hostile --format fmt`` as a user runs it: its stdout."""
    extra = ["-o", str(output)] if output else []
    done = subprocess.run(
        [sys.executable, "-m", "newsfuse", "fuse", str(HOSTILE), "--format", fmt, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout


def report() -> dict[str, Any]:
    """The JSON report of the hostile cluster."""
    found: dict[str, Any] = json.loads(fuse_cli("json"))
    return found


def shown(found: dict[str, Any]) -> dict[str, list[str]]:
    """The report's texts by the page section (its id) that shows them."""
    return {
        "summary": [s["text"] for s in found["summary"]["sentences"]],
        "facts": [f["text"] for f in found["facts"]],
        "unique": [u["text"] for u in found["unique"]],
    }


def is_hostile(text: str) -> bool:
    """Whether ``text`` carries one of the payloads."""
    return "__pwned" in text or "javascript:" in text or "<script>" in text


def one_line(text: str) -> str:
    """``text`` with its whitespace as a browser lays it out: single spaces."""
    return " ".join(text.split())
