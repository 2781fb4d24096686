"""The link layer against the golden data of the demo corpus (tests/fixtures/ledger_golden.json).

Statement extraction upstream is imperfect: a claim whose statements were not
extracted cannot appear.  Duplicate groups, must-not-merge pairs and the
actor merges of the names that reach the ledger are asserted exactly; claims
are measured (found, status, sides) and printed, with a floor the current
pipeline reaches.
"""

from __future__ import annotations

from typing import Any

from newsledger import link
from newsledger.link.actors import fold
from newsledger.link.claims import cosine, terms
from newsledger.link.duplicates import THRESHOLD, jaccard, signature
from newsledger.store import Ledger as Store


def _stem(name: str) -> str:
    return name.removesuffix(".txt")


def _actors_of(store: Store, alias: str) -> set[str]:
    rows = store._query("SELECT DISTINCT actor_id FROM actor_aliases WHERE lower(alias) = lower(?)", [alias])
    return {str(r[0]) for r in rows}


def _group_of(store: Store, article: str) -> str:
    rows = store._query("SELECT group_id FROM dup_groups WHERE article_id = ?", [article])
    assert rows, f"{article} has no duplicate-group row (not linked?)"
    return str(rows[0][0])


def test_duplicate_groups(demo: Store, golden: dict[str, Any]) -> None:
    for group in golden["duplicate_groups"]:
        ids = [_stem(a) for a in group]
        assert len({_group_of(demo, a) for a in ids}) == 1, ids
    for a, b in golden["not_duplicates"]:
        assert _group_of(demo, _stem(a)) != _group_of(demo, _stem(b))
    found = {frozenset(m.article_id for m in g.articles) for g in link.duplicate_groups(demo)}
    expected = {frozenset(_stem(a) for a in g) for g in golden["duplicate_groups"]}
    assert found == expected
    for g in link.duplicate_groups(demo):
        assert len(g.outlets) == 2  # every outlet is kept


def test_duplicate_threshold_margin(demo: Store) -> None:
    """Measure the estimated Jaccard of every pair (printed): reprints far above, others far below."""
    texts = {str(r[0]): str(r[1]) for r in demo._query("SELECT article_id, text FROM articles")}
    sigs = {a: signature(t)[0] for a, t in texts.items()}
    dup_pairs = {frozenset(m.article_id for m in g.articles) for g in link.duplicate_groups(demo)}
    ids = sorted(sigs)
    dup_scores, other_scores = [], []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            j = jaccard(sigs[a], sigs[b])
            (dup_scores if frozenset((a, b)) in dup_pairs else other_scores).append(j)
    print(f"\nreprint pairs J~{sorted(dup_scores)}; highest other pair J~{max(other_scores):.3f}")
    assert min(dup_scores) >= THRESHOLD + 0.2
    assert max(other_scores) <= THRESHOLD - 0.3


def test_must_not_merge(demo: Store, golden: dict[str, Any]) -> None:
    checked = 0
    for a, b in golden["must_not_merge"]:
        ids_a, ids_b = _actors_of(demo, a), _actors_of(demo, b)
        if ids_a and ids_b:
            checked += 1
            assert not ids_a & ids_b, (a, b, ids_a, ids_b)
    print(f"\nmust-not-merge pairs present in the ledger: {checked}/{len(golden['must_not_merge'])}, all kept apart")
    assert checked >= 3


def test_actor_merges(demo: Store, golden: dict[str, Any]) -> None:
    merges: dict[str, list[str]] = golden["actor_merges"]
    shared = {v.lower() for c, vs in merges.items() for v in vs if sum(v in ws for ws in merges.values()) > 1}
    reproduced, present, split = 0, 0, []
    for canonical, variants in merges.items():
        seen = {v: _actors_of(demo, v) for v in variants if v.lower() not in shared}
        seen = {v: ids for v, ids in seen.items() if ids}
        if len(seen) < 2:
            continue
        present += 1
        common = set.intersection(*seen.values())
        if common:
            reproduced += 1
        else:
            split.append((canonical, seen))
    print(f"\nactor merges reproduced: {reproduced}/{present} (groups with 2+ variants in the ledger)")
    for canonical, seen in split:
        print(f"  not merged: {canonical}: {seen}")
    assert present >= 6
    assert reproduced == present


