"""The web page: a form (paste, drop files, give addresses) and the report laid out for
reading, with the sources beside the account on wide screens.

The report's pieces come from ``render.html.report_parts``, so every string from the input
is escaped there; what this module adds is ours or escaped here. Styles and the one script
are files served by the app (the CSP forbids anything inline).
"""

from __future__ import annotations

from string import Template
from typing import Any
from urllib.parse import quote

from newsfuse.model import DEFAULT_WORDS, Report
from newsfuse.render._common import story_title
from newsfuse.render._html_parts import escape
from newsfuse.render._json_load import report_from_dict
from newsfuse.render.html import report_parts
from newsfuse.service.settings import MAX_WORDS

_DOCUMENT = Template(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsfuse">
<link rel="icon" href="data:,">
<title>$title</title>
<link rel="stylesheet" href="/static/report.css">
<link rel="stylesheet" href="/static/page.css">
<script src="/static/app.js" defer></script>
</head>
<body class="$kind">
<a class="skip" href="#$skip">Skip to the $skip</a>
<nav class="bar" aria-label="newsfuse">
<a href="/" class="home-link">newsfuse</a>
<a href="/">New report</a>
<a href="/docs">API</a>
</nav>
$body
</body>
</html>
"""
)

_FORM = Template(
    """<main id="form" class="home">
<h1>One account of many reports</h1>
<p class="lead">Give several news reports of one event: paste them, drop files, or give
their addresses. newsfuse writes a short summary in which every sentence cites the reports
that carry it, and shows where they agree and disagree.</p>
$error
<form method="post" action="/report" enctype="multipart/form-data" class="fuse-form">
<label for="text">Paste articles <span class="hint">(separate articles with a line
<code>|||||</code>)</span></label>
<textarea id="text" name="text" rows="12" spellcheck="false">$text</textarea>
<div class="drop" id="drop">
<label for="files">Files <span class="hint">(.txt, .md, .html, .json, .jsonl)</span></label>
<input type="file" id="files" name="files" multiple
 accept=".txt,.md,.html,.htm,.xhtml,.json,.jsonl,text/plain,text/html,application/json">
<p class="hint" id="drop-hint">or drop files here</p>
<ul id="file-list" class="file-list" aria-live="polite"></ul>
</div>
<label for="addresses">Addresses <span class="hint">(one http(s) address per line)</span>
</label>
<textarea id="addresses" name="addresses" rows="3" spellcheck="false"
 placeholder="https://example.org/story"></textarea>
<label for="words">Summary length in words</label>
<input type="number" id="words" name="words" min="1" max="$max_words" value="$words"
 inputmode="numeric">
<p><button type="submit" id="fuse">Write the report</button>
<span id="busy" class="hint" role="status"></span></p>
</form>
$stories
</main>"""
)


def home(*, error: str | None = None, text: str = "", stories: bool = False) -> str:
    """The form; after a failed attempt, the reason and the pasted text again."""
    alert = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    listing = '<p><a href="/stories">Stories in the store</a></p>' if stories else ""
    body = _FORM.substitute(
        error=alert,
        text=escape(text),
        max_words=MAX_WORDS,
        words=DEFAULT_WORDS,
        stories=listing,
    )
    return _DOCUMENT.substitute(title="newsfuse", kind="home-page", skip="form", body=body)


def report(report: Report) -> str:
    """The report: the account (summary, facts, disagreements, names, unique details) in
    one column and the sources in the other, so a citation shows its words beside it."""
    parts = report_parts(report)
    account = "\n".join([parts.header, *parts.sections])
    body = (
        '<div class="reader">\n'
        f'<main id="account" class="account">\n{account}\n</main>\n'
        '<aside class="pane" aria-label="Sources" tabindex="0">\n'
        f"{parts.sources}\n</aside>\n</div>"
    )
    title = escape(f"{story_title(report)} — newsfuse")
    return _DOCUMENT.substitute(title=title, kind="report-page", skip="account", body=body)


def stories(found: list[dict[str, Any]]) -> str:
    """Corpus mode: one row per story (size, outlets, first and last time), each linking to
    its report page; the order is the store's (newest and largest first)."""
    rows = "\n".join(_story_row(story) for story in found)
    table = (
        '<div class="grid-wrap" tabindex="0" role="region" aria-label="Stories">'
        '<table class="stories">\n<thead><tr><th scope="col">Story</th>'
        '<th scope="col">Articles</th><th scope="col">Outlets</th>'
        '<th scope="col">First</th><th scope="col">Last</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody></table></div>"
        if found
        else "<p>No story with two or more articles yet.</p>"
    )
    body = f'<main id="stories" class="home">\n<h1>Stories</h1>\n{table}\n</main>'
    return _DOCUMENT.substitute(
        title="Stories — newsfuse", kind="home-page", skip="stories", body=body
    )


def _story_row(story: dict[str, Any]) -> str:
    sources = story.get("report", {}).get("sources", [])
    outlets = sorted({s.get("outlet") or s.get("name") or "" for s in sources} - {""})
    times = sorted(s["published"] for s in sources if s.get("published"))
    title = story_title(report_from_dict(story["report"])) if sources else story["story"]
    link = f'<a href="/stories/{quote(str(story["story"]), safe="")}">{escape(title)}</a>'
    return (
        f"<tr><td>{link}</td><td>{len(story['articles'])}</td>"
        f"<td>{escape(', '.join(outlets))}</td>"
        f"<td>{escape(times[0] if times else '—')}</td>"
        f"<td>{escape(times[-1] if times else '—')}</td></tr>"
    )
