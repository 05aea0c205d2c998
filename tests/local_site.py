"""A real web server on 127.0.0.1 for the tests: fixed pages, 404 for anything else."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Page = tuple[int, str, bytes]  # status, Content-Type, body
NOT_FOUND: Page = (404, "text/html", b"<h1>Not found</h1>")


@contextmanager
def serving(
    pages: dict[str, Page], headers: dict[str, dict[str, str]] | None = None
) -> Iterator[str]:
    """Serve ``pages`` (by path), each with its extra ``headers`` (a redirect's Location),
    until the block ends; yields the base address."""
    extra = headers or {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, ctype, body = pages.get(self.path, NOT_FOUND)
            self.send_response(status)
            for name, value in extra.get(self.path, {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
