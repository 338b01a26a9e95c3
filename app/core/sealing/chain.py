"""A sha256 hash chain: each entry's hash covers its canonical content and the previous
entry's hash, so changing, removing or inserting an entry breaks every link after it.

Shared by the safeguarding chain (app/core/safeguarding/chain.py) and the seals of issued
invoices, credit notes and signed contract versions (app/core/sealing/seals.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(content: dict[str, Any]) -> str:
    """One spelling of the content: JSON, sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def bytes_digest(data: bytes | None) -> str | None:
    return hashlib.sha256(bytes(data)).hexdigest() if data is not None else None


@dataclass(frozen=True)
class Link:
    """One entry as stored, and whether its content still gives its stored hash."""

    seq: int
    name: str  # what the carer reads, e.g. "invoice INV-0003"; never the free text
    content_matches: bool
    prev_hash: str
    content_hash: str


def link_problems(links: Iterable[Link], head: str | None, what: str) -> list[str]:
    """Gaps, changed entries and broken links in a chain ordered by seq; `head` is the
    "seq:hash" remembered for the newest entry (so removing the newest shows)."""
    problems: list[str] = []
    previous, expected_seq, last = GENESIS, 1, None
    for link in links:
        if link.seq > expected_seq:
            problems.append(
                f"{link.seq - expected_seq} entry(ies) missing from the {what} before {link.name}"
            )
        elif link.seq < expected_seq:
            problems.append(f"{link.name} is out of place in the {what}")
        expected_seq = max(expected_seq, link.seq) + 1
        if not link.content_matches:
            problems.append(f"{link.name} no longer matches its seal (its content was changed)")
        if link.prev_hash != previous:
            problems.append(
                f"{link.name} is not linked to the entry before it "
                "(an entry was changed, removed or inserted)"
            )
        previous, last = link.content_hash, link
    if head and last is not None and head != f"{last.seq}:{last.content_hash}":
        problems.append(f"the newest entry in the {what} is not the one last saved (removed?)")
    elif head and last is None:
        problems.append(f"entries were saved in the {what} but none are left")
    return problems
