"""Near-duplicate articles (wire copies, lightly edited reprints) by MinHash/LSH.

Each article's body is cut into word 3-shingles (lower case, ``\\w+`` tokens, the
title line and the ``|`` separator dropped); :class:`datasketch.MinHash` with
``NUM_PERM = 128`` permutations sketches the set.  The LSH index is datasketch's
banding scheme kept in the ledger (so it persists and grows incrementally):
``BANDS = 32`` bands of ``ROWS = 4`` hash values, each band hashed (blake2b, 64
bits) into ``dup_bands(bucket)``.  A new article's candidates are the articles
sharing at least one bucket; each is then checked against ``THRESHOLD`` on the
estimated Jaccard (the share of equal hash values).  With b=32, r=4 the LSH
S-curve passes 50% at J = (1/32)^(1/4) = 0.42 and catches a pair at J = 0.5 with
probability 1-(1-0.5^4)^32 = 0.87, at J = 0.6 with 0.99.

Measured on the demo corpus (tests/link/test_golden.py prints it): the two wire
reprints score estimated J = 0.87 and 0.83 with their originals; the closest
pair that is *not* a duplicate (two articles on the same Trump-Putin call from
different outlets) scores 0.02, and no other pair exceeds 0.05.  Lightly edited
copies in the unit tests (a changed paragraph of five, a new headline) score
0.55-0.75.  ``THRESHOLD = 0.5`` sits between them with a wide margin on both sides.

A group is the set of articles linked by a match; its id is its first article.
When a new article matches members of two groups, the groups merge.  Every
member keeps its own row (and so its outlet), so "how many sources say X" counts
distinct groups, not articles.
"""

from __future__ import annotations

import hashlib
import logging
import re

import duckdb
import numpy as np
from datasketch import MinHash

log = logging.getLogger(__name__)

NUM_PERM = 128
BANDS = 32
ROWS = 4
SHINGLE = 3
THRESHOLD = 0.5
SEED = 1
MAX_CANDIDATES = 200  # a bucket shared by more articles than this is noise (boilerplate); the best are kept

_WORD = re.compile(r"\w+", re.UNICODE)


def body(text: str) -> str:
    """The article body: without a leading title line and ``|`` separator line, if present."""
    lines = text.split("\n")
    if len(lines) > 2 and lines[1].strip() == "|":
        return "\n".join(lines[2:])
    return text


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(body(text).lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> tuple[np.ndarray, int]:
    """The MinHash hash values of ``text``'s shingles and the number of shingles."""
    sh = shingles(text)
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    if sh:
        m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=np.uint64), len(sh)


def band_buckets(hashvalues: np.ndarray) -> list[int]:
    out = []
    for b in range(BANDS):
        chunk = hashvalues[b * ROWS : (b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(b.to_bytes(2, "little") + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / float(len(a))


def update(con: duckdb.DuckDBPyConnection, article_id: str, text: str) -> tuple[str, float, str | None]:
    """Sketch the article, find its candidates through the LSH buckets, join or start a group.

    Returns ``(group_id, similarity, matched_article)``.  Runs inside the caller's transaction.
    """
    hv, n = signature(text)
    buckets = band_buckets(hv)
    best: tuple[float, str] | None = None
    matches: list[tuple[float, str]] = []
    if n:
        ids = [
            str(r[0])
            for r in con.execute(
                f"SELECT article_id, count(*) AS k FROM dup_bands WHERE bucket IN ({', '.join('?' for _ in buckets)}) "
                "GROUP BY article_id ORDER BY k DESC, article_id LIMIT ?",
                [*buckets, MAX_CANDIDATES],
            ).fetchall()
        ]
        cands = (
            con.execute(
                f"SELECT article_id, signature FROM dup_signatures WHERE article_id IN ({', '.join('?' for _ in ids)})",
                ids,
            ).fetchall()
            if ids
            else []
        )
        for aid, sig in cands:
            if aid == article_id:
                continue
            sim = jaccard(hv, np.frombuffer(sig, dtype=np.uint64))
            if sim >= THRESHOLD:
                matches.append((sim, str(aid)))
        if matches:
            best = max(matches)
    con.execute("INSERT INTO dup_signatures VALUES (?, ?, ?)", [article_id, hv.tobytes(), n])
    if n:
        con.execute(
            "INSERT INTO dup_bands SELECT unnest(?::BIGINT[]), ?", [sorted(set(buckets)), article_id]
        )
    if best is None:
        con.execute("INSERT INTO dup_groups VALUES (?, ?, 1.0, NULL)", [article_id, article_id])
        return article_id, 1.0, None
    sim, matched = best
    groups = [
        str(r[0])
        for r in con.execute(
            f"SELECT DISTINCT group_id FROM dup_groups WHERE article_id IN ({', '.join('?' for _ in matches)})",
            [a for _, a in matches],
        ).fetchall()
    ]
    (group_id,) = con.execute("SELECT group_id FROM dup_groups WHERE article_id = ?", [matched]).fetchone() or (
        matched,
    )
    group_id = str(group_id)
    for other in groups:
        if other != group_id:  # the new article bridges two groups: merge them into the matched one
            log.info("duplicate groups %s and %s merge through %s", group_id, other, article_id)
            con.execute("UPDATE dup_groups SET group_id = ? WHERE group_id = ?", [group_id, other])
    con.execute("INSERT INTO dup_groups VALUES (?, ?, ?, ?)", [article_id, group_id, sim, matched])
    log.debug("%s is a near-duplicate of %s (J~%.2f), group %s", article_id, matched, sim, group_id)
    return group_id, sim, matched
