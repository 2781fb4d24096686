"""The actor dictionary: names, demonyms, capitals and roles coded as PLOVER country and sector.

First version: countries from pycountry.  (Extended by the events stage work.)
"""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=4096)
def code_entity(name: str, label: str) -> tuple[str | None, str | None]:
    """PLOVER (country, sector) for an entity name of a spaCy type, or (None, None)."""
    if label in {"GPE", "NORP", "LOC"}:
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            return None, None
        return str(country.alpha_3), None
    return None, None
