"""Bytes of a file, an upload, stdin or a text page -> text, or None for binary data.

Invalid bytes in otherwise-text data are replaced, never fatal, and the caller is told.
"""

from __future__ import annotations

import codecs
import re

# How far into a file we look for binary signs. NUL bytes in a text file are rare
# anywhere, and binary formats show them in the first few kB; 8 kB is what git uses.
SNIFF_BYTES = 8192

# Magic numbers of formats people drop into a folder of articles by mistake.
BINARY_MAGIC = (
    b"\x89PNG",  # PNG
    b"PK\x03\x04",  # ZIP, docx, xlsx, epub
    b"\x1f\x8b",  # gzip
    b"%PDF",  # PDF
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",  # GIF
    b"\x7fELF",  # executables
)
NOT_TEXT = "not UTF-8 text (binary?)"


def looks_binary(head: bytes) -> bool:
    """Whether the first ``SNIFF_BYTES`` of some data say it is not text."""
    return head.startswith(BINARY_MAGIC) or b"\x00" in head


def decode(data: bytes, encoding: str = "utf-8") -> tuple[str, str | None] | None:
    """``(text, warning)`` of ``data``, or None when it looks binary. Invalid bytes in
    otherwise-text data are replaced with U+FFFD and ``warning`` says so: scraped text often
    has a stray byte or a Latin-1 accent, and the rest is still news."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM (Windows editors)
        encoding = "utf-16"
    elif looks_binary(head):
        return None
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:  # an unknown charset name from a server
        codec = "utf-8"
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as err:
        text = data.decode(codec, errors="replace")
        # Each invalid sequence became one U+FFFD; "ignore" drops them instead.
        count = len(text) - len(data.decode(codec, errors="ignore"))
        sequences = "sequence" if count == 1 else "sequences"
        return text, (
            f"not valid {codec.upper()}: {count} invalid byte {sequences} replaced with "
            f"U+FFFD (the first at byte {err.start})"
        )


# A lone UTF-16 surrogate is no character: JSON's "\ud800" escape makes one, and no UTF-8
# writer (an output file, DuckDB, an HTTP response) takes it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, as undecodable bytes are."""
    return _LONE_SURROGATE.sub("\ufffd", text)
