"""The in-document entity table: named mentions grouped under canonical names, plus pronouns.

Input: a :class:`ParsedArticle`.  Output: an :class:`EntityTable` whose entities
carry a canonical display name ("Donald Trump" for "Trump", "President Donald
Trump", "he"), a spaCy type, and a PLOVER country and sector from the actor
dictionary.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsledger.nlp import actors
from newsledger.nlp.types import EntityInfo, EntityTable, Mention, ParsedArticle
from newsledger.record import Entity

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "prime", "minister", "senator",
     "chancellor", "secretary", "spokesperson", "spokesman", "spokeswoman", "king", "queen", "prince", "pope"}
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# a title right before a name makes the name a person's, whatever label the tagger gave it ("Chancellor Olaf Scholz")
PERSON_TITLES = HONORIFICS | frozenset(
    {"mayor", "governor", "councillor", "councilor", "premier", "ambassador", "senator", "congressman",
     "congresswoman", "judge", "general", "admiral", "colonel", "captain", "sheikh", "emir", "director",
     "commissioner", "chief", "executive", "analyst", "economist", "professor", "spokesperson", "envoy"}
)


def clean_name(span: Span) -> str:
    """The name without a leading article, honorifics, or a possessive ending."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or tokens[0].lower_.rstrip(".") in HONORIFICS):
        if len(tokens) == 1:
            break
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return span.text
    base = span.start_char  # slice the span's own text: Doc.text is rebuilt on every access
    name = span.text[tokens[0].idx - base : tokens[-1].idx + len(tokens[-1]) - base]
    return _POSSESSIVE.sub("", name).strip() or span.text


def _person_key(name: str) -> str:
    return name.split()[-1].lower() if name.split() else name.lower()


class _Builder:
    def __init__(self, parsed: ParsedArticle) -> None:
        self.parsed = parsed
        self.table = EntityTable()
        self.persons: dict[str, EntityInfo] = {}
        self.others: dict[tuple[str, str], EntityInfo] = {}

    def new_entity(self, name: str, label: str) -> EntityInfo:
        ent = EntityInfo(id=f"e{len(self.table.entities) + 1}", name=name, type=label)
        self.table.entities.append(ent)
        return ent

    def add_named(self, span: Span) -> None:
        name = clean_name(span)
        label = span.label_
        key = _person_key(name)
        if label in {"PERSON", "ORG"} and _is_place(name):
            label = "GPE"  # "Kyiv had presented ...", a dateline "OSLO —": a capital or country read as a person
        if label != "PERSON" and key in self.persons and len(name.split()) == 1:
            label = "PERSON"  # the tagger often calls a bare surname an ORG
        if label != "PERSON" and (_after_person_title(span) or _apposed_to_title(span)):
            label = "PERSON"  # "Former German Chancellor Olaf Scholz", "Its director, Sigrid Lunde" tagged ORG
        if label == "PERSON":
            span = _with_given_names(span)  # "Rustem Umerov" tagged from "Umerov" only
            name = clean_name(span)
        if label == "PERSON":
            ent = self.persons.get(key)
            if ent is None or _clashes(ent.name, name):
                ent = self.new_entity(name, "PERSON")
                self.persons[key] = ent
            elif len(name) > len(ent.name) or (_all_caps(ent.name) and not _all_caps(name)
                                               and len(name) == len(ent.name)):
                ent.name = name
        else:
            okey = (label, name.lower())
            ent = self.others.get(okey)
            if ent is None:
                ent = self.new_entity(name, label)
                self.others[okey] = ent
            elif _all_caps(ent.name) and not _all_caps(name):
                ent.name = name  # a dateline "MANILA" is named "Manila" once the body writes it so
        self.table.add_mention(ent, Mention(span.start_char, span.end_char, span.text, "name"))

    def add_headline(self, span: Span) -> None:
        """Title case misleads NER in headlines: keep only tokens that name a known entity."""
        name = clean_name(span)
        if any(e.name.lower() == name.lower() for e in self.table.entities):
            self.add_named(span)
            return
        for token in span:
            person = self.persons.get(token.lower_)
            if person is not None:
                self.table.add_mention(person, Mention(token.idx, token.idx + len(token), token.text, "name"))

    def add_headline_surnames(self, tokens: Span, covered: set[int]) -> None:
        """A headline's bare surname ("Scholz: ...") that NER missed: a mention of the body's person."""
        for token in tokens:
            if token.idx in covered or not token.is_title or len(token) < 3:
                continue
            person = self.persons.get(token.lower_)
            if person is not None and person.name.split()[-1] == token.text:
                self.table.add_mention(person, Mention(token.idx, token.idx + len(token), token.text, "name"))

    def add_pronoun(self, token: Token) -> None:
        antecedent = self.nearest_person_before(token.idx)
        if antecedent is not None:
            self.table.add_mention(antecedent, Mention(token.idx, token.idx + len(token), token.text, "pronoun"))

    def nearest_person_before(self, offset: int) -> EntityInfo | None:
        best: EntityInfo | None = None
        best_start = -1
        for ent in self.persons.values():
            for m in ent.mentions:
                if best_start < m.start < offset and m.kind == "name":
                    best, best_start = ent, m.start
        return best


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# nouns that introduce a speaker's name without being honorifics ("Ministry spokesperson He Ming")
SPEAKER_TITLES = frozenset({"spokesperson", "spokesman", "spokeswoman", "minister", "leader", "head", "aide",
                            "adviser", "advisor", "negotiator", "envoy", "official", "researcher", "lawmaker"})


