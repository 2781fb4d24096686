"""Ctrl-C and kill -9 during `newsledger ingest`: whole articles, exit 130, and the same ledger after a rerun.

The child runs the real CLI with one hook: after its k-th stored (or linked) article it prints
"ready" and waits for a line on stdin, so the test signals it at a known point, never after a sleep.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import duckdb
import pytest

from _signalled_child import signal_when_ready
from newsledger.cli import app  # noqa: F401  (the child imports it; fail here first if it cannot)

CHILD = textwrap.dedent(
    """
    import importlib
    import sys
    from newsledger import ledger as ledger_mod
    update_mod = importlib.import_module("newsledger.link.update")

    point, k = sys.argv[1], int(sys.argv[2])
    count = 0

    def pause():
        print("ready", flush=True)
        sys.stdin.readline()

    if point == "store":
        real_store = ledger_mod.Ledger._store

        def _store(self, record, article, report):
            global count
            real_store(self, record, article, report)
            count += 1
            if count == k:
                pause()

        ledger_mod.Ledger._store = _store
    else:
        real_update = update_mod.update

        def update(store, record, aid):
            global count
            linked = real_update(store, record, aid)
            count += 1
            if count == k:
                pause()
            return linked

        update_mod.update = update

    from newsledger.cli import app
    app(sys.argv[3:], prog_name="newsledger")
    """
)

# Hand-written articles: several share claims (asserted, confirmed, denied), dates out of file order
# (a4 is the oldest), so that linking in file order or in crash order would give other claims.
ARTICLES = {
    "a1.txt": (
        "2025-03-02",
        "Troops shelled the town\n|\nRebel spokesman Omar Haddad said government troops shelled the town of "
        "Karsa on Sunday. \u201cThe army attacked civilians,\u201d Haddad said.",
    ),
    "a2.txt": (
        "2025-03-03",
        "Ministry denies shelling\n|\nThe defence ministry denied that government troops shelled the town of "
        "Karsa. Minister Lena Vogt said the army did not attack civilians.",
    ),
    "a3.txt": (
        "2025-03-01",
        "Talks planned\n|\nForeign minister Paul Sato said the two sides would meet in Geneva next week. "
        "Officials confirmed that talks would take place in Geneva.",
    ),
    "a4.txt": (
        "2025-02-28",  # older than the first files: a run that links them first gives other claims
        "Witnesses confirm shelling\n|\nWitnesses confirmed that government troops shelled the town of Karsa. "
        "Aid worker Mia Lund said the hospital in Karsa was hit.",
    ),
    "a5.txt": (
        "2025-03-04",
        "Geneva talks\n|\nPaul Sato said the talks in Geneva would go ahead next week. Lena Vogt said the "
        "government would send a delegation to Geneva.",
    ),
    "a6.txt": (
        "2025-03-05",
        "Hospital hit\n|\nThe defence ministry denied that the hospital in Karsa was hit. Omar Haddad said "
        "the army attacked civilians in Karsa again.",
    ),
}
STOP = 3  # the kill comes after the child's 3rd stored (or linked) article


def _corpus(folder: Path) -> Path:
    """The articles as one JSON Lines file each (with their dates) in ``folder``."""
    folder.mkdir()
    for name, (published, text) in ARTICLES.items():
        title, body = text.split("\n|\n", 1)
        doc = {"id": name.removesuffix(".txt"), "title": title, "text": body, "published": published}
        (folder / f"{name.removesuffix('.txt')}.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return folder


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def _ingest_args(folder: Path, db: Path) -> list[str]:
    return ["ingest", str(folder), "--db", str(db)]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger.cli", *args], capture_output=True, text=True, timeout=300, env=_env()
    )


def _run_to_point(point: str, args: list[str], sig: signal.Signals) -> tuple[int, str]:
    rc, _, stderr = signal_when_ready([sys.executable, "-c", CHILD, point, str(STOP), *args], _env(), sig, 300)
    return rc, stderr


def _snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "articles": "SELECT article_id, content_hash FROM articles ORDER BY 1",
        "claims": "SELECT claim_id, text, status, first_article, first_statement, first_published, n_members, seq, "
        "core FROM claims ORDER BY claim_id",
        "members": "SELECT claim_id, article_id, statement_id, role, speaker, actor_id, via, round(score, 9), part "
        "FROM claim_members ORDER BY article_id, statement_id, part",
        "actors": "SELECT actor_id, name, kind, country, sector, origin FROM actors ORDER BY actor_id",
        "aliases": "SELECT alias_key, actor_id, alias, first_article FROM actor_aliases ORDER BY ALL",
        "refs": "SELECT actor_id, article_id, role, ref_id FROM actor_refs ORDER BY ALL",
        "dups": "SELECT article_id, group_id FROM dup_groups ORDER BY ALL",
        "df": "SELECT term, df FROM claim_term_df ORDER BY ALL",
        "linked": "SELECT article_id, n_claims FROM profiles ORDER BY ALL",
    }
    with duckdb.connect(str(db), read_only=True) as con:
        return {k: con.execute(q).fetchall() for k, q in queries.items()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[tuple[Any, ...]]]]:
    """The corpus ingested once, uninterrupted, and that ledger's link layer."""
    base = tmp_path_factory.mktemp("reference")
    folder = _corpus(base / "news")
    db = base / "ref.duckdb"
    done = _cli(*_ingest_args(folder, db))
    assert done.returncode == 0, done.stderr
    snap = _snapshot(db)
    assert len(snap["articles"]) == len(ARTICLES)
    _assert_no_fault(db)
    assert any(n > 1 for *_, n, _seq, _core in snap["claims"]), "the corpus must hold a claim shared by articles"
    return folder, snap


