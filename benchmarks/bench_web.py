"""Time the web app's pages and API on a large ledger (default 10,000 articles).

Usage: python benchmarks/bench_web.py [--n 10000] [--db bench-out/web.duckdb] [--repeat 30] [--linker bulk]

Builds the ledger once from records synthesized without NLP (seeded, 360-640
words, 12-20 statements and 3-6 events each, speakers from a pool of 400
people, half the statements repeating a recent proposition with another
stance, 10% wire reprints), and links every article through the cross-article
layer (see :class:`BulkLinks`).  The store is kept at ``--db`` with a stamp
``<db>.json`` (corpus version, size, linker, schema version) and reused while
the stamp matches; any change rebuilds it (about 75 s).  Each page and API
endpoint is then requested ``--repeat`` times in-process (FastAPI's
TestClient) after one first request, timed apart (it would fill any cache; the
app computes its whole-ledger aggregates, overview and actor list, at start-up,
which is timed too).  Actor pages
are also timed on the store-only fallback.  Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsledger.article import Article
from newsledger.record import Record

FIRST = [
    "Anna", "Marek", "Sofia", "Jonas", "Leila", "Tomas", "Ingrid", "Pavel", "Amara", "Kenji",
    "Lucia", "Omar", "Hanna", "Diego", "Mei", "Viktor", "Elena", "Samuel", "Nadia", "Rahul",
]
LAST = [
    "Novak", "Lindqvist", "Moreau", "Okafor", "Tanaka", "Petrov", "Haddad", "Castillo", "Brandt", "Kowalski",
    "Lee", "Mensah", "Rossi", "Dahl", "Sato", "Ivanova", "Fischer", "Nair", "Costa", "Horvat",
]
OUTLETS = ["Northern Wire", "Pacific Daily", "Capital Herald", "Harbour Gazette", "The Ledger Post", "Baltic Monitor"]
TOPICS = ["the port deal", "the ceasefire", "grain exports", "the data breach", "pork duties", "the rail strike",
          "the border talks", "fuel prices", "the housing plan", "the fishing quota"]
CUES = [("said", "say", "assert"), ("denied", "deny", "deny"), ("confirmed", "confirm", "confirm"),
        ("would neither confirm nor deny", "confirm", "neither"), ("hinted", "hint", "hedge"),
        ("vowed", "vow", "intend"), ("urged", "urge", "demand"), ("asked whether", "ask", "question"),
        ("claimed", "claim", "assert"), ("added", "add", "assert")]
EVENT_TYPES = ["CONSULT", "AGREE", "REJECT", "THREATEN", "SANCTION", "REQUEST", "SUPPORT", "PROTEST"]
STATUSES = ["occurred", "reported", "planned", "possible", "denied", "negated"]
FILLER = ("Officials met again on Tuesday as negotiators weighed a draft text. Markets reacted calmly, and analysts "
          "said the outcome remained uncertain after weeks of talks. ")
PLACES = ["Bergen", "Riga", "Gdansk", "Lyon", "Porto", "Tampere", "Brno", "Graz", "Split", "Kaunas", "Malmo"]
VERBS = ["approve", "block", "delay", "fund", "investigate", "reject", "sign", "suspend", "expand", "review"]
OBJECTS = ["bridge", "pipeline", "treaty", "budget", "merger", "tariff", "port", "railway", "vaccine", "dam",
           "election", "contract", "reform", "satellite", "refinery", "ferry", "airport", "grid", "mine", "canal"]
_WORDS = ("regional officials local residents budget committee harbour council traffic weather season market "
         "industry workers union growth exports prices energy water schools hospital police court farmers "
         "ministers lawmakers voters plans figures report survey talks deal measures costs rates share")
WORDS = _WORDS.split()
_SYL = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "gu", "fe", "hi", "jo", "by"]
_VRNG = random.Random(3)
VOCAB = sorted({"".join(_VRNG.choice(_SYL) for _ in range(3)) + "n" for _ in range(3000)})
REPRINTS = 0.1  # share of articles that are wire copies of an earlier one


def people(n: int = 400) -> list[str]:
    rng = random.Random(1)
    names: set[str] = set()
    while len(names) < n:
        names.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return sorted(names)


class Propositions:
    """What the statements say: a growing pool, half of each article's drawn again from recent ones.

    A recurring proposition, told by several speakers and outlets with several
    stances, is what the link layer turns into a claim with many voices (some
    contested); the other half are new, so the claims table grows with the corpus.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pool: list[str] = []

    def draw(self) -> str:
        rng = self.rng
        if self.pool and rng.random() < 0.5:
            return rng.choice(self.pool[-2000:])
        words = " ".join(rng.choice(VOCAB) for _ in range(6))
        prop = f"{rng.choice(TOPICS)} would {rng.choice(VERBS)} the {rng.choice(OBJECTS)} in {words}"
        self.pool.append(prop)
        return prop