def _is_subject(token: Token) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ in SUBJECT_DEPS:
            return True
        if node.dep_ in {"appos", "compound", "conj"} and node.head != node:
            node = node.head
            continue
        return False
    return False


def _link_pronouns(builder: _Builder, doc: Doc) -> None:
    """Link he/she/him/his/her to a person: salience over the parse, not only distance.

    In the pronoun's own sentence the nearest preceding person wins; otherwise the
    subject of the closest earlier sentence that has a person subject (up to three
    sentences back), else the nearest person named before.  Linked pronouns join
    the chain, so "Trump ... He ... he" stays on Trump.
    """
    persons = {id(e) for e in builder.persons.values()}
    by_token: list[tuple[int, EntityInfo, bool, int]] = []  # token index, entity, is subject, sentence start
    starts = {m.start: e for e in builder.table.entities if id(e) in persons for m in e.mentions}
    for token in doc:
        ent = starts.get(token.idx)
        if ent is not None:
            span_root = token
            by_token.append((token.i, ent, _is_subject(span_root) or _is_subject(token.head)
                             if token.dep_ == "compound" else _is_subject(span_root), token.sent.start))
            continue
        if token.lower_ not in PERSON_PRONOUNS or token.pos_ != "PRON" or not by_token:
            continue
        sent_start = token.sent.start
        chosen: EntityInfo | None = None
        same = [x for x in by_token if x[3] == sent_start]
        if same:
            chosen = same[-1][1]
        else:
            sent_starts = sorted({x[3] for x in by_token}, reverse=True)[:3]
            for ss in sent_starts:
                in_sent = [x for x in by_token if x[3] == ss]
                subjects = [x for x in in_sent if x[2]]
                if subjects or in_sent:
                    chosen = (subjects or in_sent)[0][1]
                    break
            if chosen is None:
                chosen = by_token[-1][1]
        builder.table.add_mention(chosen, Mention(token.idx, token.idx + len(token), token.text, "pronoun"))
        by_token.append((token.i, chosen, _is_subject(token), sent_start))


def _is_place(name: str) -> bool:
    """A country or capital of the actor dictionary that no office holder is called."""
    d = actors.default_actors()
    key = actors.norm(name)
    return key not in d.people and (key in d.capitals or (key in d.names and d.names[key][1] is None))


def _covered_tokens(table: EntityTable, doc: Doc) -> set[int]:
    covered: set[int] = set()
    for ent in table.entities:
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                covered.update(range(span.start, span.end))
    return covered


