"""The actor dictionary: names, demonyms, capitals, metonyms, organisations, roles and office holders
coded as PLOVER country and sector.

The dictionary is data (``nlp/data/actors/*.tsv``):

- ``countries.tsv``: extra names, demonyms and capitals per ISO alpha-3 code (pycountry adds every
  country's official and common names);
- ``metonyms.tsv``: institutions and places that stand for an actor ("the Kremlin" RUS GOV);
- ``organizations.tsv``: international organisations (country IGO/NGO, sector = organisation code,
  as in the PETRARCH/Phoenix dictionaries: the UN is IGO UNO, the EU IGO EUR);
- ``roles.tsv``: role nouns mapped to sectors ("lawmaker" LEG);
- ``leaders.tsv``: a dated table of heads of state and government and foreign ministers; a person
  is GOV while in office and ELI outside their terms.

**Role-only actors and the unknown country ``---``.**  A mention known only by its role ("insurgents"
REB, "police" COP, "a lawmaker" LEG) codes here as ``(None, sector)``.  On an event, the event coder
writes its country as ``---``, PLOVER/PETRARCH's "unknown country" code (a PLOVER code, so within the
record contract), not null: the PLOVER-coded dev data codes such actors ``---`` and the scorer only
counts actors with a country, so null loses them (measured on events/dev: type+source 0.676 -> 0.667,
dyad 0.620 -> 0.609 with null).  Entities keep ``country`` null where no country is known.

**User extension.**  Add entries without touching the package: set ``NEWSLEDGER_ACTORS`` to one or
more files (separated by ``os.pathsep``), or call ``load_actors(extra=[path])``.  An extra file is a
TSV of ``phrase <TAB> country <TAB> sector [<TAB> start <TAB> end]``; with dates it is an office
held by a person (GOV/sector while in office, ELI outside), without dates a plain name.  Lines
starting with ``#`` are comments.  Extra entries override the packaged ones.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry
from spacy.tokens import Token

ENV_VAR = "NEWSLEDGER_ACTORS"
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "EUR"})

Code = tuple[str | None, str | None]


@dataclass(frozen=True)
class Term:
    """One office held by a person: country, sector while in office, and dates (ISO, end exclusive)."""

    country: str
    sector: str
    start: str | None
    end: str | None

    def covers(self, on: str) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass
class ActorDictionary:
    """Lookup tables, keyed by normalised (lower-case, no leading "the") phrases."""

    names: dict[str, Code] = field(default_factory=dict)  # countries, capitals, metonyms, organisations
    demonyms: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    people: dict[str, list[Term]] = field(default_factory=dict)
    capitals: set[str] = field(default_factory=set)
    adjectives: dict[str, str] = field(default_factory=dict)  # country code -> its adjective ("Norwegian")
    countries: set[str] = field(default_factory=set)  # names of countries (not cities, not metonyms)

    def person(self, name: str, on: str | None = None) -> Code:
        terms = self.people.get(norm(name))
        if not terms:
            return None, None
        when = on or _today()
        for term in terms:
            if term.covers(when):
                return term.country, term.sector
        latest = max(terms, key=lambda t: t.start or "")
        return latest.country, "ELI" if latest.country not in INTERNATIONAL else latest.sector

    def name(self, text: str) -> Code:
        key = norm(text)
        if key in self.names:
            return self.names[key]
        if key in self.demonyms:
            return self.demonyms[key], None
        return None, None

    def lookup(self, text: str, on: str | None = None) -> Code:
        """Any entry for a phrase: a person (dated), then names, demonyms, roles."""
        country, sector = self.person(text, on)
        if country:
            return country, sector
        country, sector = self.name(text)
        if country:
            return country, sector
        role = self.role(text)
        return None, role

    def role(self, text: str) -> str | None:
        key = norm(text)
        if key in self.roles:
            return self.roles[key]
        if key.endswith("s") and key[:-1] in self.roles:
            return self.roles[key[:-1]]
        return None


_THE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSS = re.compile(r"(?:'s|’s|'|’)$")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The lookup key of a phrase: lower case, single spaces, no leading article or possessive."""
    text = " ".join(text.replace("’", "'").split())
    text = _POSS.sub("", _THE.sub("", text))
    return text.lower().strip(" .,")


