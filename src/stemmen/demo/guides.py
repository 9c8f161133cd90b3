"""The demo's topic guides: one per interview type and wave, in Dutch and French, built from
the interviewer's topic list (``phrases.csv``, see :mod:`stemmen.demo.topics`); the wave-2
guides derive from the wave-1 guide for end users and add corona, aftercare (nazorg) and
reception (opvang), as the study did. The questions are the demo's (synthetic)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from stemmen.demo.interviews import Interview
from stemmen.demo.sources import phrasebook
from stemmen.demo.topics import TOPIC_CODES, topics_for

TITLES = {
    "instap": ("Instap en eerste contact", "Entrée et premier contact"),
    "opvang": ("Opvang en onthaal", "Accueil"),
    "begeleiding": ("Begeleiding", "Accompagnement"),
    "activiteiten": ("Activiteiten", "Activités"),
    "taal": ("Taal", "Langue"),
    "netwerk": ("Sociaal netwerk", "Réseau social"),
    "activering": ("Activering en werk", "Activation et emploi"),
    "digitaal": ("Digitale vaardigheden", "Compétences numériques"),
    "zelfredzaamheid": ("Zelfredzaamheid en zelfvertrouwen", "Autonomie et confiance en soi"),
    "gezondheid": ("Gezondheid", "Santé"),
    "werking": ("Werking van het OCMW", "Fonctionnement du CPAS"),
    "corona": ("Corona", "Corona"),
    "nazorg": ("Nazorg", "Suivi après le trajet"),
    "afsluiting": ("Afsluiting", "Clôture"),
}
SLOTS = {"nl": {"project": "[project]", "taal": "[taal]", "stad": "[stad]",
                "hv": "[hulpverlener]", "n": "…"},
         "fr": {"project": "[projet]", "taal": "[langue]", "stad": "[ville]",
                "hv": "[intervenant]", "n": "…"}}
BASE = ("Focusgroep eindgebruikers", 1)
"""The guide the wave-2 guides derive from."""


def _questions(lang: str, audience: str, topic: str) -> list[str]:
    slots = defaultdict(lambda: "…", SLOTS[lang])
    return [text.format_map(slots)
            for _code, text in phrasebook().lines("question", lang, audience, topic)]


def guides(interviews: list[Interview]) -> list[dict[str, Any]]:
    """The guides as import data (wave 1 first), one per interview type and wave."""
    seen: dict[tuple[str, int], Interview] = {}
    for iv in sorted(interviews, key=lambda iv: (iv.wave, iv.number)):
        seen.setdefault((iv.type, iv.wave), iv)
    found = []
    for (kind, wave), iv in seen.items():
        topics = []
        for topic in topics_for(iv):
            nl, fr = TITLES[topic]
            topics.append({"key": topic, "title_nl": nl, "title_fr": fr,
                           "nl": _questions("nl", iv.voice, topic),
                           "fr": _questions("fr", iv.voice, topic),
                           "codes": list(TOPIC_CODES[topic])})
        guide: dict[str, Any] = {"type": kind, "wave": wave, "topics": topics}
        if wave == 2:
            guide["derived_from"] = {"type": BASE[0], "wave": BASE[1]}
        found.append(guide)
    return found
