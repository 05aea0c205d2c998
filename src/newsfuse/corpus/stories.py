"""``newsfuse stories``: streams of articles in, stories and their reports in the store.

First the clustering state is rebuilt by replaying the stored articles. Per batch: read,
skip ids already stored, run the heavy stage on the engine, then in this process and in
input order mark near-duplicates and assign stories, and write the batch in one
transaction. After the last batch, every story of two or more
articles whose report is missing or out of date gets one (duplicates are not summarized).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.corpus.cluster import MIN_TERMS, Clusterer, term_counts
from newsfuse.corpus.dedup import WINDOW, Deduper
from newsfuse.corpus.engines import Engine, open_engine
from newsfuse.corpus.store import Store, StoredArticle
from newsfuse.corpus.work import Article, Prepared
from newsfuse.model import DEFAULT_WORDS, InputError
from newsfuse.records import parse_record, record_lines

# Articles per transaction: large enough that a commit (~10 ms) and the clustering state
# written with it are small against the batch's work, small enough that a crash loses
# little and that engines get enough to spread over their CPUs.
BATCH = 512
# Stories per report transaction: the same balance for the report stage.
REPORT_BATCH = 256
# A near-duplicate with fewer content words than this is boilerplate (a crawl notice, a
# reprint-rights or sign-in page: the same short text on pages of unrelated events), not a
# reprint, and stays a story of its own. On the validation stream (N = 1000) the copied
# texts under 53 content words were all such pages (5 groups of 3 to 28 copies, each copy
# from another event), the real reprints had 73 or more; 60 lies between (B-cubed F1 0.860
# -> 0.869 with the old centroid clustering; 70 gave 0.868). With the story profiles:
# 50 / 55 / 60 / 70 gave 0.875 / 0.880 / 0.880 / 0.880 (50 lets a 50-word notice through).
REPRINT_TERMS = 60


@dataclass
class IngestResult:
    """What one ``ingest`` call did."""

    read: int = 0
    skipped: int = 0  # already in the store (or twice in the input)
    added: int = 0
    duplicates: int = 0
    reports: int = 0
    problems: list[str] = field(default_factory=list)  # one line per bad input line


def ingest(
    streams: Sequence[str | Path],
    store_path: str | Path,
    *,
    engine: str = "local",
    address: str | None = None,
    num_cpus: int | None = None,
    words: int = DEFAULT_WORDS,
    batch: int = BATCH,
    on_batch: Callable[[int], None] | None = None,
) -> IngestResult:
    """Add the streams' articles to the store, assign stories, write the reports."""
    result = IngestResult()
    with Store(store_path) as store:
        runner = open_engine(engine, address, num_cpus)
        try:
            _ingest_articles(streams, store, runner, batch, result, on_batch)
            _write_reports(store, runner, words, result)
        finally:
            runner.close()
    return result


def list_stories(store_path: str | Path, min_articles: int = 2) -> list[dict[str, Any]]:
    """``{"story", "articles", "report"}`` per story of at least ``min_articles`` articles,
    newest and largest first (``report`` is None for a story not yet summarized)."""
    if not Path(store_path).is_file():
        raise InputError(str(store_path), "no such store")
    with Store(store_path) as store:
        return store.stories(min_articles)