def _name_run(doc: Doc, i: int, covered: set[int]) -> int:
    """The end of a run of capitalised name tokens from ``i`` ("Rustem Umerov", "He Ming")."""
    j = i
    while j < len(doc) and j not in covered and doc[j].is_title and len(doc[j]) > 1 and (
        doc[j].pos_ == "PROPN" or (doc[j].tag_ == "NNP" and j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN")
    ):
        j += 1
    return j


def _titled_or_speaking(doc: Doc, a: int, b: int) -> bool:
    """A name run after a person's title, or the subject of a clause followed by ", who" / a verb it heads."""
    prev = doc[a - 1] if a > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in PERSON_TITLES | SPEAKER_TITLES:
        return True
    if prev is not None and prev.text == "," and a > 1 and doc[a - 2].lower_ in PERSON_TITLES | SPEAKER_TITLES:
        return True  # "Its director, Sigrid Lunde"
    root = doc[b - 1]
    if root.dep_ not in SUBJECT_DEPS:
        return False
    return b + 1 < len(doc) and doc[b].text == "," and doc[b + 1].lower_ == "who"


def _add_missed_names(builder: _Builder, doc: Doc, body_start: int) -> None:
    """Names the tagger missed: a known person's bare surname ("Eide said"), or a two- or three-word
    capitalised name after a title or before ", who" ("Ministry spokesperson He Ming", "Rustem Umerov, who")."""
    covered = _covered_tokens(builder.table, doc)
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.idx < body_start or i in covered:
            i += 1
            continue
        j = _name_run(doc, i, covered)
        if j == i:
            i += 1
            continue
        run = doc[i:j]
        person = builder.persons.get(run[-1].lower_)
        if person is not None and person.name.split()[-1] == run[-1].text and (
            len(run) == 1 or person.name.split()[0] == run[0].text
        ):
            builder.table.add_mention(person, Mention(run.start_char, run.end_char, run.text, "name"))
        elif 2 <= len(run) <= 3 and not _is_place(run.text) and _titled_or_speaking(doc, i, j) and not any(
            actors.default_actors().name(t.text)[0] for t in run
        ):
            ent = builder.new_entity(run.text, "PERSON")
            builder.persons[_person_key(run.text)] = ent
            builder.table.add_mention(ent, Mention(run.start_char, run.end_char, run.text, "name"))
        i = j


def _all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _after_person_title(span: Span) -> bool:
    """A one-to-three-word proper name right after a person's title ("Chancellor Olaf Scholz", "Mayor Carter")."""
    if not 1 <= len(span) <= 3 or span.start == 0 or not all(t.pos_ == "PROPN" and t.is_title for t in span):
        return False
    prev = span.doc[span.start - 1]
    return prev.is_title and prev.lower_.rstrip(".") in PERSON_TITLES


def _with_given_names(span: Span) -> Span:
    """A person's span grown left over the capitalised given names the tagger left out."""
    doc, start = span.doc, span.start
    while (
        start > 0 and span.end - start < 4 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title
        and doc[start - 1].dep_ == "compound" and span.start <= doc[start - 1].head.i < span.end
        and not doc[start - 1].ent_type_ and doc[start - 1].lower_.rstrip(".") not in PERSON_TITLES
    ):
        start -= 1
    return doc[start : span.end] if start < span.start else span


def _apposed_to_title(span: Span) -> bool:
    """A two- or three-word proper name in apposition to a person's title ("its director, Sigrid Lunde")."""
    root = span.root
    return (
        2 <= len(span) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in span)
        and root.dep_ == "appos" and root.head.lower_ in PERSON_TITLES | SPEAKER_TITLES
    )


def _clashes(known: str, new: str) -> bool:
    """Two full names with the same surname and different first names are different people."""
    a, b = known.split(), new.split()
    return len(a) > 1 and len(b) > 1 and a[0].lower() != b[0].lower() and a[0][0] != b[0][0]


def build_entity_table(parsed: ParsedArticle) -> EntityTable:
    builder = _Builder(parsed)
    doc = parsed.doc
    body_start = parsed.article.body_start
    ents = [e for e in doc.ents if e.label_ in KEPT_LABELS]
    body = [e for e in ents if e.start_char >= body_start]
    for span in sorted(body, key=lambda s: (s.label_ != "PERSON", s.start)):
        builder.add_named(span)
    for span in (e for e in ents if e.start_char < body_start):
        builder.add_headline(span)
    if body_start > 0:
        covered = {m.start for e in builder.table.entities for m in e.mentions}
        head_end = next((t.i for t in doc if t.idx >= body_start), len(doc))
        builder.add_headline_surnames(doc[:head_end], covered)
    _add_missed_names(builder, doc, body_start)
    for ent in builder.table.entities:
        ent.mentions.sort(key=lambda m: m.start)
    _link_pronouns(builder, doc)
    for ent in builder.table.entities:
        ent.mentions.sort(key=lambda m: m.start)
        ent.country, ent.sector = actors.code_entity(ent.name, ent.type)
    return builder.table


def to_record_entities(table: EntityTable) -> list[Entity]:
    return [
        Entity(
            id=e.id, name=e.name, type=e.type, country=e.country, sector=e.sector,
            mentions=[(m.start, m.end) for m in e.mentions],
        )
        for e in table.entities
    ]
