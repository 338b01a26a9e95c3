"""Erasure of a client's details from records that are sealed or guarded (issue 18).

Revision ID: 0014
"""

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
