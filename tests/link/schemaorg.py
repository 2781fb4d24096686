"""A small schema.org vocabulary (the types the JSON-LD export may use) and a validator of JSON-LD against it.

Written from the type pages of https://schema.org: for each type, its parent and the properties schema.org
defines *on that type* with their expected types; a type also has every property of its ancestors.  Data
types: ``Text`` (a string; ``URL`` is a Text that is an http(s) URL), ``Date`` (ISO 8601 calendar date),
``DateTime``, ``Number``.  Only the properties a claim export could use are listed; a property outside
this list is reported as unknown, so an export cannot use one without it being added here from schema.org.

Google's ClaimReview requirements (https://developers.google.com/search/docs/appearance/structured-data/
factcheck): ``claimReviewed``, ``reviewRating`` (with ``alternateName``) and ``url`` are required; the
review's ``author`` and ``datePublished`` are checked too (the issue asks for the review date).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

DATA_TYPES = frozenset({"Text", "URL", "Date", "DateTime", "Number", "Boolean"})

# type -> (parent, {property: expected types})
VOCABULARY: dict[str, tuple[str | None, dict[str, tuple[str, ...]]]] = {
    "Thing": (None, {
        "name": ("Text",),
        "alternateName": ("Text",),
        "description": ("Text", "TextObject"),
        "identifier": ("PropertyValue", "Text", "URL"),
        "url": ("URL",),
        "sameAs": ("URL",),
        "image": ("ImageObject", "URL"),
    }),
    "CreativeWork": ("Thing", {
        "author": ("Organization", "Person"),
        "publisher": ("Organization", "Person"),
        "datePublished": ("Date", "DateTime"),
        "dateCreated": ("Date", "DateTime"),
        "dateModified": ("Date", "DateTime"),
        "headline": ("Text",),
        "text": ("Text",),
        "inLanguage": ("Language", "Text"),
        "about": ("Thing",),
        "citation": ("CreativeWork", "Text"),
        "review": ("Review",),
        "isBasedOn": ("CreativeWork", "Product", "URL"),
    }),
    "Claim": ("CreativeWork", {
        "appearance": ("CreativeWork",),
        "firstAppearance": ("CreativeWork",),
        "claimInterpreter": ("Organization", "Person"),
    }),
    "Review": ("CreativeWork", {
        "itemReviewed": ("Thing",),
        "reviewRating": ("Rating",),
        "reviewBody": ("Text",),
        "reviewAspect": ("Text",),
    }),
    "ClaimReview": ("Review", {
        "claimReviewed": ("Text",),
    }),
    "Intangible": ("Thing", {}),
    "Rating": ("Intangible", {
        "ratingValue": ("Number", "Text"),
        "bestRating": ("Number", "Text"),
        "worstRating": ("Number", "Text"),
        "ratingExplanation": ("Text",),
        "author": ("Organization", "Person"),
        "reviewAspect": ("Text",),
    }),
    "Person": ("Thing", {
        "givenName": ("Text",),
        "familyName": ("Text",),
        "jobTitle": ("DefinedTerm", "Text"),
        "affiliation": ("Organization",),
        "worksFor": ("Organization",),
    }),
    "Organization": ("Thing", {
        "legalName": ("Text",),
        "parentOrganization": ("Organization",),
    }),
}

GOOGLE_CLAIMREVIEW_REQUIRED = ("claimReviewed", "reviewRating", "url", "author", "datePublished")


def ancestors(type_: str) -> list[str]:
    """``type_`` and its parents, up to Thing."""
    out = []
    cur: str | None = type_
    while cur is not None:
        out.append(cur)
        cur = VOCABULARY[cur][0]
    return out


def properties(type_: str) -> dict[str, tuple[str, ...]]:
    props: dict[str, tuple[str, ...]] = {}
    for t in reversed(ancestors(type_)):
        props.update(VOCABULARY[t][1])
    return props


def _fits_data(value: Any, expected: str) -> bool:
    if expected in ("Text",):
        return isinstance(value, str)
    if expected == "URL":
        return isinstance(value, str) and value.startswith(("http://", "https://"))
    if expected == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected == "Boolean":
        return isinstance(value, bool)
    if expected in ("Date", "DateTime") and isinstance(value, str):
        try:
            (date if expected == "Date" else datetime).fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


def validate(node: Any, expected: tuple[str, ...] = ("Thing",), where: str = "$") -> list[str]:
    """Every way ``node`` breaks the vocabulary: unknown type or property, a value of the wrong type."""
    if isinstance(node, list):
        return [e for i, item in enumerate(node) for e in validate(item, expected, f"{where}[{i}]")]
    if not isinstance(node, dict):
        if any(_fits_data(node, t) for t in expected if t in DATA_TYPES):
            return []
        return [f"{where}: {node!r} is none of {', '.join(expected)}"]
    type_ = node.get("@type")
    if type_ not in VOCABULARY:
        return [f"{where}: @type {type_!r} is not in the vocabulary"]
    if not set(ancestors(type_)) & set(expected):
        return [f"{where}: a {type_} where {' or '.join(expected)} is expected"]
    errors = []
    props = properties(type_)
    for key, value in node.items():
        if key in ("@type", "@context"):
            continue
        if key not in props:
            errors.append(f"{where}.{key}: not a property of {type_}")
            continue
        errors.extend(validate(value, props[key], f"{where}.{key}"))
    return errors


def google_claimreview_errors(review: dict[str, Any], statuses: tuple[str, ...]) -> list[str]:
    """What Google's fact-check markup requires and ``review`` lacks; a ledger status is no rating."""
    errors = [f"ClaimReview.{k} is missing" for k in GOOGLE_CLAIMREVIEW_REQUIRED if not review.get(k)]
    rating = review.get("reviewRating") or {}
    name = rating.get("alternateName")
    if not name:
        errors.append("ClaimReview.reviewRating.alternateName is missing")
    elif name in statuses:
        errors.append(f"ClaimReview.reviewRating.alternateName {name!r} is a ledger status, not a rating")
    author = review.get("author") or {}
    if isinstance(author, dict) and not author.get("name"):
        errors.append("ClaimReview.author.name is missing")
    return errors
