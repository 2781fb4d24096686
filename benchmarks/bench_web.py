"""Time the web app's pages and API on a large ledger (default 10,000 articles).

Usage: python benchmarks/bench_web.py [--n 10000] [--db bench-out/web.duckdb] [--repeat 30] [--link 100]

Builds the ledger once (kept at ``--db`` and reused when it already holds ``--n``
articles) from records synthesized directly, without NLP: seeded, 400-600 words,
12-20 statements and 3-6 events each, speakers from a pool of 400 people with
varied stances and ``about`` links, so claims and actors have something to
join.  The cross-article layer links the first ``--link`` articles only
(``newsledger.link.update``, default 100: on these near-identical synthetic
texts it costs about 0.7 s an article), so claim and link-actor pages are timed
over a 10,000-article store whose claims come from those articles; actor pages
are also timed on the store-only fallback, which reads all 10,000 articles.
Then each page and API endpoint is requested ``--repeat`` times in-process
(FastAPI's TestClient, after one warm-up request) and the median and p95 latencies are printed as a Markdown table.
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


def people(n: int = 400) -> list[str]:
    rng = random.Random(1)
    names: set[str] = set()
    while len(names) < n:
        names.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return sorted(names)


def synth(i: int, rng: random.Random, pool: list[str]) -> Record:
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

    for k in range(rng.randint(12, 20)):
        name = rng.choice(pool)
        cue, lemma, stance = rng.choice(CUES)
        anonymous = rng.random() < 0.15
        sp_text = "A senior official" if anonymous else name
        s_span = put(sp_text)
        put(" ")
        c_span = put(cue)
        put(" that ")
        content = f"{topic} would {rng.choice(['move ahead', 'stall', 'collapse', 'be signed'])} by " \
                  f"{rng.choice(['spring', 'summer', 'the end of the year', 'next week'])} (item {k})"
        t_span = put(content)
        put(". " + (FILLER if k % 3 == 0 else ""))
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
    put(FILLER * rng.randint(8, 14))
    return Record.model_validate({
        "id": f"bench-{i:05d}", "title": title, "published": day, "url": None, "source": outlet,
        "text": "".join(parts), "entities": list(entities.values()), "statements": statements, "events": events,
    })


def items(n: int) -> Iterator[tuple[Record, str, str | None]]:
    rng = random.Random(7)
    pool = people()
    for i in range(n):
        r = synth(i, rng, pool)
        yield r, Article(id=r.id, text=r.text, title=r.title, published=r.published).content_hash, "<bench>"


def build(path: Path, n: int, n_link: int) -> None:
    from newsledger.store import Ledger as Store

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with Store(path, read_only=True) as s:
            if s.counts().get("articles") == n:
                say(f"reusing {path} ({n} articles)")
                return
        path.unlink()
    t = time.perf_counter()
    with Store(path) as store:
        store.add_many(items(n), batch_size=500)
        say(f"stored {n} articles in {time.perf_counter() - t:.1f}s")
        if n_link:
            try:
                from newsledger.link import update
            except ImportError:
                say("newsledger.link not importable; claims stay empty")
                return
            t = time.perf_counter()
            for record, _, _ in items(min(n, n_link)):
                update(store, record, record.id)
            say(f"linked the first {min(n, n_link)} articles in {time.perf_counter() - t:.1f}s")


def say(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def time_url(c: Any, url: str, repeat: int) -> tuple[str, float, float, int]:
    status = int(c.get(url).status_code)  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        c.get(url)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return url, statistics.median(times), p95, status


def timings(db: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from newsledger.web import create_app

    with TestClient(create_app(db)) as c:
        actor = c.get("/api/actors", params={"limit": 1}).json()["items"][0]["name"]
        claims = c.get("/api/claims", params={"limit": 1, "contested": True}).json()["items"]
        claim = claims[0]["claim_id"] if claims else "c1"
        mid = "bench-05000" if c.get("/api/articles/bench-05000").status_code == 200 else "bench-00000"
        urls = [
            "/", "/articles", "/articles?offset=5000", f"/articles/{mid}", "/actors", f"/actors/{quote(actor)}",
            "/claims", "/claims?contested=true", f"/claims/{claim}", "/search?q=ceasefire", "/search?q=Novak",
            "/api/overview", "/api/articles?limit=50", "/api/articles?since=2024-06-01&until=2024-06-30",
            "/api/articles?source=pacific&offset=1000", f"/api/articles/{mid}",
            "/api/statements?stance=deny&limit=50", "/api/statements?speaker=novak&limit=50",
            "/api/statements?limit=50&offset=100000", "/api/events?status=reported&type=CONSULT&limit=50",
            f"/api/events?actor={quote(actor)}&limit=50", "/api/actors?limit=50", f"/api/actors/{quote(actor)}",
            "/api/claims?limit=50", "/api/claims?contested=true&limit=50", f"/api/claims/{claim}",
            "/api/search?q=ceasefire", "/api/search?q=Novak",
        ]
        out = [time_url(c, url, repeat) for url in urls]
        from newsledger.web import linked

        real = linked.link_module
        linked.link_module = lambda: None  # the store-only fallback: actors from all 10,000 articles
        try:
            fallback_actor = c.get("/api/actors", params={"limit": 1}).json()["items"][0]["name"]
            for url in ("/actors", f"/actors/{quote(fallback_actor)}", "/api/actors?limit=50",
                        f"/api/actors/{quote(fallback_actor)}", f"/articles/{mid}"):
                u, med, p95, status = time_url(c, url, repeat)
                out.append((u + " (no link layer)", med, p95, status))
        finally:
            linked.link_module = real
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=Path("bench-out/web.duckdb"))
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--link", type=int, default=100, help="link the first N articles (0: none)")
    args = ap.parse_args(argv)
    build(args.db, args.n, args.link)
    rows = timings(args.db, args.repeat)
    sys.stdout.write(f"\n{args.n} articles, {args.repeat} requests each, in-process (ms)\n\n")
    sys.stdout.write("| request | status | median | p95 |\n|---|---|---|---|\n")
    for url, med, p95, status in rows:
        sys.stdout.write(f"| `{url}` | {status} | {med:.1f} | {p95:.1f} |\n")
    slow = [u for u, _, p95, _ in rows if p95 >= 200]
    sys.stdout.write(f"\n{'all under 200 ms at p95' if not slow else 'over 200 ms at p95: ' + ', '.join(slow)}\n")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
