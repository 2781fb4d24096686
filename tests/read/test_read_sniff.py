from __future__ import annotations

import pytest

from newsledger.read.sniff import kind_from_content, kind_from_format, kind_from_name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.MD", "text"),
        ("a.json", "json"),
        ("a.jsonl", "jsonl"),
        ("a.csv", "csv"),
        ("a.tsv", "csv"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.xml", "feed"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.jsonl.gz", "jsonl"),
        ("a.txt.GZ", "text"),
        ("a.png", None),
        ("a.gz", None),
        ("README", None),
        (".txt", None),
    ],
)
def test_kind_from_name(name: str, kind: str | None) -> None:
    assert kind_from_name(name) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ('[{"text": "a"}]', "json"),
        ('{\n  "text": "a"\n}', "json"),
        ('{"text": "a"}', "json"),
        ('{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ('\ufeff  <?xml version="1.0"?><rss>', "feed"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("<!DOCTYPE html><html>", "html"),
        ("<html lang='en'>", "html"),
        ("<!-- saved --><html>", "html"),
        ("Headline\n|\nBody", "text"),
        ("", "text"),
    ],
)
def test_kind_from_content(head: str, kind: str) -> None:
    assert kind_from_content(head) == kind


def test_kind_from_format() -> None:
    assert kind_from_format("TXT") == "text"
    assert kind_from_format(".rss") == "feed"
    assert kind_from_format("jsonl") == "jsonl"
    assert kind_from_format("docx") is None
