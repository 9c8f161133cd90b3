"""Pseudonymisation end to end on synthetic Dutch and French transcripts with codings: scan,
decide, apply (texts, codings, search), reveal with the key, a wrong key, a crash mid-apply,
and detection with the network blocked. The transcripts are synthetic test texts."""

from __future__ import annotations

import socket

import pytest

from stemmen.errors import Invalid, NotFound
from stemmen.project.privacy import Decision

DUTCH = (
    "[SYNTHETIC TEST TRANSCRIPT]\n"
    "Interviewer: Hoe kwam je bij het OCMW Gent terecht?\n"
    "Fatima: Mijn begeleider Sarah Claes heeft me geholpen. Ze belt me op 0475 12 34 56.\n"
    "Interviewer: En daarna?\n"
    "Fatima: Mevrouw Peeters schreef me in. Ik woon nu in de Kerkstraat 12, 9000 Gent.\n"
    "Fatima: Mijn mail is fatima.haidari@example.be, dat weet Sarah ook.\n"
)
FRENCH = (
    "[TRANSCRIPTION DE TEST SYNTHÉTIQUE]\n"
    "Enquêtrice: Comment avez-vous connu le CPAS Liège?\n"
    "Ahmed: Madame Dubois m'a beaucoup aidé. Elle m'appelle au +32 4 223 45 67.\n"
    "Enquêtrice: Et votre logement?\n"
    "Ahmed: J'habite rue de la Station 5, 4000 Liège, avec Madame Dubois comme référente.\n"
)


@pytest.fixture
def study(make_project):
    project = make_project(codes=["Hulp", "Wonen"],
                           documents={"interview-nl": DUTCH, "entretien-fr": FRENCH})
    project.participants.add("EG01", documents=["interview-nl"], rol="eindgebruiker")
    project.participants.link("EG01", "interview-nl", speaker="Fatima")
    project.participants.add("HV01", documents=["interview-nl"], rol="hulpverlener",
                             naam="Sarah Claes")
    line = DUTCH.index("Mijn begeleider")
    project.codings.apply("interview-nl", "Hulp", start=line,
                          end=DUTCH.index("\n", line))
    inside = DUTCH.index("Peeters") + 3  # begins inside a name
    project.codings.apply("interview-nl", "Wonen", start=inside,
                          end=DUTCH.index("\n", inside))
    start = FRENCH.index("Madame Dubois m'a")
    project.codings.apply("entretien-fr", "Hulp", start=start, end=FRENCH.index("\n", start))
    return project


def texts(project):
    return {d.name: project.documents.get(d.name).text for d in project.documents.list()}


def codings(project):
    return sorted((c.document, c.code, c.start, c.end) for c in project.codings.list())


def test_scan_finds_names_and_numbers_with_consistent_labels(study):
    found = study.privacy.scan()
    by_text = {c.text: c for c in found}
    for words in ("Sarah Claes", "0475 12 34 56", "Peeters", "fatima.haidari@example.be",
                  "Dubois", "+32 4 223 45 67", "Fatima"):
        assert words in by_text, (words, sorted(by_text))
    assert by_text["0475 12 34 56"].kind == "phone"
    assert by_text["0475 12 34 56"].label == "[Telefoon]"
    assert by_text["+32 4 223 45 67"].label == "[Téléphone]"
    assert by_text["fatima.haidari@example.be"].kind == "email"
    assert by_text["Sarah Claes"].label.startswith("[Naam hulpverlener ")
    assert by_text["Fatima"].label.startswith("[Naam eindgebruiker ")
    sarahs = {c.label for c in found if c.text in ("Sarah", "Sarah Claes")}
    assert len(sarahs) == 1  # the same person, the same label everywhere
    dubois = {c.label for c in found if c.text == "Dubois"}
    assert len(dubois) == 1 and dubois.pop().startswith("[Nom ")
    assert not [c for c in found if "OCMW" in c.text or "CPAS" in c.text]  # the allow-list
    assert not [c for c in found if c.text in ("EG01", "HV01")]
    scans = [e for e in study.journal.entries() if e.action == "privacy.scan"]
    assert scans and scans[0].actor == "tester"
    assert "Sarah" not in str(scans[0]) and "0475" not in str(scans[0])


def test_apply_replaces_every_accepted_identifier_and_keeps_codings(study, tmp_path):
    found = study.privacy.scan()
    originals = texts(study)
    before = {c.id: (c.document, c.start, c.end) for c in study.codings.list()}
    result = study.privacy.apply(tmp_path / "keys" / "study.key", accept_all=True)
    assert result.replaced == len(found) and result.key_created
    assert (tmp_path / "keys" / "study.key").stat().st_mode & 0o777 == 0o600
    after = texts(study)
    for c in found:
        assert c.text not in after[c.document], c.text
    assert "OCMW Gent" in after["interview-nl"] and "CPAS Liège" in after["entretien-fr"]
    labels = {c.text: c.label for c in found}
    for segment in study.segments.retrieve():
        doc, start, end = before[segment.coding_id]
        old = originals[doc]
        # widen to any name the coding began or ended inside
        for c in found:
            if c.document == doc and c.start < start < c.end:
                start = c.start
            if c.document == doc and c.start < end < c.end:
                end = c.end
        expected = old[start:end]
        for words in sorted(labels, key=len, reverse=True):
            expected = expected.replace(words, labels[words])
        assert segment.text == expected
    assert study.workspace.search("Peeters") == []
    assert study.workspace.search("Dubois") == []
    assert study.workspace.search("begeleider")
    entries = study.privacy.reveal(tmp_path / "keys" / "study.key")
    assert {(e.text, e.label, e.document) for e in entries} == {
        (c.text, c.label, c.document) for c in found}
    assert [c.state for c in study.privacy.candidates()] == ["applied"] * len(found)
    assert all(c.text is None for c in study.privacy.candidates())
    again = study.privacy.scan()  # the labels are never proposed again
    assert not [c for c in again if c.state == "pending" and ("[" in c.text or "]" in c.text
                                                              or "Naam" in c.text)]


