"""Erasure of a client's details from records that are sealed or guarded (issue 18).

A table `erased_record` lists each final record whose personal details an erasure replaced
(itself unchangeable). The guard triggers on invoices, credit notes, signed agreement
versions, commitment agreements, feedback and safeguarding records are dropped and made again
with one narrow exception: an UPDATE that only sets the personal columns to the placeholder
(or blank) of a record listed there. Every other change is still refused. Plain CREATE/DROP
TRIGGER and CREATE TABLE only: no table is rebuilt. Seals are untouched, so existing ones
still verify.

Revision ID: 0014
"""

import sqlalchemy as sa
from alembic import op

from app.core.sealing.guards import CURRENT_TRIGGERS, ERASURE_TRIGGERS, REPLACED_BY_0014

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_NEW = ("erased_record_no_update", "erased_record_no_delete")


def upgrade() -> None:
    op.create_table(
        "erased_record",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("record_id", sa.Integer, nullable=False),
        sa.Column("erased_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_erased_record"),
        sa.UniqueConstraint("kind", "record_id", name="uq_erased_record_kind"),
    )
    op.create_index("ix_erased_record_client_id", "erased_record", ["client_id"])
    for name in REPLACED_BY_0014:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(CURRENT_TRIGGERS[name])
    for name in _NEW:
        op.execute(ERASURE_TRIGGERS[name])


def downgrade() -> None:
    for name in _NEW:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name, sql in REPLACED_BY_0014.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(sql)
    op.drop_index("ix_erased_record_client_id", table_name="erased_record")
    op.drop_table("erased_record")
