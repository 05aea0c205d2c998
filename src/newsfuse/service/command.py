"""``newsfuse serve``: its arguments, and uvicorn started with them.

Kept apart from ``cli.py`` so that the command line needs no web library until ``serve``
runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from newsfuse.model import InputError
from newsfuse.represent import EMBEDDERS

APP_FACTORY = "newsfuse.service.app:app_from_env"


def add_serve_command(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``serve`` to the subcommands of ``newsfuse``."""
    serve = commands.add_parser("serve", help="the web page and HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--store", metavar="FILE", help="story store (corpus mode)")
    serve.add_argument(
        "--workers", type=_positive(int), metavar="N", help="pipeline processes (default 1)"
    )
    serve.add_argument("--max-body-mb", type=_positive(float), metavar="MB")
    serve.add_argument("--max-documents", type=_positive(int), metavar="N")
    serve.add_argument("--timeout", type=_positive(float), metavar="SECONDS")
    serve.add_argument("--embedder", choices=EMBEDDERS, default=None)
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Start uvicorn with ``args``; returns when it stops."""
    from dataclasses import replace
    from pathlib import Path

    try:
        import uvicorn
    except ImportError:
        raise InputError("serve", "needs the serve extra: pip install 'newsfuse[serve]'") from None
    from newsfuse.service.settings import Settings
    from newsfuse.service.stories import open_store

    settings = Settings.from_env()  # the environment first, flags over it
    overrides: dict[str, object] = {}
    if args.store:
        overrides["store"] = Path(args.store)
    if args.max_body_mb:
        overrides["max_body_bytes"] = int(args.max_body_mb * 1024 * 1024)
    if args.max_documents:
        overrides["max_documents"] = args.max_documents
    if args.timeout:
        overrides["timeout"] = args.timeout
    if args.embedder:
        overrides["embedder"] = args.embedder
    if args.workers:
        overrides["workers"] = args.workers
    settings = replace(settings, **overrides)  # type: ignore[arg-type]
    open_store(settings.store)  # a bad store is an argument error here, not in each worker
    os.environ.update(settings.to_env())  # the app factory reads its settings from here
    print(
        f"newsfuse: serving http://{args.host}:{args.port}/ with {settings.workers} worker(s)",
        file=sys.stderr,
    )
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=args.host,
        port=args.port,
        # One HTTP process; the pipeline's processes are its pool (service/workers.py).
        workers=1,
        access_log=False,  # one line per request costs more than the request under load
        log_level="warning",
    )
    return 0


def _positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value

    return parse
