"""The hostile cluster in a real browser (Chromium via Playwright): the HTML report file and
the web page show its payloads as text, and nothing from them runs.

Each page is checked twice: as served (with its Content-Security-Policy) and with the
browser told to ignore the CSP, so that the escaping alone is shown to hold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hostile import FILES, PAGE_TAGS, REPORT_TAGS, fuse_cli, one_line, report, shown

# Runs before any script of the page: notes every CSP violation (a script or handler that
# only the CSP stopped is an escaping bug all the same).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""

# What the page holds once loaded: the payloads' global, the tags, every event-handler
# attribute, and every attribute that would load or run a script: or data: address.
AUDIT = """() => {
  const handlers = [], addresses = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith("on")) handlers.push(el.tagName + " " + name);
      // data:, is the page's own empty icon; it carries nothing.
      if (/^(javascript|data|vbscript):/.test(value) && value !== "data:,")
        addresses.push(el.tagName + " " + name + "=" + value);
    }
  }
  const tags = [...new Set([...document.querySelectorAll("*")].map(e => e.localName))];
  return {pwned: window.__pwned ?? null, violations: window.__violations,
          handlers, addresses, tags, title: document.title};
}"""

# Events a handler attribute from a source would wait for, sent to every element.
POKE = """() => {
  for (const el of document.querySelectorAll("*"))
    for (const kind of ["mouseover", "mouseenter", "focus"])
      el.dispatchEvent(new Event(kind, {bubbles: kind === "mouseover"}));
}"""
NETWORK_NOTE = "Failed to load resource: the server responded with a status of"
CSP_MODES = pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "no-csp"])


@pytest.fixture(scope="module")
def hostile_report() -> dict[str, Any]:
    return report()


def _watched(browser: Browser, bypass_csp: bool) -> tuple[Page, list[str]]:
    """A page that notes dialogs (alert, confirm, prompt), console messages and errors."""
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1366, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on(
        "console",
        # The browser's own note on a page answered with an error status is no script's.
        lambda message: (
            None
            if message.text.startswith(NETWORK_NOTE)
            else events.append(f"console {message.text}")
        ),
    )
    page.on("pageerror", lambda error: events.append(f"error {error}"))
    return page, events


def _assert_inert(page: Page, events: list[str], tags: frozenset[str]) -> dict[str, Any]:
    """Point at and focus every element (an onmouseover or onfocus would fire), then audit
    the page."""
    page.wait_for_load_state("networkidle")
    page.evaluate(POKE)
    page.wait_for_timeout(300)  # onerror/onload handlers fire after their loads fail
    found: dict[str, Any] = page.evaluate(AUDIT)
    assert found["pwned"] is None
    assert events == []
    assert found["violations"] == []
    assert found["handlers"] == []
    assert found["addresses"] == []
    assert set(found["tags"]) <= tags, set(found["tags"]) - tags
    return found


def _assert_shown_as_text(page: Page, hostile_report: dict[str, Any]) -> None:
    for section, texts in shown(hostile_report).items():
        seen = one_line(page.locator(f"#{section}").inner_text())
        for text in texts:
            assert one_line(text) in seen, (section, text)


@CSP_MODES
def test_the_html_report_file_runs_nothing(
    browser: Browser, hostile_report: dict[str, Any], tmp_path: Path, bypass_csp: bool
) -> None:
    path = tmp_path / "report.html"
    fuse_cli("html", path)
    page, events = _watched(browser, bypass_csp)
    page.goto(path.as_uri())
    found = _assert_inert(page, events, REPORT_TAGS)
    _assert_shown_as_text(page, hostile_report)
    assert "<script>" in found["title"]  # the hostile title, as the window's title
    page.context.close()


@CSP_MODES
def test_the_web_page_runs_nothing_after_the_files_are_posted(
    browser: Browser, service_url: str, hostile_report: dict[str, Any], bypass_csp: bool
) -> None:
    page, events = _watched(browser, bypass_csp)
    page.goto(f"{service_url}/")
    page.set_input_files("#files", [str(path) for path in FILES])
    with page.expect_navigation() as navigation:
        page.click("#fuse")
    response = navigation.value
    assert response is not None and response.status == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    expect(page.locator("#summary")).to_be_visible()
    found = _assert_inert(page, events, PAGE_TAGS)
    _assert_shown_as_text(page, hostile_report)
    assert "<script>" in found["title"]
    scripts = page.eval_on_selector_all("script", "s => s.map(e => e.getAttribute('src'))")
    assert scripts == ["/static/app.js"]  # ours, and only ours
    page.context.close()


def test_the_form_shows_a_refused_paste_again_as_text(browser: Browser, service_url: str) -> None:
    # Nine articles: over the test server's limit of 8, so the form comes back with them.
    pieces = [path.read_text(encoding="utf-8") for path in FILES[:2]] * 4
    pieces.append("</textarea><script>window.__pwned = 'textarea'</script><textarea>")
    pasted = "\n|||||\n".join(pieces)
    page, events = _watched(browser, bypass_csp=True)
    page.goto(f"{service_url}/")
    page.fill("#text", pasted)
    with page.expect_navigation() as navigation:
        page.click("#fuse")
    response = navigation.value
    assert response is not None and response.status == 413
    expect(page.locator("p.error")).to_contain_text("too many articles")
    form = {"form", "label", "textarea", "input", "button", "code"}
    _assert_inert(page, events, PAGE_TAGS | form)
    assert page.input_value("#text").replace("\r\n", "\n") == pasted
    page.context.close()
