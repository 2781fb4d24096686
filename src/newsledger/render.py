"""Turning records and query rows into terminal tables, JSON Lines or CSV (for the CLI)."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from newsledger.link.types import ActorDetail, ClaimDetail, ClaimRow, SourcingProfile, Voice
from newsledger.record import Record
from newsledger.store.rows import LedgerSummary

STANCE_STYLE = {
    "assert": "white", "deny": "red", "confirm": "green", "neither": "yellow",
    "hedge": "cyan", "intend": "magenta", "demand": "bright_red", "question": "blue",
}
STATUS_STYLE = {
    "occurred": "green", "reported": "white", "planned": "magenta", "possible": "cyan",
    "denied": "red", "negated": "bright_red",
}


def short(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def row_dict(row: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        return dataclasses.asdict(row)
    if isinstance(row, dict):
        return row
    raise TypeError(f"cannot render {type(row).__name__}")


def write_jsonl(rows: Iterable[Any], out: IO[str]) -> int:
    n = 0
    for row in rows:
        data = row.to_dict() if isinstance(row, Record) else row_dict(row)
        out.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_csv(rows: Sequence[Any], out: IO[str]) -> int:
    dicts = [row_dict(r) for r in rows]
    if not dicts:
        return 0
    writer = csv.DictWriter(out, fieldnames=list(dicts[0]))
    writer.writeheader()
    for d in dicts:
        writer.writerow({k: json.dumps(v, default=str) if isinstance(v, list | dict) else v for k, v in d.items()})
    return len(dicts)


def record_tables(record: Record) -> list[Table]:
    """A heading table of the article, its statements and its events."""
    head = Table.grid(padding=(0, 2))
    head.add_row("[bold]article[/]", record.id)
    head.add_row("title", record.title or "—")
    head.add_row("published", record.published or "—")
    if record.source:
        head.add_row("source", record.source)
    head.add_row("counts", f"{len(record.entities)} entities, {len(record.statements)} statements, "
                 f"{len(record.events)} events")
    return [head, statements_table(record), events_table(record)]


def statements_table(record: Record) -> Table:
    table = Table(title="Statements", title_justify="left", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("speaker", min_width=14, ratio=2)
    table.add_column("cue", min_width=8, ratio=1)
    table.add_column("stance", no_wrap=True)
    table.add_column("content", ratio=5)
    table.add_column("about", no_wrap=True)
    for st in record.statements:
        speaker = st.speaker.name or st.speaker.text or "—"
        if st.speaker.anonymous:
            speaker = f"[dim]anon:[/] {st.speaker.text}"
        stance = st.stance or "—"
        table.add_row(st.id, speaker, st.cue.text, f"[{STANCE_STYLE.get(stance, 'white')}]{stance}[/]",
                      short(st.content.text, 160), st.about or "")
    return table


def events_table(record: Record) -> Table:
    table = Table(title="Events", title_justify="left", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("type", min_width=8)
    table.add_column("source", min_width=12, ratio=2)
    table.add_column("target", min_width=12, ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("when", ratio=1)
    table.add_column("evidence", ratio=4)
    for ev in record.events:
        src = f"{ev.source.text or '—'} ({ev.source.country or '?'} {ev.source.sector or ''})".strip()
        tgt = "—" if ev.target is None else f"{ev.target.text or '—'} ({ev.target.country or '?'})"
        when = "—" if ev.when is None else f"{ev.when.text} {ev.when.start or ''}..{ev.when.end or ''}"
        kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
        table.add_row(ev.id, kind, src, tgt, f"[{STATUS_STYLE.get(ev.status, 'white')}]{ev.status}[/]",
                      when, short(ev.evidence.text, 120))
    return table


def rows_table(rows: Sequence[Any], columns: Sequence[str], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        d = row_dict(row)
        table.add_row(*(short(_cell(d.get(c)), 120) for c in columns))
    return table


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def print_tables(console: Console, tables: Iterable[Table]) -> None:
    for t in tables:
        console.print(t)


def print_summary(console: Console, summary: LedgerSummary, *, contested: Sequence[ClaimRow] = ()) -> None:
    """The overview `make demo` shows: totals, top speakers, stances, events by type and status,
    and the first contested claims with their sides."""
    span = f"{summary.first_published or '?'} to {summary.last_published or '?'}"
    console.print(
        f"[bold]{summary.articles} articles[/] ({span}): {summary.statements} statements, "
        f"{summary.events} events, {summary.entities} entities"
    )
    speakers = Table(title="Top speakers", title_justify="left")
    speakers.add_column("speaker")
    speakers.add_column("statements", justify="right")
    for name, n in summary.top_speakers:
        speakers.add_row(name, str(n))
    console.print(speakers)
    console.print(_count_table("Statements by stance", "stance", summary.stances, STANCE_STYLE))
    console.print(_count_table("Events by type", "type", summary.event_types, {}))
    console.print(_count_table("Events by status", "status", summary.event_statuses, STATUS_STYLE))
    if contested:
        console.print("[bold]Contested claims[/] (all: newsledger claims --contested)")
        for c in contested:
            console.print(f"  [bold]{c.claim_id}[/] {short(c.text, 100)}", highlight=False)
            for label, voices in (("confirmed by", c.confirmed_by), ("denied by", c.denied_by)):
                console.print(f"      {label}: {_voices(voices, 3)}", highlight=False)


def _count_table(title: str, label: str, counts: dict[str, int], styles: dict[str, str]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    table.add_column("count", justify="right")
    for key, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        table.add_row(f"[{styles.get(key, 'white')}]{key}[/]", str(n))
    return table


CLAIM_STATUS_STYLE = {
    "uncontested": "white", "confirmed": "green", "contested": "bold yellow", "denied": "red", "unverified": "dim",
}
SIDE_LABELS = (
    ("asserted_by", "asserted by", "white"), ("confirmed_by", "confirmed by", "green"),
    ("denied_by", "denied by", "red"), ("neither_by", "neither", "yellow"),
)


def _voices(voices: Sequence[Voice], at_most: int | None = None) -> str:
    shown = list(voices)[:at_most] if at_most else list(voices)
    text = "; ".join(f"{v.name} ({', '.join(v.outlets)})" for v in shown) or "—"
    if at_most and len(voices) > at_most:
        text += f"; +{len(voices) - at_most} more"
    return text


def print_claims(console: Console, rows: Sequence[ClaimRow]) -> None:
    """Each claim with its status, first appearance and its sides, outlets in brackets."""
    console.print(f"[bold]Claims ({len(rows)})[/]")
    for c in rows:
        style = CLAIM_STATUS_STYLE.get(c.status, "white")
        console.print(
            f"\n[bold]{c.claim_id}[/] [{style}]{c.status}[/]  {c.text}", highlight=False, soft_wrap=True
        )
        console.print(
            f"   first seen {c.first_published or '?'} in {c.first_outlet or c.first_article}; "
            f"{_count(c.n_articles, 'article')}, {_count(c.n_sources, 'independent source')} asserting or "
            "confirming it",
            style="dim", highlight=False,
        )
        for field_name, label, colour in SIDE_LABELS:
            voices: Sequence[Voice] = getattr(c, field_name)
            if voices:
                console.print(f"   [{colour}]{label:>12}[/]: {_voices(voices)}", highlight=False, soft_wrap=True)


def print_claim(console: Console, detail: ClaimDetail) -> None:
    """A claim and its timeline, source by source."""
    print_claims(console, [detail.claim])
    table = Table(title="Timeline", title_justify="left", expand=True)
    for col in ("published", "outlet", "speaker", "side", "cue", "content", "linked by"):
        table.add_column(col, overflow="fold", ratio=4 if col == "content" else None)
    for m in detail.timeline:
        speaker = f"[dim]{m.speaker}[/]" if m.anonymous else m.speaker
        table.add_row(m.published or "—", m.outlet or m.article_id, speaker, m.role, m.cue, short(m.content, 160),
                      f"{m.via} {m.score:.2f}")
    console.print(table)


def print_actor(console: Console, detail: ActorDetail) -> None:
    """An actor: aliases with evidence, statements by and about it, events, counterparts."""
    a = detail.actor
    console.print(f"[bold]{a.name}[/] ({a.kind}; {a.country or '?'} {a.sector or ''}) [dim]{a.actor_id}[/]")
    aliases = Table(title="Goes by", title_justify="left")
    for col in ("alias", "evidence", "confidence"):
        aliases.add_column(col)
    for al in detail.aliases:
        aliases.add_row(al.alias, al.evidence, f"{al.confidence:.2f}")
    console.print(aliases)
    for title, items in (("Statements by", detail.statements_by), ("Statements about", detail.statements_about)):
        table = Table(title=f"{title} ({len(items)})", title_justify="left", expand=True)
        for col in ("published", "outlet", "speaker", "stance", "content", "claim"):
            table.add_column(col, overflow="fold", ratio=4 if col == "content" else None)
        for st in items:
            table.add_row(st.published or "—", st.outlet or st.article_id, st.speaker, st.stance or "—",
                          short(st.content, 140), st.claim_id or "")
        console.print(table)
    events = Table(title=f"Events ({len(detail.events)})", title_justify="left", expand=True)
    for col in ("published", "type", "role", "with", "status", "evidence"):
        events.add_column(col, overflow="fold", ratio=4 if col == "evidence" else None)
    for ev in detail.events:
        events.add_row(ev.published or "—", ev.type, ev.role, ev.counterpart or "—", ev.status, short(ev.evidence, 120))
    console.print(events)
    counter = Table(title="Counterparts", title_justify="left")
    for col in ("actor", "n", "relations"):
        counter.add_column(col)
    for cp in detail.counterparts[:20]:
        counter.add_row(cp.name, str(cp.n), ", ".join(cp.relations))
    console.print(counter)


def print_profile(console: Console, p: SourcingProfile) -> None:
    """The sourcing profile under an article's tables."""
    grid = Table(title="Sourcing", title_justify="left", show_header=False)
    grid.add_column("what")
    grid.add_column("value")
    grid.add_row("statements", f"{p.n_statements} ({p.n_named} named, {p.n_anonymous} anonymous)")
    grid.add_row("attributed text", f"{p.attributed_share:.0%} (own voice {p.own_voice_share:.0%})")
    grid.add_row("claims", str(p.n_claims))
    grid.add_row("duplicate group", p.duplicate_group)
    for ref in p.unconfirmed_claims[:10]:
        grid.add_row("no one else confirms", f"{ref.claim_id} [{ref.status}] {short(ref.text, 100)}")
    console.print(grid)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
