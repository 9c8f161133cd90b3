"""A small synthetic corpus for the suggestion tests: codes with their own vocabulary."""

from __future__ import annotations

import random

VOCABULARY = {
    "tolk": ["de tolk vertaalde", "zonder tolk begreep ik niets", "een tolk aan de telefoon",
             "interprète au téléphone", "the interpreter translated"],
    "wonen": ["een sociale woning", "de huur van het appartement", "wachtlijst voor een woning",
              "logement social", "the rent of the flat"],
    "werk": ["een job gevonden", "de werkgever belde", "sollicitatie bij de fabriek",
             "un emploi à temps partiel", "a job interview"],
}
FILLER = ["het weer was goed", "we dronken koffie", "de bus was te laat", "ik heb twee kinderen",
          "het was een lange dag", "on a parlé de tout", "we talked for an hour"]
RARE = "zeldzaam"
NOISE = "ruis"  # given at random: no words predict it


def corpus(documents: int = 10, paragraphs: int = 12, seed: int = 1
           ) -> tuple[dict[str, str], list[tuple[str, int, int, str]]]:
    """Texts by document and (document, start, end, code) codings of one coder; the code
    ``zeldzaam`` is given to three paragraphs of a single document, ``ruis`` at random."""
    rng = random.Random(seed)
    texts: dict[str, str] = {}
    codings: list[tuple[str, int, int, str]] = []
    for d in range(documents):
        name = f"interview {d + 1:02d}"
        lines: list[str] = []
        offset = 0
        for p in range(paragraphs):
            code = rng.choice([*VOCABULARY, None])
            words = rng.sample(FILLER, 2)
            if code:
                words += rng.sample(VOCABULARY[code], 2)
            rng.shuffle(words)
            line = f"Deelnemer: {', '.join(words)}."
            if code:
                codings.append((name, offset, offset + len(line), code))
            if rng.random() < 0.25:
                codings.append((name, offset, offset + len(line), NOISE))
            if d == 0 and p < 3:
                codings.append((name, offset, offset + len(line), RARE))
            lines.append(line)
            offset += len(line) + 1
        texts[name] = "\n".join(lines)
    return texts, codings
