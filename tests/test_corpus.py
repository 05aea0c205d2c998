"""Corpus mode on small synthetic streams written here, with real DuckDB files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsfuse.cli import main
from newsfuse.corpus import ingest, list_stories
from newsfuse.corpus.store import Store

# Six events, each with its own names and places; every article mixes its event's words
# with words every story uses, so stories must be told apart by what is specific.
EVENTS = [
    "zorvath quellan harbor ferry capsized rescue divers passengers coast guard",
    "melkov brandis senate budget vote treasury deficit spending amendment",
    "ostrava kilnor earthquake magnitude aftershock collapsed buildings survivors",
    "pellagra fintrow vaccine trial outbreak hospital patients doses clinic",
    "tarsin vollmer championship final goal striker penalty stadium fans",
    "grendle maswick wildfire evacuation acres firefighters containment winds",
]
COMMON = "officials said on monday"


def article(event: int, k: int) -> str:
    words = EVENTS[event].split()
    rotated = words[k % len(words) :] + words[: k % len(words)]
    sentences = [
        f"{' '.join(rotated[:5])} ({k}).",
        f"{COMMON} according to {rotated[5]} and {rotated[6]}.",
        f"The {rotated[7]} of {rotated[0]} as {' '.join(rotated[1:4])} continued.",
        f"{rotated[-2]} {rotated[2]} near {rotated[1]} while {rotated[3]} {rotated[-1]}.",
        f"In short: {' '.join(words)}.",
    ]
    return " ".join(sentences)


def write_stream(path: Path, per_event: int = 4, *, extra: list[dict[str, str]] | None = None):
    rows = []
    for k in range(per_event):
        for event in range(len(EVENTS)):
            rows.append({"id": f"e{event}-{k}", "text": article(event, k)})
    # A reprint copies a full-length report (a longer one than the synthetic articles).
    original = " ".join(article(2, k) for k in range(4, 7))
    rows.insert(7, {"id": "reprint", "text": original + " Copyright wire service."})
    rows.insert(5, {"id": "quake-long", "text": original})
    rows.insert(3, {"id": "stub", "text": "Page not found."})
    rows.extend(extra or [])
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def assignments(store_path: Path) -> list[tuple[str, str, str | None]]:
    with Store(store_path) as store:
        return store.assignments()


def test_ingest_groups_events_marks_reprints_and_reports(tmp_path: Path) -> None:
    stream = tmp_path / "feed.jsonl"
    write_stream(stream)
    result = ingest([stream], tmp_path / "s.duckdb")
    assert (result.added, result.duplicates, result.problems) == (27, 1, [])
    stories = {}
    for key, story, duplicate_of in assignments(tmp_path / "s.duckdb"):
        stories.setdefault(story, set()).add(key)
        if key == "reprint":
            assert duplicate_of == "quake-long"
    expected = [{f"e{e}-{k}" for k in range(4)} for e in range(len(EVENTS))]
    expected[2] |= {"quake-long", "reprint"}
    assert sorted(map(sorted, stories.values())) == sorted(map(sorted, [*expected, {"stub"}]))
    listed = list_stories(tmp_path / "s.duckdb")
    assert len(listed) == len(EVENTS)
    quake = next(s for s in listed if "reprint" in s["articles"])
    names = [source["name"] for source in quake["report"]["sources"]]
    assert "reprint" not in names and len(names) == 5  # the reprint is not summarized twice
    assert quake["report"]["summary"]["sentences"]


def test_ingest_again_adds_nothing_and_new_articles_join(tmp_path: Path) -> None:
    stream, more = tmp_path / "feed.jsonl", tmp_path / "more.jsonl"
    write_stream(stream)
    ingest([stream], tmp_path / "s.duckdb")
    before = assignments(tmp_path / "s.duckdb")
    again = ingest([stream], tmp_path / "s.duckdb")
    assert (again.added, again.skipped, again.reports) == (0, 27, 0)
    assert assignments(tmp_path / "s.duckdb") == before
    more.write_text(json.dumps({"id": "late", "text": article(4, 5)}) + "\n", encoding="utf-8")
    late = ingest([more], tmp_path / "s.duckdb")
    assert (late.added, late.reports) == (1, 1)
    story = dict((k, s) for k, s, _ in assignments(tmp_path / "s.duckdb"))
    assert story["late"] == story["e4-0"]


NOTICE = (
    "These pages were saved by a web crawler as part of an effort to archive sites as they"
    " are created and to preserve the pages that link to them. The archive keeps broken links"
    " working and lets readers see the references as the authors saw them. Collections"
    " are curated by librarians, indexed weekly and published for researchers, students and"
    " anyone studying how the web changes."
)


def test_short_boilerplate_copied_across_events_is_not_a_reprint(tmp_path: Path) -> None:
    stream = tmp_path / "feed.jsonl"
    copies = [{"id": f"notice-{k}", "text": f"{NOTICE} Item {k}."} for k in range(3)]
    write_stream(stream, extra=copies)
    result = ingest([stream], tmp_path / "s.duckdb")
    assert result.duplicates == 1  # only the reprint
    story = {k: s for k, s, _ in assignments(tmp_path / "s.duckdb")}
    assert len({story[f"notice-{k}"] for k in range(3)}) == 3
    assert not {story[f"notice-{k}"] for k in range(3)} & {story[f"e{e}-0"] for e in range(6)}


def test_published_dates_far_apart_are_separate_stories(tmp_path: Path) -> None:
    stream = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": article(0, 0), "published": "2024-01-01T10:00:00Z"},
        {"id": "b", "text": article(0, 1), "published": "2024-01-02T10:00:00Z"},
        {"id": "c", "text": article(0, 2), "published": "2024-03-01T10:00:00Z"},
    ]
    stream.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ingest([stream], tmp_path / "s.duckdb")
    story = {k: s for k, s, _ in assignments(tmp_path / "s.duckdb")}
    assert story["a"] == story["b"] != story["c"]


def test_cli_bad_lines_and_missing_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = tmp_path / "feed.jsonl"
    write_stream(stream, extra=[{"id": "no-text"}])
    with stream.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
    status = main(["stories", "ingest", str(stream), "--store", str(tmp_path / "s.duckdb")])
    err = capsys.readouterr().err
    assert status == 2
    assert f'{stream}: line 28: an article needs a "text"' in err
    assert f"{stream}: line 29: invalid JSON" in err
    assert main(["stories", "list", "--store", str(tmp_path / "s.duckdb")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(EVENTS) and all(json.loads(line)["report"] for line in lines)
    assert main(["stories", "list", "--store", str(tmp_path / "none.duckdb")]) == 2
    assert "none.duckdb: no such store" in capsys.readouterr().err
    assert (
        main(["stories", "ingest", str(tmp_path / "nofile.jsonl"), "--store", str(tmp_path / "x")])
        == 2
    )


def test_sigkill_mid_ingest_then_rerun_completes_exactly(tmp_path: Path) -> None:
    stream = tmp_path / "feed.jsonl"
    rows = write_stream(stream, per_event=40)
    command = [sys.executable, "-m", "newsfuse", "stories", "ingest", str(stream)]
    killed = tmp_path / "killed.duckdb"
    process = subprocess.Popen(
        [*command, "--store", str(killed), "--batch", "4", "-v"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    for line in process.stderr:
        if "new articles stored" in line and int(line.split(": ")[2].split()[0]) >= 12:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    partial = assignments(killed)  # the store opens
    assert 0 < len(partial) < len(rows)
    subprocess.run([*command, "--store", str(killed)], check=True, capture_output=True)
    clean = tmp_path / "clean.duckdb"
    subprocess.run([*command, "--store", str(clean)], check=True, capture_output=True)
    resumed = assignments(killed)
    assert sorted(k for k, _, _ in resumed) == sorted(r["id"] for r in rows)
    assert resumed == assignments(clean)
    assert list_stories(killed) == list_stories(clean)


def test_ray_engine_equals_local(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    stream = tmp_path / "feed.jsonl"
    write_stream(stream, per_event=6)
    ingest([stream], tmp_path / "local.duckdb", engine="local")
    ingest([stream], tmp_path / "ray.duckdb", engine="ray", num_cpus=2, batch=16)
    assert assignments(tmp_path / "ray.duckdb") == assignments(tmp_path / "local.duckdb")
    assert list_stories(tmp_path / "ray.duckdb") == list_stories(tmp_path / "local.duckdb")
