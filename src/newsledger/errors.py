"""newsledger's exception tree.

Every message names the thing at fault (a file, a field, a model) and the fix.

    NewsledgerError
    ├── InputError          an input file or stream cannot be read as articles
    │   └── EmptyInputError the input holds no article text
    ├── ModelError          the spaCy pipeline cannot be loaded
    ├── LexiconError        a lexicon or dictionary data file is malformed
    └── StoreError          the ledger database cannot be opened or written
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class of every error newsledger raises on purpose."""


class InputError(NewsledgerError):
    """An input cannot be read as articles.  ``source`` names the file."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInputError(InputError):
    """The input holds no article text."""


class ModelError(NewsledgerError):
    """The spaCy pipeline named cannot be loaded."""


class LexiconError(NewsledgerError):
    """A lexicon or dictionary file is malformed; the message names file and line."""


class StoreError(NewsledgerError):
    """The ledger database cannot be opened, migrated or written."""
