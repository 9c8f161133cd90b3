"""Seeded synthetic study for the scale benchmarks: transcripts, codebook, two coders' codings.

    .venv/bin/python bench/generate.py --docs 50 --codings 5000 --out /tmp/stemmen-bench/d50

Everything is SYNTHETIC (and says so in each transcript's first line): N interview transcripts
of 3,000-15,000 words of Dutch-like or French-like prose, a 40-code codebook in 9 categories,
and exactly M codings by two coders, ``an`` and ``bert``, who mostly agree (same span and code),
sometimes pick another code, cut the span shorter or skip it. Offsets are code points into the
text as Stemmen stores it (paragraphs are lines; codings start and end on sentence bounds).

Document *i* depends only on (seed, i), never on N, so the 50 transcripts of the small scale are
the first 50 of every larger one. The files written (``docs/*.txt``, ``metadata.csv``,
``codebook.csv``, ``codings.csv``, ``manifest.json``) are what the benchmarks import; the
manifest carries a SHA-256 fingerprint so two runs can prove they used the same data.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import hashlib
import json
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CODERS = ("an", "bert")
SEPARATOR = "\n"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NL = _words("""de het een en van in op met voor dat die niet wel ook maar als dan nog al er zijn was
ik je we wij zij ze hij mijn onze hun dit deze daar hier toen nu altijd soms vaak nooit
veel weinig meer minder goed beter moeilijk makkelijk echt heel zeker misschien eigenlijk
ocmw maatschappelijk werker begeleiding traject cursus les taal nederlands klas leerkracht
werk werken job interim vrijwilligerswerk opleiding school kinderen crèche familie buren
stad gemeente wijk huis huur woning brief afspraak huisarts ziekenhuis apotheek gezondheid
gsm laptop internet mail formulier leefloon uitkering geld papieren verblijfskaart attest
vertrouwen zelfstandig alleen samen groep activiteit uitstap bibliotheek sport fietsen koken
week maand jaar dag ochtend avond eerst daarna later vroeger sindsdien ondertussen
gesprek vraag antwoord probleem oplossing hulp steun netwerk collega cliënt dossier
tolk inburgering onthaal nazorg corona lockdown geleerd leren spreken schrijven lezen
begrijpen uitleggen helpen zoeken vinden wachten bellen invullen betalen verhuizen""")

FR = _words("""le la les un une des et de du en dans sur avec pour pas plus mais aussi donc
alors puis je tu il elle nous vous ils on mon ma mes notre leur ce cette ces là ici toujours souvent
parfois beaucoup peu très bien mieux difficile facile vraiment peut-être jamais encore
cpas assistante sociale accompagnement parcours cours français néerlandais classe langue
travail emploi intérim bénévolat formation école enfants crèche famille voisins commune
quartier maison loyer logement lettre rendez-vous médecin hôpital pharmacie santé gsm
ordinateur internet courriel formulaire revenu allocation argent papiers titre séjour
confiance autonome seul ensemble groupe activité sortie bibliothèque sport vélo cuisine
semaine mois année jour matin soir d'abord ensuite après avant depuis déjà entre-temps
entretien question réponse problème solution aide soutien réseau collègue dossier élève
interprète accueil orientation suivi confinement appris parler écrire lire comprendre
expliquer aider chercher trouver attendre téléphoner remplir payer déménager où ça à""")

QUESTIONS = {
    "nl": ("Kan je vertellen over", "Hoe ging het met", "Wat vond je van", "Wat veranderde er aan",
           "Wie hielp je met", "Hoe ervaar je nu"),
    "fr": ("Pouvez-vous parler de", "Comment ça s'est passé avec", "Qu'avez-vous pensé de",
           "Qu'est-ce qui a changé pour", "Qui vous a aidé avec", "Comment vivez-vous"),
}

# 9 categories, 40 codes; names are unique and no name is a prefix of another.
CODEBOOK: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Onthaal", "ON", ("eerste contact", "wachttijd", "doorverwijzing binnen", "tolkgebruik")),
    ("Taal", "TA", ("spreekvaardigheid", "schrijfvaardigheid", "taalcursus volgen",
                    "taal op het werk", "taalangst")),
    ("Netwerk", "NE", ("familiebanden", "buren en wijk", "vrienden maken", "eenzaamheid",
                       "zelforganisaties")),
    ("Werk", "WE", ("werk zoeken", "art. 60", "opleiding volgen", "diplomaerkenning",
                    "discriminatie werk")),
    ("Wonen", "WO", ("woning zoeken", "huurprijs", "woonkwaliteit", "verhuizen")),
    ("Gezondheid", "GE", ("fysieke gezondheid", "mentaal welzijn", "zorgtoegang", "medicatie")),
    ("Digitaal", "DI", ("smartphone gebruik", "online formulieren", "digitale kloof",
                        "e-mail lezen")),
    ("Begeleiding", "BE", ("vertrouwen in begeleider", "groepsmoment", "huisbezoek",
                           "outreach", "nazorg traject")),
    ("Beleid", "BL", ("regelgeving", "samenwerking partners", "middelen OCMW", "visie")),
)

CITIES = ("Antwerpen", "Gent", "Brugge", "Leuven", "Mechelen", "Hasselt", "Genk", "Aalst",
          "Kortrijk", "Oostende", "Liège", "Namur", "Charleroi", "Mons", "Bruxelles")
ROLES = ("Eindgebruiker", "Hulpverlener", "Coördinator")
KINDS = ("focusgroep", "individueel", "bilateraal")


@dataclass(frozen=True)
class Code:
    """One code of the codebook."""

    name: str
    category: str
    definition: str
    colour: str


@dataclass
class Transcript:
    """One synthetic transcript and where its answers' sentences are (for placing codings)."""

    index: int
    name: str
    language: str
    kind: str
    case: str
    role: str
    wave: int
    text: str
    # per answer paragraph: index of its first sentence in starts/ends, and its sentence count
    answers: list[tuple[int, int]] = field(repr=False)
    starts: array = field(repr=False)
    ends: array = field(repr=False)

    @property
    def file_name(self) -> str:
        return self.name + ".txt"


