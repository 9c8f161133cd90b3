"""Storage: the only package that speaks SQL (SQLAlchemy Core + Alembic)."""

from sqlalchemy import Connection as Tx

from stemmen.store.engine import Store, open_store

__all__ = ["Store", "Tx", "open_store"]
# Tx: the connection of one transaction (or one read) that the store's functions take; the
# project layer passes it from Store.transaction() to them without speaking SQL itself.