@pytest.mark.slow
def test_ctrl_c_stops_ingest_after_the_current_article_with_exit_130(
    tmp_path: Path, reference: tuple[Path, dict[str, list[tuple[Any, ...]]]]
) -> None:
    folder, snap = reference
    db = tmp_path / "l.duckdb"
    rc, stderr = _run_to_point("store", _ingest_args(folder, db), signal.SIGINT)
    assert rc == 130, stderr
    lines = [ln for ln in stderr.splitlines() if ln.startswith("interrupted:")]
    assert lines == [stderr.strip()] and lines[0].startswith(f"interrupted: stored {STOP} articles"), stderr
    partial = _snapshot(db)
    assert len(partial["articles"]) == STOP  # Ctrl-C came while it stored the 3rd: it finished that one, then stopped
    assert partial["linked"] == []  # a batch is linked only once it is all stored
    rerun = _cli(*_ingest_args(folder, db))
    assert rerun.returncode == 0, rerun.stderr
    assert _snapshot(db) == snap


@pytest.mark.slow
@pytest.mark.parametrize("point", ["store", "link"])
def test_ledger_after_kill_and_rerun_equals_uninterrupted(
    point: str, tmp_path: Path, reference: tuple[Path, dict[str, list[tuple[Any, ...]]]]
) -> None:
    folder, snap = reference
    db = tmp_path / "l.duckdb"
    rc, stderr = _run_to_point(point, _ingest_args(folder, db), signal.SIGKILL)
    assert rc == -signal.SIGKILL, stderr
    killed = _snapshot(db)
    if point == "store":
        assert len(killed["articles"]) == STOP and killed["linked"] == []
    else:
        assert len(killed["articles"]) == len(ARTICLES) and len(killed["linked"]) == STOP
    rerun = _cli(*_ingest_args(folder, db))
    assert rerun.returncode == 0, rerun.stderr
    assert _snapshot(db) == snap  # same claims (ids, members, statuses), same actors, same duplicates
    _assert_no_fault(db)
    relinked = _cli("relink", "--db", str(db))
    assert relinked.returncode == 0, relinked.stderr
    assert relinked.stderr.startswith(f"relinked {len(ARTICLES)} articles")
    assert _snapshot(db) == snap
    _assert_no_fault(db)


def _assert_no_fault(db: Path) -> None:
    """`newsledger check` finds nothing wrong (exit 0)."""
    checked = _cli("check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout + checked.stderr
