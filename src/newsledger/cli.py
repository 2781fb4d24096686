"""The command line: thin commands over the library.  Data goes to stdout, messages to stderr."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsledger import link, render
from newsledger.api import extract_paths
from newsledger.article import Article, ReadFailure
from newsledger.errors import NewsledgerError
from newsledger.interrupt import Interrupted
from newsledger.ledger import IngestInterrupted, Ledger
from newsledger.link import export as link_export
from newsledger.read import DEFAULT_MAX_BYTES, parse_date
from newsledger.record import Record, record_json_schema

app = typer.Typer(
    help="newsledger: who said what, what happened, and who confirms or disputes it.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)

DEFAULT_DB = "newsledger.duckdb"


class RecordFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class RowFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    jsonld = "jsonld"


LINK_TABLES = ("claims", "gdelt")


DbOption = Annotated[Path, typer.Option("--db", help="The ledger file (DuckDB).", envvar="NEWSLEDGER_DB")]
ModelOption = Annotated[str | None, typer.Option("--model", help="An installed spaCy pipeline to use.")]
MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes", min=1, help="Size limit of one input file, or of one record in a JSON Lines file (bytes)."
    ),
]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date for inputs that give none (YYYY-MM-DD).")
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def _date(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise _fail(f"{flag} {value!r} is not a date; write it as YYYY-MM-DD")
    return parsed


def _row_format(fmt: RowFormat | None) -> RowFormat:
    if fmt is not None:
        return fmt
    return RowFormat.table if sys.stdout.isatty() else RowFormat.jsonl


@app.callback()
def _setup(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, feeds; '-' reads standard input.")],
    fmt: Annotated[RecordFormat | None, typer.Option("--format", "-f", help="jsonl, json or table.")] = None,
    published: PublishedOption = None,
    model: ModelOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Print one ledger record per article, storing nothing."""
    chosen = fmt or (RecordFormat.table if sys.stdout.isatty() else RecordFormat.jsonl)
    published = _date(published, "--published")
    failures = 0
    records: list[Record] = []
    try:
        for result in extract_paths(paths, published=published, model=model, max_bytes=max_bytes):
            if isinstance(result, ReadFailure):
                failures += 1
                err.print(f"[red]skipped[/] {result}", highlight=False)
                continue
            if chosen is RecordFormat.jsonl:
                sys.stdout.write(result.to_json() + "\n")
                sys.stdout.flush()
            elif chosen is RecordFormat.table:
                render.print_tables(out, render.record_tables(result))
            else:
                records.append(result)
    except NewsledgerError as exc:
        raise _fail(str(exc)) from exc
    if chosen is RecordFormat.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2) + "\n")
    if failures:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, feeds; '-' reads standard input.")],
    db: DbOption = Path(DEFAULT_DB),
    published: PublishedOption = None,
    model: ModelOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Extract and store articles; articles already stored (same content) are skipped.

    Ctrl-C stops after the current article (exit status 130); run the same command again to store the rest.
    """
    published = _date(published, "--published")
    try:
        with Ledger(db) as ledger, _progress() as progress:
            task = progress.add_task("ingesting", total=None)

            def on_item(item: Article | ReadFailure, outcome: str) -> None:
                if isinstance(item, ReadFailure):
                    err.print(f"[red]failed[/] {item}", highlight=False)
                progress.advance(task)

            report = ledger.ingest(paths, published=published, model=model, on_item=on_item, max_bytes=max_bytes)
            counts = ledger.counts()
    except NewsledgerError as exc:
        raise _fail(str(exc)) from exc
    except IngestInterrupted as stop:
        err.print(
            f"interrupted: stored {len(stop.report.stored)} articles (each whole), already stored "
            f"{len(stop.report.skipped)}, failed {len(stop.report.failures)}; run the same command again "
            f"to store and link the rest",
            highlight=False,
        )
        raise typer.Exit(130) from None
    err.print(
        f"stored {len(report.stored)}, already stored {len(report.skipped)}, failed {len(report.failures)}; "
        f"ledger {db} now holds {counts.get('articles', 0)} articles, {counts.get('statements', 0)} "
        f"statements, {counts.get('events', 0)} events",
        highlight=False,
    )
    if report.failures:
        raise typer.Exit(1)


@app.command()
def relink(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Rebuild the cross-article layer (actors, duplicates, claims, sourcing) from the stored records.

    For recovery, and after an upgrade that links differently.  Ctrl-C stops it between articles
    (exit status 130); the next ingest or relink links the rest.
    """
    if not db.exists():
        raise _fail(f"{db}: no ledger here; create one with `newsledger ingest PATH --db {db}`")
    try:
        with Ledger(db) as ledger:
            n = link.rebuild(ledger)
            counts = ledger.counts()
    except NewsledgerError as exc:
        raise _fail(str(exc)) from exc
    except Interrupted as stop:
        err.print(f"interrupted: linked {stop.stored} articles; run `newsledger relink` again", highlight=False)
        raise typer.Exit(130) from None
    err.print(
        f"relinked {n} articles: {counts.get('claims', 0)} claims, {counts.get('actors', 0)} actors",
        highlight=False,
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not sys.stderr.isatty(), transient=True,
    )


