"""The ledger's integrity check (``newsledger check``): the invariants of the link layer, each as a query.

Every check names a *kind* of fault and finds the rows that break it; :func:`check`
runs them all and returns a :class:`CheckReport` with, per kind found, the number
of faulty rows, a few examples and what to do.  The checks only read (a ledger
opened read-only is checked as it is).

Invariants (one kind each):

- every actor id in ``actor_refs``, ``actor_aliases`` and ``claim_members`` is a
  row of ``actors`` (events once pointed at the pseudo-actor ``c:---``);
- every reference (``actor_refs``) is to a stored article, and to an entity,
  statement or event of it, by its role;
- every claim member is a stored statement and a member of a stored claim;
  every claim has members, as many as its ``n_members``, its first appearance
  among them, its ``first_published`` the earliest member's date, a status of
  :data:`~newsledger.link.types.CLAIM_STATUSES` equal to the one its members give
  (:func:`~newsledger.link.claims.status_of`), and every member's date is its article's;
- claim members are stored statements, or the outlet's own voice (``voice``: headline and lead sentences);
- the inverted index: every posting (``claim_terms``) is of a stored claim, once;
  every ``claim_term_df.df`` equals the number of claims posted under the term (the
  "documents" of the IDF are claims), and every posted term has its count;
- every stored article is linked (has a ``profiles`` row) and every profile is of
  a stored article, with as many statements (named, anonymous) as it holds;
- duplicate groups: every linked article has its signature and its group row;
  every group row is of a stored article, every group's id is an article that
  is in the group itself (its first), every ``matched`` article is in a group.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Final

from newsledger.errors import StoreError
from newsledger.link.claims import _statement_number, status_of
from newsledger.link.types import CLAIM_STATUSES, SIDES
from newsledger.store import Ledger as Store

log = logging.getLogger(__name__)

EXAMPLES: Final = 5  # examples kept per kind of fault

RELINK = "relink the ledger (`newsledger relink --db FILE`, i.e. `newsledger.link.rebuild`)"


@dataclass(frozen=True)
class Fault:
    """One kind of fault found: how many rows break the invariant, a few of them, and the fix."""

    kind: str
    count: int
    message: str  # the invariant broken, and what to do
    examples: tuple[str, ...]


@dataclass(frozen=True)
class CheckReport:
    """The faults of a ledger (none when it is whole) and the kinds checked."""

    faults: tuple[Fault, ...]
    checked: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.faults


@dataclass(frozen=True)
class _Check:
    kind: str
    message: str
    sql: str  # one VARCHAR column, ``example``: one row per faulty row


def _missing_actor(table: str, where: str) -> str:
    return (
        f"SELECT t.actor_id || ' (' || {where} || ')' AS example FROM {table} t "
        "WHERE t.actor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM actors a WHERE a.actor_id = t.actor_id)"
    )


_REF_TARGET = """
SELECT r.article_id || ' ' || r.role || ' ' || r.ref_id AS example FROM actor_refs r
WHERE EXISTS (SELECT 1 FROM articles a WHERE a.article_id = r.article_id) AND CASE
    WHEN r.role = 'entity' THEN NOT EXISTS (
        SELECT 1 FROM entities e WHERE e.article_id = r.article_id AND e.entity_id = r.ref_id)
    WHEN r.role IN ('speaker', 'about') THEN NOT EXISTS (
        SELECT 1 FROM statements s WHERE s.article_id = r.article_id AND s.statement_id = r.ref_id)
    WHEN r.role IN ('event_source', 'event_target') THEN NOT EXISTS (
        SELECT 1 FROM events v WHERE v.article_id = r.article_id AND v.event_id = r.ref_id)
    ELSE true END
"""

_DF_RECOUNT = """
SELECT coalesce(d.term, p.term) || ': df ' || coalesce(CAST(d.df AS VARCHAR), 'missing')
       || ', posted for ' || coalesce(p.n, 0) || ' claims' AS example
