"""Billing the agreed time: how a contract version charges a visit's time, and whether 25 and
26 December take the holiday rate whatever the weekday.

Plain ALTER TABLE ADD COLUMN only: contract_version carries the triggers of 0008, which a
table rebuild would lose. Existing versions keep "time spent" and no Christmas option. The
update trigger is created again so the new columns of a signed version cannot change either;
seals made before this revision still verify (see CONTRACT_VERSION_SEALED_LATER in
app/core/sealing/guards.py).

Revision ID: 0013
"""

import sqlalchemy as sa
from alembic import op

from app.core.sealing.guards import SEALED_RECORD_TRIGGERS_0013 as SEALED_RECORD_TRIGGERS

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_TRIGGER = "contract_version_signed_no_update"


def upgrade() -> None:
    op.add_column(
        "contract_version",
        sa.Column("charge_rule", sa.String(12), nullable=False, server_default="time_spent"),
    )
    op.add_column("contract_version", sa.Column("overrun_after_minutes", sa.Integer))
    op.add_column(
        "contract_version",
        sa.Column("christmas_holiday_rate", sa.Boolean, nullable=False, server_default="0"),
    )
    op.execute(f"DROP TRIGGER IF EXISTS {_TRIGGER}")
    op.execute(SEALED_RECORD_TRIGGERS[_TRIGGER])


def downgrade() -> None:
    from app.core.sealing.guards import contract_version_update_trigger

    op.execute(f"DROP TRIGGER IF EXISTS {_TRIGGER}")
    op.execute(contract_version_update_trigger(later=False, erasure=False))
    for column in ("christmas_holiday_rate", "overrun_after_minutes", "charge_rule"):
        op.drop_column("contract_version", column)