def _open(db: Path) -> Ledger:
    if not db.exists():
        raise _fail(f"{db}: no ledger here; create one with `newsledger ingest PATH --db {db}`")
    try:
        return Ledger(db, read_only=True)
    except NewsledgerError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[RecordFormat | None, typer.Option("--format", "-f")] = None,
) -> None:
    """Show one stored article: its statements and events."""
    with _open(db) as ledger:
        record = ledger.get(article_id)
        sourcing = link.profile(ledger, article_id) if record is not None else None
        appearances = ledger.appearances(article_id)
    if record is None:
        raise _fail(f"no article {article_id!r} in {db}; list ids with `newsledger export --format jsonl`", 1)
    chosen = fmt or (RecordFormat.table if sys.stdout.isatty() else RecordFormat.json)
    if chosen is RecordFormat.table:
        render.print_tables(out, render.record_tables(record))
        if sourcing is not None:
            render.print_profile(out, sourcing)
        if len(appearances) > 1:  # the same text from other outlets, URLs or dates
            out.print(render.rows_table(appearances, APPEARANCE_COLUMNS, f"Appearances ({len(appearances)})"))
    else:
        sys.stdout.write(record.to_json(indent=2 if chosen is RecordFormat.json else None) + "\n")


APPEARANCE_COLUMNS = ("published", "source", "url", "input_id", "origin", "first")
STATEMENT_COLUMNS = ("published", "article_id", "statement_id", "speaker_name", "cue", "stance", "content")
EVENT_COLUMNS = ("published", "article_id", "event_id", "type", "source_name", "target_name", "status",
                 "when_start", "evidence")


