"""Safeguarding records and addenda (append-only, hash-chained).

Triggers refuse every UPDATE and DELETE of a record or an addendum: a saved record is
final; corrections and follow-ups (including "follow-up done") are new addenda.
A later migration that rebuilds either table (Alembic batch mode copies and drops it) loses
these triggers with the old table and must create them again;
tests/storage/test_safeguarding_triggers.py checks them at head.

Revision ID: 0007
"""

import sqlalchemy as sa
from alembic import op

from app.core.sealing.guards import SAFEGUARDING_TRIGGERS_0007 as SAFEGUARDING_TRIGGERS

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TRIGGERS = SAFEGUARDING_TRIGGERS  # as made then; 0014 replaces the UPDATE ones


def upgrade() -> None:
    op.create_table(
        "safeguarding_record",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("chain_seq", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer),
        sa.Column("person_name", sa.String(200), nullable=False),
        sa.Column("happened_at", sa.DateTime, nullable=False),
        sa.Column("written_at", sa.DateTime, nullable=False),
        sa.Column("place", sa.Text, nullable=False),
        sa.Column("present", sa.Text, nullable=False),
        sa.Column("categories", sa.JSON, nullable=False),
        sa.Column("seen_heard", sa.Text, nullable=False),
        sa.Column("actions_taken", sa.Text, nullable=False),
        sa.Column("notifications", sa.JSON, nullable=False),
        sa.Column("consent", sa.String(20), nullable=False),
        sa.Column("follow_up_due", sa.Date),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name="fk_safeguarding_record_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_safeguarding_record"),
        sa.UniqueConstraint("chain_seq", name="uq_safeguarding_record_chain_seq"),
    )
    op.create_index("ix_safeguarding_record_client_id", "safeguarding_record", ["client_id"])
    op.create_table(
        "safeguarding_addendum",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("chain_seq", sa.Integer, nullable=False),
        sa.Column("record_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("written_at", sa.DateTime, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("follow_up_due", sa.Date),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["safeguarding_record.id"],
            name="fk_safeguarding_addendum_record_id_safeguarding_record",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_safeguarding_addendum"),
        sa.UniqueConstraint("chain_seq", name="uq_safeguarding_addendum_chain_seq"),
        sa.UniqueConstraint("record_id", "seq", name="uq_safeguarding_addendum_record_id"),
    )
    op.create_index("ix_safeguarding_addendum_record_id", "safeguarding_addendum", ["record_id"])
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("safeguarding_addendum")
    op.drop_table("safeguarding_record")
