"""The replacement labels: ``[Naam hulpverlener 1]``, ``[Nom bénéficiaire 3]``, ``[Plaats]``.

A person is numbered once for the whole project within the role of the person when known
(a participant's role), so the same person reads the same everywhere; other kinds take one
label by kind. Labels are written in the document's language (nl, fr, en).
"""

from __future__ import annotations

import unicodedata

from stemmen.privacy.names import TITLES

KIND_WORDS = {
    "nl": {"person": "Naam", "place": "Plaats", "phone": "Telefoon", "email": "E-mail",
           "date": "Datum", "id": "Identificatienummer", "address": "Adres"},
    "fr": {"person": "Nom", "place": "Lieu", "phone": "Téléphone", "email": "Courriel",
           "date": "Date", "id": "Numéro d'identification", "address": "Adresse"},
    "en": {"person": "Name", "place": "Place", "phone": "Phone", "email": "E-mail",
           "date": "Date", "id": "ID number", "address": "Address"},
}

_ROLES = (  # one role in every language: nl, fr, en
    ("hulpverlener", "intervenant", "caseworker"),
    ("eindgebruiker", "bénéficiaire", "client"),
    ("tolk", "interprète", "interpreter"),
    ("onderzoeker", "chercheur", "researcher"),
    ("coördinator", "coordinateur", "coordinator"),
)
_LANG_INDEX = {"nl": 0, "fr": 1, "en": 2}


def canonical_role(role: str | None) -> str | None:
    """A role as stored: lower case, the Dutch word when the role is one Stemmen knows
    (``Intervenante`` → ``hulpverlener``), else the role as written."""
    if role is None or not str(role).strip():
        return None
    word = " ".join(str(role).split()).lower()
    for names in _ROLES:
        for name in names:
            if word in (name, name + "e", name + "s", _plain(name), _plain(name) + "e"):
                return names[0]
    return word


def role_word(role: str, lang: str) -> str:
    """``hulpverlener`` in ``fr`` → ``intervenant``; a role Stemmen does not know as written."""
    for names in _ROLES:
        if names[0] == role:
            return names[_LANG_INDEX.get(lang, 0)]
    return role


def label(kind: str, lang: str, role: str | None = None, number: int | None = None) -> str:
    """The label of an identifier: ``[Naam hulpverlener 1]``, ``[Nom 2]``, ``[Téléphone]``."""
    words = KIND_WORDS.get(lang, KIND_WORDS["nl"])
    parts = [words.get(kind, words["person"])]
    if kind == "person":
        if role:
            parts.append(role_word(role, lang))
        if number is not None:
            parts.append(str(number))
    return "[" + " ".join(parts) + "]"


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")


def person_key(text: str) -> str:
    """What two mentions of one person share: ``Mevrouw  Peeters`` → ``peeters``."""
    words = _plain(text).replace("’", "'").casefold().split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


def same_person(key: str, other: str) -> bool:
    """Whether two keys name one person: equal, or one is a whole first or last word of the
    other (``fatima`` and ``fatima haidari``)."""
    if key == other:
        return True
    short, long = sorted((key, other), key=len)
    words = long.split()
    return " " not in short and len(words) > 1 and short in (words[0], words[-1])
