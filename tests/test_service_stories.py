"""GET /v1/stories and /v1/stories/{id} of ``newsfuse serve --store``, over a real store
that ``newsfuse stories ingest`` built."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from conftest import ROOT, running_service

MISSILES = (
    "Russian cruise missiles fired from warships in the Caspian Sea crashed in Iran, U.S. "
    "officials said on Thursday. At least four missiles crashed in a rural area of Iran near "
    "the town of Tekab. The Pentagon declined to comment on the reports about the errant "
    "Russian missiles. Russia launched 26 cruise missiles at targets in Syria on Wednesday."
)
MISSILES_AGAIN = (
    "At least four Russian cruise missiles fired from the Caspian Sea crashed in Iran on "
    "Thursday, according to U.S. officials. The missiles came down in a rural area of Iran "
    "near Takab. Russia's defence ministry rejected the reports. Russia fired 26 cruise "
    "missiles from four warships in the Caspian Sea at targets in Syria on Wednesday."
)
BUDGET = (
    "The city council approved a new budget on Tuesday after a long debate about school "
    "funding and road repairs. The budget raises school spending by five percent next year "
    "and sets aside money for bus routes. Council members voted seven to two in favour of "
    "the plan after residents spoke for hours about teachers, classrooms and potholes."
)
BUDGET_AGAIN = (
    "After a long debate on Tuesday the city council passed the new budget, which raises "
    "spending on schools by five percent next year and pays for road repairs and bus "
    "routes. The vote was seven to two. Residents spoke for hours about teachers, "
    "classrooms and potholes before the council members voted on the plan."
)


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("store")
    stream = folder / "stream.jsonl"
    texts = [MISSILES, BUDGET, MISSILES_AGAIN, BUDGET_AGAIN]
    stream.write_text(
        "".join(json.dumps({"id": f"a{n}", "text": t}) + "\n" for n, t in enumerate(texts)),
        encoding="utf-8",
    )
    store = folder / "stories.duckdb"
    subprocess.run(
        [sys.executable, "-m", "newsfuse", "stories", "ingest", str(stream), "--store", str(store)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    yield from running_service(["--store", str(store)])


def test_stories_list_every_story_with_its_articles(store_url: str) -> None:
    answer = httpx.get(f"{store_url}/v1/stories", timeout=30)
    assert answer.status_code == 200
    stories = answer.json()["stories"]
    assert sorted(sorted(s["articles"]) for s in stories) == [["a0", "a2"], ["a1", "a3"]]


def test_one_story_has_its_full_report(store_url: str) -> None:
    stories = httpx.get(f"{store_url}/v1/stories", timeout=30).json()["stories"]
    missiles = next(s for s in stories if "a0" in s["articles"])
    answer = httpx.get(f"{store_url}/v1/stories/{missiles['story']}", timeout=30)
    assert answer.status_code == 200
    report = answer.json()["report"]
    assert report["schema"] == "newsfuse.report/1"
    assert [s["name"] for s in report["sources"]] == missiles["articles"]
    assert report["summary"]["sentences"]
    names = [d for d in report["disagreements"] if d["kind"] == "name"]
    assert {side["text"] for d in names for side in d["sides"]} >= {"Tekab", "Takab"}


def test_an_unknown_story_is_404(store_url: str) -> None:
    answer = httpx.get(f"{store_url}/v1/stories/no-such-story", timeout=30)
    assert answer.status_code == 404
    assert "error" in answer.json()


def test_a_story_id_that_is_a_path_is_only_an_unknown_story(store_url: str) -> None:
    for story_id in ("..%2f..%2f..%2fetc%2fpasswd", "%2fetc%2fpasswd", "..%5c..%5cwin.ini"):
        for route in ("/v1/stories/", "/stories/"):
            answer = httpx.get(f"{store_url}{route}{story_id}", timeout=30)
            assert answer.status_code == 404, (route, story_id)
            assert "root:x:0:0" not in answer.text


def test_the_stories_page_lists_size_outlets_and_links(store_url: str) -> None:
    page = httpx.get(f"{store_url}/stories", timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    rows = re.findall(
        r"<tr><td><a href=\"/stories/([^\"]+)\">.*?</a></td><td>(\d+)</td>", page.text
    )
    assert sorted(int(size) for _, size in rows) == [2, 2]
    story_id = rows[0][0]
    report = httpx.get(f"{store_url}/stories/{story_id}", timeout=30)
    assert report.status_code == 200
    assert 'class="report-page"' in report.text and "Summary" in report.text
    assert httpx.get(f"{store_url}/stories/nothing", timeout=30).status_code == 404


def test_the_home_page_links_the_stories(store_url: str) -> None:
    assert 'href="/stories"' in httpx.get(f"{store_url}/", timeout=30).text