@app.command()
def statements(
    db: DbOption = Path(DEFAULT_DB),
    speaker: Annotated[str | None, typer.Option(help="Speaker name or text contains this.")] = None,
    stance: Annotated[str | None, typer.Option(help="assert, deny, confirm, neither, hedge, ...")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this date.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: Annotated[RowFormat | None, typer.Option("--format", "-f")] = None,
) -> None:
    """List stored statements."""
    with _open(db) as ledger:
        rows = ledger.statements(speaker=speaker, stance=stance, since=_date(since, "--since"),
                                 until=_date(until, "--until"), limit=limit)
    _print_rows(rows, STATEMENT_COLUMNS, "Statements", fmt)


@app.command()
def events(
    db: DbOption = Path(DEFAULT_DB),
    actor: Annotated[str | None, typer.Option(help="Source or target contains this.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")] = None,
    status: Annotated[str | None, typer.Option(help="occurred, reported, planned, possible, denied, negated.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this date.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: Annotated[RowFormat | None, typer.Option("--format", "-f")] = None,
) -> None:
    """List stored events."""
    with _open(db) as ledger:
        rows = ledger.events(actor=actor, type=type_.upper() if type_ else None, status=status,
                             since=_date(since, "--since"), until=_date(until, "--until"), limit=limit)
    _print_rows(rows, EVENT_COLUMNS, "Events", fmt)


def _print_rows(rows: Sequence[Any], columns: tuple[str, ...], title: str, fmt: RowFormat | None) -> None:
    chosen = _row_format(fmt)
    if chosen is RowFormat.table:
        out.print(render.rows_table(rows, columns, f"{title} ({len(rows)})"))
    elif chosen is RowFormat.csv:
        render.write_csv(rows, sys.stdout)
    else:
        render.write_jsonl(rows, sys.stdout)


@app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl (full records), csv, parquet or jsonld (claims).")
    ],
    db: DbOption = Path(DEFAULT_DB),
    out_path: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout for jsonl/csv).")] = None,
    table: Annotated[
        str, typer.Option(help="records (jsonl only), articles, statements, events, entities, claims, gdelt.")
    ] = "",
) -> None:
    """Export the ledger: full records as JSON Lines, or a flat table as CSV or Parquet.

    ``--table claims`` (jsonl) writes the claims with their timelines; ``--format jsonld`` the
    claims as schema.org Claim JSON-LD; ``--table gdelt`` the events as a GDELT-like
    flat table with PLOVER fields (csv, parquet or jsonl).
    """
    chosen_table = table or {ExportFormat.jsonl: "records", ExportFormat.jsonld: "claims"}.get(fmt, "statements")
    if out_path is None and fmt is ExportFormat.parquet:
        raise _fail("parquet needs a file: add --out FILE.parquet")
    if fmt is ExportFormat.jsonld and chosen_table != "claims":
        raise _fail("jsonld exports the claims (schema.org Claim); drop --table or use --table claims")
    if chosen_table == "claims" and fmt not in (ExportFormat.jsonl, ExportFormat.jsonld):
        raise _fail("claims export as jsonl (with their timelines) or jsonld (schema.org Claim)")
    with _open(db) as ledger:
        try:
            target = out_path or Path(_tmp_name(fmt.value))
            if fmt is ExportFormat.jsonld:
                n = link_export.claims_jsonld(ledger, target)
            elif chosen_table == "claims":
                n = link_export.claims_jsonl(ledger, target)
            elif chosen_table == "gdelt":
                n = link_export.events_table(ledger, fmt.value, target)  # type: ignore[arg-type]
            else:
                n = ledger.export(fmt.value, target, table=chosen_table)  # type: ignore[arg-type]
            if out_path is None:
                sys.stdout.write(target.read_text(encoding="utf-8"))
                target.unlink()
        except NewsledgerError as exc:
            raise _fail(str(exc)) from exc
    err.print(f"exported {n} rows of {chosen_table}" + (f" to {out_path}" if out_path else ""), highlight=False)


def _tmp_name(suffix: str) -> str:
    fd, name = tempfile.mkstemp(suffix=f".{suffix}")
    os.close(fd)
    return name


@app.command()
def summary(db: DbOption = Path(DEFAULT_DB)) -> None:
    """What the ledger holds: articles, top speakers, stances, events by type and status."""
    with _open(db) as ledger:
        s = ledger.summary()
        contested = link.claims(ledger, contested=True, limit=SUMMARY_CLAIMS)
    render.print_summary(out, s, contested=contested)


SUMMARY_CLAIMS = 5


@app.command()
def claims(
    db: DbOption = Path(DEFAULT_DB),
    contested: Annotated[
        bool, typer.Option("--contested", help="Only claims confirmed by one source and denied by another.")
    ] = False,
    actor: Annotated[
        str | None, typer.Option(help="Claims in which this actor (name or alias contains) takes a side.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Claims with an appearance on or after this date.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many claims.")] = None,
    min_sources: Annotated[
        int, typer.Option("--min-sources", min=0,
                          help="Only claims asserted or confirmed by at least this many independent sources "
                               "(2 leaves out single-source statements).")
    ] = 0,
    fmt: Annotated[RowFormat | None, typer.Option("--format", "-f")] = None,
) -> None:
    """Claims across articles, each with its sides: asserted, confirmed, denied, neither, with outlets."""
    with _open(db) as ledger:
        try:
            rows = link.claims(ledger, contested=contested, actor=actor, since=_date(since, "--since"), limit=limit,
                               min_sources=min_sources)
        except NewsledgerError as exc:
            raise _fail(str(exc)) from exc
    if _row_format(fmt) is RowFormat.table:
        render.print_claims(out, rows)
    else:
        _print_rows(rows, (), "Claims", fmt)


@app.command()
def claim(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id (see `newsledger claims`).")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[RowFormat | None, typer.Option("--format", "-f")] = None,
) -> None:
    """One claim and its timeline, source by source."""
    with _open(db) as ledger:
        detail = link.claim(ledger, claim_id)
    if detail is None:
        raise _fail(f"no claim {claim_id!r} in {db}; list them with `newsledger claims`", 1)
    _print_detail(detail, render.print_claim, fmt)


