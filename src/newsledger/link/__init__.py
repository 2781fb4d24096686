"""The cross-article layer: one actor per person or body, wire copies grouped, claims and their fate.

Updated incrementally as each article is stored (:func:`update`): the article's
rows are compared only with candidates found through indexes (alias keys, LSH
buckets, an inverted index of claim terms), never with the whole corpus.

Modules: :mod:`~newsledger.link.actors` (canonical actors),
:mod:`~newsledger.link.duplicates` (MinHash/LSH near-duplicates),
:mod:`~newsledger.link.claims` (claims and their status),
:mod:`~newsledger.link.profile` (sourcing profile per article),
:mod:`~newsledger.link.export` (claims JSONL, schema.org Claim JSON-LD, GDELT-like events),
:mod:`~newsledger.link.check` (the integrity check),
:mod:`~newsledger.link.query` (the read functions below).
"""

# ruff: noqa: I001
from __future__ import annotations

# the update imports the submodules ``claims`` and ``profile`` first, so that the
# query functions of the same names below are what ``newsledger.link.claims`` etc. are
from newsledger.link.update import catch_up, is_linked, rebuild, update
from newsledger.link.query import actor, actors, claim, claims, duplicate_groups, profile
from newsledger.link.types import (
    CLAIM_STATUSES,
    ActorAlias,
    ActorDetail,
    ActorEvent,
    ActorRow,
    ActorStatement,
    ClaimAppearance,
    ClaimDetail,
    ClaimRef,
    ClaimRow,
    Counterpart,
    DuplicateGroup,
    DuplicateMember,
    SourcingProfile,
    Voice,
)

__all__ = [
    "CLAIM_STATUSES",
    "ActorAlias",
    "ActorDetail",
    "ActorEvent",
    "ActorRow",
    "ActorStatement",
    "ClaimAppearance",
    "ClaimDetail",
    "ClaimRef",
    "ClaimRow",
    "Counterpart",
    "DuplicateGroup",
    "DuplicateMember",
    "SourcingProfile",
    "Voice",
    "actor",
    "actors",
    "catch_up",
    "claim",
    "claims",
    "duplicate_groups",
    "is_linked",
    "profile",
    "rebuild",
    "update",
]
