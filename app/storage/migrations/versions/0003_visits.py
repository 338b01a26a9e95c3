"""Visits (planned and delivered).

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("contract_version_id", sa.Integer),
        sa.Column("planned_start", sa.DateTime, nullable=False),
        sa.Column("planned_end", sa.DateTime, nullable=False),
        sa.Column("actual_start", sa.DateTime),
        sa.Column("actual_end", sa.DateTime),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("one_off", sa.Boolean, nullable=False),
        sa.Column("specialist", sa.Boolean, nullable=False),
        sa.Column("miles_tenths", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("cancelled_at", sa.DateTime),
        sa.Column("late_cancel_charge_pence", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name="fk_visit_client_id_client"),
        sa.ForeignKeyConstraint(
            ["contract_version_id"],
            ["contract_version.id"],
            name="fk_visit_contract_version_id_contract_version",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_visit"),
    )
    op.create_index("ix_visit_client_id", "visit", ["client_id"])
    op.create_index("ix_visit_planned_start", "visit", ["planned_start"])


def downgrade() -> None:
    op.drop_table("visit")