@app.command()
def actors(
    db: DbOption = Path(DEFAULT_DB),
    name: Annotated[str | None, typer.Option(help="Name or an alias contains this.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many actors.")] = None,
    fmt: Annotated[RowFormat | None, typer.Option("--format", "-f")] = None,
) -> None:
    """Canonical actors across articles, with the names they go by."""
    with _open(db) as ledger:
        rows = link.actors(ledger, name=name, limit=limit)
    _print_rows(rows, ACTOR_COLUMNS, "Actors", fmt)


ACTOR_COLUMNS = ("actor_id", "name", "kind", "country", "sector", "n_statements", "n_articles", "aliases")


@app.command()
def actor(
    name: Annotated[str, typer.Argument(metavar="NAME", help="An actor's name, alias or id.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[RowFormat | None, typer.Option("--format", "-f")] = None,
) -> None:
    """One actor: statements by it, statements about it, events with it, counterparts."""
    with _open(db) as ledger:
        detail = link.actor(ledger, name)
    if detail is None:
        raise _fail(f"no actor matches {name!r} in {db}; list them with `newsledger actors`", 1)
    _print_detail(detail, render.print_actor, fmt)


def _print_detail(detail: Any, printer: Callable[[Console, Any], None], fmt: RowFormat | None) -> None:
    if _row_format(fmt) is RowFormat.table:
        printer(out, detail)
    else:
        render.write_jsonl([detail], sys.stdout)


class CheckFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


@app.command()
def check(
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text or jsonl (one fault a line).")] = (
        CheckFormat.text
    ),
) -> None:
    """Check the ledger's integrity: every reference, claim member and count against what it points at.

    Prints each kind of fault with its count, examples and the fix, and exits 1; prints
    "no faults" and exits 0 when the ledger is whole.
    """
    from newsledger.link.check import check as check_ledger

    with _open(db) as ledger:
        try:
            report = check_ledger(ledger)
        except NewsledgerError as exc:
            raise _fail(str(exc)) from exc
    for fault in report.faults:
        if fmt is CheckFormat.jsonl:
            sys.stdout.write(json.dumps(dataclasses.asdict(fault), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"{fault.kind}: {fault.count} - {fault.message}\n")
            sys.stdout.writelines(f"  {example}\n" for example in fault.examples)
    if not report.ok:
        err.print(f"{db}: {len(report.faults)} kinds of fault, {sum(f.count for f in report.faults)} faulty rows "
                  f"({len(report.checked)} checked)", highlight=False)
        raise typer.Exit(1)
    (err if fmt is CheckFormat.jsonl else out).print(f"no faults ({len(report.checked)} checks)", highlight=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one ledger record."""
    sys.stdout.write(json.dumps(record_json_schema(), indent=2) + "\n")


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_write: Annotated[
        bool, typer.Option("--allow-write", help="Accept POST /api/articles with the bearer token $NEWSLEDGER_TOKEN.")
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="A Host name clients may use, beside the loopback names and --host "
                                            "(repeatable; '*' accepts any, e.g. behind a proxy that checks it)."),
    ] = None,
) -> None:
    """Serve the ledger: pages at / and the HTTP API at /api (OpenAPI at /docs)."""
    import uvicorn

    from newsledger.web import create_app
    from newsledger.web.guard import allowed_host_names
    from newsledger.web.server import public_bind_warning, uvicorn_options

    if not allow_write and not db.exists():
        raise _fail(f"{db}: no ledger here; create one with `newsledger ingest PATH --db {db}`")
    try:
        web_app = create_app(db, allow_write=allow_write, allowed_hosts=allowed_host_names(host, allowed_host or ()))
    except NewsledgerError as exc:
        raise _fail(str(exc)) from exc
    warning = public_bind_warning(host)
    if warning:
        err.print(warning, style="yellow", highlight=False)
    err.print(f"serving {db} at http://{host}:{port}/ ({'read-write' if allow_write else 'read-only'})",
              highlight=False)
    uvicorn.run(web_app, host=host, port=port, log_level="info", **uvicorn_options())


def main() -> None:
    app()


if __name__ == "__main__":
    main()
