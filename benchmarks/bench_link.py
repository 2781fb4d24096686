"""Incremental cost of the link layer: the time to link one new article at 100, 1,000 and 10,000 articles.

Synthesises records without NLP (seeded): stories with recurring propositions
told by a pool of named and anonymous speakers (name variants included), wire
reprints, responses (confirm / deny / neither with ``about``), and events.
Each article is stored with ``Ledger(link=False).add`` and then linked with
``newsledger.link.update``, timed alone.  Prints, for the 50 articles before
each checkpoint, the median and mean link time per article, and the candidate
claims probed, so a flat row means the update is O(candidates), not O(corpus).

The propositions are real news sentences when ``--sentences DIR`` (by default PolNeAR's train texts in
``../shared``) is there: the sentence embeddings then see text like the news they are made for, and claims
are as close to one another as real ones (with made-up words, every proposition looks alike to the model and
the ledger collapses into a few huge claims).  Without it, the propositions are made of generated words.

Usage: python benchmarks/bench_link.py [--n 10000] [--db /tmp/bench-link.duckdb] [--sentences DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import statistics
import sys
import time
from pathlib import Path

from newsledger import Ledger, link
from newsledger.record import Content, Cue, Entity, Event, EventActor, Evidence, Record, Speaker, Statement

FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Karim", "Lena",
         "Marek", "Nadia", "Oskar", "Petra", "Rafael", "Sofia", "Tomas", "Ulla", "Viktor", "Wanda", "Yusuf", "Zora"]
LAST = ["Aasen", "Berg", "Costa", "Dahl", "Eriksen", "Fischer", "Garcia", "Holm", "Ivanov", "Jensen", "Kowalski",
        "Larsen", "Moreau", "Novak", "Olsen", "Petrov", "Quist", "Rossi", "Sato", "Tanaka", "Urban", "Varga",
        "Weber", "Xu", "Young", "Zeller"]
OUTLETS = ["Northern Wire", "Pacific Daily", "Capital Herald", "Harbour Gazette", "Baltic Monitor", "Ledger Post"]
VERBS = ["approve", "block", "delay", "fund", "investigate", "reject", "sign", "suspend", "expand", "review"]
OBJECTS = ["bridge", "pipeline", "treaty", "budget", "merger", "tariff", "port", "railway", "vaccine", "dam",
           "election", "contract", "reform", "satellite", "refinery", "ferry", "airport", "grid", "mine", "canal"]
PLACES = ["Bergen", "Riga", "Gdansk", "Lyon", "Porto", "Tampere", "Brno", "Graz", "Split", "Kaunas", "Malmo"]
_WORDS = ("regional officials local residents budget committee harbour council traffic weather season market "
          "industry workers union growth exports prices energy water schools hospital police court farmers")
WORDS = _WORDS.split()


_SYL = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "gu", "fe", "hi", "jo", "by"]
VOCAB = sorted({"".join(random.Random(k).choice(_SYL) for _ in range(3)) + "n" for k in range(20000)})


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.randint(1, 40)}"


DEFAULT_SENTENCES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "train" / "text"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])")


def news_sentences(folder: Path) -> list[str]:
    """Plain declarative sentences of 8 to 40 words from the ``.txt`` files of ``folder``, quotes and the
    final full stop taken off, in a seeded shuffled order."""
    out: list[str] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        for para in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            for sent in _SENTENCE_END.split(para.strip()):
                sent = sent.strip().strip("\"“”‘’ ")
                if not sent.endswith(".") or "?" in sent or not 8 <= len(sent.split()) <= 40:
                    continue
                sent = sent[:-1].replace("\n", " ")
                if sent not in seen:
                    seen.add(sent)
                    out.append(sent)
    random.Random(11).shuffle(out)
    return out


class Corpus:
    """A seeded stream of synthetic records."""

    def __init__(self, seed: int = 7, sentences: list[str] | None = None) -> None:
        self.rng = random.Random(seed)
        self.people = [person(self.rng) for _ in range(3000)]
        self.props: list[tuple[str, str]] = []  # (proposition, speaker) pool, grows with the corpus
        self.texts: list[Record] = []
        self.sentences = sentences or []
        self.next_sentence = 0

    def fresh(self) -> str:
        """A proposition not told before: the next news sentence, else generated words."""
        rng = self.rng
        if self.sentences:
            sent = self.sentences[self.next_sentence % len(self.sentences)]
            self.next_sentence += 1
            return sent
        words = " ".join(rng.choice(VOCAB) for _ in range(7))
        return f"the {rng.choice(OBJECTS)} in {rng.choice(PLACES)} {words} {rng.randint(1, 10**6)}"

    def proposition(self) -> tuple[str, str]:
        rng = self.rng
        if self.props and rng.random() < 0.5:  # an earlier proposition comes back, from another speaker or outlet
            return rng.choice(self.props[-2000:])
        item = (self.fresh(), rng.choice(self.people))
        self.props.append(item)
        return item

    def record(self, i: int) -> Record:
        rng = self.rng
        day = f"2026-{1 + (i // 900) % 12:02d}-{1 + i % 28:02d}"
        if self.texts and rng.random() < 0.1:  # a wire reprint with a new headline
            src = rng.choice(self.texts[-500:])
            return src.model_copy(update={"id": f"art{i}", "source": rng.choice(OUTLETS),
                                          "text": f"Reprint {i}\n|\n" + src.text})
        headline = self.fresh() if self.sentences else " ".join(rng.choice(WORDS) for _ in range(12))
        parts = [f"{headline} {i}\n|\n" + " ".join(rng.choice(WORDS) for _ in range(40)) + f" {i}.\n"]
        statements: list[Statement] = []
        entities: list[Entity] = []
        events: list[Event] = []
        for k in range(8):
            prop, speaker = self.proposition()
            anonymous = rng.random() < 0.15
            stance = rng.choices(["assert", "confirm", "deny", "neither"], [70, 12, 12, 6])[0]
            name = None if anonymous else (speaker if rng.random() < 0.7 else speaker.split()[-1])
            who = name or "a senior official"
            offset = sum(len(p) for p in parts)
            sentence = f"{who} said {prop}. " + " ".join(rng.choice(WORDS) for _ in range(15)) + ".\n"
            parts.append(sentence)
            ent_id = None
            if name:
                ent_id = f"e{len(entities) + 1}"
                entities.append(Entity(id=ent_id, name=name, type="PERSON",
                                       mentions=[(offset, offset + len(who))]))
            cs = offset + len(who) + 6
            about = f"s{k}" if stance != "assert" and k > 0 and rng.random() < 0.5 else None
            statements.append(Statement(
                id=f"s{k + 1}", speaker=Speaker(text=who, span=(offset, offset + len(who)), entity=ent_id,
                                                name=name, anonymous=anonymous),
                cue=Cue(text="said", lemma="say", span=(offset + len(who) + 1, offset + len(who) + 5)),
                content=Content(text=prop, spans=[(cs, cs + len(prop))]), kind="indirect",
                stance=stance,  # type: ignore[arg-type]
                about=about,
            ))
            if ent_id and rng.random() < 0.3:
                events.append(Event(
                    id=f"v{len(events) + 1}", type=rng.choice(["CONSULT", "AGREE", "ACCUSE"]),
                    source=EventActor(text=who, entity=ent_id, country="NOR"), target=None, status="reported",
                    evidence=Evidence(text=prop, span=(cs, cs + len(prop))), reported_by=[f"s{k + 1}"],
                ))
        rec = Record(id=f"art{i}", published=day, source=rng.choice(OUTLETS), text="".join(parts),
                     entities=entities, statements=statements, events=events)
        self.texts.append(rec)
        return rec


EMBED_MS: list[float] = []


def _timed_encoder() -> None:
    """Time the sentence embeddings apart from the rest of the update (they are the one model in linking)."""
    import importlib

    module = importlib.import_module("newsledger.link.claims")
    real = module._encode

    def timed(texts: list[str]) -> object:
        t0 = time.perf_counter()
        out = real(texts)
        EMBED_MS.append((time.perf_counter() - t0) * 1000)
        return out

    module._encode = timed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench-link.duckdb"))
    ap.add_argument("--window", type=int, default=50)
    ap.add_argument("--sentences", type=Path, default=DEFAULT_SENTENCES,
                    help="a folder of .txt news articles whose sentences are the propositions (default: %(default)s)")
    args = ap.parse_args(argv)
    sentences = news_sentences(args.sentences) if args.sentences.is_dir() else []
    told = f"{len(sentences)} news sentences from {args.sentences}" if sentences else "generated words"
    print(f"propositions: {told}", file=sys.stderr)
    _timed_encoder()
    from newsledger.link.embed import encoder

    embeddings = encoder() is not None
    checkpoints = [c for c in (100, 1_000, 10_000, 100_000) if c <= args.n]
    if args.db.exists():
        args.db.unlink()
    corpus = Corpus(sentences=sentences)
    link_ms: list[float] = []
    store_ms: list[float] = []
    embed_ms: list[float] = []
    start = time.perf_counter()
    rows = []
    with Ledger(args.db, link=False) as ledger:
        for i in range(1, args.n + 1):
            rec = corpus.record(i)
            h = hashlib.sha256(rec.text.encode("utf-8")).hexdigest()
            t0 = time.perf_counter()
            ledger.add(rec, content_hash=h)
            t1 = time.perf_counter()
            before = len(EMBED_MS)
            link.update(ledger, rec, rec.id)
            t2 = time.perf_counter()
            embed_ms.append(sum(EMBED_MS[before:]))
            store_ms.append((t1 - t0) * 1000)
            link_ms.append((t2 - t1) * 1000)
            if i in checkpoints:
                win = link_ms[-args.window :]
                counts = ledger.counts()
                rows.append((i, statistics.median(win), statistics.mean(win), max(win),
                             statistics.median(store_ms[-args.window :]), counts["claims"], counts["actors"],
                             len(link.duplicate_groups(ledger)), statistics.median(embed_ms[-args.window :])))
                print(f"  {i} articles linked ({time.perf_counter() - start:.0f} s): median {rows[-1][1]:.1f} ms, "
                      f"mean {rows[-1][2]:.1f} ms per article", file=sys.stderr, flush=True)
    print(f"\nLink update per article (last {args.window} articles before each size; synthetic records, "
          f"8 statements each, 10% reprints; embeddings {'on' if embeddings else 'off'}; "
          f"propositions {'news sentences' if sentences else 'generated'})")
    print(f"{'articles':>9} {'median ms':>10} {'mean ms':>9} {'max ms':>8} {'embed ms':>9} {'store ms':>9} "
          f"{'claims':>8} {'actors':>7} {'dup groups':>10}")
    for n, med, mean, mx, st, claims, actors, groups, emb in rows:
        print(f"{n:>9} {med:>10.1f} {mean:>9.1f} {mx:>8.1f} {emb:>9.1f} {st:>9.1f} {claims:>8} {actors:>7} "
              f"{groups:>10}")
    print("(embed ms: the median time of the article's sentence embeddings, part of the link time)")
    if len(rows) >= 2:
        print(f"\nratio of median link time, {rows[-1][0]} vs {rows[0][0]} articles: {rows[-1][1] / rows[0][1]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
