"""Indexes for searching and listing over ten years of records (issue 16).

Revision ID: 0015
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Retention's last visit per client: 1.5 s -> 61 ms on ten years at Today's start-up
    op.create_index("ix_visit_client_id_planned_start", "visit", ["client_id", "planned_start"])


def downgrade() -> None:
    op.drop_index("ix_visit_client_id_planned_start", table_name="visit")
