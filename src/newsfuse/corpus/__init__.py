"""Corpus mode: streams of articles to stories (near-duplicates, incremental clustering, an
embedded DuckDB store, a report per story), on this machine or a Ray cluster.

    from newsfuse.corpus import ingest, list_stories
    ingest(["feed.jsonl"], "stories.duckdb")
    for story in list_stories("stories.duckdb"):
        print(story["story"], len(story["articles"]))
"""

from newsfuse.corpus.engines import ENGINES
from newsfuse.corpus.stories import BATCH, IngestResult, ingest, list_stories

__all__ = ["BATCH", "ENGINES", "IngestResult", "ingest", "list_stories"]
