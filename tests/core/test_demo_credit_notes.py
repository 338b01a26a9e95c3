"""The demo's credit notes are numbered in the order of their dates, as a real book would be."""

from __future__ import annotations

from sqlalchemy import select

from app.core.invoicing.models import CreditNote
from app.storage.database import Store


def test_demo_credit_notes_are_numbered_in_date_order(demo_store: Store) -> None:
    with demo_store.reading() as s:
        notes = list(
            s.execute(select(CreditNote.number, CreditNote.issue_date).order_by(CreditNote.id))
        )
    assert len(notes) >= 2
    assert [n for n, _ in notes] == sorted(n for n, _ in notes)  # numbered as they were made
    dates = [d for _, d in notes]
    assert dates == sorted(dates), notes
