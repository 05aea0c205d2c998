"""Requests -> the articles of one cluster: a JSON body, or a form with text, files and
addresses. Every problem the client can fix is an ``ApiError`` with its HTTP status."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from starlette.datastructures import FormData, UploadFile

from newsfuse.ingest import read_paths, read_upload, sources_from_documents
from newsfuse.jsonvalues import json_limit_reason, loads
from newsfuse.model import DEFAULT_WORDS, Source
from newsfuse.service.settings import MAX_WORDS, Settings


class ApiError(Exception):
    """An answer other than a report: status, a message a person can act on, and details."""

    def __init__(self, status: int, message: str, **details: object) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    def body(self) -> dict[str, object]:
        """The JSON error body: ``{"error": message, ...details}``."""
        return {"error": self.message, **self.details}


@dataclass
class Inputs:
    """A cluster as asked for: articles read from the request, addresses still to fetch."""

    sources: list[Source] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    words: int = DEFAULT_WORDS
    report_id: str | None = None

    def ingest(self) -> list[Source]:
        """All sources in request order, the addresses fetched (blocking: run it in a
        worker thread), indexed 0..n-1."""
        fetched = read_paths(self.addresses) if self.addresses else []
        return [replace(s, index=i) for i, s in enumerate([*self.sources, *fetched])]


def from_json(body: bytes, settings: Settings) -> Inputs:
    """``{"documents": [str | article, ...], "words"?, "id"?, "addresses"?}`` (CONTRACT)."""
    try:
        data = loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ApiError(400, f"the body is not valid JSON: {error}") from None
    except (ValueError, RecursionError) as error:  # 4,300+ digit numbers, nesting too deep
        raise ApiError(400, f"the body is not valid JSON: {json_limit_reason(error)}") from None
    if not isinstance(data, dict):
        raise ApiError(422, 'the body must be a JSON object {"documents": [...]}')
    documents = data.get("documents", [])
    if not isinstance(documents, list):
        raise ApiError(422, '"documents" must be a list of texts or article objects')
    addresses = _addresses(data.get("addresses", []))
    report_id = data.get("id")
    if report_id is not None and not isinstance(report_id, str):
        raise ApiError(422, '"id" must be a string')
    inputs = Inputs(
        sources=sources_from_documents(documents),
        addresses=addresses,
        words=_words(data.get("words", DEFAULT_WORDS)),
        report_id=report_id,
    )
    return _checked(inputs, settings)


def from_form(form: FormData, settings: Settings) -> Inputs:
    """A multipart or urlencoded form: ``text`` (articles separated by a line ``|||||``),
    ``files`` (each read by its name's suffix, as ``fuse`` reads a file), ``addresses``
    (one per line) and ``words``."""
    sources: list[Source] = []
    # Split as ingest.SEPARATOR does (the pieces stripped after the split).
    pieces = [
        piece.strip()
        for text in _texts(form.getlist("text"))
        for piece in text.split("|||||")
        if piece.strip()
    ]
    sources.extend(sources_from_documents(pieces, name_prefix="pasted"))
    for upload in form.getlist("files"):
        if isinstance(upload, UploadFile):
            if not upload.filename and not upload.size:
                continue  # the empty file field a browser sends when nothing was chosen
            sources.extend(read_upload(_file_name(upload.filename), _read(upload)))
        elif upload.strip():
            raise ApiError(422, '"files" must be uploaded files, not text')
    lines = [line.strip() for text in _texts(form.getlist("addresses")) for line in text.split()]
    words = form.get("words")
    inputs = Inputs(
        sources=sources,
        addresses=_addresses([line for line in lines if line]),
        words=_words(words if isinstance(words, str) and words.strip() else DEFAULT_WORDS),
    )
    return _checked(inputs, settings)


def _checked(inputs: Inputs, settings: Settings) -> Inputs:
    count = len(inputs.sources) + len(inputs.addresses)
    if count == 0:
        raise ApiError(422, "no articles: give at least one text, file or address")
    if count > settings.max_documents:
        raise ApiError(
            413, f"too many articles: {count} (limit {settings.max_documents} per request)"
        )
    if len(inputs.addresses) > settings.max_addresses:
        raise ApiError(
            413,
            f"too many addresses: {len(inputs.addresses)} "
            f"(limit {settings.max_addresses} per request)",
        )
    return inputs


def _words(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WORDS:
        raise ApiError(422, f'"words" must be a whole number from 1 to {MAX_WORDS}, not {value!r}')
    return value


def _addresses(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(422, '"addresses" must be a list of http(s) addresses')
    for address in value:
        if not address.lower().startswith(("http://", "https://")):
            raise ApiError(422, f"not an http(s) address: {address!r}")
    return list(value)


def _texts(values: list[UploadFile | str]) -> list[str]:
    return [v for v in values if isinstance(v, str)]


def _file_name(name: str | None) -> str:
    # Only the last part of what the browser sent: a name, never a path.
    base = PurePath((name or "").replace("\\", "/")).name
    return base or "upload"


def _read(upload: UploadFile) -> bytes:
    # The body was read whole (and its size checked) before the form was parsed, so the
    # spooled file is in memory or a small temporary file: reading it here is cheap.
    upload.file.seek(0)
    return upload.file.read()
