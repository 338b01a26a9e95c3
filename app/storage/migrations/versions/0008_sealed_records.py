"""Issued invoices, credit notes and signed contract versions: triggers and seals (safety net).

The triggers (listed in app/core/sealing/guards.py, which `daybook check` also reads) refuse
UPDATE and DELETE of final rows and INSERT of lines under a final parent; only what a later
event changes stays writable (an invoice's status among issued/part paid/paid/void, a signed
version becoming superseded, a PDF stored once). Records already final are sealed here, oldest
first, so a database made before this revision verifies like a new one.
A later migration that rebuilds one of these tables loses its triggers and must create them
again; tests/storage/test_sealed_records.py checks them at head.

Revision ID: 0008
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from app.core.sealing.guards import SEALED_RECORD_TRIGGERS_0008 as SEALED_RECORD_TRIGGERS
from app.core.sealing.seals import seal_unsealed

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_seal",
        sa.Column("seq", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("record_id", sa.Integer, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("sealed_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_record_seal"),
        sa.UniqueConstraint("kind", "record_id", name="uq_record_seal_kind"),
    )
    session = Session(bind=op.get_bind())
    seal_unsealed(session)
    session.flush()
    for sql in SEALED_RECORD_TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in SEALED_RECORD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("record_seal")
