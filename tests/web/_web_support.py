"""Shared data of the web tests: the write token and an article full of markup."""

from __future__ import annotations

from newsledger.record import Record

HOSTILE_ID = "hostile-markup"
TOKEN = "test-token-0123456789"


def hostile_record() -> Record:
    """An article whose title, text and speaker are HTML and script: every page must show them as text."""
    title = "<script>alert('title')</script> <b>Bold</b> claims"
    text = (
        f"{title}\n|\n"
        "<img src=x onerror=\"alert('img')\"> The minister <i>Ana \"Quote\" Marsh</i> said "
        "<script>alert('content')</script> & prices would fall."
    )
    speaker = "<i>Ana \"Quote\" Marsh</i>"
    s_start = text.index(speaker)
    cue_start = text.index(" said ") + 1
    content = "<script>alert('content')</script> & prices would fall"
    c_start = text.index(content)
    return Record.model_validate(
        {
            "id": HOSTILE_ID,
            "title": title,
            "published": "2026-03-11",
            "source": "<em>Evil Times</em>",
            "text": text,
            "entities": [
                {"id": "e1", "name": "Ana \"<Quote>\" Marsh", "type": "PERSON",
                 "mentions": [[s_start, s_start + len(speaker)]]},
            ],
            "statements": [
                {
                    "id": "s1",
                    "speaker": {"text": speaker, "span": [s_start, s_start + len(speaker)], "entity": "e1",
                                "name": "Ana \"<Quote>\" Marsh", "anonymous": False},
                    "cue": {"text": "said", "lemma": "say", "span": [cue_start, cue_start + 4]},
                    "content": {"text": content, "spans": [[c_start, c_start + len(content)]]},
                    "kind": "indirect",
                    "stance": "assert",
                    "about": None,
                }
            ],
            "events": [],
        }
    )