def test_a_wrong_key_is_refused_clearly(study, tmp_path):
    study.privacy.scan()
    study.privacy.apply(tmp_path / "right.key", accept_all=True)
    with pytest.raises(Invalid, match="Nothing to apply"):
        study.privacy.apply(tmp_path / "right.key")
    with pytest.raises(NotFound, match="no key file"):
        study.privacy.apply(tmp_path / "absent.key")
    assert not (tmp_path / "absent.key").exists()
    from cryptography.fernet import Fernet

    (tmp_path / "other.key").write_bytes(Fernet.generate_key())
    study.privacy.add("interview-nl", 0, 5, kind="person")
    with pytest.raises(Invalid, match="not the key"):
        study.privacy.apply(tmp_path / "other.key")
    with pytest.raises(Invalid, match="not the key"):
        study.privacy.reveal(tmp_path / "other.key")
    (tmp_path / "junk.key").write_text("not a key")
    with pytest.raises(Invalid, match="not a Stemmen key file"):
        study.privacy.reveal(tmp_path / "junk.key")


def test_decisions_reject_and_relabel(study, tmp_path):
    found = study.privacy.scan()
    peeters = next(c for c in found if c.text == "Peeters")
    phone = next(c for c in found if c.kind == "phone" and c.document == "interview-nl")
    result = study.privacy.decide([Decision(peeters.id, "reject"),
                                   Decision(phone.id, "accept", "[Gsm]")])
    assert (result.accepted, result.rejected) == (1, 1)
    with pytest.raises(Invalid):
        study.privacy.decide([Decision(phone.id, "maybe")])
    study.privacy.apply(tmp_path / "k.key")
    text = texts(study)["interview-nl"]
    assert "Peeters" in text and "[Gsm]" in text and "0475" not in text
    assert "Sarah Claes" in text  # still pending: not applied


def test_a_crash_in_the_middle_of_apply_leaves_the_project_as_it_was(study, tmp_path,
                                                                      monkeypatch):
    study.privacy.scan()
    study.privacy.accept_all()
    before_texts, before_codings = texts(study), codings(study)
    states = sorted((c.id, c.state) for c in study.privacy.candidates())
    from stemmen.store import privacy as stored

    def crash(*_args, **_kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(stored, "mark_applied", crash)
    with pytest.raises(RuntimeError):
        study.privacy.apply(tmp_path / "k.key")
    assert texts(study) == before_texts
    assert codings(study) == before_codings
    assert sorted((c.id, c.state) for c in study.privacy.candidates()) == states
    assert study.workspace.search("Peeters")


def test_added_span_and_bulk_decision_by_text(study, tmp_path):
    study.privacy.scan()
    start = DUTCH.index("Kerkstraat")
    added = study.privacy.add("interview-nl", start - 3, start - 1, kind="place")
    assert added.state == "accepted" and added.label == "[Plaats]"
    result = study.privacy.decide_text("Dubois", "accept")
    assert result.accepted == 2
    study.privacy.apply(tmp_path / "k.key")
    assert "Dubois" not in texts(study)["entretien-fr"]


def test_detection_runs_with_the_network_blocked(monkeypatch):
    from stemmen.privacy.detect import KnownName, detect

    def refuse(*_args, **_kwargs):
        raise OSError("network blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    found = detect(DUTCH + FRENCH, known=[KnownName("Sarah Claes", "hulpverlener")])
    assert {"person", "phone", "email", "address"} <= {f.kind for f in found}
    assert {"fr", "nl"} <= {f.lang for f in found}


def test_nothing_accepted_is_left_in_reports_exports_and_quotes(study, tmp_path):
    import zipfile

    found = study.privacy.scan()
    coding = study.codings.list(document="interview-nl")[0]
    study.quotes.mark(coding.id)
    study.privacy.accept_all()
    accepted = {c.text for c in found}

    def leaks(text):
        return sorted(w for w in accepted if w in text)

    # pseudonymised copies from the project as it is (not applied)
    study.exchange.export_qdpx(tmp_path / "masked.qdpx", pseudonymised=True)
    with zipfile.ZipFile(tmp_path / "masked.qdpx") as z:
        inside = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert leaks(inside) == [] and "[Telefoon]" in inside
    data = study.privacy.scrub(study.reports.build(reliability=False))
    study.reports.render(tmp_path / "masked.md", data=data)
    assert leaks((tmp_path / "masked.md").read_text(encoding="utf-8")) == []
    quotes = study.privacy.scrub(study.quotes.list())
    assert quotes and leaks(" ".join(q.text for q in quotes)) == []
    assert "Sarah Claes" in texts(study)["interview-nl"]  # the project itself unchanged
    # and after apply, from the project itself
    study.privacy.apply(tmp_path / "k.key")
    study.exchange.export_qdpx(tmp_path / "plain.qdpx")
    with zipfile.ZipFile(tmp_path / "plain.qdpx") as z:
        inside = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert leaks(inside) == []
    study.reports.render(tmp_path / "plain.md", data=study.reports.build(reliability=False))
    assert leaks((tmp_path / "plain.md").read_text(encoding="utf-8")) == []
    assert leaks(" ".join(q.text for q in study.quotes.list())) == []
