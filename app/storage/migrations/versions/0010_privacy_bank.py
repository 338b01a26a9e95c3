"""Subject access and erasure logs, retention, the ICO fee, bank statement lines.

The ICO fee and retention periods are settings (key-value); no trigger is changed here:
erasure leaves sealed records (issued invoices, credit notes, signed agreements,
safeguarding) as they are and redacts only what is not final (see app/core/privacy/erasure.py).

Revision ID: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "privacy_event",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_privacy_event"),
    )
    op.create_index("ix_privacy_event_client_id", "privacy_event", ["client_id"])
    op.create_table(
        "bank_transaction",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("uid", sa.String(100), nullable=False),
        sa.Column("posted_on", sa.Date, nullable=False),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("payment_id", sa.Integer),
        sa.Column("expense_id", sa.Integer),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payment.id"], name="fk_bank_transaction_payment_id_payment"
        ),
        sa.ForeignKeyConstraint(
            ["expense_id"], ["expense.id"], name="fk_bank_transaction_expense_id_expense"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_bank_transaction"),
        sa.UniqueConstraint("uid", name="uq_bank_transaction_uid"),
    )
    op.create_index("ix_bank_transaction_posted_on", "bank_transaction", ["posted_on"])
    op.create_table(
        "bank_layout",
        sa.Column("header", sa.String(500), nullable=False),
        sa.Column("mapping", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("header", name="pk_bank_layout"),
    )


def downgrade() -> None:
    op.drop_table("bank_layout")
    op.drop_index("ix_bank_transaction_posted_on", "bank_transaction")
    op.drop_table("bank_transaction")
    op.drop_index("ix_privacy_event_client_id", "privacy_event")
    op.drop_table("privacy_event")
