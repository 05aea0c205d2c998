"""report_from_dict reads back what report_to_dict writes, for real reports."""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse import fuse, read_paths, render_json, report_to_dict
from newsfuse.render._json_load import report_from_dict

MISSILES = Path(__file__).parent.parent / "examples" / "missiles"


def test_a_report_survives_json_and_back() -> None:
    report = fuse(read_paths([str(MISSILES)]), report_id="missiles")
    data = json.loads(render_json(report))
    again = report_from_dict(data)
    assert report_to_dict(again) == data
    assert again.summary == report.summary and again.disagreements == report.disagreements
