"""Import and export: bytes ⇄ model objects. No database, no HTTP."""
