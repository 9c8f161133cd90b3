"""The domain core: plain dataclasses and pure rules. Standard library only."""