FROM claim_term_df d
FULL OUTER JOIN (SELECT term, count(DISTINCT claim_id) AS n FROM claim_terms GROUP BY term) p USING (term)
WHERE d.df IS DISTINCT FROM coalesce(p.n, 0)
"""

CHECKS: Final[tuple[_Check, ...]] = (
    _Check("ref_unknown_actor", f"references name an actor that is not in the actors table; {RELINK}",
           _missing_actor("actor_refs", "t.role || ' of ' || t.article_id || ' ' || t.ref_id")),
    _Check("alias_unknown_actor", f"aliases name an actor that is not in the actors table; {RELINK}",
           _missing_actor("actor_aliases", "'alias ' || t.alias")),
    _Check("member_unknown_actor", f"claim members name an actor that is not in the actors table; {RELINK}",
           _missing_actor("claim_members", "t.article_id || ' ' || t.statement_id")),
    _Check("ref_unknown_article", f"references are to an article that is not stored; {RELINK}",
           "SELECT r.article_id || ' ' || r.role || ' ' || r.ref_id AS example FROM actor_refs r "
           "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = r.article_id)"),
    _Check("ref_missing_target",
           f"references are to an entity, statement or event (by role) the article does not hold; {RELINK}",
           _REF_TARGET),
    _Check("member_missing_statement", f"claim members are statements that are not stored; {RELINK}",
           "SELECT m.claim_id || ': ' || m.article_id || ' ' || m.statement_id AS example FROM claim_members m "
           "WHERE NOT m.voice AND NOT EXISTS (SELECT 1 FROM statements s "
           "WHERE s.article_id = m.article_id AND s.statement_id = m.statement_id)"),
    _Check("member_missing_claim", f"claim members belong to a claim that does not exist; {RELINK}",
           "SELECT m.claim_id || ': ' || m.article_id || ' ' || m.statement_id AS example FROM claim_members m "
           "WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.claim_id = m.claim_id)"),
    _Check("member_unknown_role", f"claim members have a role other than {', '.join(SIDES)}; {RELINK}",
           "SELECT m.article_id || ' ' || m.statement_id || ': ' || m.role AS example FROM claim_members m "
           f"WHERE m.role NOT IN ({', '.join(repr(s) for s in SIDES)})"),
    _Check("member_date", f"claim members carry a date other than their article's; {RELINK}",
           "SELECT m.article_id || ' ' || m.statement_id || ': ' || coalesce(CAST(m.published AS VARCHAR), 'none') "
           "|| ' (article ' || coalesce(CAST(a.published AS VARCHAR), 'none') || ')' AS example "
           "FROM claim_members m JOIN articles a USING (article_id) WHERE m.published IS DISTINCT FROM a.published"),
    _Check("claim_without_members", f"claims have no member statement; {RELINK}",
           "SELECT c.claim_id AS example FROM claims c "
           "WHERE NOT EXISTS (SELECT 1 FROM claim_members m WHERE m.claim_id = c.claim_id)"),
    _Check("claim_member_count", f"claims whose n_members differs from their members; {RELINK}",
           "SELECT c.claim_id || ': n_members ' || c.n_members || ', members ' || count(m.claim_id) AS example "
           "FROM claims c LEFT JOIN claim_members m USING (claim_id) GROUP BY c.claim_id, c.n_members "
           "HAVING c.n_members <> count(m.claim_id)"),
    _Check("claim_first_not_member", f"claims whose first appearance is not one of their members; {RELINK}",
           "SELECT c.claim_id || ': ' || c.first_article || ' ' || c.first_statement AS example FROM claims c "
           "WHERE NOT EXISTS (SELECT 1 FROM claim_members m WHERE m.claim_id = c.claim_id "
           "AND m.article_id = c.first_article AND m.statement_id = c.first_statement)"),
    _Check("claim_first_date", f"claims whose first_published is not their earliest member's date; {RELINK}",
           "SELECT c.claim_id || ': ' || coalesce(CAST(c.first_published AS VARCHAR), 'none') || ', earliest member '"
           " || coalesce(CAST(min(m.published) AS VARCHAR), 'none') AS example "
           "FROM claims c JOIN claim_members m USING (claim_id) GROUP BY c.claim_id, c.first_published "
           "HAVING c.first_published IS DISTINCT FROM min(m.published)"),
    _Check("claim_unknown_status", f"claims have a status other than {', '.join(CLAIM_STATUSES)}; {RELINK}",
           "SELECT c.claim_id || ': ' || c.status AS example FROM claims c "
           f"WHERE c.status NOT IN ({', '.join(repr(s) for s in CLAIM_STATUSES)})"),
    _Check("posting_unknown_claim", f"index postings (claim_terms) are of a claim that does not exist; {RELINK}",
           "SELECT t.term || ' -> ' || t.claim_id AS example FROM claim_terms t "
           "WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.claim_id = t.claim_id)"),
    _Check("duplicate_posting", f"index postings (claim_terms) repeat a (term, claim) pair; {RELINK}",
           "SELECT term || ' -> ' || claim_id || ' x' || count(*) AS example FROM claim_terms "
           "GROUP BY term, claim_id HAVING count(*) > 1"),
    _Check("term_df_mismatch",
           "claim_term_df counts differ from a recount of the claims posted under each term (claim_terms); "
           f"similarity weights use them; {RELINK}",
           _DF_RECOUNT),
    _Check("article_not_linked",
           "stored articles are not linked (no profiles row): a link update failed or was interrupted; "
           "the next `newsledger ingest` links them after storing its files (`newsledger.link.catch_up`), or "
           "run `newsledger relink --db FILE` now",
           "SELECT a.article_id AS example FROM articles a ANTI JOIN profiles p USING (article_id)"),
    _Check("profile_counts",
           f"sourcing profiles whose statement counts differ from the article's statements; {RELINK}",
           "SELECT p.article_id || ': n_statements ' || p.n_statements || ' (named ' || p.n_named || ', anonymous ' "
           "|| p.n_anonymous || '), stored ' || count(s.statement_id) || ' (anonymous ' "
           "|| count(s.statement_id) FILTER (WHERE s.anonymous) || ')' AS example "
           "FROM profiles p JOIN articles a USING (article_id) LEFT JOIN statements s ON s.article_id = p.article_id "
           "GROUP BY p.article_id, p.n_statements, p.n_named, p.n_anonymous "
           "HAVING p.n_statements <> count(s.statement_id) OR p.n_named + p.n_anonymous <> p.n_statements "
           "OR p.n_anonymous <> count(s.statement_id) FILTER (WHERE s.anonymous)"),
    _Check("profile_unknown_article", f"sourcing profiles are of an article that is not stored; {RELINK}",
           "SELECT p.article_id AS example FROM profiles p ANTI JOIN articles a USING (article_id)"),
    _Check("appearance_unknown_article",
           "appearances (the same text from another outlet) are of an article that is not stored; "
           "ingest that article again to restore it, or delete them (DELETE FROM appearances WHERE article_id = ...)",
           "SELECT DISTINCT p.article_id AS example FROM appearances p ANTI JOIN articles a USING (article_id)"),
    _Check("dup_signature_missing", f"linked articles have no MinHash signature (dup_signatures); {RELINK}",
           "SELECT p.article_id AS example FROM profiles p ANTI JOIN dup_signatures s USING (article_id)"),
    _Check("dup_group_missing", f"linked articles are in no duplicate group (dup_groups); {RELINK}",
           "SELECT p.article_id AS example FROM profiles p ANTI JOIN dup_groups g USING (article_id)"),
    _Check("dup_group_unknown_article", f"duplicate-group rows are of an article that is not stored; {RELINK}",
           "SELECT g.article_id AS example FROM dup_groups g ANTI JOIN articles a USING (article_id)"),
    _Check("dup_group_founder_missing",
           f"duplicate groups whose id (their first article) is not itself a member of the group; {RELINK}",
           "SELECT DISTINCT g.group_id || ' (member ' || g.article_id || ')' AS example FROM dup_groups g "
           "WHERE NOT EXISTS (SELECT 1 FROM dup_groups f WHERE f.article_id = g.group_id "
           "AND f.group_id = g.group_id)"),
    _Check("dup_matched_missing", f"duplicate-group rows match an article that is in no group; {RELINK}",
           "SELECT g.article_id || ' matched ' || g.matched AS example FROM dup_groups g "
           "WHERE g.matched IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dup_groups m WHERE m.article_id = g.matched)"),
)

STATUS_KIND: Final = "claim_status_stale"
STATUS_MESSAGE: Final = f"claims whose status differs from the one their members give; {RELINK}"

KINDS: Final[tuple[str, ...]] = (*(c.kind for c in CHECKS), STATUS_KIND)


def check(store: Store) -> CheckReport:
    """Run every check of the ledger's integrity; the faults found, by kind (in :data:`KINDS` order)."""
    faults: list[Fault] = []
    for c in CHECKS:
        fault = _run(store, c)
        if fault is not None:
            faults.append(fault)
    stale = _stale_statuses(store)
    if stale:
        faults.append(Fault(STATUS_KIND, len(stale), STATUS_MESSAGE, tuple(stale[:EXAMPLES])))
    for f in faults:
        log.info("check: %d %s (%s)", f.count, f.kind, ", ".join(f.examples))
    return CheckReport(tuple(faults), KINDS)


