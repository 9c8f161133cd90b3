"""Project settings: which attributes hold an interview's role, type, date, wave...

A study names its attributes in its own words ("rol", "golf", "vague"). Stemmen reads these
names from the project's settings, with the AMIF-42 study's names as defaults, wherever it
needs them: the attribution of quotes "(Eindgebruiker, OCMW Antwerpen)" (role and case), the
annex of interviews (type, role, date, wave, participants), the waves query, the profile
tables (gender, age), the order of the overview's columns. A setting holds one name or several
separated by commas: the first one a document has counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.store import journal
from stemmen.store import settings as stored

if TYPE_CHECKING:
    from stemmen.project import Project

ATTRIBUTE_SETTINGS: dict[str, tuple[str, str]] = {
    "attribute.role": ("role, rol, rôle",
                       "Document attribute with the speaker's role, for quote attributions."),
    "attribute.type": ("type, interview_type, soort",
                       "Document attribute with the kind of interview."),
    "attribute.date": ("date, datum", "Document attribute with the interview's date."),
    "attribute.wave": ("wave, golf, vague", "Document attribute with the wave of interviews."),
    "attribute.language": ("language, taal, langue",
                           "Document attribute with the interview's language."),
    "attribute.participants": ("participants, deelnemers",
                               "Document attribute with the number of participants."),
    "attribute.gender": ("gender, geslacht, genre",
                         "Participant characteristic with their gender, for profile tables."),
    "attribute.age": ("age, leeftijd, âge",
                      "Participant characteristic with their age, for profile tables."),
    "attribute.person_role": ("role, rol, rôle",
                              "Participant characteristic with their role (end user, "
                              "caseworker, manager, interpreter...), for the sampling plan."),
    "attribute.person_function": ("function, functie, fonction",
                                  "Participant characteristic with a caseworker's function "
                                  "(interpreter, language teacher...), for the sampling plan."),
    "attribute.person_language": ("language, taal, langue",
                                  "Participant characteristic with the language they speak."),
    "attribute.joined_wave": ("joined_wave, instapgolf, vague_entree",
                              "Participant characteristic with the wave a late entrant "
                              "joined."),
    "attribute.replaces": ("replaces, vervangt, remplace",
                           "Participant characteristic naming whom a late entrant replaced."),
    "attribute.speaker": ("speaker, spreker, locuteur",
                          "Participant characteristic with their usual speaker label, when a "
                          "link to a transcript gives none."),
}
"""Every setting: key → (default, what it is)."""

MAX_VALUE = 1000


@dataclass(frozen=True)
class Setting:
    """One setting: its value (the default when the project does not set it)."""

    key: str
    value: str
    default: str
    description: str

    @property
    def is_default(self) -> bool:
        return self.value == self.default

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "default": self.default,
                "description": self.description, "is_default": self.is_default}


@dataclass(frozen=True)
class AttributeNames:
    """The names of the attributes that play a part, each as the names to try in order."""

    role: tuple[str, ...]
    type: tuple[str, ...]
    date: tuple[str, ...]
    wave: tuple[str, ...]
    language: tuple[str, ...]
    participants: tuple[str, ...]
    gender: tuple[str, ...]
    age: tuple[str, ...]
    person_role: tuple[str, ...] = ("role",)
    person_function: tuple[str, ...] = ("function",)
    person_language: tuple[str, ...] = ("language",)
    joined_wave: tuple[str, ...] = ("joined_wave",)
    replaces: tuple[str, ...] = ("replaces",)
    speaker: tuple[str, ...] = ("speaker",)

    def first_value(self, values: Mapping[str, Any], part: str) -> Any:
        """The value of the first attribute named for ``part`` that ``values`` holds."""
        return first_value(values, getattr(self, part))

    def first_name(self, present: list[str] | set[str] | Mapping[str, Any],
                   part: str) -> str | None:
        """The first name for ``part`` among ``present`` (names of attributes), or None."""
        return next((n for n in getattr(self, part) if n in present), None)


    def ordered(self, names: list[str], parts: tuple[str, ...]) -> dict[str, str | None]:
        """``names`` (of attributes) with those that play one of ``parts`` first, in that
        order, each mapped to its part (the others to None); case does not matter."""
        first: dict[str, str | None] = {}
        for part in parts:
            wanted = [n.lower() for n in getattr(self, part)]
            for name in sorted((n for n in names if n.lower() in wanted and n not in first),
                               key=lambda n: wanted.index(n.lower())):
                first[name] = part
        return first | {n: None for n in names if n not in first}


def first_value(values: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first key present with a value (e.g. "role" or "rol")."""
    return next((values[k] for k in keys if values.get(k) is not None), None)


def split_names(value: str) -> tuple[str, ...]:
    """``"role, rol"`` → ``("role", "rol")``: names on one line, blanks dropped."""
    return tuple(dict.fromkeys(n for n in (" ".join(p.split()) for p in value.split(",")) if n))


def attribute_names(conn: Any) -> AttributeNames:
    """The attribute names of the project ``conn`` reads (one small query)."""
    held = stored.read_all(conn)
    return AttributeNames(**{
        key.removeprefix("attribute."): split_names(held.get(key) or default)
        for key, (default, _) in ATTRIBUTE_SETTINGS.items()})


def _check(key: str) -> tuple[str, str]:
    found = ATTRIBUTE_SETTINGS.get(key)
    if found is None:
        raise Invalid("There is no setting {key!r}: use one of {keys}.", key=key,
                      keys=", ".join(ATTRIBUTE_SETTINGS))
    return found


class Settings:
    """Read and change the project's settings (each change one transaction, audited)."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def list(self) -> list[Setting]:
        """Every setting with its value, in a fixed order."""
        with self._p.store.reading() as conn:
            held = stored.read_all(conn)
        return [Setting(key, held.get(key, default), default, description)
                for key, (default, description) in ATTRIBUTE_SETTINGS.items()]

    def get(self, key: str) -> Setting:
        """One setting; Invalid names the known keys."""
        _check(key)
        return next(s for s in self.list() if s.key == key)

    def set(self, key: str, value: str) -> Setting:
        """Give a setting a value: one or more attribute names separated by commas."""
        default, description = _check(key)
        names = split_names(value)
        if not names:
            raise Invalid("Give {key} at least one attribute name.", key=key)
        if len(value) > MAX_VALUE:
            raise Invalid("The value of {key} is longer than {n} characters.", key=key,
                          n=MAX_VALUE)
        clean = ", ".join(names)
        with self._p.store.transaction() as tx:
            old = stored.read_all(tx).get(key, default)
            if clean == default:
                stored.remove(tx, key)
            else:
                stored.write(tx, key, clean)
            journal.record(tx, self._p.actor, "settings.set", key=key, old=old, new=clean)
        return Setting(key, clean, default, description)

    def reset(self, key: str) -> Setting:
        """Give a setting its default value again."""
        default, description = _check(key)
        with self._p.store.transaction() as tx:
            old = stored.read_all(tx).get(key, default)
            if stored.remove(tx, key):
                journal.record(tx, self._p.actor, "settings.reset", key=key, old=old,
                               new=default)
        return Setting(key, default, default, description)

    def attributes(self) -> AttributeNames:
        """The names of the attributes that hold the role, type, date, wave..."""
        with self._p.store.reading() as conn:
            return attribute_names(conn)
