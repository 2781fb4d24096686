from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from _read_helpers import only_article, only_failure, read_all
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.read import read_paths
from newsledger.read.text import split_title

Write = Callable[..., Path]

BAR_LAYOUT = "Harbour strike ends\n|\nDock workers returned on Friday, the union said.\n"


def test_title_bar_layout(write: Write) -> None:
    article = only_article(read_all(write("harbour-strike.txt", BAR_LAYOUT)))
    assert article.id == "harbour-strike"
    assert article.text == BAR_LAYOUT
    assert article.title == "Harbour strike ends"
    assert article.text[article.body_start :].startswith("Dock workers")
    assert article.body_start == BAR_LAYOUT.index("Dock")
    assert article.origin.endswith("harbour-strike.txt")


def test_crlf_is_kept_verbatim(write: Write) -> None:
    content = "Rain floods valley\r\n|\r\nThe river rose overnight.\r\nTwo roads closed.\r\n"
    article = only_article(read_all(write("rain.txt", content)))
    assert article.text == content
    assert article.title == "Rain floods valley"
    assert article.text[article.body_start :] == "The river rose overnight.\r\nTwo roads closed.\r\n"


def test_title_blank_line_layout(write: Write) -> None:
    content = "Library reopens\n\nThe city library reopened, its director said.\n"
    article = only_article(read_all(write("lib.md", content)))
    assert article.title == "Library reopens"
    assert article.text[article.body_start :] == "The city library reopened, its director said.\n"


def test_no_title_when_first_line_is_long_or_not_separated() -> None:
    long_line = "word " * 50
    assert split_title(long_line + "\n\nBody.") == (None, 0)
    assert split_title("First sentence here.\nSecond line straight after.") == (None, 0)
    assert split_title("Only one line") == (None, 0)
    assert split_title("\nBody after a blank first line") == (None, 0)


def test_bar_layout_allows_a_long_title() -> None:
    title = "A " * 150
    assert split_title(title + "\n|\nBody") == (title.strip(), len(title) + 3)


def test_utf8_bom_is_not_part_of_text(write: Write) -> None:
    article = only_article(read_all(write("bom.txt", b"\xef\xbb\xbfCaf\xc3\xa9 talks resume.")))
    assert article.text == "Café talks resume."


def test_cp1252_fallback(write: Write) -> None:
    data = "The minister’s reply – brief.".encode("cp1252")
    article = only_article(read_all(write("old.txt", data)))
    assert article.text == "The minister’s reply – brief."


def test_empty_file(write: Write) -> None:
    failure = only_failure(read_all(write("empty.txt", b"")))
    assert "file is empty" in failure.reason
    assert failure.origin.endswith("empty.txt")


def test_whitespace_only_file(write: Write) -> None:
    assert "only whitespace" in only_failure(read_all(write("blank.txt", " \n\t\n"))).reason


def test_binary_file(write: Write) -> None:
    failure = only_failure(read_all(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
    assert "binary" in failure.reason


def test_undecodable_bytes_are_binary(write: Write) -> None:
    data = bytes(range(1, 32)) * 20 + b"\x81\x8d"
    assert "binary" in only_failure(read_all(write("junk.txt", data))).reason


# Text a person could save as a .txt file: anything but NUL, not starting with a BOM,
# with some non-whitespace content.
_texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1).filter(
    lambda s: bool(s.strip()) and not s.startswith("\ufeff")
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=_texts)
def test_any_text_file_reads_back_exactly(tmp_path: Path, content: str) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(content.encode("utf-8"))
    article = only_article(list(read_paths([path])))
    assert article.text == content
    assert 0 <= article.body_start <= len(content)
    if article.title is not None:
        first_line = content.split("\n", 1)[0]
        assert article.title == first_line.strip()
        start = content.index(article.title)
        assert content[start : start + len(article.title)] == article.title
        assert start + len(article.title) <= article.body_start
    else:
        assert article.body_start == 0
