"""The span model's ablation on PolNeAR dev: rules alone, the model alone, both.

    python scripts/ablate_span_model.py ../shared/data/polnear/dev [--alone DIR]

"rules": ``NEWSLEDGER_NO_SPAN_MODEL=1``.  "model alone": the model in ``--alone`` (trained with
``--no-rule-features``) with no rule candidates at all, every cue the tagger finds kept.  "both": the
shipped model as ``find_statements`` runs it.  Prints the scorer's attribution and exact figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from newsledger.article import Article


def predict(gold_dir: Path, out: Path) -> None:
    from newsledger.nlp.pipeline import build_record, load_model
    from newsledger.nlp.types import ParsedArticle

    nlp = load_model()
    files = sorted((gold_dir / "text").glob("*.txt"))
    arts = [Article(id=f.stem, text=f.read_text(encoding="utf-8"), body_start=0, origin=str(f)) for f in files]
    with out.open("w", encoding="utf-8") as fh:
        for art, doc in zip(arts, nlp.pipe(a.text for a in arts), strict=True):
            fh.write(build_record(ParsedArticle(art, doc)).to_json() + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--alone", type=Path, help="a model trained with --no-rule-features")
    ap.add_argument("--mode", choices=("rules", "alone", "both"))
    ap.add_argument("--scorer", type=Path, default=Path("../shared/eval/score_attribution.py"))
    a = ap.parse_args(argv)
    if a.mode is None:
        modes = ["rules", "both"] + (["alone"] if a.alone else [])
        for mode in modes:
            cmd = [sys.executable, __file__, str(a.gold_dir), "--mode", mode, "--scorer", str(a.scorer)]
            if a.alone:
                cmd += ["--alone", str(a.alone)]
            subprocess.run(cmd, check=True)
        return 0
    if a.mode == "rules":
        os.environ["NEWSLEDGER_NO_SPAN_MODEL"] = "1"
    elif a.mode == "alone":
        os.environ["NEWSLEDGER_SPAN_MODEL_DIR"] = str(a.alone)
        from newsledger.nlp import span_model, statements

        span_model.NEW_CUE_CONFIDENCE = 0.0
        rules_run = statements._Finder.run

        def quotes_only(self: statements._Finder) -> list[statements._Cand]:
            rules_run(self)  # the quotation index is still needed; the rules' candidates are not
            return []

        statements._Finder.run = quotes_only  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        predict(a.gold_dir, pred)
        res = json.loads(subprocess.run([sys.executable, str(a.scorer), str(a.gold_dir), str(pred), "--json"],
                                        check=True, capture_output=True, text=True).stdout)
    att = res["attribution"]
    exact = " / ".join(f"{res[r]['exact']['f1']:.3f}" for r in ("source", "cue", "content"))
    print(f"{a.mode:6} attribution P {att['p']:.3f} R {att['r']:.3f} F1 {att['f1']:.3f}; exact F1 s/c/c {exact}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