@dataclass(frozen=True)
class Coding:
    """One code on one span of one transcript, by one coder."""

    document: int
    code: int
    coder: str
    start: int
    end: int


def _rng(seed: int, *parts: object) -> random.Random:
    """An independent generator per (seed, parts): transcript i does not depend on N."""
    key = "|".join(map(str, (seed, *parts))).encode()
    return random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))


def make_codebook(seed: int = 42) -> list[Code]:
    """The 40 codes in 9 categories, with seeded colours."""
    rng = _rng(seed, "codebook")
    codes = []
    for category, prefix, labels in CODEBOOK:
        for label in labels:
            definition = (f"Synthetische definitie: uitspraken over {label} "
                          f"(categorie {category}); codeer de hele gedachte mee.")
            codes.append(Code(f"{prefix} {label}", category, definition,
                              f"#{rng.randrange(0x303030, 0xd0d0d0):06x}"))
    assert len(codes) == 40 and len({c.name for c in codes}) == 40
    return codes


def cases_for(n_docs: int) -> list[str]:
    """Case names: one per ten transcripts, at least 5 and at most 50 (like a real study)."""
    count = min(50, max(5, n_docs // 10))
    return [f"OCMW {CITIES[i % len(CITIES)]} {i // len(CITIES) + 1}" for i in range(count)]


def make_transcript(seed: int, index: int, cases: list[str], min_words: int = 3000,
                    max_words: int = 15000) -> Transcript:
    """Transcript ``index``: alternating questions and answers of 2-10 sentences."""
    rng = _rng(seed, "doc", index)
    lang = "nl" if rng.random() < 0.6 else "fr"
    kind = rng.choice(KINDS)
    target = rng.randint(min_words, max_words)
    vocab = NL if lang == "nl" else FR
    pool = rng.choices(vocab, k=target + 256)
    name = f"interview_{index + 1:05d}_{lang}_{kind}"
    header = (f"SYNTHETISCH TRANSCRIPT {index + 1} ({lang}, {kind}) - gegenereerd voor "
              "benchmarks, geen echte gegevens.")
    parts = [header]
    pos = len(header) + 1
    used = 0
    answers: list[tuple[int, int]] = []
    starts, ends = array("l"), array("l")
    while used < target:
        n = rng.randint(3, 8)
        question = f"I: {rng.choice(QUESTIONS[lang])} {' '.join(pool[used:used + n])}?"
        used += n
        parts.append(question)
        pos += len(question) + 1
        speaker = f"R{rng.randint(1, 6)}: " if kind == "focusgroep" else "R: "
        cursor = pos + len(speaker)
        first = len(starts)
        sentences = []
        for _ in range(rng.randint(2, 10)):
            n = rng.randint(6, 22)
            sentence = " ".join(pool[used:used + n]).capitalize() + rng.choice(".....?!")
            used += n
            sentences.append(sentence)
            starts.append(cursor)
            ends.append(cursor + len(sentence))
            cursor += len(sentence) + 1
        answer = speaker + " ".join(sentences)
        answers.append((first, len(sentences)))
        parts.append(answer)
        pos += len(answer) + 1
    case = cases[index % len(cases)]
    role = ROLES[0] if kind == "focusgroep" else ROLES[index % 3]
    return Transcript(index, name, lang, kind, case, role, 1 + (index // len(cases)) % 2,
                      SEPARATOR.join(parts), answers, starts, ends)


def make_codings(seed: int, docs: list[Transcript], n_codings: int,
                 n_codes: int = 40) -> Iterator[Coding]:
    """Exactly ``n_codings`` codings by two coders who mostly agree; no exact duplicates."""
    rng = _rng(seed, "codings", len(docs), n_codings)
    order = list(range(n_codes))
    rng.shuffle(order)
    code_weights = [0.0] * n_codes
    for rank, code in enumerate(order):
        code_weights[code] = 1.0 / (rank + 1) ** 0.8  # Zipf-like popularity
    code_cum = _cumulative(code_weights)
    doc_cum = _cumulative([len(d.answers) for d in docs])
    seen: set[tuple[int, int, int, int, int]] = set()
    made = 0

    def emit(d: int, c: int, who: int, s: int, e: int) -> Coding | None:
        nonlocal made
        key = (d, c, who, s, e)
        if made >= n_codings or key in seen:
            return None
        seen.add(key)
        made += 1
        return Coding(d, c, CODERS[who], s, e)

    while made < n_codings:
        d = bisect.bisect_right(doc_cum, rng.random() * doc_cum[-1])
        doc = docs[d]
        a = rng.randrange(len(doc.answers))
        first, count = doc.answers[a]
        i = rng.randrange(count)
        j = min(count - 1, i + rng.choice((0, 0, 0, 1, 1, 2)))
        start, end = doc.starts[first + i], doc.ends[first + j]
        if rng.random() < 0.08 and a + 1 < len(doc.answers):  # answer, question, answer
            nxt, n = doc.answers[a + 1]
            end = doc.ends[nxt + n - 1]
        codes = [bisect.bisect_right(code_cum, rng.random() * code_cum[-1])]
        if rng.random() < 0.12:
            other = bisect.bisect_right(code_cum, rng.random() * code_cum[-1])
            if other != codes[0]:
                codes.append(other)
        for code in codes:
            yield from _pair(rng, doc, first + i, d, code, start, end, n_codes, emit)


def _pair(rng: random.Random, doc: Transcript, sentence: int, d: int, code: int, start: int,
          end: int, n_codes: int, emit) -> Iterator[Coding]:  # noqa: ANN001
    """Coder an's coding and what bert made of the same passage."""
    found = [emit(d, code, 0, start, end)]
    luck = rng.random()
    if luck < 0.80:
        found.append(emit(d, code, 1, start, end))
    elif luck < 0.88:
        found.append(emit(d, (code + rng.randrange(1, n_codes)) % n_codes, 1, start, end))
    elif luck < 0.94 and doc.ends[sentence] < end:
        found.append(emit(d, code, 1, start, doc.ends[sentence]))
    if rng.random() < 0.03:  # bert alone codes a sentence nearby
        k = min(len(doc.starts) - 1, sentence + rng.randrange(1, 4))
        found.append(emit(d, code, 1, doc.starts[k], doc.ends[k]))
    return (c for c in found if c is not None)


def _cumulative(weights: list[float] | list[int]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def write(out: Path, n_docs: int, n_codings: int, seed: int = 42, min_words: int = 3000,
          max_words: int = 15000) -> dict:
    """Write the whole study under ``out`` and return its manifest (reused if already there)."""
    manifest_path = out / "manifest.json"
    wanted = {"docs": n_docs, "codings": n_codings, "seed": seed, "min_words": min_words,
              "max_words": max_words}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("parameters") == wanted:
            return manifest
    (out / "docs").mkdir(parents=True, exist_ok=True)
    codes = make_codebook(seed)
    cases = cases_for(n_docs)
    digest = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode())
    docs, words, chars = [], 0, 0
    for i in range(n_docs):
        doc = make_transcript(seed, i, cases, min_words, max_words)
        data = doc.text.encode("utf-8")
        (out / "docs" / doc.file_name).write_bytes(data)
        digest.update(data)
        words += len(doc.text.split())
        chars += len(doc.text)
        doc.text = ""  # keep only what placing codings needs
        docs.append(doc)
    with (out / "metadata.csv").open("w", newline="", encoding="utf-8") as fp:
        w = csv.writer(fp)
        w.writerow(["file", "case", "role", "type", "language", "wave:number"])
        w.writerows([d.file_name, d.case, d.role, d.kind, d.language, d.wave] for d in docs)
    with (out / "codebook.csv").open("w", newline="", encoding="utf-8") as fp:
        w = csv.writer(fp)
        w.writerow(["category", "code", "definition", "colour"])
        w.writerows([c.category, c.name, c.definition, c.colour] for c in codes)
    per_coder = dict.fromkeys(CODERS, 0)
    with (out / "codings.csv").open("w", newline="", encoding="utf-8") as fp:
        w = csv.writer(fp)
        w.writerow(["document", "code", "coder", "start", "end"])
        made = sorted(make_codings(seed, docs, n_codings, len(codes)),
                      key=lambda c: (c.document, c.coder, c.start, c.end, c.code))
        for c in made:  # each coder works through the transcripts top to bottom
            row = [docs[c.document].name, codes[c.code].name, c.coder, c.start, c.end]
            w.writerow(row)
            digest.update(repr(row).encode())
            per_coder[c.coder] += 1
    manifest = {
        "parameters": wanted, "documents": n_docs, "words": words, "characters": chars,
        "cases": len(cases), "codes": len(codes), "categories": len(CODEBOOK),
        "codings": sum(per_coder.values()), "codings_per_coder": per_coder,
        "longest_document": max(docs, key=lambda d: d.ends[-1]).name if docs else None,
        "fingerprint": digest.hexdigest(),
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--codings", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--min-words", type=int, default=3000)
    ap.add_argument("--max-words", type=int, default=15000)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    manifest = write(args.out, args.docs, args.codings, args.seed, args.min_words,
                     args.max_words)
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
