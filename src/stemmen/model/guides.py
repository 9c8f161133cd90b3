"""Topic guides: per interview type and wave, the topics with their questions in Dutch and
French side by side, each topic optionally linked to codes; versions, derivation (wave 2 from
wave 1) with what was added and removed, and which topics an interview's coding covered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stemmen.errors import Invalid

LANGUAGES = ("nl", "fr")


@dataclass(frozen=True)
class Topic:
    """One topic: a stable key, a title and questions per language, and the codes it is
    meant to yield."""

    key: str
    titles: Mapping[str, str] = field(default_factory=dict)
    questions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    codes: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()), self.key)

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "titles": dict(self.titles),
                "questions": {k: list(v) for k, v in self.questions.items()},
                "codes": list(self.codes)}


@dataclass(frozen=True)
class Guide:
    """One version of the topic guide of an interview type in a wave."""

    type: str
    wave: str
    version: int
    topics: tuple[Topic, ...]
    derived_from: tuple[str, str, int] | None = None  # (type, wave, version)
    source: str = ""
    note: str = ""
    actor: str = ""
    created_at: dt.datetime | None = None

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.topics]

    @property
    def languages(self) -> list[str]:
        return [lang for lang in LANGUAGES if any(lang in t.titles or lang in t.questions
                                                  for t in self.topics)]

    def topic(self, key: str) -> Topic:
        for t in self.topics:
            if t.key == key:
                return t
        raise Invalid("The guide has no topic {key!r}.", key=key)

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "wave": self.wave, "version": self.version,
                "derived_from": list(self.derived_from) if self.derived_from else None,
                "source": self.source, "note": self.note,
                "topics": [t.as_dict() for t in self.topics]}


@dataclass(frozen=True)
class GuideChanges:
    """What a guide added, removed and reworded against the guide it derives from."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"added": list(self.added), "removed": list(self.removed),
                "changed": list(self.changed)}


def compare(base: Guide | None, guide: Guide) -> GuideChanges:
    """Topics added, removed and changed (questions, titles or codes) from ``base``."""
    if base is None:
        return GuideChanges()
    old = {t.key: t for t in base.topics}
    new = {t.key: t for t in guide.topics}
    return GuideChanges(tuple(k for k in new if k not in old),
                        tuple(k for k in old if k not in new),
                        tuple(k for k in new if k in old and new[k] != old[k]))


def _texts(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw.strip(),) if raw.strip() else ()
    return tuple(str(q).strip() for q in raw if str(q).strip())


def parse_topics(raw: Any, where: str) -> tuple[Topic, ...]:
    """Topics from data: a list of {key, nl, fr, title_nl, title_fr, codes}, where ``nl`` and
    ``fr`` hold a question or a list of questions."""
    if not isinstance(raw, list) or not raw:
        raise Invalid("{where}: a guide holds a list of topics.", where=where)
    topics = []
    seen: set[str] = set()
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            raise Invalid("{where}, topic {n}: a topic is a mapping with key, nl and fr.",
                          where=where, n=i)
        key = " ".join(str(item.get("key") or "").split())
        if not key:
            raise Invalid("{where}, topic {n}: a topic needs a key.", where=where, n=i)
        if key in seen:
            raise Invalid("{where}: topic {key!r} appears twice.", where=where, key=key)
        seen.add(key)
        questions = {lang: _texts(item.get(lang)) for lang in LANGUAGES if item.get(lang)}
        titles = {lang: str(item[f"title_{lang}"]).strip() for lang in LANGUAGES
                  if item.get(f"title_{lang}")}
        codes = item.get("codes") or []
        if isinstance(codes, str):
            codes = [c.strip() for c in codes.split(",") if c.strip()]
        topics.append(Topic(key, titles, questions, tuple(str(c) for c in codes)))
    return tuple(topics)


@dataclass(frozen=True)
class TopicCoverage:
    """One interview against its guide: the topics whose codes were coded, and the rest."""

    document: str
    type: str
    wave: str
    version: int
    covered: tuple[str, ...]
    not_covered: tuple[str, ...]
    without_codes: tuple[str, ...] = ()  # topics linked to no code: cannot be judged

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "type": self.type, "wave": self.wave,
                "version": self.version, "covered": list(self.covered),
                "not_covered": list(self.not_covered),
                "without_codes": list(self.without_codes)}


def coverage(document: str, guide: Guide, coded: Iterable[str]) -> TopicCoverage:
    """Which of the guide's topics the document's codings touch (any code of the topic)."""
    codes = set(coded)
    covered, missing, loose = [], [], []
    for topic in guide.topics:
        if not topic.codes:
            loose.append(topic.key)
        elif codes.intersection(topic.codes):
            covered.append(topic.key)
        else:
            missing.append(topic.key)
    return TopicCoverage(document, guide.type, guide.wave, guide.version, tuple(covered),
                         tuple(missing), tuple(loose))


def latest(guides: Sequence[Guide], type_: str, wave: str) -> Guide | None:
    found = [g for g in guides if g.type == type_ and g.wave == wave]
    return max(found, key=lambda g: g.version) if found else None
