"""The README's worked example is what the code prints today (skipped where ../shared is absent)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsledger.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "samples" / "trump-putin-talks.txt"


def _readme_example() -> tuple[list[str], dict[str, Any]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A worked example", 1)[1].split("\n## ", 1)[0]
    command = re.search(r"```console\n\$ (.+?)\n```", section, re.S)
    shown = re.search(r"```json\n(.+?)\n```", section, re.S)
    assert command and shown, "the README's worked example lost its command or its JSON block"
    args = command.group(1).split()
    assert args[0].endswith("newsledger")
    return args[1:], json.loads(shown.group(1))


def _subset(shown: Any, actual: Any, path: str = "statement") -> None:
    if isinstance(shown, dict):
        assert isinstance(actual, dict), f"{path}: the code prints {actual!r}"
        for key, value in shown.items():
            assert key in actual, f"{path}.{key} is in the README but not in what the code prints"
            _subset(value, actual[key], f"{path}.{key}")
    else:
        assert shown == actual, f"{path}: the README shows {shown!r}, the code prints {actual!r}"


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared (the sample article) is absent")
def test_the_worked_example_matches_what_extract_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    args, shown = _readme_example()
    monkeypatch.chdir(ROOT)
    args = [a for a in args if a not in {"--format", "table"}] + ["--format", "jsonl"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    text = record["text"]
    actual = next((s for s in record["statements"] if s["id"] == shown["id"]), None)
    assert actual is not None, f"no statement {shown['id']} in {[s['id'] for s in record['statements']]}"
    _subset(shown, actual)
    for span in [shown["speaker"]["span"], shown["cue"]["span"], *shown["content"]["spans"]]:
        assert text[span[0] : span[1]] in {shown["speaker"]["text"], shown["cue"]["text"], shown["content"]["text"]}
