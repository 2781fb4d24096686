from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from _read_helpers import only_article, only_failure, read_all

from newsledger.article import Article, ReadFailure
from newsledger.read import read_text

Write = Callable[..., Path]


def test_comma_csv_with_fields(write: Write) -> None:
    content = (
        "id,title,body,date,url,outlet\r\n"
        'c-1,Strike ends,"Workers returned, the union said.\r\nTalks go on.",2025/02/09,https://e.com/1,Post\r\n'
        ",Second,Another story.,,,\r\n"
    )
    first, second = read_all(write("news.csv", content))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "c-1" and first.title == "Strike ends" and first.source == "Post"
    assert first.text == "Workers returned, the union said.\r\nTalks go on."
    assert first.published == "2025-02-09" and first.url == "https://e.com/1"
    assert second.id == "news#2" and second.published is None and second.url is None


def test_semicolon_and_tab_delimiters(write: Write) -> None:
    semi = only_article(read_all(write("semi.csv", "Title;Text\nA title;Some text, with a comma.\n")))
    assert (semi.title, semi.text, semi.id) == ("A title", "Some text, with a comma.", "semi")
    tab = only_article(read_all(write("tabs.tsv", "title\ttext\nT\tTabbed text.\n")))
    assert tab.text == "Tabbed text."


def test_csv_without_text_column_names_its_columns(write: Write) -> None:
    failure = only_failure(read_all(write("cols.csv", "headline,author\nSomething,Someone\n")))
    assert "'headline', 'author'" in failure.reason and "'text' or 'body'" in failure.reason


def test_row_with_empty_text_fails_alone(write: Write) -> None:
    items = read_all(write("rows.csv", "title,text\nA,First.\nB,\nC,Third.\n"))
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and "row 2" in failure.reason


def test_row_over_limit_fails_alone(write: Write) -> None:
    content = "text\nshort\n" + "z" * 300 + "\nshort too\n"
    items = read_all(write("long.csv", content), max_bytes=100)
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and "--max-bytes" in failure.reason


def test_big_field_under_limit_is_read(write: Write) -> None:
    body = "word " * 60_000
    assert only_article(read_all(write("wide.csv", f"text\n{body}\n"))).text == body


def test_header_only_and_empty(write: Write) -> None:
    assert "no rows" in only_failure(read_all(write("head.csv", "title,text\n"))).reason
    assert "empty" in only_failure(read_all(write("nothing.csv", b""))).reason


def test_csv_gz_and_bom(write: Write) -> None:
    article = only_article(read_all(write("bom.csv.gz", "\ufefftext,title\nBody here.,T\n")))
    assert (article.text, article.title, article.id) == ("Body here.", "T", "bom")


def test_csv_with_nul_is_binary(write: Write) -> None:
    assert "binary" in only_failure(read_all(write("nul.csv", b"text\nab\x00cd\n"))).reason


def test_read_text_csv() -> None:
    article = only_article(list(read_text('text,title\n"Line one\r\nline two",T\n', fmt="csv", id="paste")))
    assert article.text == "Line one\r\nline two" and article.id == "paste"


def test_unterminated_quote_names_its_line_and_keeps_the_rows_after(write: Write) -> None:
    content = (
        "id,text\n"
        "1,First article.\n"
        '2,"Second article, whose quote never closes.\n'
        "3,Third article.\n"
        "4,Fourth article.\n"
    )
    items = read_all(write("open.csv", content))
    assert [type(i).__name__ for i in items] == ["Article", "ReadFailure", "Article", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and failure.origin.endswith("open.csv")
    assert "row 2" in failure.reason and "quote opened on line 3 that is never closed" in failure.reason
    assert [i.text for i in items if isinstance(i, Article)] == ["First article.", "Third article.", "Fourth article."]


def test_quoted_fields_with_line_breaks_and_doubled_quotes_are_one_row(write: Write) -> None:
    content = 'id;text\n1;"She said ""no"";\nthen left"\n2;"Plain ""quoted"" text"\n'
    first, second = read_all(write("quoted.csv", content))
    assert isinstance(first, Article) and first.text == 'She said "no";\nthen left'
    assert isinstance(second, Article) and second.text == 'Plain "quoted" text'


def test_sloppy_quote_inside_an_unquoted_field_is_text(write: Write) -> None:
    items = read_all(write("sloppy.csv", 'text,title\nHe said "yes,T1\nNext row.,T2\n'))
    assert [i.text for i in items if isinstance(i, Article)] == ['He said "yes', "Next row."]


def test_quoted_field_over_limit_fails_its_row_only(write: Write) -> None:
    content = 'id,text\n1,First.\n2,"' + "a long line\n" * 40 + '"\n3,Third.\n4,"Fourth, quoted."\n'
    items = read_all(write("huge-field.csv", content), max_bytes=100)
    assert [type(i).__name__ for i in items] == ["Article", "ReadFailure", "Article", "Article"]
    failure = items[1]
    assert isinstance(failure, ReadFailure) and "row 2 (lines 3-43)" in failure.reason
    assert "--max-bytes" in failure.reason
    assert [i.text for i in items if isinstance(i, Article)] == ["First.", "Third.", "Fourth, quoted."]


def test_many_unclosed_quotes_end_in_failures_not_a_hang(write: Write) -> None:
    items = read_all(write("quotes.csv", "text\n" + '"x\n' * 500))
    assert items and all(isinstance(i, (Article, ReadFailure)) for i in items)
    assert sum(isinstance(i, ReadFailure) for i in items) <= 21


def test_csv_of_only_delimiters_is_one_failure(write: Write) -> None:
    assert "only delimiters" in only_failure(read_all(write("commas.csv", ",,\n,\n"))).reason
    assert "only delimiters" in only_failure(list(read_text(",", fmt="csv"))).reason
