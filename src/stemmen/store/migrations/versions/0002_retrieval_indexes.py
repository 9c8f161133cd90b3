"""Indexes for retrieval by code, by document position, by case and by attribute value.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_codings_code_document", "codings", ["code_id", "document_id", "start"])
    op.create_index("ix_codings_document_start", "codings", ["document_id", "start"])
    op.create_index("ix_documents_case", "documents", ["case_id"])
    op.create_index("ix_document_values_attribute", "document_values", ["attribute_id", "value"])


def downgrade() -> None:
    op.drop_index("ix_document_values_attribute", "document_values")
    op.drop_index("ix_documents_case", "documents")
    op.drop_index("ix_codings_document_start", "codings")
    op.drop_index("ix_codings_code_document", "codings")