def _run(store: Store, c: _Check) -> Fault | None:
    try:
        rows = store._query(
            f"SELECT example, count(*) OVER () FROM ({c.sql}) q ORDER BY example LIMIT {EXAMPLES}"
        )
    except StoreError as exc:
        raise StoreError(f"check {c.kind}: {exc}") from exc
    if not rows:
        return None
    return Fault(c.kind, int(rows[0][1]), c.message, tuple(str(r[0]) for r in rows))


def _stale_statuses(store: Store) -> list[str]:
    """``"c7: stored denied, members give contested"`` for each claim whose status its members contradict."""
    stored = {str(cid): str(status) for cid, status in store._query("SELECT claim_id, status FROM claims")}
    members: dict[str, list[tuple[date, str, int, str, str | None, str, bool]]] = {}
    for cid, aid, sid, role, actor_id, speaker, anon, published in store._query(
        "SELECT claim_id, article_id, statement_id, role, actor_id, speaker, anonymous, published FROM claim_members "
        "WHERE NOT voice"  # the outlet's own voice tells the story; it is not a source of the status
    ):
        members.setdefault(str(cid), []).append(
            (published or date.max, str(aid), _statement_number(str(sid)), str(role), actor_id, str(speaker),
             bool(anon))
        )
    out = []
    for cid in sorted(stored, key=lambda c: (len(c), c)):
        ms = members.get(cid)
        if not ms:
            continue  # claim_without_members
        said = sorted(ms, key=lambda m: m[:3])
        given = status_of([(m[3], m[4], m[5], m[6]) for m in said])
        if given != stored[cid]:
            out.append(f"{cid}: stored {stored[cid]}, members give {given}")
    return out
