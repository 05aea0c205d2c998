"""The command line (CONTRACT.md), thin over the API.

Exit status: 0 done; 2 bad input or arguments (one line on stderr naming the file and the
reason, never a traceback); 1 an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from rich.console import Console

from newsfuse.model import DEFAULT_WORDS, InputError, Report, Source
from newsfuse.represent import EMBEDDERS
from newsfuse.scorer import DEFAULT_SCORER, SCORERS

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        raise InputError("arguments", f"{message} (see '{self.prog} --help')")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also the console script's)."""
    try:
        args = _parser().parse_args(argv)
        return int(args.run(args))
    except InputError as error:
        _say(str(error))
        return EXIT_INPUT
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERNAL
    except BrokenPipeError:
        # The reader went away (`newsfuse stories list | head`): not an error worth a line.
        # Python would still fail flushing stdout at exit, so point it at /dev/null first
        # (the recipe of the signal module's documentation).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INTERNAL
    except Exception as error:  # the last line of defence: no traceback for users
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        _say(f"internal error: {type(error).__name__}: {error} (NEWSFUSE_DEBUG=1 for details)")
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsfuse", description="Many reports of one event, one cited account.")
    parser.add_argument("--version", action="version", version=f"newsfuse {_version()}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_Parser)

    fuse = commands.add_parser("fuse", help="summarize one cluster of articles")
    fuse.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, URL or -")
    _add_words(fuse)
    fuse.add_argument("--format", choices=("md", "json", "html"), default="md")
    fuse.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    _add_embedder(fuse)
    _add_scorer(fuse)
    fuse.set_defaults(run=_run_fuse)

    batch = commands.add_parser("batch", help="one report per cluster of a JSONL file")
    batch.add_argument("input", metavar="FILE.jsonl[.gz]")
    batch.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    _add_words(batch)
    batch.add_argument("--workers", type=int, default=1, metavar="N")
    _add_embedder(batch)
    _add_scorer(batch)
    batch.set_defaults(run=_run_batch)

    evaluate = commands.add_parser("eval", help="ROUGE of batch output against references")
    evaluate.add_argument("input", metavar="FILE.jsonl[.gz]")
    evaluate.add_argument("--pred", required=True, metavar="OUT.jsonl")
    _add_words(evaluate)
    evaluate.set_defaults(run=_run_eval)

    bench = commands.add_parser("bench", help="newsfuse against baselines, one table")
    bench.add_argument("input", metavar="FILE.jsonl[.gz]")
    bench.add_argument("--limit", type=int, default=None, metavar="N")
    _add_words(bench)
    _add_embedder(bench)
    _add_scorer(bench)
    bench.set_defaults(run=_run_bench)

    train = commands.add_parser("train", help="fit the learned sentence scorer")
    train.add_argument("input", metavar="FILE.jsonl[.gz]", help="records with a 'summary'")
    train.add_argument("-o", "--output", required=True, metavar="MODEL.npz")
    train.add_argument("--limit", type=_positive, default=None, metavar="N")
    train.add_argument("--workers", type=_positive, default=1, metavar="N")
    train.add_argument("--seed", type=int, default=0, metavar="N")
    train.add_argument(
        "--lowercased-output",
        default=None,
        metavar="MODEL.npz",
        help="also fit the model for Multi-News' lowercased form (scorer.py) and write it here",
    )
    train.set_defaults(run=_run_train)
    _add_stories(commands)
    from newsfuse.service.command import add_serve_command  # no web library until it runs

    add_serve_command(commands)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsfuse")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _add_words(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--words", type=_positive, default=DEFAULT_WORDS, metavar="N")


def _add_embedder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--embedder", choices=EMBEDDERS, default="glove")


def _add_scorer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scorer", choices=SCORERS, default=DEFAULT_SCORER)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _run_fuse(args: argparse.Namespace) -> int:
    from newsfuse.ingest import cluster_id, read_paths
    from newsfuse.pipeline import fuse

    sources = read_paths(args.paths, stdin=sys.stdin)
    report = fuse(
        sources,
        args.words,
        report_id=cluster_id(args.paths),
        embedder=args.embedder,
        scorer=args.scorer,
    )
    problems = [(s.name, problem) for s in report.sources if (problem := _problem(s))]
    for name, problem in problems:
        _say(f"{name}: {problem}")
    if not any(s.status == "used" for s in report.sources):
        if len(report.sources) > 1 or not problems:  # one input: its own line says it all
            _say(f"no usable article among the {len(report.sources)} inputs, nothing written")
        return EXIT_INPUT
    _write_report(report, args.format, args.output)
    return EXIT_INPUT if problems else EXIT_OK


def _problem(source: Source) -> str | None:
    """What is wrong with an input, for stderr: why it has no text, or what was repaired
    in it; None when it is fine (a duplicate or off-topic article is not an input error)."""
    if source.status in ("unreadable", "empty"):
        return source.error or "no text"
    return source.warning


def _write_report(report: Report, form: str, output: str | None) -> None:
    from newsfuse.render import print_markdown, render_html, render_json, render_markdown

    if form == "md" and output is None and sys.stdout.isatty():
        print_markdown(report, Console())
        return
    renderers = {"md": render_markdown, "json": render_json, "html": render_html}
    text = renderers[form](report)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        _write_file(output, text)


