"""A stable calendar UID per visit: a random UUID stored with it, backfilled for the visits
already kept (the .ics export used row ids, which a restored backup can give to another visit).

Revision ID: 0011
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (no table rebuild); the default only fills the rows being backfilled
    op.add_column("visit", sa.Column("uid", sa.String(36), nullable=False, server_default=""))
    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM visit"))]
    for visit_id in ids:
        conn.execute(
            sa.text("UPDATE visit SET uid = :uid WHERE id = :id"),
            {"uid": str(uuid.uuid4()), "id": visit_id},
        )
    op.create_index("ix_visit_uid", "visit", ["uid"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_visit_uid", table_name="visit")
    op.drop_column("visit", "uid")
