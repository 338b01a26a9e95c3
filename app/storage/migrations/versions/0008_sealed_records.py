"""Issued invoices, credit notes and signed contract versions: triggers and seals (safety net).

Revision ID: 0008
"""

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
