"""Article text as HTML with its statements highlighted; every piece of text is escaped.

Spans of a record may overlap (a speaker inside another statement's content),
so the text is cut at every span boundary and each piece gets the classes of
the innermost role covering it: speaker, then cue, then content.  Anchors
``st-<id>`` (statements) and ``ev-<id>`` (event evidence) mark where each
starts, so that other pages can link to the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote

from markupsafe import Markup, escape

from newsledger.record import Record

_ROLE_RANK = {"speaker": 0, "cue": 1, "content": 2}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    role: str
    statement: str


def actor_url(name: str) -> str:
    return "/actors/" + quote(name, safe="")


def article_url(article_id: str, anchor: str | None = None) -> str:
    """The article's page; ids may hold ``/`` (feed guids that are URLs), which the route takes as a path."""
    return "/articles/" + quote(article_id, safe="") + (f"#{anchor}" if anchor else "")


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an absolute http or https URL (fit for an ``href``), else None (shown as text)."""
    if not url:
        return None
    stripped = url.strip()
    scheme, sep, rest = stripped.partition(":")
    if not sep or scheme.lower() not in ("http", "https") or not rest.startswith("//") or len(rest) <= 2:
        return None
    if any(ord(c) < 0x20 or c.isspace() for c in stripped):  # tab, newline or space tricks inside the URL
        return None
    return stripped


def _marks(record: Record) -> list[_Mark]:
    n = len(record.text)
    marks: list[_Mark] = []

    def add(span: tuple[int, int] | None, role: str, sid: str) -> None:
        if span is None:
            return
        s, e = max(0, span[0]), min(n, span[1])
        if s < e:
            marks.append(_Mark(s, e, role, sid))

    for st in record.statements:
        add(st.speaker.span, "speaker", st.id)
        add(st.cue.span, "cue", st.id)
        for sp in st.content.spans:
            add(sp, "content", st.id)
    return marks


def highlight(record: Record) -> Markup:
    """The record's text as escaped HTML, statements highlighted, stance labels after each cue."""
    text = record.text
    marks = _marks(record)
    by_id = {st.id: st for st in record.statements}
    bounds = {0, len(text)}
    for m in marks:
        bounds.update((m.start, m.end))
    inserts: dict[int, list[str]] = defaultdict(list)
    for st in record.statements:
        starts = [m.start for m in marks if m.statement == st.id]
        if starts:
            pos = min(starts)
            bounds.add(pos)
            inserts[pos].append(f'<span class="anchor" id="st-{escape(st.id)}"></span>')
        if st.stance and st.cue.span and 0 <= st.cue.span[1] <= len(text):
            stance = escape(st.stance)
            inserts[st.cue.span[1]].append(
                f'<span class="stance stance-{stance}" title="stance of {escape(st.id)}">{stance}</span>'
            )
    for ev in record.events:
        s = ev.evidence.span[0]
        if 0 <= s <= len(text):
            bounds.add(s)
            inserts[s].append(f'<span class="anchor" id="ev-{escape(ev.id)}"></span>')
    cuts = sorted(bounds)
    out: list[str] = []
    for a, b in pairwise(cuts):
        # stance labels belong after the cue piece that ends at ``a``; anchors before the piece at ``a``
        out.extend(inserts.pop(a, ()))
        piece = escape(text[a:b])
        covering = [m for m in marks if m.start <= a and b <= m.end]
        if not covering:
            out.append(str(piece))
            continue
        top = min(covering, key=lambda m: _ROLE_RANK[m.role])
        sids = sorted({m.statement for m in covering})
        attrs = f'class="hl hl-{top.role}" data-st="{escape(" ".join(sids))}"'
        st = by_id[top.statement]
        if top.role == "speaker" and st.speaker.name and not st.speaker.anonymous:
            out.append(
                f'<a {attrs} href="{escape(actor_url(st.speaker.name))}" '
                f'title="{escape(st.speaker.name)}">{piece}</a>'
            )
        else:
            out.append(f"<span {attrs}>{piece}</span>")
    for pos in sorted(inserts):
        out.extend(inserts[pos])
    return Markup("".join(out))
