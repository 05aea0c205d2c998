"""The web page in a real browser: Playwright driving Debian's Chromium, headless.

Skipped only when the chromium executable is missing (the ``browser`` fixture, conftest.py).
Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

ROOT = Path(__file__).resolve().parent.parent
MISSILES = sorted((ROOT / "examples" / "missiles").iterdir())
ARTIFACTS = ROOT / "test-artifacts"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


def _report(browser: Browser, url: str, viewport: dict[str, int]) -> Page:
    """Paste the missiles cluster into the form and submit it; the report page."""
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{url}/")
    pasted = "\n|||||\n".join(path.read_text(encoding="utf-8") for path in MISSILES)
    page.fill("#text", pasted)
    page.click("#fuse")
    expect(page.locator("#summary")).to_be_visible(timeout=30_000)
    assert errors == []  # no CSP violation, no script error
    return page


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_a_citation_highlights_its_sentence(
    browser: Browser, service_url: str, name: str, viewport: dict[str, int]
) -> None:
    page = _report(browser, service_url, viewport)
    # The citation of each summary sentence's own source points at its exact words (its
    # other citations may point at another source's words for the same fact).
    first = page.locator("#summary p").first
    sentence = first.inner_text()
    own = [
        link
        for link in first.locator('a.cite[href^="#s"]:not([href^="#src"])').all()
        if page.locator(str(link.get_attribute("href"))).inner_text().strip()[:40] in sentence
    ]
    assert own, "no citation points at the sentence's own words"
    link = own[0]
    href = link.get_attribute("href")
    assert href is not None
    link.click()
    target = page.locator("mark:target")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    assert page.url.endswith(href)
    marked = target.inner_text().strip()
    assert marked and marked[:40] in sentence  # the cited words begin the sentence's text
    highlight = target.evaluate("e => getComputedStyle(e).backgroundColor")
    plain = page.locator("mark:not(:target)").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert highlight != plain
    if name == "desktop":  # the source beside the summary: both in view at once
        expect(page.locator("#summary h2")).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{name}.png"))
    page.close()


def test_the_report_shows_facts_disagreements_and_sources(
    browser: Browser, service_url: str
) -> None:
    page = _report(browser, service_url, DESKTOP)
    expect(page.locator("#facts table.grid")).to_be_visible()
    expect(page.locator("#disagreements .sides").first).to_be_visible()
    cards = page.locator(".pane article.source")
    expect(cards).to_have_count(len(MISSILES))
    removed = page.locator(".pane details").first
    expect(removed).not_to_have_attribute("open", "")  # removed chrome: collapsed
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-desktop-full.png"), full_page=True)
    page.close()


def test_the_form_and_the_citations_work_with_the_keyboard(
    browser: Browser, service_url: str
) -> None:
    page = browser.new_page(viewport=PHONE)  # type: ignore[arg-type]
    page.goto(f"{service_url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#text")
    page.keyboard.insert_text(MISSILES[0].read_text(encoding="utf-8"))
    page.keyboard.insert_text("\n|||||\n" + MISSILES[1].read_text(encoding="utf-8"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "form-phone.png"), full_page=True)
    # From the text, Tab goes through files, addresses and length to the button.
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "fuse"
    page.keyboard.press("Enter")
    expect(page.locator("#summary")).to_be_visible(timeout=30_000)
    expect(page.locator(".pane article.source")).to_have_count(2)
    page.focus('#summary a.cite[href^="#s"]:not([href^="#src"])')
    page.keyboard.press("Enter")
    expect(page.locator("mark:target")).to_have_count(1)
    page.close()
