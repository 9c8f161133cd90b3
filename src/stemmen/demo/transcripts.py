"""Synthetic transcripts: speaker turns, one paragraph per line, with their "true" codes.

Answers are built from sentence templates per code (data/templates.csv), so every paragraph is
about one or two codes; the published quotes are woven in verbatim. The first line of every
transcript says that it is synthetic.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from stemmen.demo.interviews import Interview
from stemmen.demo.sources import Phrasebook, Quote, sentence_spans
from stemmen.demo.topics import COVID, TOPIC_CODES, topic_for_codes, topics_for
from stemmen.model.documents import Participant

MARKER = ("[SYNTHETISCH TRANSCRIPT – geen echte gegevens / "
          "TRANSCRIPTION SYNTHÉTIQUE – données fictives]")
INTERVIEWER = "Interviewer"
PLACEHOLDER = {"nl": "[Naam hulpverlener]", "fr": "[Nom intervenant]"}
_TYPE_FR = {
    "Focusgroep eindgebruikers": "groupe focus bénéficiaires",
    "Focusgroep hulpverleners": "groupe focus intervenants",
    "Individueel eindgebruiker": "entretien individuel bénéficiaire",
    "Individueel late instapper": "entretien individuel participant tardif",
    "Bilateraal": "entretien bilatéral",
}
_COUNTRY_FR = {"Syrië": "de Syrie", "Irak": "d'Irak", "Eritrea": "d'Érythrée",
               "Afghanistan": "d'Afghanistan", "Iran": "d'Iran", "Turkije": "de Turquie",
               "Yemen": "du Yémen", "Sudan": "du Soudan", "Tibet": "du Tibet"}


@dataclass(frozen=True)
class Turn:
    """One paragraph: who speaks, what, and the codes it is about."""

    speaker: str
    body: str
    kind: str
    codes: tuple[str, ...] = ()
    spans: tuple[tuple[int, int, str | None], ...] = ()  # sentences in body, with their code

    @property
    def line(self) -> str:
        return f"{self.speaker}: {self.body}" if self.speaker else self.body


@dataclass(frozen=True)
class Paragraph:
    """A paragraph unit of a transcript with offsets in code points and its true codes."""

    index: int
    start: int
    end: int
    kind: str
    codes: tuple[str, ...]
    sentences: tuple[tuple[int, int, str | None], ...]


@dataclass(frozen=True)
class Transcript:
    """A generated document text with its paragraphs."""

    interview: Interview
    text: str
    paragraphs: tuple[Paragraph, ...]


def assemble(interview: Interview, turns: list[Turn]) -> Transcript:
    """Join turns into one text, one line each, and record every paragraph's offsets."""
    paragraphs: list[Paragraph] = []
    lines: list[str] = []
    pos = 0
    for turn in turns:
        line = turn.line
        head = len(line) - len(turn.body)
        sentences = tuple((pos + head + a, pos + head + b, code) for a, b, code in turn.spans)
        paragraphs.append(Paragraph(len(paragraphs) + 1, pos, pos + len(line), turn.kind,
                                    turn.codes, sentences))
        lines.append(line)
        pos += len(line) + 1
    return Transcript(interview, "\n".join(lines), tuple(paragraphs))


