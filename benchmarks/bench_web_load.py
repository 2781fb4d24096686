"""Loopback load on the web app: 20 client threads, a few hundred requests over the main pages and API.

Usage: python benchmarks/bench_web_load.py [--n 400] [--db bench-out/web-load.duckdb]
                                            [--clients 20] [--requests 400]

Builds (or reuses) a store of ``--n`` synthetic articles with :mod:`bench_web`'s
records and bulk links, serves it read-only with uvicorn in a thread on
127.0.0.1 (a free port), and has ``--clients`` threads, each with its own
keep-alive connection, share ``--requests`` requests round-robin over a fixed
list of pages and API endpoints.  Prints the latency p50/p95/max, requests per
second and the number of errors (a status other than 200, or a failed
connection).  A benchmark, not a test: its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))

from bench_web import build, say  # type: ignore[import-not-found]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(con: http.client.HTTPConnection, url: str) -> tuple[int, bytes]:
    con.request("GET", url, headers={"Host": "127.0.0.1"})
    r = con.getresponse()
    return r.status, r.read()


def urls_of(port: int) -> list[str]:
    """The pages and API endpoints the clients ask for (ids taken from the store itself)."""
    import json

    con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    actor = json.loads(_get(con, "/api/actors?limit=1")[1])["items"][0]["name"]
    article = json.loads(_get(con, "/api/articles?limit=1&offset=100")[1])["items"][0]["article_id"]
    claims = json.loads(_get(con, "/api/claims?limit=1&contested=true")[1])["items"]
    claim = claims[0]["claim_id"] if claims else "c1"
    con.close()
    a, aid = quote(actor, safe=""), quote(article, safe="")
    return [
        "/", "/articles", "/articles?offset=100", f"/articles/{aid}", "/actors", f"/actors/{a}", "/claims",
        "/claims?contested=true", f"/claims/{claim}", "/search?q=ceasefire", "/search?q=Novak",
        "/api/overview", "/api/articles?limit=50", f"/api/articles/{aid}", "/api/statements?stance=deny&limit=50",
        "/api/events?type=CONSULT&limit=50", "/api/actors?limit=50", f"/api/actors/{a}", "/api/claims?limit=50",
        f"/api/claims/{claim}", "/api/search?q=ceasefire",
    ]


def load(port: int, urls: list[str], clients: int, requests: int) -> dict[str, Any]:
    """``requests`` GETs of ``urls`` (round-robin) from ``clients`` threads at once; latencies and errors."""
    todo = [urls[i % len(urls)] for i in range(requests)]
    lock = threading.Lock()
    times: list[float] = []
    errors: list[str] = []
    go = threading.Barrier(clients + 1)

    def client(k: int) -> None:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        go.wait()
        for url in todo[k::clients]:
            t = time.perf_counter()
            try:
                status, _ = _get(con, url)
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                with lock:
                    errors.append(f"{url}: {exc}")
            dt = (time.perf_counter() - t) * 1000
            with lock:
                times.append(dt)
                if status not in (0, 200):
                    errors.append(f"{url}: {status}")
        con.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for th in threads:
        th.start()
    go.wait()
    t0 = time.perf_counter()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    times.sort()
    return {
        "requests": len(times), "clients": clients, "wall_s": wall, "req_s": len(times) / wall,
        "p50_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "max_ms": times[-1], "errors": errors,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=400, help="articles in the store")
    ap.add_argument("--db", type=Path, default=Path("bench-out/web-load.duckdb"))
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    build(args.db, args.n, "bulk")

    import uvicorn

    import newsledger
    from newsledger.web import create_app

    say(f"serving with {Path(newsledger.__file__).parent}")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise SystemExit("uvicorn did not start")
        time.sleep(0.05)
    try:
        urls = urls_of(port)
        load(port, urls, args.clients, len(urls))  # one round to warm the caches of each page
        out = load(port, urls, args.clients, args.requests)
    finally:
        srv.should_exit = True
        thread.join(30)
    print(f"| clients | requests | req/s | p50 ms | p95 ms | max ms | errors |\n|---|---|---|---|---|---|---|\n"
          f"| {out['clients']} | {out['requests']} | {out['req_s']:.1f} | {out['p50_ms']:.0f} | "
          f"{out['p95_ms']:.0f} | {out['max_ms']:.0f} | {len(out['errors'])} |")
    for e in out["errors"][:10]:
        print("error:", e)
    if out["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
