"""The story store: one embedded DuckDB file with the articles (cleaned text, embedding,
MinHash signature, story) and the reports.

Every batch of articles is written in one transaction, so a process killed at any point
leaves the store as it was after the last whole batch; running the same command again
rebuilds the clustering state from the stored articles (``history``), skips what is stored
and completes the rest. The state is not stored: rewriting it with every batch cost time
growing with the stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from newsfuse.corpus.dedup import Signature
from newsfuse.model import InputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    title VARCHAR,
    outlet VARCHAR,
    url VARCHAR,
    published VARCHAR,
    text VARCHAR NOT NULL,
    embedding FLOAT[] NOT NULL,
    minhash UBIGINT[] NOT NULL,
    story VARCHAR NOT NULL,
    duplicate_of VARCHAR,
    stub BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
    story VARCHAR PRIMARY KEY,
    articles VARCHAR NOT NULL,
    report VARCHAR NOT NULL
);
"""


@dataclass(frozen=True)
class StoredArticle:
    """One row of ``articles``."""

    id: str
    seq: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    text: str
    embedding: npt.NDArray[np.float32]
    minhash: Signature
    story: str
    duplicate_of: str | None
    stub: bool


class Store:
    """An open store file (created when missing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = duckdb.connect(self.path)
            self._db.execute(_SCHEMA)
        except duckdb.Error as error:
            raise InputError(self.path, f"cannot open the store: {_first_line(error)}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def seen(self, ids: Sequence[str]) -> set[str]:
        """The ids among ``ids`` already stored."""
        rows = self._db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
        ).fetchall()
        return {row[0] for row in rows}

    def next_seq(self) -> int:
        row = self._db.execute("SELECT coalesce(max(seq) + 1, 0) FROM articles").fetchone()
        return int(row[0]) if row else 0

    def history(self, chunk: int = 4096) -> Iterator[tuple[str, str, str | None, bool, bool]]:
        """(text, story, published, duplicate, stub) of every stored article, in order."""
        last = -1
        while True:
            rows = self._db.execute(
                "SELECT seq, text, story, published, duplicate_of IS NOT NULL, stub"
                " FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
                [last, chunk],
            ).fetchall()
            if not rows:
                return
            last = int(rows[-1][0])
            for _, text, story, published, duplicate, stub in rows:
                yield text, story, published, bool(duplicate), bool(stub)

    def originals(self, limit: int) -> list[tuple[str, int, str, Signature]]:
        """The last ``limit`` articles that are neither duplicates nor stubs, in order."""
        rows = self._db.execute(
            "SELECT id, seq, story, minhash FROM (SELECT * FROM articles WHERE duplicate_of IS NULL"
            " AND NOT stub ORDER BY seq DESC LIMIT ?) ORDER BY seq",
            [limit],
        ).fetchall()
        return [(i, int(q), s, np.asarray(m, dtype=np.uint64)) for i, q, s, m in rows]

    def add_batch(self, articles: Sequence[StoredArticle]) -> None:
        """Write the articles, atomically."""
        table = pa.table(
            {
                "id": [a.id for a in articles],
                "seq": pa.array([a.seq for a in articles], pa.int64()),
                "title": pa.array([a.title for a in articles], pa.string()),
                "outlet": pa.array([a.outlet for a in articles], pa.string()),
                "url": pa.array([a.url for a in articles], pa.string()),
                "published": pa.array([a.published for a in articles], pa.string()),
                "text": [a.text for a in articles],
                "embedding": pa.array([a.embedding for a in articles], pa.list_(pa.float32())),
                "minhash": pa.array([a.minhash for a in articles], pa.list_(pa.uint64())),
                "story": [a.story for a in articles],
                "duplicate_of": pa.array([a.duplicate_of for a in articles], pa.string()),
                "stub": pa.array([a.stub for a in articles], pa.bool_()),
            }
        )
        self._db.begin()
        try:
            self._db.register("batch_rows", table)
            self._db.execute("INSERT INTO articles SELECT * FROM batch_rows")
            self._db.unregister("batch_rows")
            self._db.commit()
        except BaseException:
            self._db.rollback()
            raise

    def stale_stories(self) -> list[tuple[str, list[str]]]:
        """Stories of two or more articles whose report is missing or out of date, with
        their article ids in order."""
        rows = self._db.execute(
            "SELECT a.story, a.ids FROM (SELECT story, list(id ORDER BY seq) AS ids"
            " FROM articles GROUP BY story HAVING count(*) >= 2) a"
            " LEFT JOIN reports r ON r.story = a.story"
            " WHERE r.articles IS NULL OR r.articles <> to_json(a.ids)::VARCHAR"
            " ORDER BY a.story"
        ).fetchall()
        return [(story, list(ids)) for story, ids in rows]

    def originals_of(self, stories: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The non-duplicate articles of each story, in order, as article objects."""
        rows = self._db.execute(
            "SELECT story, id, title, outlet, url, published, text FROM articles"
            " WHERE story IN (SELECT unnest(?::VARCHAR[])) AND duplicate_of IS NULL"
            " ORDER BY story, seq",
            [list(stories)],
        ).fetchall()
        out: dict[str, list[dict[str, Any]]] = {story: [] for story in stories}
        for story, *fields in rows:
            keys = ("id", "title", "outlet", "url", "published", "text")
            out[story].append(dict(zip(keys, fields, strict=True)))
        return out

    def add_reports(self, reports: Iterable[tuple[str, list[str], str]]) -> None:
        """Store (story, its article ids, report JSON) rows, atomically."""
        rows = [(story, json.dumps(ids, separators=(",", ":")), r) for story, ids, r in reports]
        self._db.begin()
        try:
            self._db.executemany("INSERT OR REPLACE INTO reports VALUES (?, ?, ?)", rows)
            self._db.commit()
        except BaseException:
            self._db.rollback()
            raise

    def stories(self, min_articles: int = 2) -> list[dict[str, Any]]:
        """Stories of at least ``min_articles`` articles, newest and largest first: by the
        latest ``published`` (undated last), then size, then the latest arrival."""
        rows = self._db.execute(
            "SELECT a.story, a.ids, r.report FROM (SELECT story,"
            " list(id ORDER BY seq) AS ids, count(*) AS size, max(published) AS newest,"
            " max(seq) AS last FROM articles GROUP BY story HAVING count(*) >= ?) a"
            " LEFT JOIN reports r ON r.story = a.story"
            " ORDER BY a.newest DESC NULLS LAST, a.size DESC, a.last DESC",
            [min_articles],
        ).fetchall()
        return [
            {"story": s, "articles": list(ids), "report": None if r is None else json.loads(r)}
            for s, ids, r in rows
        ]

    def assignments(self) -> list[tuple[str, str, str | None]]:
        """(article id, story, duplicate_of) for every article, in arrival order."""
        rows = self._db.execute(
            "SELECT id, story, duplicate_of FROM articles ORDER BY seq"
        ).fetchall()
        return [(i, s, d) for i, s, d in rows]


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
