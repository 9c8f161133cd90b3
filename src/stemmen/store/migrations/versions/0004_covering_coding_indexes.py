"""Covering indexes on codings: a code's distinct spans (and coders) and a document's spans
are read from the index alone (matrix counts, retrieval by code, the duplicate check).

ix_codings_code_document (code_id, document_id, start) becomes (code_id, document_id, start,
"end", coder_id); ix_codings_document_start (document_id, start) gains "end".

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_codings_code_document", "codings")
    op.create_index("ix_codings_code_document", "codings",
                    ["code_id", "document_id", "start", "end", "coder_id"])
    op.drop_index("ix_codings_document_start", "codings")
    op.create_index("ix_codings_document_start", "codings", ["document_id", "start", "end"])


def downgrade() -> None:
    op.drop_index("ix_codings_document_start", "codings")
    op.create_index("ix_codings_document_start", "codings", ["document_id", "start"])
    op.drop_index("ix_codings_code_document", "codings")
    op.create_index("ix_codings_code_document", "codings", ["code_id", "document_id", "start"])
