"""Timestamps are stored in UTC and read back aware, in UTC, on SQLite and PostgreSQL.

Every timestamp the project API gives (codings, memos, the audit log, the codebook history,
saved queries, a snapshot) and every timestamp column of every table is an aware datetime with
a zero offset; a moment given in another zone keeps its instant through a round trip.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, select, text

from stemmen.model.codes import Code
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import Document
from stemmen.model.snapshot import ProjectSnapshot
from stemmen.store import codebook, documents, suggestions
from stemmen.store.schema import UTCDateTime
from stemmen.store.tables import metadata

BRUSSELS = ZoneInfo("Europe/Brussels")
SUMMER = dt.datetime(2021, 6, 21, 12, 30, 15, 250000, tzinfo=BRUSSELS)  # 10:30:15.25 UTC
WINTER = dt.datetime(2021, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def is_utc(moment: dt.datetime | None) -> bool:
    return (isinstance(moment, dt.datetime) and moment.tzinfo is not None
            and moment.utcoffset() == dt.timedelta(0))


def busy_project(make_project, sample_text):  # noqa: ANN001, ANN201
    p = make_project(codes=["R-tolk", "T-taal"], documents={"d": sample_text})
    p.codings.apply("d", "R-tolk", "an", paragraph=2)
    p.codings.apply_many("d", ["R-tolk", "T-taal"], "bert", paragraph=3)
    p.memos.add("A memo", "Title", document="d")
    p.codebook.rename("T-taal", "T-talen")
    finding = p.findings.add("People learn the language at work.")
    coding = p.codings.list()[0]
    p.findings.link(finding.id, [coding.id])
    p.quotes.mark(coding.id)
    p.queries.save("progress", "progress")
    with p.store.transaction() as tx:  # a stored model and a decided suggestion (issue 22)
        model = suggestions.add_model(tx, "an", {"report": {}}, b"model")
        doc_id, _length = documents.document_ref(tx, "d")
        suggestions.add_many(tx, model, doc_id, [(0, 5, codebook.code_ids(tx)["R-tolk"], 0.9)])
        stored = suggestions.for_document(tx, model, doc_id)
        suggestions.decide(tx, stored[0].id, "rejected", "an")
    p.codebook_versions.create("pilot")  # the study around the coding (issue 20)
    p.texts.edit("d", sample_text + "\n\nAdded later.", reason="typo")  # versions (issue 17)
    p.rounds.open("r1", ["d"], ["an", "bert"])  # blind rounds (issue 18)
    p.rounds.close("r1")
    p.outline.add("Results")  # the report outline (issue 21)
    return p


def test_every_timestamp_the_api_gives_is_aware_utc(make_project, sample_text) -> None:
    p = busy_project(make_project, sample_text)
    moments = [c.created_at for c in p.codings.list()]
    moments += [m.created_at for m in p.memos.list()]
    moments += [e.at for e in p.journal.entries()]
    moments += [e.at for e in p.codebook.history()]
    moments += [q.created_at for q in p.queries.saved()]
    snap = p.exchange.snapshot()
    moments += [c.created_at for c in snap.codings] + [m.created_at for m in snap.memos]
    assert len(moments) > 10
    assert all(is_utc(m) for m in moments), moments
    now = dt.datetime.now(dt.UTC)
    assert all(now - dt.timedelta(minutes=5) < m <= now for m in moments)


def test_every_timestamp_column_of_every_table_reads_back_aware_utc(make_project,
                                                                     sample_text) -> None:
    p = busy_project(make_project, sample_text)
    columns = [(t, c) for t in metadata.sorted_tables for c in t.columns
               if isinstance(c.type, UTCDateTime)]
    filled = {"documents", "codings", "memos", "audit_log", "codebook_history",
              "saved_queries", "findings", "quotes", "suggestion_models", "suggestions",
              "codebook_versions", "text_versions", "rounds", "report_sections"}
    assert {t.name for t, _ in columns} >= filled
    # every date-time column of the schema is UTCDateTime, so the columns this project leaves
    # empty (accounts, privacy, guides, ...) store and read the same way as the filled ones
    assert not [(t.name, c.name) for t in metadata.sorted_tables for c in t.columns
                if isinstance(c.type, DateTime) and not isinstance(c.type, UTCDateTime)]
    with p.store.reading() as conn:
        for table, column in columns:
            values = [v for v in conn.execute(select(column)).scalars() if v is not None]
            if table.name in filled:
                assert values, f"{table.name}.{column.name} is empty in this test"
            assert all(is_utc(v) for v in values), (table.name, column.name, values)


def test_a_moment_in_another_zone_keeps_its_instant(make_project, sample_text,
                                                    database: str) -> None:
    p = make_project()
    snap = ProjectSnapshot(
        codes=[Code("R-tolk")], documents=[Document("d", sample_text)],
        codings=[Coding("d", 0, 5, "R-tolk", "an", SUMMER), Coding("d", 5, 9, "R-tolk", "an",
                                                                   WINTER)],
        memos=[Memo("Zoned memo", "an", "t", created_at=SUMMER)])
    p.exchange.load(snap)
    got = {c.start: c.created_at for c in p.codings.list()}
    assert got[0] == SUMMER and is_utc(got[0])
    assert got[0] == dt.datetime(2021, 6, 21, 10, 30, 15, 250000, tzinfo=dt.UTC)
    assert got[5] == WINTER and got[5].hour == 14 and is_utc(got[5])
    memo = next(m for m in p.memos.list() if m.text == "Zoned memo")
    assert memo.created_at == SUMMER and is_utc(memo.created_at)
    if database.startswith("postgresql"):
        return
    with p.store.reading() as conn:  # SQLite keeps the UTC wall time as text, as before
        stored = conn.execute(text("SELECT created_at FROM codings WHERE start = 0")).scalar()
    assert stored == "2021-06-21 10:30:15.250000"


def test_a_naive_moment_is_taken_as_utc(make_project, sample_text) -> None:
    p = make_project()
    naive = dt.datetime(2021, 6, 21, 10, 0)
    p.exchange.load(ProjectSnapshot(codes=[Code("R-tolk")], documents=[Document("d", sample_text)],
                                    codings=[Coding("d", 0, 5, "R-tolk", "an", naive)]))
    (coding,) = p.codings.list()
    assert coding.created_at == naive.replace(tzinfo=dt.UTC) and is_utc(coding.created_at)


def test_a_new_coding_says_the_moment_it_reads_back_with(make_project, sample_text) -> None:
    p = make_project(codes=["R-tolk"], documents={"d": sample_text})
    made = p.codings.apply("d", "R-tolk", "an", paragraph=2)
    (read,) = p.codings.list()
    assert is_utc(made.created_at) and made.created_at == read.created_at


def test_the_sqlite_driver_fast_path_reads_timestamps_as_core_does(make_project,
                                                                   sample_text) -> None:
    from stemmen.store.prepared import Prepared
    from stemmen.store.schema import codings

    p = make_project(codes=["R-tolk"], documents={"d": sample_text})
    p.codings.apply("d", "R-tolk", "an", paragraph=2)
    statement = Prepared(select(codings.c.id, codings.c.created_at))
    with p.store.reading() as conn:
        core = [tuple(r) for r in conn.execute(select(codings.c.id, codings.c.created_at))]
        fast = statement.all(conn, {})
        first = statement.first(conn, {})
    assert fast == core and first == core[0]
    assert first is not None and is_utc(first[1]) and is_utc(fast[0][1])
