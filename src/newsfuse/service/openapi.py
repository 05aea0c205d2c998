"""The OpenAPI description of ``POST /v1/fuse``, whose body the route reads itself (JSON or a
form) so that every error is ours to word."""

from __future__ import annotations

from typing import Any

_ARTICLE = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string"},
        "title": {"type": "string"},
        "outlet": {"type": "string"},
        "url": {"type": "string"},
        "published": {"type": "string"},
    },
}

FUSE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "documents": {
                            "type": "array",
                            "items": {"anyOf": [{"type": "string"}, _ARTICLE]},
                            "description": "the articles, named doc#0, doc#1, ...",
                        },
                        "addresses": {
                            "type": "array",
                            "items": {"type": "string", "format": "uri"},
                            "description": "http(s) pages to fetch, after the documents",
                        },
                        "words": {"type": "integer", "minimum": 1, "default": 260},
                        "id": {"type": "string", "description": "the report's id"},
                    },
                },
                "example": {
                    "documents": [
                        "Four missiles crashed in Iran, a U.S. official said.",
                        {"text": "Russia denied the report.", "outlet": "TASS"},
                    ]
                },
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {
                            "type": "string",
                            "description": "pasted articles, separated by a line |||||",
                        },
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "files, read by suffix as `newsfuse fuse` reads "
                            "them; each named by its file name",
                        },
                        "addresses": {"type": "string", "description": "one per line"},
                        "words": {"type": "integer", "minimum": 1, "default": 260},
                    },
                }
            },
        },
    }
}

_ERROR = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            }
        }
    }
}

FUSE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "the report (newsfuse.report/1, as in CONTRACT.md)"},
    400: {"description": "the body is not valid JSON or not a readable form", **_ERROR},
    413: {"description": "body, article count or address count over the limit", **_ERROR},
    415: {"description": "neither JSON nor a form", **_ERROR},
    422: {"description": "no usable article, or a field of the wrong kind", **_ERROR},
    503: {
        "description": "the report took longer than the time limit, or the pipeline process "
        "working on it stopped twice",
        **_ERROR,
    },
}
