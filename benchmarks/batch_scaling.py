"""``newsfuse batch`` with 1 and 2 workers on the same records: wall time and peak memory.

    python benchmarks/batch_scaling.py path/to/validation.jsonl.gz [--limit 2000]

The first ``--limit`` records are written to a temporary file (deleted afterwards), then
``newsfuse batch`` runs on it once per worker count as a separate process. Peak memory is
the highest sum of the resident memory of the batch process and all its workers, sampled
every 50 ms from /proc (Linux). Both outputs must be identical.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsfuse.records import record_lines

SAMPLE_SECONDS = 0.05


def tree_rss_kb(pid: int) -> int:
    """Resident memory (kB) of ``pid`` and its descendants; 0 for a process gone."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")),
                0,
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


def run(data: Path, output: Path, workers: int) -> tuple[float, float]:
    """Seconds and peak MB of one ``newsfuse batch`` run."""
    command = [sys.executable, "-m", "newsfuse", "batch", str(data), "-o", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen([*command, "--workers", str(workers)])
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"batch --workers {workers} exited {process.returncode}")
    return seconds, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", help="a Multi-News JSONL file (validation.jsonl.gz)")
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "records.jsonl"
        with data.open("w", encoding="utf-8") as out:
            for _, line in record_lines(args.data, args.limit):
                out.write(line if line.endswith("\n") else line + "\n")
        results = {}
        for workers in (1, 2):
            output = Path(folder) / f"out{workers}.jsonl"
            results[workers] = run(data, output, workers)
            seconds, peak = results[workers]
            print(f"workers {workers}: {seconds:.1f} s, peak memory {peak:.0f} MB")
        same = (Path(folder) / "out1.jsonl").read_bytes() == (
            Path(folder) / "out2.jsonl"
        ).read_bytes()
        print(f"speed-up {results[1][0] / results[2][0]:.2f}x; outputs identical: {same}")


if __name__ == "__main__":
    main()
