"""Finding identifiers in Dutch, French and English transcripts, offline.

Names go through ``deduce`` (Dutch, English) or spaCy's ``fr_core_news_md`` (French), routed by
paragraph language (lingua); phone numbers, e-mail addresses, dates of birth, national register
numbers and street addresses go through rules (euredact's offline rules and our own). The
project's known names (participants, speaker labels) are found wherever they occur and its
allow-list is never proposed. Imports the model only: the project layer stores what is found.
"""

from __future__ import annotations

from stemmen.privacy.spans import KINDS, Found

__all__ = ["KINDS", "Found"]