def _today() -> str:
    import datetime as _dt

    return _dt.date.today().isoformat()


def _rows(path: Path | str) -> Iterable[list[str]]:
    text = Path(path).read_text(encoding="utf-8") if not isinstance(path, str) or os.path.exists(path) else ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


def _packaged(name: str) -> Path:
    return Path(str(resources.files("newsledger.nlp").joinpath("data", "actors", name)))


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


def load_actors(extra: Iterable[str | Path] = (), *, use_env: bool = True) -> ActorDictionary:
    """The packaged actor dictionary, plus ``extra`` files and those named in ``NEWSLEDGER_ACTORS``."""
    d = ActorDictionary()
    for country in pycountry.countries:
        code = str(country.alpha_3)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                d.names.setdefault(norm(str(value)), (code, None))
                d.countries.add(norm(str(value)))
    for row in _rows(_packaged("countries.tsv")):
        row += [""] * (4 - len(row))
        code = row[0]
        for n in _split(row[1]):
            d.names[norm(n)] = (code, None)
            d.countries.add(norm(n))
        for n in _split(row[2]):
            d.demonyms[norm(n)] = code
            d.adjectives.setdefault(code, n)
        for n in _split(row[3]):
            d.names.setdefault(norm(n), (code, "GOV"))
            d.capitals.add(norm(n))
    for row in _rows(_packaged("organizations.tsv")):
        row += [""] * (3 - len(row))
        for n in _split(row[0]):
            d.names[norm(n)] = (row[1] or None, row[2] or None)
    for row in _rows(_packaged("metonyms.tsv")):
        row += [""] * (3 - len(row))
        d.names[norm(row[0])] = (row[1] or None, row[2] or None)
    for row in _rows(_packaged("roles.tsv")):
        if len(row) >= 2:
            d.roles[norm(row[0])] = row[1]
    for row in _rows(_packaged("leaders.tsv")):
        row += [""] * (6 - len(row))
        name, aliases, nation, role, start, end = row[:6]
        sector = role if nation in INTERNATIONAL else "GOV"
        term = Term(nation, sector, start or None, end or None)
        for n in [name, *_split(aliases)]:
            d.people.setdefault(norm(n), []).append(term)
    paths = list(extra)
    if use_env and os.environ.get(ENV_VAR):
        paths += [p for p in os.environ[ENV_VAR].split(os.pathsep) if p]
    for path in paths:
        _add_user_file(d, path)
    return d


def _add_user_file(d: ActorDictionary, path: str | Path) -> None:
    for row in _rows(Path(path)):
        row += [""] * (5 - len(row))
        phrase, country, sector, start, end = row[:5]
        if not phrase:
            continue
        key = norm(phrase)
        if start or end:
            term = Term(country, sector or "GOV", start or None, end or None)
            if key in d.people and not any(t.start == term.start for t in d.people[key]):
                d.people[key].append(term)
            else:
                d.people[key] = [term]
        elif not country and sector:
            d.roles[key] = sector
        else:
            d.names[key] = (country or None, sector or None)


@lru_cache(maxsize=1)
def default_actors() -> ActorDictionary:
    """The dictionary the pipeline uses (packaged data plus ``NEWSLEDGER_ACTORS``), loaded once."""
    return load_actors()


@lru_cache(maxsize=8192)
def code_entity(name: str, label: str, on: str | None = None) -> Code:
    """PLOVER (country, sector) for an entity name of a spaCy type, or (None, None).

    ``on`` is the date (ISO) the sector refers to: an office holder is GOV on the dates of a term,
    ELI otherwise; without a date, today.
    """
    d = default_actors()
    if label == "PERSON":
        return d.person(name, on)
    country, sector = d.name(name)
    if country is None and label in {"GPE", "NORP", "LOC", "ORG", "FAC"}:
        try:
            country = str(pycountry.countries.lookup(norm(name)).alpha_3)
        except LookupError:
            country = None
    if country is None:
        country, sector = d.person(name, on)
    if label in {"GPE", "LOC"} and norm(name) in d.capitals:
        sector = None  # a capital as a place; as an acting subject, code_mention gives GOV
    return country, sector


