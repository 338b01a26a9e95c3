"""What the schemes ask (first part): feedback log and the Independent Carer Commitment Agreement.

Triggers: a feedback item's received facts (who, kind, when, how, summary, reply due) are
never changed and no item is deleted; its entries and signed commitment agreements are
never changed or deleted. Later changes to these tables use op.add_column (a table rebuild
would drop the triggers).

Revision ID: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FEEDBACK_REFUSAL = "Feedback is not changed or deleted once saved. Add a dated entry instead."
AGREEMENT_REFUSAL = "A signed agreement is final. Sign a new one instead."
RECEIVED_FACTS = "client_id, kind, received_on, received_how, summary, reply_due, reply_days"
TRIGGERS = [
    ("feedback_no_delete", "DELETE ON feedback", FEEDBACK_REFUSAL),
    ("feedback_received_no_update", f"UPDATE OF {RECEIVED_FACTS} ON feedback", FEEDBACK_REFUSAL),
    ("feedback_entry_no_update", "UPDATE ON feedback_entry", FEEDBACK_REFUSAL),
    ("feedback_entry_no_delete", "DELETE ON feedback_entry", FEEDBACK_REFUSAL),
    ("commitment_agreement_no_update", "UPDATE ON commitment_agreement", AGREEMENT_REFUSAL),
    ("commitment_agreement_no_delete", "DELETE ON commitment_agreement", AGREEMENT_REFUSAL),
]


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("received_how", sa.String(12), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("reply_due", sa.Date),
        sa.Column("reply_days", sa.Integer),
        sa.Column("acknowledged_on", sa.Date),
        sa.Column("action_taken", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("resolved_on", sa.Date),
        sa.Column("consent_on", sa.Date),
        sa.Column("testimonial_document_id", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name="fk_feedback_client_id_client"),
        sa.ForeignKeyConstraint(
            ["testimonial_document_id"],
            ["portfolio_document.id"],
            name="fk_feedback_testimonial_document_id_portfolio_document",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
    )
    op.create_index("ix_feedback_client_id", "feedback", ["client_id"])
    op.create_index("ix_feedback_received_on", "feedback", ["received_on"])
    op.create_table(
        "feedback_entry",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("feedback_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("happened_on", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("written_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["feedback_id"], ["feedback.id"], name="fk_feedback_entry_feedback_id_feedback"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_feedback_entry"),
    )
    op.create_index("ix_feedback_entry_feedback_id", "feedback_entry", ["feedback_id"])
    op.create_table(
        "commitment_agreement",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("signed_on", sa.Date, nullable=False),
        sa.Column("signed_how", sa.String(200), nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name="fk_commitment_agreement_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_commitment_agreement"),
    )
    op.create_index("ix_commitment_agreement_client_id", "commitment_agreement", ["client_id"])
    for name, when, refusal in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {when} BEGIN SELECT RAISE(ABORT, '{refusal}'); END"
        )


def downgrade() -> None:
    for name, _when, _refusal in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("commitment_agreement")
    op.drop_table("feedback_entry")
    op.drop_table("feedback")
