"""Renderers of a ``Report``: JSON for programs, Markdown for people, one HTML page."""

from __future__ import annotations

from newsfuse.render.html import render_html
from newsfuse.render.json import load_schema, render_json, report_to_dict
from newsfuse.render.markdown import print_markdown, render_markdown

__all__ = [
    "load_schema",
    "print_markdown",
    "render_html",
    "render_json",
    "render_markdown",
    "report_to_dict",
]
