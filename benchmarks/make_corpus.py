"""Write a deterministic synthetic news corpus as JSONL for benchmarks.

Usage: python benchmarks/make_corpus.py --n 600 --seed 7 --out bench-out/corpus.jsonl

Each line is {"id", "title", "text", "published", "source"}; ``text`` uses the
plain-text layout (headline, a ``|`` line, one paragraph per line). Everything
is generated from small pools of invented names with a seeded ``random.Random``,
so the same arguments always give byte-identical output. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _p(packed: str, sep: str = "|") -> list[str]:
    """Unpack a compact pool written as one separated string."""
    return packed.split(sep)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


FIRST = _p(
    "Anna Marek Sofia Jonas Leila Tomas Ingrid Pavel Amara Kenji Lucia Omar Hanna Diego Mei Viktor "
    "Elena Samuel Nadia Rahul Greta Yusuf Clara Mateo Irina Kwame Sara Lukas Aisha Felix",
    " ",
)
LAST = _p(
    "Novak Lindqvist Moreau Okafor Tanaka Petrov Haddad Castillo Brandt Kowalski Lee Mensah Rossi Dahl "
    "Sato Ivanova Fischer Nair Costa Horvat Berg Aziz Silva Kaminski Laine Weber Ortiz Chen Park Varga",
    " ",
)
COUNTRIES: dict[str, tuple[str, str]] = {
    row.split("|")[0]: (row.split("|")[1], row.split("|")[2])
    for row in _p(
        "Germany|Berlin|German;France|Paris|French;Poland|Warsaw|Polish;Japan|Tokyo|Japanese;"
        "Brazil|Brasilia|Brazilian;Kenya|Nairobi|Kenyan;India|New Delhi|Indian;Turkey|Ankara|Turkish;"
        "Canada|Ottawa|Canadian;Mexico|Mexico City|Mexican;Norway|Oslo|Norwegian;Egypt|Cairo|Egyptian;"
        "Indonesia|Jakarta|Indonesian;Chile|Santiago|Chilean;Ukraine|Kyiv|Ukrainian;Russia|Moscow|Russian;"
        "China|Beijing|Chinese;United States|Washington|U.S.",
        ";",
    )
}
OFFICES = _p(
    "Foreign Minister|Defence Minister|Trade Minister|Prime Minister|President|Finance Minister|"
    "Energy Minister|Interior Minister"
)
ORGS = _p(
    "Arkwright Shipping|Solvik Energy|Meridian Rail|Kestrel Mining|Bluefin Telecom|Tarrant Pharma|"
    "Northgate Bank|Orion Freight|Vesta Grain|Halden Steel"
)
ORG_ROLES = _p("chief executive|chief financial officer|spokesperson|chairman|head of operations")
OUTLETS = _p(
    "Northern Wire|The Ledger Post|Capital Herald|Baltic Monitor|Pacific Daily|Harbour Gazette|"
    "Continental Times|Evening Courier"
)
TOPICS = _p(
    "a ceasefire along the border|a new gas pipeline|tariffs on steel imports|a grain export corridor|"
    "a prisoner exchange|fishing rights in disputed waters|a debt restructuring deal|joint military exercises|"
    "sanctions on the banking sector|visa rules for seasonal workers|a hydropower dam on a shared river|"
    "rare earth exports"
)
PAST = _p("on Monday|on Tuesday|last week|earlier this month|earlier this year|last year|in January")
FUTURE = _p("on Thursday|on Friday|next week|later this month|in the coming days|next year|by the end of May")
ASSERT_CUES = _p(
    "said|told reporters|stated|argued|noted|told a news conference|said in a statement|"
    "wrote on social media|told parliament"
)
STANCE_CUES = {
    "deny": ["denied", "rejected claims", "dismissed reports"],
    "confirm": ["confirmed", "acknowledged"],
    "neither": ["would neither confirm nor deny whether", "declined to comment on whether", "would not say whether"],
    "hedge": ["suggested", "hinted", "indicated"],
    "intend": ["vowed", "pledged", "promised"],
    "demand": ["urged", "called on", "demanded that"],
}
EVENTS = _p(
    "agreed to resume talks on|signed a memorandum on|threatened to walk away from talks on|"
    "imposed new restrictions linked to|sent a delegation to discuss|accused its neighbour of stalling on|"
    "offered emergency aid tied to|withdrew its ambassador over|proposed international monitoring of|"
    "announced troop movements near the border during talks on"
)
QUOTES = [
    "We will not accept an agreement that is written somewhere else",
    "Nobody should expect a breakthrough overnight",
    "The door to dialogue remains open, but patience is not unlimited",
    "These are serious allegations and they deserve serious answers",
    "Our priority is the safety of ordinary people",
    "The numbers simply do not add up",
    "We have been clear from the start about our conditions",
    "This is a good day for both of our countries",
    "We are ready to sign as soon as the other side is ready",
    "There is no deal until everything is agreed",
]
ANON = _p(
    "a senior official who spoke on condition of anonymity|diplomats familiar with the talks|"
    "two people briefed on the matter|a government source|officials who asked not to be named"
)


class Gen:
    """Builds articles from the pools with one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def pick(self, pool: list[T]) -> T:
        return self.r.choice(pool)

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def official(self, country: str) -> tuple[str, str]:
        name = self.person()
        adj = COUNTRIES[country][1]
        return name, f"{adj} {self.pick(OFFICES)} {name}"

    def quote(self) -> str:
        q = self.pick(QUOTES)
        if self.r.random() < 0.5:
            tails = [
                ", and we will say so in " + self.pick([c[0] for c in COUNTRIES.values()]),
                ". We expect an answer " + self.pick(FUTURE),
                ". That has not changed",
                f". {self.r.randint(2, 40)} families are still waiting for news",
            ]
            q += self.pick(tails)
        return q

    def marks(self) -> tuple[str, str]:
        return ("\u201c", "\u201d") if self.r.random() < 0.5 else ('"', '"')

    def direct(self, who: str, short: str, pronoun: str) -> str:
        """A direct quote in one of five layouts; the last adds a floating quote paragraph."""
        o, c = self.marks()
        q, cue = self.quote(), self.pick(ASSERT_CUES)
        form = self.r.randrange(5)
        if form == 0:
            return f"{o}{q},{c} {who} {cue} {self.pick(PAST)}."
        if form == 1:
            return f"{short} {cue}: {o}{q}.{c}"
        if form == 2:
            q2 = self.quote()
            return f"{o}{q},{c} {short} said, {o}{q2[0].lower() + q2[1:]}.{c}"
        if form == 3:
            return f"{o}{q},{c} {pronoun} said. {o}{self.quote()}.{c}"
        return f"{o}{q},{c} {short} {cue}.\n{o}{self.quote()}.{c}"

    def indirect(self, who: str, topic: str, other: str) -> str:
        stance = self.pick([*STANCE_CUES, "assert", "assert"])
        cue = self.pick(ASSERT_CUES) if stance == "assert" else self.pick(STANCE_CUES[stance])
        past, future = self.pick(PAST), self.pick(FUTURE)
        if stance == "neither":
            return f"{cap(who)} {cue} {other} had discussed {topic} {past}."
        if stance == "demand":
            verb = "return" if cue.endswith("that") else "to return"
            return f"{cap(who)} {cue} {other} {verb} to talks on {topic} {future}."
        if stance == "intend":
            return f"{cap(who)} {cue} to raise {topic} with {other} {future}."
        if stance == "hedge":
            return f"{cap(who)} {cue} that a deal on {topic} could be reached {future}."
        if stance in ("deny", "confirm"):
            return f"{cap(who)} {cue} that {other} had {self.pick(EVENTS)} {topic}."
        form = self.r.randrange(3)
        if form == 0:
            return f"{cap(who)} {cue} that {other} had {self.pick(EVENTS)} {topic} {past}."
        if form == 1:
            return f"According to {who}, {other} {self.pick(EVENTS)} {topic} {past}."
        return f"{other} {self.pick(EVENTS)} {topic} {past}, {who} {cue}, adding that further talks were planned."

    def article(self, i: int, start: dt.date) -> dict[str, str]:
        c1, c2 = self.r.sample(sorted(COUNTRIES), 2)
        topic, org = self.pick(TOPICS), self.pick(ORGS)
        n1, long1 = self.official(c1)
        n2, long2 = self.official(c2)
        s1, s2 = n1.split()[1], n2.split()[1]
        executive, analyst = self.person(), self.person()
        cap1, cap2 = COUNTRIES[c1][0], COUNTRIES[c2][0]
        day = start + dt.timedelta(days=self.r.randrange(120))
        title = self.pick(
            [
                f"{c1} and {c2} clash over {topic}",
                f"{s1}: no deal yet on {topic}",
                f"{c1} {self.pick(['backs', 'rejects', 'questions'])} {c2} plan on {topic}",
                f"Talks on {topic} resume as {cap1} and {cap2} trade accusations",
            ]
        )
        lede = (
            f"{cap1.upper()} \u2014 {long1} {self.pick(ASSERT_CUES)} on {day:%A} that {c1} and {c2} had "
            f"{self.pick(EVENTS)} {topic}, the latest turn in a dispute that has lasted {self.r.randint(2, 18)} months."
        )
        pool: list[Callable[[], str]] = [
            lambda: self.direct(long1, s1, "he"),
            lambda: self.direct(long2, s2, "she"),
            lambda: self.indirect(long2, topic, c1),
            lambda: self.indirect(s1, topic, cap2),
            lambda: self.indirect(self.pick(ANON), topic, c2),
            lambda: self.indirect(
                f"the {self.pick(['Foreign Ministry', 'government', 'presidency'])} in {cap2}", topic, cap1
            ),
            lambda: (
                f"{org} {self.pick(ORG_ROLES)} {executive} {self.pick(['warned', 'said', 'argued'])} that the dispute "
                f"over {topic} could cost the company {self.r.randint(5, 900)} million dollars this year."
            ),
            lambda: (
                f"{analyst}, an analyst at {self.pick(ORGS)}, {self.pick(STANCE_CUES['hedge'])} that {c1} might "
                f"{self.pick(['soften', 'harden', 'delay'])} its position {self.pick(FUTURE)}. "
                + self.direct(analyst.split()[1], analyst.split()[1], "they")
            ),
            lambda: (
                f"Officials from both sides are expected to meet in {self.pick([cap1, cap2, 'Geneva', 'Vienna'])} "
                f"{self.pick(FUTURE)}, {self.pick(ANON)} said."
            ),
            lambda: (
                f"{c2} {self.pick(EVENTS)} {topic} on {day - dt.timedelta(days=self.r.randint(3, 60)):%B %-d}, "
                f"according to {self.pick(['state media', 'the foreign ministry', 'local reports'])}."
            ),
            lambda: (
                f"In {self.pick(['a statement', 'an interview', 'a televised address'])}, {n2} "
                f"{self.pick(STANCE_CUES['deny'] + STANCE_CUES['confirm'])} that {s1} had spoken with "
                f"{self.person()} about {topic}."
            ),
        ]
        paras, words, target = [lede], len(title.split()) + len(lede.split()), self.r.randint(250, 560)
        while words < target:
            p = self.pick(pool)()
            if self.r.random() < 0.4:
                p += " " + self.pick(pool)()
            if words + len(p.split()) > 600:
                if words >= 250:
                    break
                continue
            paras.append(p)
            words += len(p.split())
        text = title + "\n|\n" + "\n".join(paras) + "\n"
        return {
            "id": f"bench-{i:05d}",
            "title": title,
            "text": text,
            "published": day.isoformat(),
            "source": self.pick(OUTLETS),
        }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=600, help="number of articles (default 600)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--out", type=Path, default=Path("bench-out/corpus.jsonl"), help="output JSONL path")
    args = ap.parse_args(argv)
    gen = Gen(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    start = dt.date(2025, 9, 1)
    with args.out.open("w", encoding="utf-8") as fh:
        for i in range(args.n):
            fh.write(json.dumps(gen.article(i, start), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
