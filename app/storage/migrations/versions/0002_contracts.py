"""Contracts, contract versions, Plan B contacts.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("notice_given_by", sa.String(10)),
        sa.Column("notice_given_on", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name="fk_contract_client_id_client"),
        sa.PrimaryKeyConstraint("id", name="pk_contract"),
    )
    op.create_index("ix_contract_client_id", "contract", ["client_id"])
    op.create_table(
        "contract_version",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("contract_id", sa.Integer, nullable=False),
        sa.Column("version_no", sa.Integer, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date),
        sa.Column("services", sa.JSON, nullable=False),
        sa.Column("services_text", sa.Text, nullable=False),
        sa.Column("schedule", sa.JSON, nullable=False),
        sa.Column("every_n_weeks", sa.Integer, nullable=False),
        sa.Column("standard_rate_pence", sa.Integer, nullable=False),
        sa.Column("evening_rate_pence", sa.Integer),
        sa.Column("weekend_rate_pence", sa.Integer),
        sa.Column("bank_holiday_rate_pence", sa.Integer),
        sa.Column("specialist_rate_pence", sa.Integer),
        sa.Column("minimum_charge_pence", sa.Integer, nullable=False),
        sa.Column("mileage_pence_per_mile", sa.Integer, nullable=False),
        sa.Column("late_cancel_hours", sa.Integer, nullable=False),
        sa.Column("late_cancel_percent", sa.Integer, nullable=False),
        sa.Column("payment_method", sa.String(24), nullable=False),
        sa.Column("invoice_frequency", sa.String(16), nullable=False),
        sa.Column("payment_terms_days", sa.Integer, nullable=False),
        sa.Column("notice_days_client", sa.Integer, nullable=False),
        sa.Column("notice_days_carer", sa.Integer, nullable=False),
        sa.Column("plan_b_text", sa.Text, nullable=False),
        sa.Column("boundaries_text", sa.Text, nullable=False),
        sa.Column("confidentiality_text", sa.Text, nullable=False),
        sa.Column("complaints_text", sa.Text, nullable=False),
        sa.Column("sent_on", sa.Date),
        sa.Column("signed_on", sa.Date),
        sa.Column("signed_how", sa.String(200), nullable=False),
        sa.Column("signed_pdf", sa.LargeBinary),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name="fk_contract_version_contract_id_contract"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_contract_version"),
    )
    op.create_index("ix_contract_version_contract_id", "contract_version", ["contract_id"])
    op.create_table(
        "plan_b_contact",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("consent_to_share", sa.Boolean, nullable=False),
        sa.Column("consent_recorded_on", sa.Date),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name="fk_plan_b_contact_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_plan_b_contact"),
    )
    op.create_index("ix_plan_b_contact_client_id", "plan_b_contact", ["client_id"])


def downgrade() -> None:
    op.drop_table("plan_b_contact")
    op.drop_table("contract_version")
    op.drop_table("contract")