class _Writer:
    """Writes one interview, topic by topic, from the phrasebook."""

    def __init__(self, interview: Interview, book: Phrasebook, people: list[Participant],
                 rng: random.Random) -> None:
        self.iv, self.book, self.people, self.rng = interview, book, people, rng
        self.lang, self.voice = interview.language, interview.voice
        self.audience = interview.voice
        self.labels = self._labels()
        self.turns: list[Turn] = []
        self.last = ""
        self.used: Counter[str] = Counter()
        city = interview.site.city if self.lang == "nl" else interview.site.city_fr
        self.slots = {"taal": interview.national_language, "stad": city,
                      "project": interview.site.project, "hv": PLACEHOLDER[self.lang]}
        group = interview.is_group
        self.p_probe = 0.2 if group else 0.3
        self.p_filler = (0.14 if self.voice == "eg" else 0.08) if group else 0.08

    def _labels(self) -> list[str]:
        iv, fr = self.iv, self.lang == "fr"
        if iv.type == "Bilateraal":
            if iv.role == "Projectverantwoordelijke":
                return ["Responsable de projet" if fr else "Projectverantwoordelijke"]
            return ["Responsable" if fr else "Verantwoordelijke"]
        word = ("Participant" if fr else "Deelnemer") if self.voice == "eg" else (
            "Intervenant" if fr else "Hulpverlener")
        if not iv.is_group:
            return [word]
        return [f"{word} {k}" for k in range(1, iv.size + 1)]

    def fill(self, template: str) -> str:
        return template.format(n=self.rng.randint(2, 6), **self.slots)

    def say(self, speaker: str, body: str, kind: str, codes: tuple[str, ...] = (),
            spans: tuple[tuple[int, int, str | None], ...] = ()) -> None:
        self.turns.append(Turn(speaker, body, kind, codes, spans))
        if speaker != INTERVIEWER:
            self.last = speaker

    def next_speaker(self) -> str:
        options = [label for label in self.labels if label != self.last] or self.labels
        return self.rng.choice(options)

    def phrase(self, kind: str, audience: str, topic: str = "") -> tuple[str, str]:
        return self.rng.choice(self.book.lines(kind, self.lang, audience, topic))

    def template(self, code: str, avoid: str = "") -> str:
        """A template for ``code``, the least used so far in this interview."""
        options = [t for t in self.book.sentences(code, self.lang, self.voice) if t != avoid]
        fewest = min(self.used[t] for t in options)
        chosen = self.rng.choice([t for t in options if self.used[t] == fewest])
        self.used[chosen] += 1
        return chosen

    # -- parts of an interview ------------------------------------------------------------

    def header(self, quotes: bool) -> None:
        iv, date = self.iv, self.iv.date.strftime("%d/%m/%Y")
        self.say("", MARKER, "marker")
        if self.lang == "fr":
            text = (f"Entretien : {_TYPE_FR[iv.type]}, CPAS de {iv.site.city_fr}, {date} "
                    f"(vague {iv.wave}). "
                    f"Participants : {iv.size}. Projet : {iv.site.project}.")
            if quotes:
                text += " Les citations publiées figurent dans leur traduction néerlandaise."
        else:
            text = (f"Interview: {iv.type.lower()}, {iv.site.case}, {date} (golf {iv.wave}). "
                    f"Deelnemers: {iv.size}. Project: {iv.site.project}.")
        self.say("", text, "header")

    def introductions(self) -> None:
        self.say(INTERVIEWER, self.fill(self.phrase("question", self.audience, "intro")[1]),
                 "question")
        if self.voice == "eg":
            for label, person in zip(self.labels, self.people, strict=False):
                self.say(label, self._self_intro(person), "intro")
            return
        kind = "lead" if self.iv.type == "Bilateraal" else "pro"
        pool = [text for _, text in self.book.lines("intro", self.lang, kind)]
        self.rng.shuffle(pool)
        for i, label in enumerate(self.labels):
            self.say(label, self.fill(pool[i % len(pool)]), "intro")

    def _self_intro(self, person: Participant) -> str:
        d, fr = person.demographics, self.lang == "fr"
        parts = []
        if d.get("age"):
            parts.append(f"J'ai {d['age']} ans." if fr else f"Ik ben {d['age']} jaar.")
        if d.get("country_of_birth"):
            country = d["country_of_birth"]
            parts.append(f"Je viens {_COUNTRY_FR[country]}." if fr else f"Ik kom uit {country}.")
        if d.get("years_in_belgium"):
            years = d["years_in_belgium"]
            parts.append(f"Je suis en Belgique depuis {years} an{'s' if years > 1 else ''}."
                         if fr else f"Ik woon nu {years} jaar in België.")
        if not parts:
            parts.append(f"J'habite à {self.slots['stad']}." if fr
                         else f"Ik woon in {self.slots['stad']}.")
        return " ".join(["Bonjour." if fr else "Goedemiddag.", *parts])

    def answer(self, topic: str, primary: str = "") -> None:
        weights = TOPIC_CODES[topic]
        primary = primary or self.rng.choices(list(weights), list(weights.values()))[0]
        secondary = None
        roll = self.rng.random()
        if roll < 0.05 and topic != "corona" and primary[0] in COVID and "covid" not in primary:
            secondary = COVID[primary[0]]
        elif roll < 0.33:
            others = [c for c in weights if c != primary]
            secondary = self.rng.choice(others) if others else None
        parts: list[tuple[str, str | None]] = []
        if self.rng.random() < 0.2:
            parts.append((self.phrase("opener", self.voice)[1], None))
        first = self.template(primary)
        parts.append((self.fill(first), primary))
        if self.rng.random() < 0.3:
            parts.append((self.fill(self.template(primary, avoid=first)), primary))
        if secondary:
            parts.append((self.fill(self.template(secondary)), secondary))
        codes = (primary,) + ((secondary,) if secondary else ())
        self._speak(" ".join(text for text, _ in parts), parts, codes)

    def _speak(self, body: str, parts: list[tuple[str, str | None]],
               codes: tuple[str, ...]) -> None:
        spans, pos = [], 0
        for text, code in parts:
            for a, b in sentence_spans(text):
                spans.append((pos + a, pos + b, code))
            pos += len(text) + 1
        self.say(self.next_speaker(), body, "answer", codes, tuple(spans))

    def quote(self, quote: Quote) -> None:
        text = quote.spoken(self.lang)
        spans = tuple((a, b, None) for a, b in sentence_spans(text))
        self.say(self.next_speaker(), text, "quote", quote.codes, spans)

    def between(self, next_slot: object) -> None:
        """A probe before another answer, or a short remark by someone else."""
        if next_slot not in (None, "summary") and self.rng.random() < self.p_probe:
            audiences = ["all"] + ["group"] * self.iv.is_group + ["eg"] * (self.voice == "eg")
            audience = self.rng.choice(audiences)
            self.say(INTERVIEWER, self.phrase("probe", audience)[1], "probe")
        elif self.iv.is_group and self.rng.random() < self.p_filler:
            self.say(self.next_speaker(), self.phrase("filler", self.voice)[1], "filler")

    def topic(self, topic: str, coded: int, quotes: list[Quote]) -> None:
        question = self.fill(self.phrase("question", self.audience, topic)[1])
        self.say(INTERVIEWER, question, "question")
        plan: list[str | Quote] = ["answer"] * coded
        for position, quote in zip(self.rng.sample(range(coded), len(quotes)), quotes,
                                   strict=True):
            plan[position] = quote
        summaries = self.book.lines("summary", self.lang, "all", topic)
        free = [i for i in range(1, coded) if plan[i] == plan[i - 1] == "answer"]
        if summaries and free and self.rng.random() < 0.3:
            plan[self.rng.choice(free)] = "summary"
        summary = self.rng.choice(summaries) if summaries else ("", "")
        for i, slot in enumerate(plan):
            if slot == "summary":
                code, text = summary
                self.say(INTERVIEWER, text, "summary", (code,), ((0, len(text), code),))
                speaker = self.last or self.next_speaker()
                self.say(speaker, self.phrase("confirm", self.voice)[1], "filler")
                continue
            if slot == "answer":
                # The answer before an interviewer's summary is about what she summarises.
                nxt = plan[i + 1] if i + 1 < len(plan) else None
                self.answer(topic, summary[0] if nxt == "summary" else "")
            elif isinstance(slot, Quote):
                self.quote(slot)
            self.between(plan[i + 1] if i + 1 < len(plan) else None)