def role_sector(token: Token) -> str | None:
    """The sector of a role noun, with its compound ("prime minister", "foreign minister")."""
    d = default_actors()
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "compound" and child.i == token.i - 1:
            two = d.role(f"{child.lower_} {lemma}") or d.role(f"{child.lower_} {token.lower_}")
            if two:
                return two
    if token.i + 2 < len(token.doc) and token.nbor(1).lower_ == "of":
        three = d.role(f"{token.lower_} of {token.nbor(2).lower_}")
        if three:
            return three
    return d.role(lemma) or d.role(token.lower_)


def code_mention(head: Token, on: str | None = None) -> Code:
    """(country, sector) of a noun phrase headed by ``head``: "Kremlin spokesperson Dmitry Peskov"
    RUS GOV, "a senior Russian lawmaker" RUS LEG, "the US commander in Iraq" USA MIL.

    The head gives the sector (a role noun, an institution, a known person); its modifiers, nearest
    first, give the country.
    """
    codes = code_mention_all(head, on)
    return codes[0] if codes else (None, None)


def _ent_text(token: Token) -> str:
    if token.ent_iob_ in {"B", "I"}:
        doc = token.doc
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end].text
    return token.text


def token_code(token: Token, on: str | None = None) -> Code:
    """The code of one token as a name: its entity span, a longer name with compounds, or itself."""
    d = default_actors()
    # a name built from compounds: "White House", "Security Council"
    left = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    candidates = []
    if left:
        candidates.append(token.doc[left[0].i : token.i + 1].text)
    candidates.append(_ent_text(token))
    candidates.append(token.text)
    for text in candidates:
        if token.ent_type_ == "PERSON" or token.pos_ == "PROPN":
            c, s = d.person(text, on)
            if c:
                return c, s
        c, s = d.name(text)
        if c:
            return c, s
    return None, None


_MOD_DEPS = ("compound", "amod", "nmod", "poss", "appos", "prep", "pobj", "conj")


def code_mention_all(head: Token, on: str | None = None) -> list[Code]:
    """Like :func:`code_mention`, one code per coordinated modifier ("US and British activists")."""
    country, sector = token_code(head, on)
    if country:
        return [(country, sector)]
    sector = role_sector(head)
    if sector is None and head.pos_ == "PROPN":
        # a title before a name: "Defence Minister Kenji Morita" is GOV, "General Ana Ruiz" MIL
        for child in head.children:
            if child.dep_ == "compound" and child.i < head.i and child.ent_type_ != "PERSON":
                sector = role_sector(child)
                if sector:
                    break
    # breadth first over the modifiers: nearest first
    frontier = [head]
    seen = {head.i}
    for _depth in range(3):
        found: list[Code] = []
        nxt: list[Token] = []
        for tok in frontier:
            for child in tok.children:
                if child.i in seen or child.dep_ not in _MOD_DEPS:
                    continue
                if child.dep_ == "prep" and child.lower_ not in {"of", "in", "from", "for", "at"}:
                    continue
                if child.dep_ == "conj" and tok is head:
                    continue
                seen.add(child.i)
                nxt.append(child)
                c, s = token_code(child, on)
                if c:
                    found.append((c, sector or s))
                    for conj in child.conjuncts:
                        if conj.i not in seen:
                            seen.add(conj.i)
                            cc, cs = token_code(conj, on)
                            if cc:
                                found.append((cc, sector or cs))
                elif sector is None and child.dep_ == "appos":
                    sector = role_sector(child) or sector
        if found:
            return list(dict.fromkeys(found))
        frontier = nxt
    if sector:
        return [(None, sector)]
    return []
