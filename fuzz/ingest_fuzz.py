"""Coverage-guided fuzzing (atheris, libFuzzer) of what newsfuse reads, one kind per run.

    python fuzz/ingest_fuzz.py KIND [CORPUS_DIR ...] [libFuzzer flags: -max_total_time=60]

KIND is ``txt``, ``json``, ``jsonl`` or ``html`` (the bytes as a file of that suffix,
through ``read_upload``, as ``fuse`` and the service read a file, then each source through
clean and the sentence splitter), ``stdin`` (articles
joined by '|||||' on standard input, the Multi-News form), ``record`` (one line of a
``batch`` or ``stories ingest`` file) or ``fuse`` (a cluster of such
articles through clean, segment and fuse). The accepted outcomes are the documented ones:
Sources with a status, a report, or ``InputError``; the contract checks are the property
tests' (tests/invariants.py). Anything else propagates, and libFuzzer saves the input as
a crash file. ``make fuzz`` runs every kind for FUZZ_SECONDS each.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import atheris

# Third-party modules load before instrumentation: the coverage that guides the fuzzer is
# newsfuse's own, and instrumenting lxml's and numpy's Python would only slow each run.
import jsonschema  # noqa: F401
import numpy  # noqa: F401
import syntok.segmenter  # noqa: F401
import trafilatura  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

with atheris.instrument_imports(include=["newsfuse", "invariants"]):
    from invariants import check_report, check_sources, check_spans
    from newsfuse import InputError, fuse_documents
    from newsfuse.clean import clean_source
    from newsfuse.ingest import read_paths, read_upload
    from newsfuse.model import Source
    from newsfuse.records import parse_record
    from newsfuse.segment import split_sentences

# The summary budget of the fuse kind: any value the CLI accepts matters, 1..300 covers
# the default (260) and the one-sentence edge.
MAX_WORDS = 300


def _check_read(sources: list[Source]) -> None:
    """Ingest's contract, then clean's and the splitter's on every used source."""
    check_sources(sources)
    for source in sources:
        cleaned = clean_source(source)
        check_spans(cleaned.text, split_sentences(cleaned.text))


def _file(suffix: str) -> Callable[[bytes], None]:
    def one_input(data: bytes) -> None:
        _check_read(read_upload(f"input{suffix}", data))

    return one_input


def _stdin(data: bytes) -> None:
    # stdin is strict UTF-8 on a UTF-8 system and surrogateescape under the C locale.
    errors = ("strict", "surrogateescape")[len(data) % 2]
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors=errors, newline="")
    sources = read_paths(["-"], stdin=stream)
    _check_read(sources)
    assert [s.index for s in sources] == list(range(len(sources)))


def _record(data: bytes) -> None:
    # record_lines decodes a file's lines with surrogateescape; parse_record takes it on.
    try:
        record = parse_record("input.jsonl", 1, data.decode("utf-8", "surrogateescape"))
    except InputError:
        return
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # writable as a report's id etc.


def _fuse(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    words = provider.ConsumeIntInRange(1, MAX_WORDS)
    documents = provider.ConsumeUnicode(provider.remaining_bytes()).split("|||||")
    try:
        report = fuse_documents(documents, words)
    except InputError:
        return
    check_report(report, len(documents), words)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "txt": _file(".txt"),
    "json": _file(".json"),
    "jsonl": _file(".jsonl"),
    "html": _file(".html"),
    "stdin": _stdin,
    "record": _record,
    "fuse": _fuse,
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer arguments]")
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
