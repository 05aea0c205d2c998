"""The command line end to end, as a user runs it: a real process on real files."""

from __future__ import annotations

import gzip
import html
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from newsfuse.render import load_schema

ROOT = Path(__file__).resolve().parent.parent
MISSILES = ROOT / "examples" / "missiles"


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def missiles_report() -> dict[str, object]:
    result = run("fuse", str(MISSILES), "--format", "json")
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_json_report_validates_against_the_schema(missiles_report: dict[str, object]) -> None:
    jsonschema.Draft202012Validator(load_schema()).validate(missiles_report)


def test_every_summary_sentence_is_its_source_text_at_its_offsets(
    missiles_report: dict[str, object],
) -> None:
    sources = missiles_report["sources"]
    summary = missiles_report["summary"]
    assert isinstance(sources, list) and isinstance(summary, dict)
    assert summary["sentences"], "the demo cluster has a summary"
    for sentence in summary["sentences"]:
        text = sources[sentence["source"]]["text"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert sentence["source"] in sentence["support"]
    assert summary["text"] == "\n".join(s["text"] for s in summary["sentences"])


def test_summary_respects_the_default_budget(missiles_report: dict[str, object]) -> None:
    summary = missiles_report["summary"]
    assert isinstance(summary, dict)
    words = sum(len(s["text"].split()) for s in summary["sentences"])
    assert summary["words"] == words <= 260
    assert words > 150, "the budget is used, not left mostly empty"


def test_some_summary_sentences_are_supported_by_several_reports(
    missiles_report: dict[str, object],
) -> None:
    summary = missiles_report["summary"]
    assert isinstance(summary, dict)
    assert max(len(s["support"]) for s in summary["sentences"]) >= 3


def test_chrome_is_gone_from_cleaned_texts_and_listed(missiles_report: dict[str, object]) -> None:
    sources = missiles_report["sources"]
    assert isinstance(sources, list)
    removed = {r["text"]: r["why"] for s in sources for r in s["removed"]}
    for chrome in ("Play Live Radio", "Subscribe to Latin Post!", "Leave a Comment"):
        assert chrome in removed
        assert all(chrome not in s["text"] for s in sources)


def test_same_report_twice_byte_for_byte() -> None:
    first = run("fuse", str(MISSILES), "--format", "json")
    second = run("fuse", str(MISSILES), "--format", "json")
    assert first.stdout == second.stdout


def test_a_reader_that_goes_away_gets_no_error_line() -> None:
    # `newsfuse fuse ... | head`: stdout closed before the report is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "fuse", str(MISSILES), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=300) == 1
    assert stderr == ""


def test_markdown_cites_and_lists_sources() -> None:
    result = run("fuse", str(MISSILES), "--words", "120")
    assert result.returncode == 0, result.stderr
    assert "## Sources" in result.stdout
    assert "[1]" in result.stdout and "Play Live Radio" in result.stdout
    summary = result.stdout.split("\n## ")[0]  # the summary comes before every section
    cited_lines = [
        line for line in summary.splitlines() if line.strip() and not line.startswith("#")
    ]
    assert cited_lines and all(line.rstrip().endswith("]") for line in cited_lines)
    for section in ("Facts the reports agree on", "Where they disagree", "Names"):
        assert f"## {section}" in result.stdout


def test_html_report_written_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("fuse", str(MISSILES), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "Tekab" in page


def test_empty_and_unreadable_files_are_reported_and_the_rest_summarized(tmp_path: Path) -> None:
    for source in sorted(MISSILES.iterdir())[:2]:
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run("fuse", str(tmp_path), "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    status = {s["name"]: s["status"] for s in report["sources"]}
    assert status["empty.txt"] == "empty"
    assert status["picture.png"] == "unreadable"
    assert sum(v == "used" for v in status.values()) == 2
    assert report["summary"]["sentences"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("newsfuse: ") for line in errors)
    assert any("picture.png" in line for line in errors)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["fuse", "no/such/file.txt"], "no/such/file.txt"),
        (["fuse", str(MISSILES), "--words", "0"], "--words"),
        (["fuse", str(MISSILES), "--format", "pdf"], "--format"),
        (["batch", "missing.jsonl", "-o", "out.jsonl"], "missing.jsonl"),
        (["eval", "missing.jsonl", "--pred", "p.jsonl"], "missing.jsonl"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_arguments_and_files_exit_2_with_one_line(
    args: list[str], names: str, tmp_path: Path
) -> None:
    result = run(*args, cwd=tmp_path if args[0] in ("batch", "eval") else ROOT)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines and names in result.stderr
    assert "Traceback" not in result.stderr
    assert all(line.startswith("newsfuse: ") for line in lines)


def test_stdin_articles_separated_by_bars() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(MISSILES.iterdir())]
    result = run("fuse", "-", "--format", "json", stdin="\n|||||\n".join(texts))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["sources"]) == 5


def _records(count: int) -> list[dict[str, object]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(MISSILES.iterdir())]
    reference = " ".join(texts[0].split()[40:300])
    return [
        {"id": f"cluster-{i}", "documents": texts[i % 5 :] + texts[: i % 5], "summary": reference}
        for i in range(count)
    ]


def test_batch_then_eval_over_gzipped_jsonl(tmp_path: Path) -> None:
    records = _records(6)
    records.append({"id": "broken", "documents": "not a list", "summary": "x"})
    data = tmp_path / "clusters.jsonl.gz"
    with gzip.open(data, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in records[:3])
        handle.write('{"id": "cut off", "documents": ["a\n')  # a line that is not JSON
        handle.writelines(json.dumps(r) + "\n" for r in records[3:])
    out = tmp_path / "out.jsonl"
    result = run("batch", str(data), "-o", str(out), "--workers", "2", "--words", "100")
    assert result.returncode == 2, "error records make the exit status say so"
    assert "2 record(s)" in result.stderr and "Traceback" not in result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [r["id"] for r in records[:3]] + [None] + [
        r["id"] for r in records[3:]
    ]
    assert lines[3]["line"] == 4 and "line 4: invalid JSON at column " in lines[3]["error"]
    assert lines[-1]["line"] == 8 and "'documents' must be a list" in lines[-1]["error"]
    good_lines = lines[:3] + lines[4:-1]
    for line in good_lines:
        assert line["schema"] == "newsfuse.report/1"
        assert line["summary"]["words"] <= 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clusters.jsonl.gz", "out.jsonl"]
    bad_reference = run("eval", str(data), "--pred", str(out))
    assert bad_reference.returncode == 2 and "line 4: invalid JSON" in bad_reference.stderr

    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(line) + "\n" for line in good_lines), encoding="utf-8")
    references = tmp_path / "references.jsonl"
    references.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    scored = run("eval", str(references), "--pred", str(good), "--words", "100")
    assert scored.returncode == 0, scored.stderr
    assert "clusters 6" in scored.stdout and "R1" in scored.stdout


