"""Indexes for searching and listing over ten years of records (issue 16).

Revision ID: 0015
"""

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