def _budget(interview: Interview, rng: random.Random) -> int:
    """How many coded paragraphs an interview of this type gets."""
    if interview.is_group:
        return rng.randint(42, 60)
    return rng.randint(20, 28) if interview.type == "Bilateraal" else rng.randint(16, 24)


def write_transcript(interview: Interview, book: Phrasebook, people: list[Participant],
                     quotes: list[Quote], seed: int, coded: int | None = None) -> Transcript:
    """A synthetic transcript for one interview; ``coded`` fixes its number of coded paragraphs."""
    rng = random.Random(f"{seed}/{interview.name}")
    writer = _Writer(interview, book, people, rng)
    topics = topics_for(interview)
    by_topic: dict[str, list[Quote]] = {t: [] for t in topics}
    for quote in quotes:
        by_topic[topic_for_codes(quote.codes, topics)].append(quote)
    budget = coded if coded is not None else _budget(interview, rng)
    minimum = 2 if interview.is_group or interview.type == "Bilateraal" else 1
    counts = {t: max(minimum, len(by_topic[t])) for t in topics}
    if sum(counts.values()) > budget:
        raise ValueError(f"{interview.name}: {budget} coded paragraphs are too few")
    for _ in range(budget - sum(counts.values())):
        counts[rng.choice(topics)] += 1
    writer.header(bool(quotes))
    writer.introductions()
    for topic in topics:
        writer.topic(topic, counts[topic], by_topic[topic])
    writer.say(INTERVIEWER, writer.phrase("closing", "all")[1], "closing")
    return assemble(interview, writer.turns)
