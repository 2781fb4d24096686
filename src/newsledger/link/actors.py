"""Canonical actors across articles: one actor for every name it goes by.

A name is reduced to a **key**: titles and honorifics dropped ("President",
"Mr.", "Foreign Minister"), middle initials dropped ("Donald J. Trump"),
accents folded ("Maroš Šefčovič" = "Maros Sefcovic"), and each word reduced to a
transliteration skeleton (final "-iy", "-yy", "-ii", "-i" all become "-y":
Zelensky / Zelenskyy / Zelenskiy, Dmitry / Dmitri, Andrii / Andriy).  For
organisations, corporate suffixes go ("ASA", "Inc."), and "Norway's" becomes the
demonym "Norwegian".

Resolution of one name, in order (each merge records its evidence and a confidence):

1. the actor dictionary (:mod:`newsledger.nlp.actors` data: dated leaders with
   their aliases, countries with capitals and demonyms, organisations): 1.0;
   a capital or country name used as an actor is the country ("Beijing" -> China);
2. a surname alone ("Novak") that matches exactly one full name of the same
   article ("Petra Novak"): 0.9 — this is why two people sharing a surname are
   never merged: a surname is resolved in its own article first, and a full name
   only ever merges with the same full key;
3. the same key already in the ledger: 1.0 (0.95 when only the skeletons agree);
4. an appositive in the speaker phrase ("Datatilsynet, the Norwegian data
   protection authority"): 0.8;
5. a shorter organisation name that is the tail of exactly one known
   organisation name ("Data Protection Authority"): 0.7; a single word that
   starts exactly one organisation name of the same article ("Halvorsen"): 0.85;
6. a surname alone that is the surname of exactly one person in the ledger: 0.6;
   of several: it stays its own actor, marked ambiguous (0.3);
7. otherwise a new actor.

Lookups go through the ``actor_aliases`` indexes (full key, last key), so the
cost of an article is its number of names, not the size of the ledger.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import duckdb

from newsledger.record import Record

log = logging.getLogger(__name__)

PERSON, ORG, COUNTRY = "person", "organization", "country"

_TITLE_WORDS = (
    """
    mr mrs ms miss dr prof sir dame lord lady president vice prime minister foreign deputy secretary state
    chancellor premier king queen prince princess pope sheikh general gen adm admiral col colonel lt captain capt
    sen senator rep representative gov governor mayor ambassador envoy special spokesperson spokesman spokeswoman
    press chief executive ceo cfo chairman chairwoman chair director commissioner trade agriculture defence defense
    interior finance economy justice health digitalisation digitalization transport commerce leader
    former acting u.s us uk eu un ukrainian russian turkish american british chinese czech polish german french
    norwegian european white house kremlin the
    """
)
TITLES = frozenset(_TITLE_WORDS.split())
ORG_SUFFIXES = frozenset({"asa", "inc", "ltd", "plc", "ag", "sa", "gmbh", "llc", "corp", "co", "nv", "bv", "ab", "as"})
PLACE_TYPES = frozenset({"GPE", "LOC", "NORP"})
ORG_TYPES = frozenset({"ORG", "FAC", "NORP", "GPE", "LOC"})

_POSS = re.compile(r"(?:'s|’s|'|’)$")
_SPLIT_PHRASE = re.compile(r",| who | which | that ")


def fold(text: str) -> str:
    """Lower case, ASCII (accents stripped), typographic apostrophes straightened."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def skeleton(word: str) -> str:
    """A transliteration skeleton of one word: Zelenskyy/Zelenskiy -> zelensky, Dmitri -> dmitry."""
    for end in ("iy", "yy", "ii", "yi"):
        if word.endswith(end) and len(word) > 3:
            return word[: -len(end)] + "y"
    if word.endswith("i") and len(word) > 3:
        return word[:-1] + "y"
    return word


def _words(name: str) -> list[str]:
    name = _POSS.sub("", fold(name).strip())
    return [w for w in re.split(r"[^a-z0-9'&-]+", name) if w and w != "'"]


