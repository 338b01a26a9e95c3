"""What the schemes ask: feedback, commitment agreement, availability, receipts, timesheets, billing rule.

Revision ID: 0009
"""

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
