"""Every identifier in a text: paragraphs routed by language, rules everywhere, the project's
known names found wherever they occur, its allow-list never proposed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from stemmen.privacy.language import detect_language
from stemmen.privacy.names import TITLES, dutch_names, french_names
from stemmen.privacy.rules import find_rules
from stemmen.privacy.spans import Found, resolve

DEFAULT_ALLOW = (
    "OCMW Gent", "OCMW Antwerpen", "OCMW Brussel", "OCMW Leuven", "CPAS Liège", "CPAS Namur",
    "CPAS Bruxelles", "CPAS Charleroi", "Thomas More", "Fedasil", "CGVS", "CGRS", "VDAB",
    "Forem", "Actiris", "Agentschap Integratie en Inburgering", "Rode Kruis", "Croix-Rouge",
)
"""The allow-list a project starts with: organisations named in the study, never replaced."""

SPEAKER_WORDS = {
    "interviewer", "interviewster", "interviewee", "respondent", "enquêteur", "enquêtrice",
    "enqueteur", "participant", "participante", "deelnemer", "tolk", "interprète", "interprete",
    "vraag", "antwoord", "question", "réponse", "q", "a", "i", "r", "moderator", "animateur",
    "animatrice", "onderzoeker", "chercheur", "chercheuse", "hulpverlener", "eindgebruiker",
    "intervenant", "intervenante", "bénéficiaire", "maatschappelijk", "assistant", "assistante",
}
_NOT_NAMES = {
    "god", "allah", "ocmw", "cpas", "ja", "nee", "oui", "non", "oké", "ok", "dus", "maar", "en",
    "mais", "alors", "bon", "euh", "eh", "ah", "oh", "merci", "bonjour", "dank", "hallo",
    "belgië", "belgique", "nederland", "europe", "europa",
    # countries and regions: not identifiers in this kind of study (origins, routes)
    "syrië", "syrie", "afghanistan", "eritrea", "érythrée", "irak", "iraq", "iran", "somalië",
    "somalie", "turkije", "turquie", "marokko", "maroc", "congo", "guinee", "guinée",
    "palestina", "palestine", "oekraïne", "ukraine", "rusland", "russie", "soedan", "soudan",
    "ethiopië", "éthiopie", "pakistan", "libanon", "liban", "jordanië", "jordanie", "egypte",
    "égypte", "griekenland", "grèce", "italië", "italie", "frankrijk", "france", "duitsland",
    "allemagne", "vlaanderen", "flandre", "wallonië", "wallonie", "afrika", "afrique",
    "belgium", "syria", "somalia", "turkey", "morocco",
}
_UP = "A-ZÀ-ÖØ-Þ"
_NAME = rf"[{_UP}][\w'’-]+"
_LATER = rf"[{_UP}][a-zß-ÿ'’-][\w'’-]*"
_PARTICLE = r"(?:van\s+der|van\s+den|van\s+de|van|de|der|den|le|la|du|de\s+la|el|al|ben|bin)"
_TITLED = re.compile(
    r"\b(?i:Mevrouw|Meneer|Mijnheer|Mevr\.?|Mw\.|Mnr\.|Dhr\.?|Juffrouw|Dokter|Madame|Monsieur|"
    r"Mme\.?|Mlle\.?|Mademoiselle|Docteur|Maître|Maitre|Meester|Juf|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|M\.)\s+"
    rf"((?:{_PARTICLE}\s+)?{_NAME}(?:[\s-](?:{_PARTICLE}\s+)?{_LATER}){{0,2}})")
_LABEL = re.compile(r"\[[^\]\n]{1,80}\]")
_TURN = re.compile(rf"^[ \t]*({_NAME}(?:[ -]{_NAME})?)[ \t]*(?:\([^)\n]*\))?[ \t]*:", re.M)


@dataclass(frozen=True)
class KnownName:
    """A name the project knows (a participant's name or speaker label) and its role."""

    text: str
    role: str | None = None


def paragraphs(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` for every non-blank line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def detect(text: str, known: Iterable[KnownName] = (), allow: Iterable[str] = DEFAULT_ALLOW,
           exceptions: Iterable[str] = (), language: str | None = None) -> list[Found]:
    """The identifiers in ``text``, without overlaps, in order. ``language`` forces one
    language for every paragraph (else each paragraph is detected: nl, fr or en); ``known``
    names are found wherever they stand; ``allow`` and ``exceptions`` (pseudonyms) never."""
    paras = paragraphs(text)
    french: list[tuple[int, str]] = []
    dutch: list[tuple[int, str]] = []
    langs: list[tuple[int, str]] = []
    for offset, para in paras:
        lang = language or detect_language(para)
        langs.append((offset, lang))
        (french if lang == "fr" else dutch).append((offset, para))
    found = find_rules(text)
    found += dutch_names(dutch) + french_names(french)
    found += _titled(text) + _turns(text) + _known(text, known)
    found = [_strip_title(f) for f in found]
    found = [f for f in found if f.end > f.start and _plausible(f)]
    found = resolve(found)
    found = resolve(found + _propagated(text, found))
    kept = _without_allowed(text, found, list(allow), list(exceptions))
    return [replace(f, lang=_language_at(langs, f.start)) for f in kept]


def _language_at(langs: list[tuple[int, str]], pos: int) -> str:
    found = "nl"
    for offset, lang in langs:
        if offset > pos:
            break
        found = lang
    return found


def _plausible(f: Found) -> bool:
    if f.kind not in ("person", "place"):
        return True
    word = f.text.strip(" .,;:'’\"")
    if len(word) < 2 or not word[0].isupper():
        return False
    if word.lower() in _NOT_NAMES or word.lower() in SPEAKER_WORDS:
        return False
    if word.isupper() and len(word) <= 6:  # OCMW, VDAB, CPAS: organisations, not people
        return False
    return not any(ch.isdigit() for ch in word)


_PARTICLES = {"van", "der", "den", "de", "le", "la", "du", "des", "el", "al", "ben", "bin"}


def _propagated(text: str, found: list[Found]) -> list[Found]:
    """Every other mention of a person found somewhere in the text: the whole name, and
    each of its words that reads as a name (``Julie Lambert`` → ``Julie``, ``Lambert``)."""
    variants: set[str] = set()
    for f in found:
        if f.kind != "person":
            continue
        variants.add(f.text)
        words = f.text.split()
        if len(words) > 1:
            variants.update(w for w in words if len(w) >= 3 and w[0].isupper()
                            and w.lower() not in _PARTICLES and w.lower() not in _NOT_NAMES
                            and w.lower() not in SPEAKER_WORDS and w.lower() not in TITLES)
    out = []
    for name in variants:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        out += [Found(m.start(), m.end(), name, "person", "same name")
                for m in pattern.finditer(text)]
    return out


def _strip_title(f: Found) -> Found:
    """``Mevrouw Peeters`` → ``Peeters``: the title stays readable in the text."""
    if f.kind != "person":
        return f
    text, start = f.text, f.start
    while True:
        head, _, rest = text.partition(" ")
        if rest and head.lower() in TITLES:
            start += len(head) + 1
            text = rest.lstrip()
            start += len(rest) - len(text)
            continue
        break
    stripped = text.rstrip(" .,;:")
    return Found(start, start + len(stripped), stripped, f.kind, f.source)


def _titled(text: str) -> list[Found]:
    return [Found(m.start(1), m.end(1), m.group(1), "person", "title")
            for m in _TITLED.finditer(text)]


def _turns(text: str) -> list[Found]:
    """Speaker labels at the start of a turn (``Sarah:``) unless they name a role."""
    out = []
    for m in _TURN.finditer(text):
        words = {w.lower() for w in re.split(r"[ -]", m.group(1))}
        if words & SPEAKER_WORDS:
            continue
        out.append(Found(m.start(1), m.end(1), m.group(1), "person", "turn"))
    return out


def _known(text: str, known: Iterable[KnownName]) -> list[Found]:
    out = []
    for name in known:
        clean = " ".join(name.text.split())
        if len(clean) < 2:
            continue
        pattern = re.compile(rf"(?<![\w]){re.escape(clean)}(?![\w])")
        out += [Found(m.start(), m.end(), m.group(), "person", "known")
                for m in pattern.finditer(text)]
    return out


def _outside(text: str, f: Found, labels: list[tuple[int, int]]) -> Found | None:
    """``f`` cut to what lies outside the labels it overlaps (None when nothing is left)."""
    start, end = f.start, f.end
    for s, e in labels:
        if s < end and start < e:
            if s <= start:
                start = max(start, e)
            elif e >= end:
                end = min(end, s)
            else:  # a label inside the find: keep the longer side
                start, end = (start, s) if s - start >= end - e else (e, end)
    while start < end and not text[start].isalnum() and text[start] not in "+":
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if end <= start:
        return None
    if (start, end) == (f.start, f.end):
        return f
    return replace(f, start=start, end=end, text=text[start:end])


def _without_allowed(text: str, found: list[Found], allow: list[str],
                     exceptions: list[str]) -> list[Found]:
    """Finds that are not (inside) an allow-listed name or a pseudonym."""
    # labels put in by an earlier apply ("[Naam hulpverlener 1]") are never proposed again
    labels = [(m.start(), m.end()) for m in _LABEL.finditer(text)]
    found = [g for f in found if (g := _outside(text, f, labels)) is not None]
    safe: list[tuple[int, int]] = list(labels)
    words = {w.lower() for w in allow + exceptions if w.strip()}
    for entry in allow + exceptions:
        entry = " ".join(entry.split())
        if not entry:
            continue
        pattern = re.compile(rf"(?<![\w]){re.escape(entry)}(?![\w])", re.IGNORECASE)
        safe += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return [f for f in found
            if f.text.lower() not in words
            and not any(s <= f.start and f.end <= e for s, e in safe)]
