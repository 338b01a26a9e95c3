"""What the schemes ask (second part): timesheets kept with the date they were signed.

Working hours and the free time last copied live in the `setting` table (no schema change).

Revision ID: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timesheet",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("visit_count", sa.Integer, nullable=False),
        sa.Column("total_minutes", sa.Integer, nullable=False),
        sa.Column("made_on", sa.Date, nullable=False),
        sa.Column("pdf", sa.LargeBinary),
        sa.Column("signed_on", sa.Date),
        sa.Column("signed_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name="fk_timesheet_client_id_client"),
        sa.PrimaryKeyConstraint("id", name="pk_timesheet"),
    )
    op.create_index("ix_timesheet_client_id", "timesheet", ["client_id"])


def downgrade() -> None:
    op.drop_index("ix_timesheet_client_id", table_name="timesheet")
    op.drop_table("timesheet")
