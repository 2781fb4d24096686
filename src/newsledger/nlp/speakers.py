"""Speaker resolution: the mention that speaks, turned into an entity of the table or an anonymous source.

Resolution order for a speaker noun phrase:

1. a named mention of the table inside the phrase (the one at the phrase's head,
   else the first one: "Kremlin spokesperson Dmitry Peskov" -> Peskov);
2. a personal pronoun the table already linked ("he" -> Donald Trump); "they",
   "it" and "we" go to the most recent salient organisation or group;
3. a role noun with a definite article ("the president", "the spokesperson",
   "the company") -> the most recent entity that carried that title or whose
   type fits the role (salience: recency, weighted by how often it was named);
4. otherwise the phrase is an unnamed source ("a senior Russian lawmaker",
   "officials", "sources"): ``anonymous`` is true and its description is kept.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from newsledger.nlp import actors
from newsledger.nlp.types import EntityInfo, EntityTable, Mention
from newsledger.record import Speaker

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it", "we", "them"})
FIRST_PERSON = frozenset({"i", "me", "we", "us"})
ORG_ROLES = frozenset(
    {"company", "firm", "group", "agency", "ministry", "department", "campaign", "committee", "government",
     "administration", "party", "organization", "organisation", "union", "council", "court", "bank",
     "newspaper", "network", "team", "office", "commission", "board", "corporation", "institute", "club"}
)
PERSON_ROLES = frozenset(
    {"president", "spokesperson", "spokesman", "spokeswoman", "senator", "minister", "candidate", "nominee",
     "governor", "secretary", "chairman", "chairwoman", "chair", "director", "ceo", "leader", "mayor",
     "congressman", "congresswoman", "lawmaker", "official", "ambassador", "chancellor", "premier", "judge",
     "businessman", "billionaire", "host", "author", "adviser", "advisor", "aide", "manager", "chief",
     "speaker", "representative", "lawyer", "attorney", "general", "commander", "king", "queen", "pope",
     "frontrunner", "front-runner", "democrat", "republican", "former", "mogul", "star", "founder"}
)
# characters that take no room on the page but end up inside tokens ("Okafor\u200b")
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u00ad"
GPE_ROLES = frozenset({"country", "state", "city", "nation"})
COMPANY_ROLES = frozenset({"company", "firm", "group", "corporation"})
# name words of organisations that "the company" does not stand for
NOT_COMPANIES = frozenset(
    {"union", "ministry", "authority", "council", "commission", "committee", "police", "court", "agency",
     "government", "party", "parliament", "service", "regulator", "university", "association", "federation",
     "institute", "department", "office", "mission", "embassy", "army", "force", "forces", "navy"}
)
# bodies of a state or a city that a description names uniquely ("Ukraine's air force")
INSTITUTIONS = frozenset(
    {"force", "authority", "ministry", "mission", "army", "navy", "police", "service", "agency", "government",
     "parliament", "court", "council", "committee", "headquarters", "embassy", "military", "guard", "regulator",
     "inspectorate", "directorate", "commission", "office", "bank", "prosecutor", "cabinet", "senate", "assembly"}
)


class Institution(NamedTuple):
    name: str  # "Ukrainian Air Force"
    country: str | None
    words: Span  # its words in the text: "air force"


def institution_name(span: Span, head: Token) -> Institution | None:
    """A country's or a city's institution named by its description ("Ukraine's air force", "the Norwegian
    data protection authority", "Odesa's port authority"): a named source, called "Ukrainian Air Force"."""
    if head.lemma_.lower() not in INSTITUTIONS:
        return None
    d = actors.default_actors()
    place: str | None = None
    words: list[Token] = []
    for tok in span:
        if tok.i > head.i:
            break
        if (tok.dep_ == "poss" and tok.head == head) or (tok.head.dep_ == "poss" and tok.head.head == head):
            if tok.tag_ != "POS":
                place = (place + " " + tok.text) if place else tok.text
            continue
        if tok.lower_ in {"the", "a", "an"} or tok.tag_ == "POS":
            continue
        if tok.dep_ in {"amod", "compound"} and d.demonyms.get(actors.norm(tok.text)) and place is None:
            place = tok.text
            continue
        if tok.dep_ in {"amod", "compound"} or tok == head:
            words.append(tok)
    if place is None or not words:
        return None
    key = actors.norm(place)
    code = d.names[key][0] if key in d.countries else d.demonyms.get(key)
    prefix = d.adjectives.get(code, place) if code else place
    name = " ".join([prefix, *(w.text if w.is_upper else w.text.capitalize() for w in words)])
    return Institution(name, code, span.doc[words[0].i : head.i + 1])


def _clause_ranges(head: Token) -> list[tuple[int, int]]:
    """Character ranges of the relative clauses on a speaker's head ("..., which said ... Odesa"):
    the names in them describe the speaker, they do not name it."""
    out = []
    for child in head.children:
        if child.dep_ in {"relcl", "acl"}:
            left, right = child.left_edge, child.right_edge
            out.append((left.idx, right.idx + len(right)))
    return out


def _role_titles(doc: Doc, ent: EntityInfo) -> set[str]:
    """Lower-cased nouns that introduce or follow the entity's named mentions ("President", "spokesperson")."""
    titles: set[str] = set()
    for m in ent.mentions:
        if m.kind != "name":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        titles.update(t.lower_ for t in span if t.pos_ == "NOUN" or t.lower_ in PERSON_ROLES)
        i = span.start - 1
        steps = 0
        while i >= 0 and steps < 4 and doc[i].pos_ in {"PROPN", "NOUN", "ADJ"} and doc[i].dep_ != "nsubj":
            titles.add(doc[i].lower_)
            i -= 1
            steps += 1
        root = span.root
        for child in root.children:
            if child.dep_ == "appos":
                titles.update(t.lower_ for t in child.subtree if t.pos_ == "NOUN")
        if root.dep_ == "appos":
            titles.update(t.lower_ for t in root.head.subtree if t.pos_ == "NOUN" and t.i < span.start)
    return titles


class SpeakerResolver:
    """Resolves speaker phrases of one article against its entity table."""

    def __init__(self, doc: Doc, table: EntityTable, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token: read once, never per speaker
        self.table = table
        self._titles: dict[str, set[str]] = {}
        self._said: list[tuple[int, bool, Speaker]] = []  # earlier speakers: start, plural, resolution
        self._mentions: list[tuple[int, int, EntityInfo, str]] = sorted(
            ((m.start, m.end, e, m.kind) for e in table.entities for m in e.mentions), key=lambda x: x[0]
        )

    def titles(self, ent: EntityInfo) -> set[str]:
        if ent.id not in self._titles:
            self._titles[ent.id] = _role_titles(self.doc, ent)
        return self._titles[ent.id]

    def entity_at(self, start: int, end: int, head: Token) -> EntityInfo | None:
        clauses = _clause_ranges(head)
        inside = [(s, e, ent) for s, e, ent, _k in self._mentions if s >= start and e <= end
                  and not any(a <= s < b for a, b in clauses)]
        if not inside:
            return None
        for s, e, ent in inside:
            if s <= head.idx < e:
                return ent
        # "Kremlin spokesperson Dmitry Peskov": the person named in the phrase wins over an organisation
        persons = [x for x in inside if x[2].type == "PERSON"]
        return (persons or inside)[0][2]

    def _modifier_mention(self, start: int, end: int) -> bool:
        """A mention that only modifies a noun ("from Ämari air base", "a NATO official"): no antecedent."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span.root.dep_ in {"compound", "amod"} \
            and span.root.head.i >= span.end

    def recent(self, before: int, want: set[str], role: str | None = None,
               skip_modifiers: bool = False, exclude: frozenset[str] = frozenset()) -> EntityInfo | None:
        """The most recent entity mentioned before ``before`` of a type in ``want``, salience-weighted."""
        best: EntityInfo | None = None
        best_score = 0.0
        counts: dict[str, int] = {}
        for s, _e, ent, _k in self._mentions:
            if s < before:
                counts[ent.id] = counts.get(ent.id, 0) + 1
        for s, _e, ent, _k in self._mentions:
            if s >= before or ent.type not in want or ent.id in exclude:
                continue
            if role is not None and role not in self.titles(ent) and ent.type == "PERSON":
                continue
            if skip_modifiers and self._modifier_mention(s, _e):
                continue
            distance = max(1, before - s)
            score = (1.0 + 0.2 * min(counts.get(ent.id, 1), 10)) / distance
            if score > best_score:
                best, best_score = ent, score
        return best

    def recent_organisation(self, before: int, role: str) -> EntityInfo | None:
        """"the union" -> the latest organisation called a union; "the company" -> the latest organisation that
        is not named as another kind of body (a union, a ministry, an authority...); else the latest one."""
        named = [e for e in self._orgs_before(before) if role in e.name.lower().split()]
        if named:
            return named[-1]
        if role in COMPANY_ROLES:
            companies = [e for e in self._orgs_before(before)
                         if not set(e.name.lower().replace("'", " ").split()) & NOT_COMPANIES]
            if companies:
                return max(companies, key=lambda e: self._salience(e, before))
        return self.recent(before, {"ORG"})

    def _orgs_before(self, before: int) -> list[EntityInfo]:
        """Organisations mentioned before ``before``, by their latest mention."""
        latest: dict[str, tuple[int, EntityInfo]] = {}
        for s, _e, ent, _k in self._mentions:
            if s < before and ent.type == "ORG":
                latest[ent.id] = (s, ent)
        return [ent for _s, ent in sorted(latest.values(), key=lambda x: x[0])]

    def _salience(self, ent: EntityInfo, before: int) -> float:
        mentions = [m.start for m in ent.mentions if m.start < before]
        return len(mentions) + 1.0 / max(1, (before - max(mentions)) // 200 + 1) if mentions else 0.0

    def resolve(self, span: Span, addressee: str | None = None) -> Speaker:
        """The speaker that ``span`` names; ``addressee`` is the entity the cue addresses ("she told Lane"),
        which a pronoun never stands for."""
        start, end = strip_invisible(self.text, span.start_char, span.end_char)
        text = self.text[start:end]
        head = span.root
        ent = self.entity_at(start, end, head)
        if ent is not None and addressee is not None and ent.id == addressee and head.lower_ in PERSON_PRONOUNS:
            # "Lane interviewed Park. '...,' she told Lane": the interviewer is not the one who speaks
            ent = self.recent(start, {"PERSON"}, exclude=frozenset({addressee}))
        if ent is None and head.pos_ == "PROPN" and any(ch in INVISIBLE for ch in span.text):
            ent = self.named_by(visible(head.text))
        lower = head.lower_
        anonymous = False
        if ent is not None and ent.type != "PERSON" and head.pos_ == "NOUN" and not self._is_head_mention(ent, head):
            # "a senior Russian lawmaker", "the Kremlin spokesperson": the entity only modifies the speaker
            ent = None
        if ent is not None and lower in PERSON_PRONOUNS and ent.type != "PERSON":
            ent = None  # he/she never stands for an organisation or a place
        plural = head.tag_ in {"NNS", "NNPS"} or (ent is not None and ent.type in {"ORG", "NORP"})
        if ent is None and len(span) == 1 and lower in {"they", "them"}:
            earlier = self._plural_speaker_before(start)
            if earlier is not None:
                # "Diplomats said ... They said ...": the previous plural speaker, named or not
                self._said.append((start, True, earlier))
                return Speaker(text=text, span=(start, end), entity=earlier.entity, name=earlier.name,
                               anonymous=earlier.anonymous)
        if ent is None and len(span) == 1 and lower == "it":
            earlier = self._organisation_speaker_before(start)
            if earlier is not None:
                # "the company said ... It did not say ...": the organisation that just spoke
                return Speaker(text=text, span=(start, end), entity=earlier.entity, name=earlier.name)
        if ent is None and len(span) == 1 and lower in GROUP_PRONOUNS and lower not in FIRST_PERSON:
            ent = self.recent(start, {"ORG", "NORP", "GPE"}, skip_modifiers=True)
            if ent is not None and start - self._last_mention_before(ent, start) > 600:
                ent = None
        elif ent is None and len(span) == 1 and lower in PERSON_PRONOUNS:
            ent = self.recent(start, {"PERSON"})
        elif ent is None and head.pos_ != "PROPN" and lower not in FIRST_PERSON | GROUP_PRONOUNS | PERSON_PRONOUNS:
            # a role noun with no person named in the phrase, whatever organisation modifies it
            # ("a senior NATO official", "Estonia's foreign minister"): resolved by a definite title, else unnamed
            definite = any(t.lower_ in {"the", "this", "that"} for t in span if t.i < head.i)
            plural = head.tag_ in {"NNS", "NNPS"}
            if definite and not plural and lower in ORG_ROLES:
                ent = self.recent_organisation(start, lower)
            elif definite and not plural and lower in PERSON_ROLES:
                ent = self.recent(start, {"PERSON"}, role=lower)
            elif definite and not plural and lower in GPE_ROLES:
                ent = self.recent(start, {"GPE"})
            if ent is None:
                institution = institution_name(span, head)
                if institution is not None:
                    inst = self._institution_entity(institution)
                    speaker = Speaker(text=text, span=(start, end), entity=inst.id, name=inst.name)
                    self._said.append((start, True, speaker))
                    return speaker
                anonymous = True
        speaker = Speaker(
            text=text, span=(start, end), entity=ent.id if ent else None,
            name=ent.name if ent else None, anonymous=anonymous,
        )
        if lower not in GROUP_PRONOUNS | PERSON_PRONOUNS | FIRST_PERSON:
            self._said.append((start, plural, speaker))
        return speaker

    def named_by(self, word: str) -> EntityInfo | None:
        """The person or organisation of the table whose name holds ``word`` ("Okafor" -> Chidi Okafor), when
        exactly one does."""
        key = word.lower()
        found = [e for e in self.table.entities if e.type in {"PERSON", "ORG"}
                 and (key in e.name.lower().split() or any(visible(m.text).lower() == key for m in e.mentions))]
        return found[0] if len(found) == 1 else None

    def _institution_entity(self, institution: Institution) -> EntityInfo:
        """The table's entity for an institution named by description, added on its first mention (the
        words of the institution: "air force" in "Ukraine's air force")."""
        name, country, words = institution
        ent = next((e for e in self.table.entities if e.type == "ORG" and e.name == name), None)
        if ent is None:
            d = actors.default_actors()
            sector = d.role(" ".join(name.split()[1:])) or d.role(name.split()[-1]) or "GOV"
            ent = EntityInfo(id=f"e{len(self.table.entities) + 1}", name=name, type="ORG", country=country,
                             sector=sector)
            self.table.entities.append(ent)
        self.table.add_mention(ent, Mention(words.start_char, words.end_char, words.text, "nominal"))
        ent.mentions.sort(key=lambda m: m.start)
        return ent

    def _latest_speaker_before(self, offset: int, window: int = 400) -> tuple[bool, Speaker] | None:
        """The latest earlier speaker (plural or not) when it spoke within ``window`` characters."""
        earlier = [x for x in self._said if x[0] < offset]
        if not earlier:
            return None
        start, plural, speaker = max(earlier, key=lambda x: x[0])
        return (plural, speaker) if offset - start <= window else None

    def _organisation_speaker_before(self, offset: int) -> Speaker | None:
        """The latest earlier speaker, when it is an organisation of the table and close enough."""
        latest = self._latest_speaker_before(offset)
        ent = self.table.by_id(latest[1].entity) if latest and latest[1].entity else None
        return latest[1] if latest and ent is not None and ent.type == "ORG" else None

    def _plural_speaker_before(self, offset: int) -> Speaker | None:
        """The latest earlier speaker, when it is plural or a group and close enough."""
        latest = self._latest_speaker_before(offset)
        return latest[1] if latest and latest[0] else None

    def _is_head_mention(self, ent: EntityInfo, head: Token) -> bool:
        return any(m.start <= head.idx < m.end for m in ent.mentions)

    def _last_mention_before(self, ent: EntityInfo, offset: int) -> int:
        return max((m.start for m in ent.mentions if m.start < offset), default=-10_000)


def visible(text: str) -> str:
    """``text`` without zero-width and other invisible characters."""
    return "".join(ch for ch in text if ch not in INVISIBLE)


def strip_invisible(text: str, start: int, end: int) -> tuple[int, int]:
    """The character range ``[start, end)`` of ``text`` without invisible characters at its edges."""
    while start < end and text[start] in INVISIBLE:
        start += 1
    while end > start and text[end - 1] in INVISIBLE:
        end -= 1
    return start, end
