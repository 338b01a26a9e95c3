"""Portfolio documents, files and share log.

Revision ID: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portfolio_document",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("doc_type", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("issue_date", sa.Date),
        sa.Column("expiry_date", sa.Date),
        sa.Column("renewal_date", sa.Date),
        sa.Column("cover_pence", sa.Integer),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("in_default_set", sa.Boolean, nullable=False),
        sa.Column("archived_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_document"),
    )
    op.create_table(
        "portfolio_file",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("mime", sa.String(50), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("sort_order", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["portfolio_document.id"],
            ondelete="CASCADE",
            name="fk_portfolio_file_document_id_portfolio_document",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_file"),
    )
    op.create_index("ix_portfolio_file_document_id", "portfolio_file", ["document_id"])
    op.create_table(
        "portfolio_client_choice",
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("document_ids", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            ondelete="CASCADE",
            name="fk_portfolio_client_choice_client_id_client",
        ),
        sa.PrimaryKeyConstraint("client_id", name="pk_portfolio_client_choice"),
    )
    op.create_table(
        "portfolio_share_log",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("client_id", sa.Integer),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("how", sa.String(10), nullable=False),
        sa.Column("shared_at", sa.DateTime, nullable=False),
        sa.Column("document_ids", sa.JSON, nullable=False),
        sa.Column("document_titles", sa.JSON, nullable=False),
        sa.Column("watermark", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name="fk_portfolio_share_log_client_id_client"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_share_log"),
    )
    op.create_index("ix_portfolio_share_log_client_id", "portfolio_share_log", ["client_id"])


def downgrade() -> None:
    op.drop_table("portfolio_share_log")
    op.drop_table("portfolio_client_choice")
    op.drop_index("ix_portfolio_file_document_id", table_name="portfolio_file")
    op.drop_table("portfolio_file")
    op.drop_table("portfolio_document")
