"""Money: other income, expenses, receipts, mileage, tax settings.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "other_income",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("amount_pence > 0", name="ck_other_income_amount_positive"),
        sa.PrimaryKeyConstraint("id", name="pk_other_income"),
    )
    op.create_index("ix_other_income_received_on", "other_income", ["received_on"])
    op.create_table(
        "expense",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("spent_on", sa.Date, nullable=False),
        sa.Column("supplier", sa.String(200), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        sa.Column("receipt_data", sa.LargeBinary),
        sa.Column("receipt_filename", sa.String(255), nullable=False),
        sa.Column("receipt_mime", sa.String(50), nullable=False),
        sa.Column("receipt_size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("amount_pence > 0", name="ck_expense_amount_positive"),
        sa.PrimaryKeyConstraint("id", name="pk_expense"),
    )
    op.create_index("ix_expense_spent_on", "expense", ["spent_on"])
    op.create_table(
        "use_of_home",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("hours", sa.Integer, nullable=False),
        sa.CheckConstraint("hours >= 0", name="ck_use_of_home_hours_not_negative"),
        sa.PrimaryKeyConstraint("id", name="pk_use_of_home"),
        sa.UniqueConstraint("month", name="uq_use_of_home_month"),
    )
    op.create_table(
        "mileage_journey",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("travelled_on", sa.Date, nullable=False),
        sa.Column("from_place", sa.String(200), nullable=False),
        sa.Column("to_place", sa.String(200), nullable=False),
        sa.Column("purpose", sa.String(200), nullable=False),
        sa.Column("miles_tenths", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("miles_tenths > 0", name="ck_mileage_journey_miles_positive"),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            ondelete="SET NULL",
            name="fk_mileage_journey_client_id_client",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mileage_journey"),
    )
    op.create_index("ix_mileage_journey_travelled_on", "mileage_journey", ["travelled_on"])
    op.create_index("ix_mileage_journey_client_id", "mileage_journey", ["client_id"])
    op.create_table(
        "tax_settings",
        sa.Column("year", sa.String(7), nullable=False),
        sa.Column("allowance_choice", sa.String(20), nullable=False),
        sa.Column("other_income_pence", sa.Integer, nullable=False),
        sa.Column("other_income_taxed_at_source", sa.Boolean, nullable=False),
        sa.Column("first_year_of_trading", sa.Boolean, nullable=False),
        sa.Column("scottish", sa.Boolean, nullable=False),
        sa.Column("last_year_bill_pence", sa.Integer),
        sa.PrimaryKeyConstraint("year", name="pk_tax_settings"),
    )


def downgrade() -> None:
    op.drop_table("tax_settings")
    op.drop_table("mileage_journey")
    op.drop_table("use_of_home")
    op.drop_table("expense")
    op.drop_table("other_income")