def _ingest_articles(
    streams: Sequence[str | Path],
    store: Store,
    engine: Engine,
    batch: int,
    result: IngestResult,
    on_batch: Callable[[int], None] | None,
) -> None:
    clusterer = _rebuild(store)
    deduper = Deduper()
    deduper.add_all(store.originals(WINDOW))
    seq = store.next_seq()
    for chunk in _chunks(_articles(streams, result), batch):
        result.read += len(chunk)
        stored = store.seen([a.id for a in chunk])
        fresh: dict[str, Article] = {}
        for article in chunk:
            if article.id not in stored and article.id not in fresh:
                fresh[article.id] = article
        result.skipped += len(chunk) - len(fresh)
        rows = []
        for prepared in engine.prepare(list(fresh.values())):
            article = prepared.article
            placed = _place(prepared, seq, clusterer, deduper)
            if placed.duplicate_of is not None:
                result.duplicates += 1
            rows.append(
                StoredArticle(
                    id=article.id,
                    seq=seq,
                    title=article.title,
                    outlet=article.outlet,
                    url=article.url,
                    published=article.published,
                    text=prepared.text,
                    embedding=prepared.embedding,
                    minhash=prepared.minhash,
                    story=placed.story,
                    duplicate_of=placed.duplicate_of,
                    stub=placed.stub,
                )
            )
            seq += 1
        if rows:
            store.add_batch(rows)
            result.added += len(rows)
        if on_batch is not None:
            on_batch(result.added)


@dataclass(frozen=True)
class _Placed:
    story: str
    duplicate_of: str | None  # the original, when the article is a reprint of it
    stub: bool  # too short, or boilerplate: a story of its own


def _place(prepared: Prepared, seq: int, clusterer: Clusterer, deduper: Deduper) -> _Placed:
    """The story of one article (in input order): a stub or a boilerplate copy stays alone,
    a reprint joins its original's story, any other article is clustered."""
    size = sum(prepared.terms.values())
    if size < MIN_TERMS:
        return _Placed(clusterer.assign(prepared.terms, prepared.article.published), None, True)
    original = deduper.original(prepared.minhash)
    if original is None:
        story = clusterer.assign(prepared.terms, prepared.article.published)
        deduper.add(prepared.article.id, seq, story, prepared.minhash)
        return _Placed(story, None, False)
    if size < REPRINT_TERMS:
        return _Placed(clusterer.single(), None, True)
    return _Placed(original[1], original[0], False)


def _rebuild(store: Store) -> Clusterer:
    """The clustering state after the stored articles: each replayed as ``_place`` placed
    it (a reprint leaves no trace, a boilerplate copy only takes a story id)."""
    clusterer = Clusterer()
    for text, story, published, duplicate, stub in store.history():
        if duplicate:
            continue
        terms = term_counts(text)
        if stub and sum(terms.values()) >= MIN_TERMS:
            clusterer.single()
        else:
            clusterer.restore(terms, story, published)
    return clusterer


def _write_reports(store: Store, engine: Engine, words: int, result: IngestResult) -> None:
    stale = store.stale_stories()
    for start in range(0, len(stale), REPORT_BATCH):
        part = stale[start : start + REPORT_BATCH]
        documents = store.originals_of([story for story, _ in part])
        reports = engine.reports([(story, documents[story]) for story, _ in part], words)
        store.add_reports(
            [(story, ids, report) for (story, ids), report in zip(part, reports, strict=True)]
        )
        result.reports += len(part)


_FIELDS = ("title", "outlet", "url", "published")


def _articles(streams: Sequence[str | Path], result: IngestResult) -> Iterator[Article]:
    """The articles of the streams in order. A bad line, or a stream that cannot be read
    (from where it fails), is noted in ``result.problems`` and skipped; the rest goes on."""
    for stream in streams:
        where = str(stream)
        try:
            for number, line in record_lines(stream):
                try:
                    yield _article(where, number, parse_record(where, number, line))
                except InputError as error:
                    result.problems.append(str(error))
        except InputError as error:  # from record_lines: the stream itself
            result.problems.append(str(error))


def _article(where: str, number: int, record: dict[str, Any]) -> Article:
    key, text = record.get("id"), record.get("text")
    if not isinstance(key, str | int) or isinstance(key, bool) or str(key) == "":
        raise InputError(where, f'line {number}: an article needs an "id" (string)')
    if not isinstance(text, str):
        raise InputError(where, f'line {number}: an article needs a "text" (string)')
    extra = {name: record.get(name) for name in _FIELDS}
    for name, value in extra.items():
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"line {number}: {name!r} must be a string")
    return Article(str(key), text, **extra)


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
