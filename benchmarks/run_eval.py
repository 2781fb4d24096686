"""`make eval`: run the three scorers of ../shared/eval on the dev data and print their figures.

Skips (exit 0, with a message) when ../shared is absent.  Predictions are
written under eval-out/ so they can be inspected.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from newsledger.api import extract_paths
from newsledger.article import ReadFailure


def predict(inputs: list[Path], out: Path) -> tuple[int, float]:
    start = time.perf_counter()
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for result in extract_paths(inputs):
            if isinstance(result, ReadFailure):
                print(f"  skipped {result}", file=sys.stderr)
                continue
            fh.write(result.to_json() + "\n")
            n += 1
    return n, time.perf_counter() - start


def score(scorer: Path, gold: Path, pred: Path, *extra: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json", *extra],
        check=True, capture_output=True, text=True,
    )
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--out", default="eval-out", type=Path)
    args = ap.parse_args()
    shared: Path = args.shared
    if not (shared / "eval").is_dir() or not (shared / "data").is_dir():
        print(f"make eval: {shared} is absent; skipping the dev-data evaluation")
        return 0
    args.out.mkdir(exist_ok=True)
    data, scorers = shared / "data", shared / "eval"
    figures: dict[str, object] = {}

    pred = args.out / "polnear-dev.pred.jsonl"
    n, secs = predict([data / "polnear" / "dev" / "text"], pred)
    res = score(scorers / "score_attribution.py", data / "polnear" / "dev", pred)
    figures["polnear_dev"] = res
    print(f"PolNeAR dev ({n} articles, {n / secs:.1f} articles/s)")
    print(f"  attribution  {_prf(res['attribution'])}")
    for role in ("source", "cue", "content"):
        row = res[role]
        assert isinstance(row, dict)
        print(f"  {role:8} exact {_prf(row['exact'])}   token {_prf(row['token'])}")

    pred = args.out / "events-dev.pred.jsonl"
    n, secs = predict([data / "events" / "dev.jsonl"], pred)
    res = score(scorers / "score_events.py", data / "events" / "dev.jsonl", pred)
    figures["events_dev"] = res
    print(f"PLOVER events dev ({n} sentences)")
    for key in ("type", "type+source", "dyad", "source sector"):
        print(f"  {key:14} {_prf(res[key])}")
    print(f"  status         {res['status']}")

    pred = args.out / "cases-dev.pred.jsonl"
    predict([data / "cases" / "dev.jsonl"], pred)
    res = score(scorers / "score_statements.py", data / "cases" / "dev.jsonl", pred)
    figures["cases_statements"] = res
    print("Hand cases, statements")
    print(f"  cue {_prf(res['cue'])}  speaker acc {res['speaker_accuracy']}  content acc "
          f"{res['content_accuracy']}  stance acc {res['stance_accuracy']}  full {_prf(res['full'])}")
    res = score(scorers / "score_events.py", data / "cases" / "dev.jsonl", pred)
    figures["cases_events"] = res
    print("Hand cases, events")
    for key in ("type", "type+source", "dyad"):
        print(f"  {key:14} {_prf(res[key])}")
    print(f"  status         {res['status']}")

    figures["claims_dev"] = claims(data / "claims" / "dev", scorers / "score_claims.py", args.out)

    (args.out / "figures.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"figures written to {args.out / 'figures.json'}")
    return 0


def claims(folder: Path, scorer: Path, out: Path) -> dict[str, object]:
    """Ingest the claims dev articles into a fresh ledger, export its claims, score them (Emergent / FNC-1)."""
    db = out / "claims-dev.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    cli = str(Path(sys.executable).with_name("newsledger"))
    start = time.perf_counter()
    subprocess.run([cli, "ingest", str(folder / "articles.jsonl"), "--db", str(db)], check=True, capture_output=True)
    secs = time.perf_counter() - start
    pred = out / "claims-dev.claims.jsonl"
    subprocess.run([cli, "export", "--table", "claims", "--format", "jsonl", "--db", str(db), "--out", str(pred)],
                   check=True, capture_output=True)
    report = subprocess.run([sys.executable, str(scorer), str(folder / "gold.json"), str(pred)],
                            check=True, capture_output=True, text=True).stdout
    print(f"Claims dev (Emergent/FNC-1, ingest {secs:.0f} s)")
    for line in report.splitlines():
        if line.startswith(("grouping [main_all]", "purity over", "sides [main]", "majority baseline")):
            print(f"  {line}")
    return score(scorer, folder / "gold.json", pred)


def _prf(row: object) -> str:
    assert isinstance(row, dict)
    return f"P {row['p']:.3f} R {row['r']:.3f} F1 {row['f1']:.3f}"


if __name__ == "__main__":
    sys.exit(main())