def _best_claim(demo: Store, text: str, article: str) -> link.ClaimRow | None:
    rows = demo._query(
        "SELECT DISTINCT m.claim_id FROM claim_members m WHERE m.article_id = ? AND NOT m.voice", [article]
    )
    best: tuple[float, link.ClaimRow] | None = None
    want = terms(text)
    for (cid,) in rows:
        detail = link.claim(demo, str(cid))
        assert detail is not None
        # compared with the claim's statements: a golden claim is what sources say.  The outlet's own voice
        # (headline, lead: members "v0", "v1", ...) tells the whole story and names every golden claim's topic
        # words, and so does a claim text taken from it ("China slaps provisional duties on European pork")
        said = [m.content for m in detail.timeline if not m.voice]
        score = max((cosine(want, terms(content)) for content in said), default=0.0)
        if best is None or score > best[0]:
            best = (score, detail.claim)
    return best[1] if best and best[0] >= 0.3 else None


def _names(voices: tuple[link.Voice, ...]) -> set[str]:
    """Accents folded: "Maros Sefcovic" as one outlet writes him is "Maroš Šefčovič"."""
    return {fold(v.name).lower() for v in voices}


def test_golden_claims(demo: Store, golden: dict[str, Any]) -> None:
    found = status_ok = 0
    sides_ok = 0
    lines = []
    matched: dict[str, list[str]] = {}  # ledger claim -> the golden claims it answers for
    for g in golden["claims"]:
        c = _best_claim(demo, g["text"], _stem(g["first_seen"]))
        if c is None:
            later = [(a, x) for a in g["seen_in"][1:] if (x := _best_claim(demo, g["text"], _stem(a))) is not None]
            where = (f"; from {later[0][0]} on it is {later[0][1].claim_id}, {later[0][1].status}: "
                     f"{later[0][1].text[:50]}") if later else ""
            lines.append(f"  {g['id']} not found at its first appearance ({g['status']}): {g['text'][:60]}{where}")
            continue
        found += 1
        matched.setdefault(c.claim_id, []).append(g["id"])
        status_ok += c.status == g["status"]
        missing = {
            side: sorted({fold(n).lower() for n in g[side] if not n.startswith("anonymous")}
                         - _names(getattr(c, side)))
            for side in ("asserted_by", "confirmed_by", "denied_by", "neither_by")
        }
        missing = {side: names for side, names in missing.items() if names}
        sides_ok += not missing
        lines.append(
            f"  {g['id']} -> {c.claim_id} status {c.status} (golden {g['status']}), sides "
            f"{'complete' if not missing else f'missing {missing}'}: {c.text[:50]}"
        )
    n = len(golden["claims"])
    print(f"\ngolden claims found {found}/{n}, status right {status_ok}/{n}, named sides complete {sides_ok}/{n}")
    print("\n".join(lines))
    merged = {cid: ids for cid, ids in matched.items() if len(ids) > 1}
    print(f"distinct golden claims merged into one ledger claim: {merged or 'none'}")
    # the floor the current pipeline reaches: 14/15 found, 13/15 statuses, 10/15 sides (2026-12). It was
    # 14 / 14 / 12 with the rules alone: the span model's contents follow PolNeAR's boundaries (no
    # non-restrictive "which" clause), so Sefcovic's confirmation no longer names the claim's day. These
    # are our own texts; PolNeAR dev rose (attribution F1 0.675 -> 0.706). Issue 12 measures claims on
    # real stories.
    assert not merged
    assert found >= 14
    assert status_ok >= 13
    assert sides_ok >= 10
    assert any(c.claim_id for c in link.claims(demo, contested=True))


def test_contested_claims_have_both_sides(demo: Store) -> None:
    rows = link.claims(demo, contested=True)
    assert rows
    for c in rows:
        assert c.status == "contested" and c.confirmed_by and c.denied_by


def test_profiles_of_every_article(demo: Store) -> None:
    for aid in demo.ids():
        p = link.profile(demo, aid)
        assert p is not None
        assert p.n_named + p.n_anonymous == p.n_statements
        assert 0.0 <= p.attributed_share <= 1.0
        assert abs(p.attributed_share + p.own_voice_share - 1.0) < 1e-3