def person_words(name: str) -> list[str]:
    """The words of a person's name without leading titles and initials, skeletonised."""
    words = _words(name)
    while len(words) > 1 and words[0].strip(".") in TITLES:
        words = words[1:]
    words = [w for w in words if len(w.strip(".")) > 1]  # initials: "J." in Donald J. Trump
    return [skeleton(w.strip(".'")) for w in words if w.strip(".'")]


def person_key(name: str) -> str:
    return " ".join(person_words(name))


def display_name(name: str, kind: str) -> str:
    """A name as shown: without leading titles (people) or a leading "the" (organisations)."""
    words = name.split()
    if kind == PERSON:
        while len(words) > 1 and fold(words[0]).strip(".") in TITLES:
            words = words[1:]
    elif len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words) or name


@lru_cache(maxsize=1)
def _demonym_of() -> dict[str, str]:
    """Country name (folded) -> demonym (folded): norway -> norwegian."""
    out: dict[str, str] = {}
    for row in _data_rows("countries.tsv"):
        row += [""] * (4 - len(row))
        demonyms = [d.strip() for d in row[2].split(";") if d.strip()]
        if not demonyms:
            continue
        for n in row[1].split(";"):
            if n.strip():
                out.setdefault(fold(n.strip()), fold(demonyms[0]))
    return out


def org_key(name: str) -> str:
    """An organisation's key: no leading article, no corporate suffix, "Norway's X" -> "norwegian x"."""
    text = fold(name).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text)
    m = re.match(r"^([a-z .]+?)'s?\s+(.+)$", text)
    if m and m.group(1) in _demonym_of():
        text = f"{_demonym_of()[m.group(1)]} {m.group(2)}"
    words = [w for w in re.split(r"[^a-z0-9&-]+", text) if w]
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


# -- the dictionary ------------------------------------------------------------


def _data_rows(name: str) -> list[list[str]]:
    path = Path(str(resources.files("newsledger.nlp").joinpath("data", "actors", name)))
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(frozen=True)
class Canon:
    name: str
    kind: str
    country: str | None
    sector: str | None


@dataclass
class Dictionary:
    people: dict[str, Canon]  # person key -> canonical
    orgs: dict[str, Canon]  # org key -> canonical
    countries: dict[str, str]  # folded name, capital or demonym -> ISO3
    country_names: dict[str, str]  # ISO3 -> display name
    demonym: dict[str, str]  # ISO3 -> folded demonym


@lru_cache(maxsize=1)
def _dictionary() -> Dictionary:
    people: dict[str, Canon] = {}
    for row in _data_rows("leaders.tsv"):
        row += [""] * (6 - len(row))
        name, aliases, nation = row[0], row[1], row[2]
        canon = Canon(name, PERSON, nation if len(nation) == 3 and nation != "IGO" else None, None)
        for n in [name, *[a for a in aliases.split(";") if a.strip()]]:
            people.setdefault(person_key(n), canon)
    orgs: dict[str, Canon] = {}
    for row in _data_rows("organizations.tsv"):
        row += [""] * (3 - len(row))
        org_names = [n.strip() for n in row[0].split(";") if n.strip()]
        if org_names:
            canon = Canon(org_names[0], ORG, row[1] or None, row[2] or None)
            for n in org_names:
                orgs.setdefault(org_key(n), canon)
    for row in _data_rows("metonyms.tsv"):
        row += [""] * (3 - len(row))
        orgs.setdefault(org_key(row[0]), Canon(row[0], ORG, row[1] or None, row[2] or None))
    countries: dict[str, str] = {}
    names: dict[str, str] = {}
    demonym: dict[str, str] = {}
    for row in _data_rows("countries.tsv"):
        row += [""] * (4 - len(row))
        code = row[0]
        cells = [n.strip() for n in row[1].split(";") if n.strip()]
        if cells:
            names.setdefault(code, cells[0])
        dems = [n.strip() for n in row[2].split(";") if n.strip()]
        if dems:
            demonym.setdefault(code, fold(dems[0]))
        for n in cells + dems + [n.strip() for n in row[3].split(";") if n.strip()]:
            countries.setdefault(org_key(n), code)
    try:
        import pycountry

        for country in pycountry.countries:
            code = str(country.alpha_3)
            display = str(getattr(country, "common_name", None) or country.name)
            names.setdefault(code, display)
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    countries.setdefault(org_key(str(value)), code)
    except ImportError:  # pragma: no cover
        pass
    return Dictionary(people, orgs, countries, names, demonym)


