"""Demo feedback and commitment agreements: a resolved complaint with its dated entries, an
open complaint whose reply is due soon, a compliment shared as a portfolio testimonial, one
kept private, a comment; and signed Independent Carer Commitment Agreements for two clients."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clients import Client, ClientStatus
from app.core.commitment import sign_commitment
from app.core.feedback.models import EntryKind, FeedbackKind, ReceivedHow
from app.core.feedback.services import FeedbackDraft, add_entry, make_testimonial, record_feedback
from app.demo import DemoContext


def _initials(name: str) -> str:
    words = name.split()
    return f"{words[0]} {words[-1][0]}." if len(words) > 1 else name


def extend(session: Session, ctx: DemoContext) -> str:
    from app.documents.commitment_pdf import render_commitment_pdf

    today = ctx.today
    signed = set(ctx.notes.get("contracts", {}).get("by_client", {}))  # type: ignore[union-attr]
    clients = [
        c
        for c in session.scalars(select(Client).order_by(Client.id))
        if c.status == ClientStatus.ACTIVE and (not signed or c.id in signed)
    ]
    if len(clients) < 3:
        return ""
    a, b, c = clients[0], clients[1], clients[2]

    def add(client: Client, kind: FeedbackKind, days_ago: int, how: ReceivedHow, text: str):  # type: ignore[no-untyped-def]
        draft = FeedbackDraft(client.id, kind, today - timedelta(days=days_ago), how, text)
        return record_feedback(session, draft, today=today).value

    old = add(
        b,
        FeedbackKind.COMPLAINT,
        75,
        ReceivedHow.PHONE,
        "Daughter rang: two visits in a row started 20 minutes late and nobody let them know.",
    )
    for days, kind, text in (
        (74, EntryKind.ACKNOWLEDGED, "Rang back the same day and apologised."),
        (73, EntryKind.ACTION, "Moved the visit before to end earlier; will text if ever late."),
        (70, EntryKind.RESOLVED, "Family happy with the new times; no late visits since."),
    ):
        add_entry(
            session, old.id, kind, happened_on=today - timedelta(days=days), text=text, today=today
        )
    new = add(
        c,
        FeedbackKind.COMPLAINT,
        5,
        ReceivedHow.SCHEME,
        "Scheme passed on a concern that the kitchen was left untidy after lunch.",
    )
    add_entry(
        session, new.id, EntryKind.ACKNOWLEDGED, happened_on=today - timedelta(days=4), today=today
    )
    kind_words = add(
        a,
        FeedbackKind.COMPLIMENT,
        40,
        ReceivedHow.LETTER,
        "Thank you for the patience and the laughs: Mum looks forward to every visit.",
    )
    make_testimonial(
        session,
        kind_words.id,
        consent_on=today - timedelta(days=38),
        attribution=f"{_initials(a.name)}’s family",
        today=today,
    )
    add(
        b, FeedbackKind.COMPLIMENT, 20, ReceivedHow.IN_PERSON, "Said the garden walk made her week."
    )
    add(
        a,
        FeedbackKind.COMMENT,
        12,
        ReceivedHow.IN_PERSON,
        "Asked whether Friday visits could move to mornings.",
    )

    for client, days in ((a, 200), (b, 120)):
        sign_commitment(
            session,
            client.id,
            signed_on=today - timedelta(days=days),
            how="on paper, at a visit",
            today=today,
            render=render_commitment_pdf,
        )
    return "5 feedback items (2 complaints, 1 testimonial); 2 commitment agreements signed"
