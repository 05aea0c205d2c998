"""The web page without a browser: the form, the report page, escaping and the CSP."""

from __future__ import annotations

import httpx


def test_the_form_is_served_with_a_strict_csp(service_url: str) -> None:
    answer = httpx.get(f"{service_url}/")
    assert answer.status_code == 200
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert '<form method="post" action="/report"' in answer.text
    assert "<script>" not in answer.text  # no inline script: the CSP would block it
    for asset in ("/static/app.js", "/static/page.css", "/static/report.css"):
        assert httpx.get(f"{service_url}{asset}").status_code == 200


def test_the_report_page_escapes_source_text(service_url: str) -> None:
    hostile = (
        "Four missiles crashed in Iran <script>alert(1)</script>, officials said on Thursday.\n"
        "|||||\n"
        'Officials said on Thursday that four missiles crashed in Iran <img src=x onerror="1">.'
    )
    answer = httpx.post(f"{service_url}/report", data={"text": hostile}, timeout=60)
    assert answer.status_code == 200, answer.text
    assert "<script>alert" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert "<img src=x" not in answer.text
    assert 'id="summary"' in answer.text
    assert 'class="pane"' in answer.text
    assert "unsafe-inline" not in answer.headers["content-security-policy"]


def test_a_failed_attempt_shows_the_form_again_with_the_reason(service_url: str) -> None:
    answer = httpx.post(f"{service_url}/report", data={"text": "   "}, timeout=60)
    assert answer.status_code == 422
    assert 'role="alert"' in answer.text
    assert "no articles" in answer.text