def _write_file(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot write: {error.strerror or error}") from error


def _run_batch(args: argparse.Namespace) -> int:
    from newsfuse.batch import run_batch

    failures = run_batch(
        args.input,
        args.output,
        words=args.words,
        workers=args.workers,
        embedder=args.embedder,
        scorer=args.scorer,
        show_progress=sys.stderr.isatty(),
    )
    if failures:
        _say(
            f"{args.input}: {failures} record(s) could not be summarized (an error record, "
            "or a report with no usable document, in their place)"
        )
        return EXIT_INPUT
    return EXIT_OK


def _run_eval(args: argparse.Namespace) -> int:
    from newsfuse.evaluate.data import read_records
    from newsfuse.evaluate.score import score_predictions

    scores = score_predictions(
        read_records(args.input), read_records(args.pred), args.words, where=args.pred
    )
    count = int(scores["count"])
    print(
        f"clusters {count}  R1 {scores['R1']:.2f}  R2 {scores['R2']:.2f}  "
        f"RLsum {scores['RLsum']:.2f}"
    )
    return EXIT_OK


def _run_bench(args: argparse.Namespace) -> int:
    from newsfuse.evaluate.bench import default_systems, format_table, run_bench
    from newsfuse.evaluate.data import read_records
    from newsfuse.pipeline import summarizer

    systems = {"newsfuse": summarizer(args.embedder, args.scorer)}
    if args.scorer != "heuristic":  # the untrained fallback, for comparison
        systems["newsfuse-heuristic"] = summarizer(args.embedder, "heuristic")
    systems.update(default_systems())
    results = run_bench(read_records(args.input, args.limit), systems, args.words)
    # Piped or redirected, the table keeps its full width (rich would fold it to 80 columns).
    Console(width=None if sys.stdout.isatty() else 140).print(format_table(results))
    return EXIT_OK


def _run_train(args: argparse.Namespace) -> int:
    from newsfuse.train import train

    done = train(
        args.input,
        args.output,
        limit=args.limit,
        workers=args.workers,
        seed=args.seed,
        lowercased_output=args.lowercased_output,
    )
    print(
        f"{args.output}: {done['clusters']} clusters, {done['examples']} sentences, "
        f"{done['seconds']} s, {done['bytes']} bytes"
    )
    if args.lowercased_output is not None:
        print(f"{args.lowercased_output}: {done['lowercased_bytes']} bytes")
    return EXIT_OK


def _add_stories(commands: argparse._SubParsersAction[_Parser]) -> None:
    stories = commands.add_parser("stories", help="streams of articles to stories (a store)")
    actions = stories.add_subparsers(required=True, metavar="ACTION", parser_class=_Parser)
    ingest = actions.add_parser("ingest", help="add articles, group stories, write reports")
    ingest.add_argument("streams", nargs="+", metavar="STREAM.jsonl[.gz]")
    ingest.add_argument("--store", required=True, metavar="FILE")
    ingest.add_argument("--engine", choices=("local", "ray"), default="local")
    ingest.add_argument("--address", default=None, metavar="HOST:PORT", help="a Ray cluster")
    ingest.add_argument("--batch", type=_positive, default=None, metavar="N")
    ingest.add_argument("-v", "--verbose", action="store_true", help="a line per batch")
    _add_words(ingest)
    ingest.set_defaults(run=_run_stories_ingest)
    listing = actions.add_parser("list", help="the stories of a store, newest and largest first")
    listing.add_argument("--store", required=True, metavar="FILE")
    listing.add_argument("--format", choices=("jsonl", "md"), default="jsonl")
    listing.add_argument("--min-articles", type=_positive, default=2, metavar="N")
    listing.set_defaults(run=_run_stories_list)


def _run_stories_ingest(args: argparse.Namespace) -> int:
    from newsfuse.corpus import BATCH, ingest

    def progress(added: int) -> None:
        if args.verbose:
            _say(f"{args.store}: {added} new articles stored")

    result = ingest(
        args.streams,
        args.store,
        engine=args.engine,
        address=args.address,
        words=args.words,
        batch=args.batch or BATCH,
        on_batch=progress,
    )
    for problem in result.problems:
        _say(problem)
    _say(
        f"{args.store}: {result.read} read, {result.added} added ({result.duplicates} "
        f"near-duplicates), {result.skipped} already stored, {result.reports} reports written"
    )
    return EXIT_INPUT if result.problems else EXIT_OK


def _run_stories_list(args: argparse.Namespace) -> int:
    import json

    from newsfuse.corpus import list_stories

    for story in list_stories(args.store, args.min_articles):
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(story, ensure_ascii=False) + "\n")
            continue
        report = story["report"] or {}
        summary = (report.get("summary") or {}).get("text", "")
        sys.stdout.write(f"## {story['story']} ({len(story['articles'])} articles)\n\n")
        sys.stdout.write(f"{summary}\n\n" if summary else "")
    return EXIT_OK


def _say(message: str) -> None:
    print(f"newsfuse: {message}", file=sys.stderr)