def filler(rng: random.Random, n_words: int) -> str:
    """``n_words`` of background prose, different in every article (so near-duplicates are only the reprints)."""
    words = [rng.choice(WORDS) for _ in range(n_words)]
    return " ".join(" ".join(words[i:i + 12]).capitalize() + "." for i in range(0, n_words, 12)) + " "


def synth(i: int, rng: random.Random, pool: list[str], props: Propositions) -> Record:
    """One synthetic record whose every span matches its text."""
    topic = rng.choice(TOPICS)
    outlet = rng.choice(OUTLETS)
    day = f"2024-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
    title = f"{outlet} report {i}: new turn in {topic}"
    parts: list[str] = [title, "\n|\n"]
    pos = len(title) + 3
    entities: dict[str, dict[str, Any]] = {}
    statements: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []

    def put(s: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(s)
        pos += len(s)
        return start, pos

    def entity(name: str) -> str:
        if name not in entities:
            entities[name] = {"id": f"e{len(entities) + 1}", "name": name, "type": "PERSON", "country": "XYZ",
                              "sector": "GOV", "mentions": []}
        return str(entities[name]["id"])

    put(FILLER)
    for k in range(rng.randint(12, 20)):
        name = rng.choice(pool)
        cue, lemma, stance = rng.choice(CUES)
        anonymous = rng.random() < 0.15
        sp_text = "A senior official" if anonymous else name
        s_span = put(sp_text)
        put(" ")
        c_span = put(cue)
        put(" that ")
        content = props.draw()
        t_span = put(content)
        put(". " + (filler(rng, 12) if k % 4 == 0 else ""))
        eid = None if anonymous else entity(name)
        if eid:
            entities[name]["mentions"].append(list(s_span))
        about = f"s{rng.randint(1, k)}" if stance in ("deny", "confirm", "neither") and k > 0 else None
        statements.append({
            "id": f"s{k + 1}",
            "speaker": {"text": sp_text, "span": list(s_span), "entity": eid, "name": None if anonymous else name,
                        "anonymous": anonymous},
            "cue": {"text": cue, "lemma": lemma, "span": list(c_span)},
            "content": {"text": content, "spans": [list(t_span)]},
            "kind": "indirect", "stance": stance, "about": about,
        })
    for k in range(rng.randint(3, 6)):
        a, b = rng.sample(pool, 2)
        ev = f"{a} met {b} to discuss {topic}"
        e_span = put(ev)
        put(". ")
        a_span = (e_span[0], e_span[0] + len(a))
        b_start = e_span[0] + len(a) + len(" met ")
        events.append({
            "id": f"v{k + 1}", "type": rng.choice(EVENT_TYPES), "mode": None, "contexts": [],
            "source": {"text": a, "span": list(a_span), "entity": entity(a), "country": "XYZ", "sector": "GOV"},
            "target": {"text": b, "span": [b_start, b_start + len(b)], "entity": entity(b), "country": "XYZ",
                       "sector": "GOV"},
            "status": rng.choice(STATUSES), "when": None,
            "evidence": {"text": ev, "span": list(e_span)}, "reported_by": [],
        })
        entities[a]["mentions"].append(list(a_span))
        entities[b]["mentions"].append([b_start, b_start + len(b)])
    put(filler(rng, rng.randint(20, 80)))
    return Record.model_validate({
        "id": f"bench-{i:05d}", "title": title, "published": day, "url": None, "source": outlet,
        "text": "".join(parts), "entities": list(entities.values()), "statements": statements, "events": events,
    })


def reprint(i: int, rng: random.Random, original: Record) -> Record:
    """A wire copy of ``original`` in another outlet: the same text with a credit line appended (spans hold)."""
    outlet = rng.choice([o for o in OUTLETS if o != original.source])
    return original.model_copy(update={
        "id": f"bench-{i:05d}", "source": outlet, "published": f"2024-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}",
        "text": original.text + f"\n(Reprinted by {outlet}, {i}.)",
    })


def records(n: int) -> Iterator[tuple[Record, str | None]]:
    """The seeded corpus, with the id of the original for each reprint (10% of the articles, from the 500 before)."""
    rng = random.Random(7)
    pool = people()
    props = Propositions(rng)
    recent: list[Record] = []
    for i in range(n):
        if recent and rng.random() < REPRINTS:
            original = rng.choice(recent)
            yield reprint(i, rng, original), original.id
        else:
            r = synth(i, rng, pool, props)
            recent = [*recent[-499:], r]
            yield r, None


def items(n: int) -> Iterator[tuple[Record, str, str | None]]:
    for r, _ in records(n):
        yield r, Article(id=r.id, text=r.text, title=r.title, published=r.published).content_hash, "<bench>"


STARTUP = "app start-up (opens the ledger, computes the overview, actor list and claim counterparts)"
SYNTH_VERSION = 2  # bump when the corpus or the bulk links change: the cached store is rebuilt


class BulkLinks:
    """The link layer's rows for the whole corpus, written in bulk instead of article by article.

    ``link.update`` costs about 0.3 s an article on these 12-20-statement
    articles (50+ minutes for 10,000), so the benchmark writes what it would
    write, from what the generator knows: one actor per named person (id
    ``p:<person_key>``, alias "first seen"), an ``entity``, ``speaker``,
    ``event_source`` and ``event_target`` reference per mention, one claim per
    proposition (a response with ``about`` joins the claim of the statement it
    answers, as the linker does), roles from the linker's ``ROLE_OF_STANCE``,
    status from its ``status_of``, terms from its ``terms``, each reprint in
    its original's duplicate group, and a sourcing profile per article from
    ``link.profile.attributed_chars``.  Only the update path's own indexes
    (MinHash signatures and LSH bands) stay empty: no page reads them.
    """

    def __init__(self) -> None:
        from newsledger.link.actors import person_key
        from newsledger.link.claims import ROLE_OF_STANCE, _clean_text, status_of, terms
        from newsledger.link.profile import attributed_chars

        self.person_key, self.role_of, self.clean, self.status_of, self.terms = (
            person_key, ROLE_OF_STANCE, _clean_text, status_of, terms)
        self.attributed_chars = attributed_chars
        self.actors: dict[str, tuple[Any, ...]] = {}
        self.aliases: list[tuple[Any, ...]] = []
        self.refs: list[tuple[Any, ...]] = []
        self.claim_by_text: dict[str, str] = {}
        self.claims: dict[str, dict[str, Any]] = {}
        self.members: list[tuple[Any, ...]] = []
        self.groups: list[tuple[Any, ...]] = []
        self.group_of: dict[str, str] = {}
        self.profiles: list[tuple[Any, ...]] = []

    def actor(self, name: str, article_id: str) -> tuple[str, str]:
        key = self.person_key(name)
        aid = f"p:{key}"
        if aid not in self.actors:
            self.actors[aid] = (aid, name, "person", None, None, "corpus")
            self.aliases.append((key, key.split()[-1], aid, name, "first seen", 1.0, article_id))
            return aid, "first seen"
        return aid, "same name"

    def add(self, r: Record, original: str | None) -> None:
        from datetime import date

        aid = r.id
        published = date.fromisoformat(r.published) if r.published else None
        group = self.group_of[original] if original else aid
        self.group_of[aid] = group
        self.groups.append((aid, group, 0.98 if original else 1.0, original))
        speaker_of: dict[str, tuple[str | None, str]] = {}
        for st in r.statements:
            if not st.speaker.anonymous and st.speaker.name:
                actor_id, ev = self.actor(st.speaker.name, aid)
                self.refs.append((actor_id, aid, "speaker", st.id, st.speaker.text, 1.0, ev))
                speaker_of[st.id] = (actor_id, self.actors[actor_id][1])
            else:
                speaker_of[st.id] = (None, f"anonymous: {(st.speaker.text or 'unnamed source').lower()}")
        entity_actor: dict[str, str] = {}
        for e in r.entities:
            actor_id, ev = self.actor(e.name, aid)
            entity_actor[e.id] = actor_id
            self.refs.append((actor_id, aid, "entity", e.id, e.name, 1.0, ev))
        for v in r.events:
            if v.source.entity in entity_actor:
                self.refs.append((entity_actor[v.source.entity], aid, "event_source", v.id, v.source.text, 1.0, None))
            if v.target and v.target.entity in entity_actor:
                self.refs.append((entity_actor[v.target.entity], aid, "event_target", v.id, v.target.text, 1.0, None))
        claim_of: dict[str, str] = {}
        by_id = {st.id: st for st in r.statements}
        ranked = sorted(r.statements, key=lambda st: self.role_of.get(st.stance) != "assert")
        for st in ranked:  # assertions first, then the answers to them, as the linker orders them
            role = self.role_of.get(st.stance)
            if role is None:
                continue
            target = by_id.get(st.about) if st.about and role != "assert" else None
            if target is not None:
                cid = claim_of.get(target.id) or self.link_target(target, aid, published, speaker_of[target.id])
                claim_of.setdefault(target.id, cid)
                via = "about"
            else:
                known = st.content.text in self.claim_by_text
                cid = self.claim_for(st.content.text, aid, st.id, published)
                via = "lexical" if known else "first"
            claim_of.setdefault(st.id, cid)
            actor_id, speaker = speaker_of[st.id]
            self.claims[cid]["members"].append((role, actor_id, speaker, st.speaker.anonymous, st.content.text))
            self.members.append((cid, aid, st.id, role, speaker, actor_id, st.speaker.anonymous, published, via, 1.0,
                                 self.terms(st.content.text), st.content.text))
        inside, total = self.attributed_chars(r)
        n_anon = sum(1 for st in r.statements if st.speaker.anonymous)
        self.profiles.append((aid, len(r.statements), len(r.statements) - n_anon, n_anon, inside, total,
                              round(inside / total, 4) if total else 0.0, len(set(claim_of.values()))))

    def link_target(self, st: Any, aid: str, published: Any, speaker: tuple[str | None, str]) -> str:
        """The claim of an answered statement not linked yet: the linker links it as an assertion first."""
        known = st.content.text in self.claim_by_text
        cid = self.claim_for(st.content.text, aid, st.id, published)
        self.claims[cid]["members"].append(("assert", speaker[0], speaker[1], st.speaker.anonymous, st.content.text))
        self.members.append((cid, aid, st.id, "assert", speaker[1], speaker[0], st.speaker.anonymous, published,
                             "lexical" if known else "first", 1.0, self.terms(st.content.text), st.content.text))
        return cid

    def claim_for(self, text: str, article_id: str, statement_id: str, published: Any) -> str:
        cid = self.claim_by_text.get(text)
        if cid is None:
            seq = len(self.claims) + 1
            cid = f"c{seq}"
            self.claim_by_text[text] = cid
            self.claims[cid] = {"seq": seq, "first": (article_id, statement_id, published), "members": [],
                                "core": [self.terms(text)]}
        return cid

    def write(self, con: Any) -> None:
        from datetime import UTC, datetime

        claims = []
        terms: dict[str, set[str]] = {}
        for cid, c in self.claims.items():
            ms = c["members"]
            text = next((m[4] for m in ms if m[0] == "assert"), ms[0][4] if ms else "")
            claims.append((cid, self.clean(text), self.status_of([m[:4] for m in ms]), *c["first"], len(ms),
                           c["seq"], c["core"]))
            for t in c["core"][0]:
                terms.setdefault(t, set()).add(cid)
        now = datetime.now(UTC).replace(tzinfo=None)
        member_cols = [r[0] for r in con.execute("DESCRIBE claim_members").fetchall()]
        members = [(*m, 0) for m in self.members] if "part" in member_cols else self.members
        put = _bulk_insert
        put(con, "actors", "VARCHAR VARCHAR VARCHAR VARCHAR VARCHAR VARCHAR", list(self.actors.values()))
        put(con, "actor_aliases", "VARCHAR VARCHAR VARCHAR VARCHAR VARCHAR DOUBLE VARCHAR", self.aliases)
        put(con, "actor_refs", "VARCHAR VARCHAR VARCHAR VARCHAR VARCHAR DOUBLE VARCHAR", self.refs)
        put(con, "dup_groups", "VARCHAR VARCHAR DOUBLE VARCHAR", self.groups)
        put(con, "claims", "VARCHAR VARCHAR VARCHAR VARCHAR VARCHAR DATE INTEGER BIGINT VARCHAR[][]", claims)
        put(con, "claim_members", "VARCHAR VARCHAR VARCHAR VARCHAR VARCHAR VARCHAR BOOLEAN DATE VARCHAR DOUBLE "
            "VARCHAR[] VARCHAR" + (" INTEGER" if "part" in member_cols else ""), members)
        put(con, "claim_terms", "VARCHAR VARCHAR", [(t, c) for t, cs in terms.items() for c in sorted(cs)])
        put(con, "claim_term_df", "VARCHAR INTEGER", [(t, len(cs)) for t, cs in terms.items()])
        put(con, "profiles", "VARCHAR INTEGER INTEGER INTEGER INTEGER INTEGER DOUBLE INTEGER TIMESTAMP",
            [(*p, now) for p in self.profiles])
        con.execute("DROP SEQUENCE claim_seq")
        con.execute(f"CREATE SEQUENCE claim_seq START {len(self.claims) + 1}")


def _bulk_insert(con: Any, table: str, types: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    cols = [list(c) for c in zip(*rows, strict=True)]
    values = ", ".join(f"unnest(?::{t}[])" for t in types.split())
    con.execute(f"INSERT INTO {table} SELECT {values}", cols)


def build(path: Path, n: int, linker: str) -> None:
    """Store ``n`` synthetic articles at ``path`` and link them; reuse the file when it was built the same way.

    The file's sidecar ``<path>.json`` records the corpus version, ``n``, the
    linker and the schema version; any difference rebuilds the store.
    """
    import json

    from newsledger.store import Ledger as Store
    from newsledger.store.migrations import latest_version

    stamp = {"synth": SYNTH_VERSION, "n": n, "linker": linker, "schema": latest_version()}
    side = path.with_name(path.name + ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and side.exists() and json.loads(side.read_text()) == stamp:
        say(f"reusing {path} ({stamp})")
        return
    for f in (path, side, path.with_name(path.name + ".wal")):
        f.unlink(missing_ok=True)
    t = time.perf_counter()
    with Store(path) as store:
        store.add_many(items(n), batch_size=500)
        say(f"stored {n} articles in {time.perf_counter() - t:.1f}s")
        t = time.perf_counter()
        if linker == "update":
            from newsledger.link import update

            for record, _ in records(n):
                update(store, record, record.id)
        elif linker == "bulk":
            links = BulkLinks()
            for record, original in records(n):
                links.add(record, original)
            con = store.con
            con.begin()
            links.write(con)
            con.commit()
        say(f"linked {n} articles ({linker}) in {time.perf_counter() - t:.1f}s: {store.counts()}")
    side.write_text(json.dumps(stamp))


def say(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def time_url(c: Any, url: str, repeat: int) -> tuple[str, float, float, int, float]:
    """(url, median ms, p95 ms, status, ms of the first request: before any cache of the app holds it)."""
    t = time.perf_counter()
    status = int(c.get(url).status_code)  # warm-up
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        c.get(url)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return url, statistics.median(times), p95, status, first


def timings(db: Path, repeat: int) -> list[tuple[str, float, float, int, float]]:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from newsledger.web import create_app

    t = time.perf_counter()
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        started = (time.perf_counter() - t) * 1000  # opening the ledger and computing the overview and actor list
        actor = c.get("/api/actors", params={"limit": 1}).json()["items"][0]["name"]
        claims = c.get("/api/claims", params={"limit": 1, "contested": True}).json()["items"]
        claim = claims[0]["claim_id"] if claims else "c1"
        mid = "bench-05000" if c.get("/api/articles/bench-05000").status_code == 200 else "bench-00000"
        urls = [
            "/", "/articles", "/articles?offset=5000", f"/articles/{mid}", "/actors", f"/actors/{quote(actor)}",
            f"/actors/{quote(actor)}?limit=400",
            "/claims", "/claims?contested=true", f"/claims/{claim}", "/search?q=ceasefire", "/search?q=Novak",
            "/search?q=dovosan", "/search?q=zzqx",
            "/api/overview", "/api/articles?limit=50", "/api/articles?since=2024-06-01&until=2024-06-30",
            "/api/articles?source=pacific&offset=1000", f"/api/articles/{mid}",
            "/api/statements?stance=deny&limit=50", "/api/statements?speaker=novak&limit=50",
            "/api/statements?limit=50&offset=100000", "/api/events?status=reported&type=CONSULT&limit=50",
            f"/api/events?actor={quote(actor)}&limit=50", "/api/actors?limit=50", f"/api/actors/{quote(actor)}",
            "/api/claims?limit=50", "/api/claims?contested=true&limit=50", f"/api/claims/{claim}",
            "/api/search?q=ceasefire", "/api/search?q=Novak",
        ]
        out = [(STARTUP, started, started, 200, started)]
        out += [time_url(c, url, repeat) for url in urls]
        from newsledger.web import linked

        real = linked.link_module
        linked.link_module = lambda: None  # the store-only fallback: actors from all 10,000 articles
        try:
            fallback_actor = c.get("/api/actors", params={"limit": 1}).json()["items"][0]["name"]
            for url in ("/actors", f"/actors/{quote(fallback_actor)}", "/api/actors?limit=50",
                        f"/api/actors/{quote(fallback_actor)}", f"/articles/{mid}"):
                u, med, p95, status, first = time_url(c, url, repeat)
                out.append((u + " (no link layer)", med, p95, status, first))
        finally:
            linked.link_module = real
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=Path("bench-out/web.duckdb"))
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--linker", choices=("bulk", "update", "none"), default="bulk",
                    help="link layer rows: written in bulk (default), by link.update per article (slow), or none")
    args = ap.parse_args(argv)
    build(args.db, args.n, args.linker)
    rows = timings(args.db, args.repeat)
    sys.stdout.write(f"\n{args.n} articles, {args.repeat} requests each, in-process (ms)\n\n")
    sys.stdout.write("| request | status | first | median | p95 |\n|---|---|---|---|---|\n")
    for url, med, p95, status, first in rows:
        sys.stdout.write(f"| `{url}` | {status} | {first:.1f} | {med:.1f} | {p95:.1f} |\n")
    slow = [u for u, _, p95, _, _ in rows if p95 >= 200 and u != STARTUP]  # start-up is no request
    sys.stdout.write(f"\n{'all under 200 ms at p95' if not slow else 'over 200 ms at p95: ' + ', '.join(slow)}\n")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
