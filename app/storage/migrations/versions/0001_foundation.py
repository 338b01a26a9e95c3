"""Foundation: business profile, clients, emergency contacts, settings.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business_profile",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("trading_name", sa.String(200), nullable=False),
        sa.Column("carer_name", sa.String(200), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("bank_account_name", sa.String(200), nullable=False),
        sa.Column("sort_code", sa.String(8), nullable=False),
        sa.Column("account_number", sa.String(8), nullable=False),
        sa.Column("utr", sa.String(10), nullable=False),
        sa.Column("ni_number", sa.String(9), nullable=False),
        sa.Column("scheme", sa.String(20), nullable=False),
        sa.Column("safeguarding_phone", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_business_profile"),
    )
    op.create_table(
        "client",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("preferred_name", sa.String(100), nullable=False),
        sa.Column("date_of_birth", sa.Date),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("payer_type", sa.String(20), nullable=False),
        sa.Column("payer_name", sa.String(200), nullable=False),
        sa.Column("payer_address", sa.Text, nullable=False),
        sa.Column("payer_email", sa.String(254), nullable=False),
        sa.Column("payer_phone", sa.String(40), nullable=False),
        sa.Column("dp_rate_pence", sa.Integer),
        sa.Column("care_notes", sa.Text, nullable=False),
        sa.Column("key_safe", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("start_date", sa.Date),
        sa.Column("archived_at", sa.DateTime),
        sa.Column("search_key", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_client"),
    )
    op.create_index("ix_client_name", "client", ["name"])
    op.create_table(
        "emergency_contact",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("relationship_to_client", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            ondelete="CASCADE",
            name="fk_emergency_contact_client_id_client",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_emergency_contact"),
    )
    op.create_index("ix_emergency_contact_client_id", "emergency_contact", ["client_id"])
    op.create_table(
        "setting",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_setting"),
    )


def downgrade() -> None:
    op.drop_table("setting")
    op.drop_table("emergency_contact")
    op.drop_table("client")
    op.drop_table("business_profile")