def test_batch_workers_give_the_same_output_as_one(tmp_path: Path) -> None:
    data = tmp_path / "clusters.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _records(5)), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("batch", str(data), "-o", str(one)).returncode == 0
    assert run("batch", str(data), "-o", str(two), "--workers", "2").returncode == 0
    assert one.read_bytes() == two.read_bytes()


def test_bench_prints_one_table_with_every_system(tmp_path: Path) -> None:
    data = tmp_path / "clusters.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _records(3)), encoding="utf-8")
    result = run("bench", str(data), "--limit", "2")
    assert result.returncode == 0, result.stderr
    for system in ("newsfuse", "newsfuse-heuristic", "first-k", "lexrank", "textrank"):
        assert system in result.stdout
    assert "LongBench RL" in result.stdout
    heuristic = run("bench", str(data), "--limit", "2", "--scorer", "heuristic")
    assert heuristic.returncode == 0, heuristic.stderr
    assert "newsfuse-heuristic" not in heuristic.stdout


def test_heuristic_scorer_gives_a_valid_report_of_its_own() -> None:
    learned = run("fuse", str(MISSILES), "--format", "json")
    heuristic = run("fuse", str(MISSILES), "--format", "json", "--scorer", "heuristic")
    assert learned.returncode == heuristic.returncode == 0, heuristic.stderr
    report = json.loads(heuristic.stdout)
    jsonschema.Draft202012Validator(load_schema()).validate(report)
    assert report["summary"]["sentences"]
    assert json.loads(learned.stdout)["summary"] != report["summary"]
    bad = run("fuse", str(MISSILES), "--scorer", "oracle")
    assert bad.returncode == 2 and "--scorer" in bad.stderr


@pytest.fixture(scope="module")
def news_site() -> Iterator[str]:
    """The demo reports as HTML article pages on a real server at 127.0.0.1."""
    pages: dict[str, bytes] = {}
    for number, path in enumerate(sorted(MISSILES.iterdir())):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        pages[f"/story{number}.html"] = (
            "<!DOCTYPE html><html><head>"
            f"<title>Report {number}</title>"
            f'<meta property="og:site_name" content="Outlet {number}">'
            f"</head><body><nav>Home | World | Sports</nav><article>{body}</article>"
            "<footer>All rights reserved</footer></body></html>"
        ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = pages.get(self.path)
            self.send_response(200 if page else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page or b"<html><body>Not found</body></html>")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


def test_fuse_web_pages_by_address(news_site: str) -> None:
    addresses = [f"{news_site}/story{n}.html" for n in range(5)]
    result = run("fuse", *addresses, f"{news_site}/gone.html", "--format", "json")
    assert result.returncode == 2, "the missing page is reported"
    assert "gone.html" in result.stderr and "404" in result.stderr
    report = json.loads(result.stdout)
    sources = report["sources"]
    assert [s["status"] for s in sources] == ["used"] * 5 + ["unreadable"]
    assert [s["url"] for s in sources[:5]] == addresses
    assert [s["outlet"] for s in sources[:5]] == [f"Outlet {n}" for n in range(5)]
    assert all("Home | World" not in s["text"] for s in sources)
    for sentence in report["summary"]["sentences"]:
        text = sources[sentence["source"]]["text"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert report["summary"]["words"] > 150


def test_a_multinews_record_saved_as_json_keeps_its_id(tmp_path: Path) -> None:
    record = _records(1)[0] | {"id": "multinews-test-0001"}
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = run("fuse", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["id"] == "multinews-test-0001"
    assert [s["name"] for s in report["sources"]] == [f"record.json#{k}" for k in range(5)]
