"""The command line: thin commands over the library.  Data goes to stdout, messages to stderr."""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsledger import render
from newsledger.api import extract_paths
from newsledger.article import Article, ReadFailure
from newsledger.errors import NewsledgerError
from newsledger.ledger import Ledger
from newsledger.read import parse_date
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


DbOption = Annotated[Path, typer.Option("--db", help="The ledger file (DuckDB).", envvar="NEWSLEDGER_DB")]
ModelOption = Annotated[str | None, typer.Option("--model", help="An installed spaCy pipeline to use.")]
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
) -> None:
    """Print one ledger record per article, storing nothing."""
    chosen = fmt or (RecordFormat.table if sys.stdout.isatty() else RecordFormat.jsonl)
    published = _date(published, "--published")
    failures = 0
    records: list[Record] = []
    try:
        for result in extract_paths(paths, published=published, model=model):
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
) -> None:
    """Extract and store articles; articles already stored (same content) are skipped."""
    published = _date(published, "--published")
    try:
        with Ledger(db) as ledger, _progress() as progress:
            task = progress.add_task("ingesting", total=None)

            def on_item(item: Article | ReadFailure, outcome: str) -> None:
                if isinstance(item, ReadFailure):
                    err.print(f"[red]failed[/] {item}", highlight=False)
                progress.advance(task)

            report = ledger.ingest(paths, published=published, model=model, on_item=on_item)
            counts = ledger.counts()
    except NewsledgerError as exc:
        raise _fail(str(exc)) from exc
    err.print(
        f"stored {len(report.stored)}, already stored {len(report.skipped)}, failed {len(report.failures)}; "
        f"ledger {db} now holds {counts.get('articles', 0)} articles, {counts.get('statements', 0)} "
        f"statements, {counts.get('events', 0)} events",
        highlight=False,
    )
    if report.failures:
        raise typer.Exit(1)


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
    if record is None:
        raise _fail(f"no article {article_id!r} in {db}; list ids with `newsledger export --format jsonl`", 1)
    chosen = fmt or (RecordFormat.table if sys.stdout.isatty() else RecordFormat.json)
    if chosen is RecordFormat.table:
        render.print_tables(out, render.record_tables(record))
    else:
        sys.stdout.write(record.to_json(indent=2 if chosen is RecordFormat.json else None) + "\n")


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
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl (full records), csv or parquet.")],
    db: DbOption = Path(DEFAULT_DB),
    out_path: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout for jsonl/csv).")] = None,
    table: Annotated[str, typer.Option(help="records (jsonl only), articles, statements, events, entities.")] = "",
) -> None:
    """Export the ledger: full records as JSON Lines, or a flat table as CSV or Parquet."""
    chosen_table = table or ("records" if fmt is ExportFormat.jsonl else "statements")
    if out_path is None and fmt is ExportFormat.parquet:
        raise _fail("parquet needs a file: add --out FILE.parquet")
    with _open(db) as ledger:
        try:
            if out_path is None:
                tmp = Path(_tmp_name(fmt.value))
                n = ledger.export(fmt.value, tmp, table=chosen_table)
                sys.stdout.write(tmp.read_text(encoding="utf-8"))
                tmp.unlink()
            else:
                n = ledger.export(fmt.value, out_path, table=chosen_table)
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
    render.print_summary(out, s)


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
) -> None:
    """Serve the ledger: pages at / and the HTTP API at /api (OpenAPI at /docs)."""
    import uvicorn

    from newsledger.web import create_app

    if not allow_write and not db.exists():
        raise _fail(f"{db}: no ledger here; create one with `newsledger ingest PATH --db {db}`")
    try:
        web_app = create_app(db, allow_write=allow_write)
    except NewsledgerError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"serving {db} at http://{host}:{port}/ ({'read-write' if allow_write else 'read-only'})",
              highlight=False)
    uvicorn.run(web_app, host=host, port=port, log_level="info")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
