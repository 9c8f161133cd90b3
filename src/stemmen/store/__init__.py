"""Storage: the only package that speaks SQL (SQLAlchemy Core + Alembic)."""

from stemmen.store.engine import Store, open_store

__all__ = ["Store", "open_store"]