# -- resolution ----------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    actor_id: str
    name: str
    kind: str
    confidence: float
    evidence: str


@dataclass
class _Name:
    text: str
    kind: str  # person | organization | place
    country: str | None
    sector: str | None


_ORG_WORDS = (
    """
    markets market bank group union authority ministry council commission service services agency office
    logistics wire news daily post gazette herald monitor times company corporation party court police army
    association federation institute university committee department house forum fund organization organisation
    force forces navy mission embassy headquarters guard parliament government cabinet regulator directorate
    """
)
ORG_WORDS = frozenset(_ORG_WORDS.split())


def _looks_like_person(name: str) -> bool:
    """Two or three capitalised words, none of them an organisation word: "Sigrid Lunde", not "Fjordbank Markets"."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not any(fold(w).strip(".") in ORG_WORDS for w in words)
        and org_key(name) not in _dictionary().orgs
        and org_key(name) not in _dictionary().countries
    )


def _guess_kind(name: str, ent_type: str | None) -> str:
    if ent_type == "PERSON":
        return PERSON
    if ent_type in PLACE_TYPES:
        return "place"
    if _looks_like_person(name):  # also an ORG-typed "Petra Novak": the entity typer errs on rare names
        return PERSON
    if ent_type is None and len(name.split()) == 1 and name[:1].isupper():
        key = org_key(name)
        if key not in _dictionary().orgs and key not in _dictionary().countries and fold(name) not in ORG_WORDS:
            return PERSON  # a bare capitalised speaker name: a surname ("Umerov", "Trump")
    return ORG


class Resolver:
    """Resolves the names of one article to actors, writing new actors and aliases as it goes."""

    def __init__(self, con: duckdb.DuckDBPyConnection, record: Record, article_id: str) -> None:
        self.con = con
        self.record = record
        self.article_id = article_id
        self.cache: dict[tuple[str, str], Resolved | None] = {}
        self.known: set[tuple[str, str, str]] = set()  # (alias key, actor id, alias) already stored
        self.names: dict[str, str] = {}  # actor id -> display name, for this article
        d = _dictionary()
        self.d = d
        # full person names of this article, by surname skeleton
        self.surnames: dict[str, set[str]] = {}
        self.org_names: list[str] = []
        for e in record.entities:
            kind = _guess_kind(e.name, e.type)
            if kind == PERSON:
                self._note_person(e.name)
            elif kind == ORG:
                self.org_names.append(e.name)
        for st in record.statements:
            if st.speaker.name and not st.speaker.anonymous and _guess_kind(st.speaker.name, None) == PERSON:
                self._note_person(st.speaker.name)
        self.aliases: dict[str, list[tuple[str, str, float]]] = {}  # alias key -> (actor id, alias, confidence)
        self._preload()

    def _preload(self) -> None:
        """The stored aliases of every key this article's names can take, and their actors' names: one read
        each, instead of a lookup per name."""
        names = [e.name for e in self.record.entities]
        names += [st.speaker.name for st in self.record.statements if st.speaker.name]
        keys = sorted({k for n in names for k in (person_key(n), org_key(n)) if k})
        if not keys:
            return
        for key in keys:
            self.aliases[key] = []
        rows = self.con.execute(
            f"SELECT alias_key, actor_id, alias, confidence FROM actor_aliases WHERE alias_key IN "
            f"({', '.join('?' for _ in keys)})",
            keys,
        ).fetchall()
        for key, aid, alias, conf in rows:
            self.aliases[str(key)].append((str(aid), str(alias), float(conf)))
            self.known.add((str(key), str(aid), str(alias)))
        ids = sorted({aid for rows_ in self.aliases.values() for aid, _a, _c in rows_})
        if ids:
            for aid, name in self.con.execute(
                f"SELECT actor_id, name FROM actors WHERE actor_id IN ({', '.join('?' for _ in ids)})", ids
            ).fetchall():
                self.names[str(aid)] = str(name)

    def _note_person(self, name: str) -> None:
        words = person_words(name)
        if len(words) >= 2:
            self.surnames.setdefault(words[-1], set()).add(" ".join(words))

    # -- storage helpers

    def _alias_actor(self, key: str, kind: str) -> tuple[str, str] | None:
        prefix = "p:" if kind == PERSON else ("o:" if kind == ORG else "c:")
        if key in self.aliases:
            rows = [(aid, alias, conf) for aid, alias, conf in self.aliases[key] if aid.startswith(prefix)]
        else:
            rows = self.con.execute(
                "SELECT actor_id, alias, confidence FROM actor_aliases WHERE alias_key = ? "
                "AND starts_with(actor_id, ?)",
                [key, prefix],
            ).fetchall()
        if not rows:
            return None
        for aid, alias, _ in rows:
            self.known.add((key, str(aid), str(alias)))
        best = min(rows, key=lambda r: (-float(r[2]), str(r[0])))
        return str(best[0]), self._name(str(best[0]))

    def _name(self, actor_id: str) -> str:
        if actor_id in self.names:
            return self.names[actor_id]
        row = self.con.execute("SELECT name FROM actors WHERE actor_id = ?", [actor_id]).fetchone()
        self.names[actor_id] = str(row[0]) if row else actor_id
        return self.names[actor_id]

    def _by_last(self, last: str, kind: str, suffix: str | None = None) -> list[tuple[str, str]]:
        """Up to three actors of ``kind`` with an alias of this last key (and key suffix), by index lookup."""
        rows = self.con.execute(
            "SELECT DISTINCT actor_id FROM actor_aliases WHERE last_key = ? AND alias_key <> last_key "
            "AND (? IS NULL OR ends_with(alias_key, ?)) ORDER BY actor_id LIMIT 10",
            [last, suffix, suffix],
        ).fetchall()
        out = []
        for (aid,) in rows:
            found = self.con.execute("SELECT name, kind FROM actors WHERE actor_id = ?", [aid]).fetchone()
            if found and found[1] == kind:
                out.append((str(aid), str(found[0])))
        return out[:3]

    def _ensure_actor(self, actor_id: str, name: str, kind: str, country: str | None, sector: str | None,
                      origin: str) -> None:
        if actor_id in self.names:
            return
        self.con.execute(
            "INSERT INTO actors SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM actors WHERE actor_id = ?)",
            [actor_id, name, kind, country, sector, origin, actor_id],
        )
        self._name(actor_id)

    def _add_alias(self, key: str, last: str | None, actor_id: str, alias: str, evidence: str,
                   confidence: float) -> None:
        if (key, actor_id, alias) in self.known:
            return
        self.known.add((key, actor_id, alias))
        if key in self.aliases:
            self.aliases[key].append((actor_id, alias, confidence))
        self.con.execute(
            "INSERT INTO actor_aliases SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM actor_aliases WHERE alias_key = ? AND actor_id = ? AND alias = ?)",
            [key, last, actor_id, alias, evidence, confidence, self.article_id, key, actor_id, alias],
        )

    # -- resolution

    def resolve(self, name: str, ent_type: str | None = None, phrase: str | None = None) -> Resolved | None:
        """The actor of a name as written in this article (``phrase``: the whole speaker phrase, if any)."""
        name = " ".join(name.split())
        if not name or not any(c.isalpha() for c in name):
            return None
        kind = _guess_kind(name, ent_type)
        cache_key = (name, kind)
        if cache_key in self.cache:
            return self.cache[cache_key]
        single = len(name.split()) == 1
        if kind == "place" or (org_key(name) in self.d.countries and (kind != PERSON or single)):
            res = self._country(name) or self._org(name, phrase)
        elif kind == PERSON and single and self._alias_actor(org_key(name), ORG) is not None:
            res = self._org(name, phrase)  # "Halvorsen" after "Halvorsen" became Halvorsen Logistics' short form
        elif kind == PERSON:
            res = self._person(name)
        else:
            res = self._org(name, phrase)
        self.cache[cache_key] = res
        return res

    def _dictionary_body(self, key: str) -> Canon | None:
        """"the commerce ministry" in an article set in China: the dictionary body whose name ends so, of the
        article's country (the country its places and peoples are most often named for)."""
        if len(key.split()) < 2:
            return None
        bodies = {c for k, c in self.d.orgs.items() if k.endswith(" " + key) and c.country}
        country = self._article_country
        mine = [c for c in bodies if c.country == country]
        return mine[0] if len(mine) == 1 else None

    @cached_property
    def _article_country(self) -> str | None:
        """The country this article's places and peoples are most often named for, if one leads."""
        counts = Counter(
            e.country for e in self.record.entities if e.type in {"GPE", "NORP"} and e.country for _ in e.mentions
        )
        top = counts.most_common(2)
        return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None

    def _country(self, name: str) -> Resolved | None:
        code = self.d.countries.get(org_key(name))
        if code is None:
            return None
        actor_id = f"c:{code}"
        display = self.d.country_names.get(code, code)
        self._ensure_actor(actor_id, display, COUNTRY, code, None, "dictionary")
        evidence = "country" if fold(display) == fold(name) else "dictionary: country name, capital or demonym"
        self._add_alias(org_key(name), None, actor_id, name, evidence, 1.0)
        return Resolved(actor_id, display, COUNTRY, 1.0, evidence)

    def country_code(self, code: str) -> str | None:
        """The country actor of an ISO 3166 alpha-3 code (an event actor's country), created if new; ``None``
        for a code that names no country the dictionary knows: PLOVER's unknown country ``---``, a group code
        such as ``IGO``, or a code nobody defined."""
        display = self.d.country_names.get(code)
        if display is None:
            return None
        actor_id = f"c:{code}"
        self._ensure_actor(actor_id, display, COUNTRY, code, None, "dictionary")
        return actor_id

    def _person(self, name: str) -> Resolved | None:
        words = person_words(name)
        if not words:
            return None
        key = " ".join(words)
        last = words[-1]
        if len(words) == 1:
            # 2. a surname alone: its own article first
            fulls = self.surnames.get(last, set())
            if len(fulls) == 1:
                full = next(iter(fulls))
                target = self._person_full(full, full.title(), None)
                res = Resolved(target.actor_id, target.name, PERSON, 0.9, f"same article: {target.name}")
                self._add_alias(key, last, res.actor_id, name, res.evidence, res.confidence)
                return res
            if len(fulls) > 1:
                return self._ambiguous(name, key, last, f"several people of this article: {', '.join(sorted(fulls))}")
            # 1. the dictionary
            canon = self.d.people.get(key)
            if canon is not None:
                return self._person_full(person_key(canon.name), canon.name, canon, alias=name)
            # 3. the same key
            found = self._alias_actor(key, PERSON)
            if found is not None:
                return Resolved(found[0], found[1], PERSON, 1.0, "same name")
            # 6. the only person with this surname
            rows = self._by_last(last, PERSON)
            if len(rows) == 1:
                aid, display = str(rows[0][0]), str(rows[0][1])
                res = Resolved(aid, display, PERSON, 0.6, f"only person in the ledger with the surname ({display})")
                self._add_alias(key, last, aid, name, res.evidence, res.confidence)
                return res
            if len(rows) > 1:
                names = ", ".join(sorted(str(r[1]) for r in rows))
                return self._ambiguous(name, key, last, f"several people in the ledger: {names}")
            return self._new(f"p:{key}", name, PERSON, key, last, "first seen")
        canon = self.d.people.get(key)
        return self._person_full(key, name, canon, alias=name)

    def _person_full(self, key: str, name: str, canon: Canon | None, alias: str | None = None) -> Resolved:
        alias = alias or name
        alias_key = person_key(alias)
        last = key.split()[-1]
        if canon is not None:
            ckey = person_key(canon.name)
            actor_id = f"p:{ckey}"
            self._ensure_actor(actor_id, canon.name, PERSON, canon.country, canon.sector, "dictionary")
            evidence = "dictionary" if alias_key != ckey or fold(alias) != fold(canon.name) else "dictionary name"
            self._add_alias(alias_key, ckey.split()[-1], actor_id, alias, evidence, 1.0)
            return Resolved(actor_id, canon.name, PERSON, 1.0, evidence)
        found = self._alias_actor(key, PERSON)
        if found is not None:
            same = any(person_key(a) == key and fold(a) == fold(alias) for a in [found[1]])
            conf = 1.0 if same else 0.95
            evidence = "same name" if same else "same name up to titles, initials, accents or transliteration"
            self._add_alias(alias_key, last, found[0], alias, evidence, conf)
            return Resolved(found[0], found[1], PERSON, conf, evidence)
        # a surname seen alone before its full name: the full name adopts that actor
        row = self.con.execute(
            "SELECT x.actor_id FROM actors x WHERE x.actor_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM actor_aliases al WHERE al.actor_id = x.actor_id AND al.alias_key <> ?)",
            [f"p:{last}", last],
        ).fetchone()
        if row is not None and len(key.split()) >= 2:
            aid = str(row[0])
            display = display_name(name, PERSON)
            self.con.execute("UPDATE actors SET name = ? WHERE actor_id = ?", [display, aid])
            self.names[aid] = display
            ev = "full name of a surname seen alone before"
            self._add_alias(alias_key, last, aid, alias, ev, 0.7)
            return Resolved(aid, display, PERSON, 0.7, ev)
        return self._new(f"p:{key}", name, PERSON, alias_key, last, "first seen", alias=alias)

    def _ambiguous(self, name: str, key: str, last: str, why: str) -> Resolved:
        actor_id = f"p:?{key}"
        self._ensure_actor(actor_id, f"{name} (ambiguous)", PERSON, None, None, "corpus")
        self._add_alias(key, None, actor_id, name, f"ambiguous surname: {why}", 0.3)
        return Resolved(actor_id, f"{name} (ambiguous)", PERSON, 0.3, f"ambiguous surname: {why}")

    def _new(self, actor_id: str, name: str, kind: str, key: str, last: str | None, evidence: str,
             alias: str | None = None) -> Resolved:
        from newsledger.nlp.actors import code_entity

        label = "PERSON" if kind == PERSON else "ORG"
        country, sector = code_entity(name, label, self.record.published)
        display = display_name(name, kind)
        self._ensure_actor(actor_id, display, kind, country, sector, "corpus")
        self._add_alias(key, last, actor_id, alias or name, evidence, 1.0)
        return Resolved(actor_id, display, kind, 1.0, evidence)

    def _org(self, name: str, phrase: str | None) -> Resolved | None:
        key = org_key(name)
        if not key:
            return None
        words = key.split()
        head = words[-1]
        canon = self.d.orgs.get(key) or self._dictionary_body(key)
        if canon is not None:
            actor_id = f"o:{org_key(canon.name)}"
            self._ensure_actor(actor_id, canon.name, ORG, canon.country, canon.sector, "dictionary")
            self._add_alias(key, head, actor_id, name, "dictionary", 1.0)
            return Resolved(actor_id, canon.name, ORG, 1.0, "dictionary")
        # 4. an appositive: "Datatilsynet, the Norwegian data protection authority"
        if phrase:
            m = re.match(rf"^\s*(?:the\s+)?{re.escape(name)}\s*,\s*(?:the\s+)?([^,]+)", phrase, re.I)
            if m:
                target = self._alias_actor(org_key(m.group(1)), ORG)
                if target is not None:
                    ev = f"apposition in {self.article_id}: {m.group(1).strip()}"
                    self._add_alias(key, head, target[0], name, ev, 0.8)
                    return Resolved(target[0], target[1], ORG, 0.8, ev)
        found = self._alias_actor(key, ORG)
        if found is not None:
            self._add_alias(key, head, found[0], name, "same name", 1.0)
            return Resolved(found[0], found[1], ORG, 1.0, "same name")
        # 5a. one word that starts exactly one organisation of this article: "Halvorsen"
        if len(words) == 1:
            longer = {org_key(o) for o in self.org_names if org_key(o).startswith(key + " ")}
            if len(longer) == 1:
                full = next(iter(longer))
                display = next(o for o in self.org_names if org_key(o) == full)
                target_res = self._org(display, None)
                if target_res is not None:
                    ev = f"short form of {target_res.name} in the same article"
                    self._add_alias(key, head, target_res.actor_id, name, ev, 0.85)
                    return Resolved(target_res.actor_id, target_res.name, ORG, 0.85, ev)
            shorter = {org_key(o) for o in self.org_names if org_key(o).endswith(" " + key)}
            if len(shorter) == 1:
                full = next(iter(shorter))
                display = next(o for o in self.org_names if org_key(o) == full)
                target_res = self._org(display, None)
                if target_res is not None:
                    ev = f"short form of {target_res.name} in the same article"
                    self._add_alias(key, head, target_res.actor_id, name, ev, 0.85)
                    return Resolved(target_res.actor_id, target_res.name, ORG, 0.85, ev)
        # 5b. the tail of exactly one known organisation name: "Data Protection Authority"
        if len(words) >= 2 or phrase is None:
            rows = self._by_last(head, ORG, " " + key)
            if len(rows) == 1 and len(words) >= 2:
                ev = f"shorter form of {rows[0][1]}"
                self._add_alias(key, head, str(rows[0][0]), name, ev, 0.7)
                return Resolved(str(rows[0][0]), str(rows[0][1]), ORG, 0.7, ev)
        # 5c. a longer form of exactly one known organisation name: "Norwegian Transport Workers' Union"
        tails = [" ".join(words[i:]) for i in range(1, len(words) - 1)]
        if tails:
            ids = {
                str(r[0])
                for r in self.con.execute(
                    f"SELECT DISTINCT actor_id FROM actor_aliases WHERE alias_key IN ({', '.join('?' for _ in tails)})",
                    tails,
                ).fetchall()
                if str(r[0]).startswith("o:")
            }
            rows = [(aid, self._name(aid)) for aid in sorted(ids)][:3]
            if len(rows) == 1:
                aid, known_name = str(rows[0][0]), str(rows[0][1])
                ev = f"longer form of {known_name}"
                display = known_name
                if key.endswith(" " + org_key(known_name)) and name[:1].isupper():
                    # "Air Force" seen first, then "Ukrainian Air Force": the actor takes the specific name
                    display = name
                    self.con.execute("UPDATE actors SET name = ? WHERE actor_id = ?", [display, aid])
                    self.names[aid] = display
                self._add_alias(key, head, aid, name, ev, 0.7)
                return Resolved(aid, display, ORG, 0.7, ev)
        return self._new(f"o:{key}", name, ORG, key, head, "first seen")

    # -- the speaker of a statement

    def speaker(self, name: str | None, text: str | None, entity_type: str | None) -> Resolved | None:
        """The actor of a named speaker; "Halvorsen's Baltic subsidiary" is its own organisation."""
        if not name:
            return None
        phrase = text or ""
        head = _SPLIT_PHRASE.split(phrase, maxsplit=1)[0].strip()
        m = re.search(rf"{re.escape(name)}(?:'s|’s)\s+([A-Za-z][\w' -]*)", head)
        if m and m.group(1).strip():
            whole = re.sub(r"^(?:the|The)\s+", "", head[head.find(name):]).strip()
            return self.resolve(whole.replace("’", "'"), "ORG", None)
        owner = re.search(rf"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?:'s|’s)\s+{re.escape(name)}", head)
        if owner and entity_type != "PERSON" and org_key(owner.group(1)) in self.d.countries:
            # "China's commerce ministry": the country's body, as the dictionary may know it
            return self.resolve(f"{owner.group(1)}'s {name}", "ORG", None)
        return self.resolve(name, entity_type, phrase)
