"""Invoices, lines, payments, credit notes.

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_counter",
        sa.Column("series", sa.String(20), nullable=False),
        sa.Column("next_value", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("series", name="pk_number_counter"),
    )
    op.create_table(
        "invoice",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("number", sa.String(20)),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("payer_name", sa.String(200), nullable=False),
        sa.Column("payer_address", sa.Text, nullable=False),
        sa.Column("person_name", sa.String(200), nullable=False),
        sa.Column("payer_is_client", sa.Boolean, nullable=False),
        sa.Column("issue_date", sa.Date),
        sa.Column("due_date", sa.Date),
        sa.Column("payment_terms_days", sa.Integer),
        sa.Column("total_pence", sa.Integer, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("snapshot", sa.JSON),
        sa.Column("pdf", sa.LargeBinary),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("issued_at", sa.DateTime),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name="fk_invoice_client_id_client"),
        sa.PrimaryKeyConstraint("id", name="pk_invoice"),
        sa.UniqueConstraint("number", name="uq_invoice_number"),
    )
    op.create_index("ix_invoice_client_id", "invoice", ["client_id"])
    op.create_index("ix_invoice_status", "invoice", ["status"])
    op.create_index("ix_invoice_due_date", "invoice", ["due_date"])
    op.create_table(
        "invoice_line",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("invoice_id", sa.Integer, nullable=False),
        sa.Column("visit_id", sa.Integer),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("line_date", sa.Date, nullable=False),
        sa.Column("starts_at", sa.DateTime),
        sa.Column("ends_at", sa.DateTime),
        sa.Column("minutes", sa.Integer),
        sa.Column("rate_pence", sa.Integer),
        sa.Column("quantity", sa.Integer),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoice.id"],
            ondelete="CASCADE",
            name="fk_invoice_line_invoice_id_invoice",
        ),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name="fk_invoice_line_visit_id_visit"),
        sa.PrimaryKeyConstraint("id", name="pk_invoice_line"),
    )
    op.create_index("ix_invoice_line_invoice_id", "invoice_line", ["invoice_id"])
    op.create_index("ix_invoice_line_visit_id", "invoice_line", ["visit_id"])
    op.create_table(
        "payment",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        sa.Column("method", sa.String(24), nullable=False),
        sa.Column("payer", sa.String(200), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("client_id", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name="fk_payment_client_id_client"),
        sa.PrimaryKeyConstraint("id", name="pk_payment"),
    )
    op.create_index("ix_payment_received_on", "payment", ["received_on"])
    op.create_index("ix_payment_client_id", "payment", ["client_id"])
    op.create_table(
        "payment_allocation",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("payment_id", sa.Integer, nullable=False),
        sa.Column("invoice_id", sa.Integer, nullable=False),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["payment.id"],
            ondelete="CASCADE",
            name="fk_payment_allocation_payment_id_payment",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name="fk_payment_allocation_invoice_id_invoice"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_payment_allocation"),
    )
    op.create_index("ix_payment_allocation_payment_id", "payment_allocation", ["payment_id"])
    op.create_index("ix_payment_allocation_invoice_id", "payment_allocation", ["invoice_id"])
    op.create_table(
        "credit_note",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("invoice_id", sa.Integer, nullable=False),
        sa.Column("issue_date", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("total_pence", sa.Integer, nullable=False),
        sa.Column("snapshot", sa.JSON),
        sa.Column("pdf", sa.LargeBinary),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name="fk_credit_note_invoice_id_invoice"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_credit_note"),
        sa.UniqueConstraint("number", name="uq_credit_note_number"),
    )
    op.create_index("ix_credit_note_invoice_id", "credit_note", ["invoice_id"])
    op.create_table(
        "credit_note_line",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("credit_note_id", sa.Integer, nullable=False),
        sa.Column("invoice_line_id", sa.Integer),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["credit_note_id"],
            ["credit_note.id"],
            ondelete="CASCADE",
            name="fk_credit_note_line_credit_note_id_credit_note",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_line_id"],
            ["invoice_line.id"],
            name="fk_credit_note_line_invoice_line_id_invoice_line",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_credit_note_line"),
    )
    op.create_index("ix_credit_note_line_credit_note_id", "credit_note_line", ["credit_note_id"])


def downgrade() -> None:
    op.drop_table("credit_note_line")
    op.drop_table("credit_note")
    op.drop_table("payment_allocation")
    op.drop_table("payment")
    op.drop_table("invoice_line")
    op.drop_table("invoice")
    op.drop_table("number_counter")
