"""The actor dictionary: loader, lookups, dated office holders, user extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.nlp import actors


def test_countries_demonyms_capitals_metonyms() -> None:
    d = actors.load_actors(use_env=False)
    assert d.name("the Kremlin") == ("RUS", "GOV")
    assert d.name("White House") == ("USA", "GOV")
    assert d.name("Kyiv")[0] == "UKR"
    assert d.name("Burkinabe")[0] == "BFA"
    assert d.name("Tanzania")[0] == "TZA"  # from pycountry's common names
    assert d.name("European Union") == ("IGO", "EUR")
    assert d.role("lawmakers") == "LEG" and d.role("spokesperson") == "GOV" and d.role("rebels") == "REB"


def test_dated_office_holders() -> None:
    d = actors.load_actors(use_env=False)
    assert d.person("Angela Merkel", "2010-05-01") == ("DEU", "GOV")
    assert d.person("Angela Merkel", "2023-05-01") == ("DEU", "ELI")
    assert d.person("Trump", "2023-01-01") == ("USA", "ELI")
    assert d.person("Trump", "2025-02-09") == ("USA", "GOV")


def test_code_entity_keeps_its_signature() -> None:
    assert actors.code_entity("Russia", "GPE") == ("RUS", None)
    assert actors.code_entity("Vladimir Putin", "PERSON", "2020-01-01") == ("RUS", "GOV")
    assert actors.code_entity("Nowhereland", "GPE") == (None, None)


def test_user_extension_file(tmp_path: Path) -> None:
    extra = tmp_path / "my_actors.tsv"
    extra.write_text(
        "# my additions\nBlue Mountain Front\tCOL\tREB\nJane Placeholder\tNZL\tGOV\t2020-01-01\t2022-01-01\n"
        "harbour master\t\tGOV\n",
        encoding="utf-8",
    )
    d = actors.load_actors(extra=[extra], use_env=False)
    assert d.name("the Blue Mountain Front") == ("COL", "REB")
    assert d.person("Jane Placeholder", "2021-06-01") == ("NZL", "GOV")
    assert d.person("Jane Placeholder", "2023-06-01") == ("NZL", "ELI")
    assert d.role("harbour master") == "GOV"


def test_user_extension_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "env_actors.tsv"
    extra.write_text("Green Valley Council\tIRL\tGOV\n", encoding="utf-8")
    monkeypatch.setenv(actors.ENV_VAR, str(extra))
    assert actors.load_actors().name("Green Valley Council") == ("IRL", "GOV")


def test_code_mention_roles() -> None:
    import spacy

    nlp = spacy.blank("en")
    doc = nlp("lawmaker")
    assert actors.role_sector(doc[0]) == "LEG"
