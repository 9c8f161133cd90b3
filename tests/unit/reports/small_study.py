"""A tiny SYNTHETIC study whose every number is known in advance (see the table below).

Two cases (OCMW A, OCMW B), three interviews, three codes in two categories, three people.
Paragraph numbers are 1-based, as in ``codings.apply(paragraph=...)``.

    interview   case    role            type          wave  date        people
    FG A 1      OCMW A  Eindgebruiker   Focusgroep    1     2021-06-01  P-1, P-2
    FG B 1      OCMW B  Hulpverlener    Focusgroep    1     2021-06-15  P-3
    Ind A 2     OCMW A  Eindgebruiker   Individueel   2     2021-10-01  P-1

    codings (an)            FG A 1: ¶2 T-mondeling, ¶3 T-schriftelijk, ¶3 S-sociaal, ¶4 S-sociaal
                            Ind A 2: ¶2 T-mondeling, ¶3 S-sociaal
                            FG B 1: ¶2 T-mondeling, ¶3 T-mondeling
    codings (bert)          FG A 1: ¶2 T-mondeling (same span as an), ¶4 T-mondeling

Distinct segments per code x case: T-mondeling A 3, B 2; T-schriftelijk A 1; S-sociaal A 3.
Coded spans per case: A 5 (FG A 1 ¶2-4, Ind A 2 ¶2-3), B 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import stemmen
from databases import BACKENDS, project_database

FG_A = (
    "[SYNTHETISCH TESTTRANSCRIPT]\n"
    "Deelnemer 1: Ik spreek nu beter Nederlands met de buren.\n"
    "Deelnemer 2: Ik schrijf brieven en heb nieuwe vrienden in de groep.\n"
    "Deelnemer 1: In de groep leerde ik mensen kennen, we praten Nederlands.\n"
)
IND_A = (
    "[SYNTHETISCH TESTTRANSCRIPT]\n"
    "Deelnemer: Ik praat nu Nederlands op het werk, <b>echt</b> & goed.\n"
    "Deelnemer: Ik heb vrienden gemaakt bij het vrijwilligerswerk.\n"
)
FG_B = (
    "[SYNTHETISCH TESTTRANSCRIPT]\n"
    "Hulpverlener 1: [Naam deelnemer] spreekt na zes maanden vlot Nederlands.\n"
    "Hulpverlener 2: De cliënten durven nu zelf te bellen in het Nederlands.\n"
)
DOCUMENTS = {
    "FG A 1": (FG_A, "OCMW A", "Eindgebruiker", "Focusgroep", 1, "2021-06-01"),
    "FG B 1": (FG_B, "OCMW B", "Hulpverlener", "Focusgroep", 1, "2021-06-15"),
    "Ind A 2": (IND_A, "OCMW A", "Eindgebruiker", "Individueel", 2, "2021-10-01"),
}
CODINGS = [  # (document, paragraph, code, coder)
    ("FG A 1", 2, "T-mondeling", "an"), ("FG A 1", 3, "T-schriftelijk", "an"),
    ("FG A 1", 3, "S-sociaal", "an"), ("FG A 1", 4, "S-sociaal", "an"),
    ("Ind A 2", 2, "T-mondeling", "an"), ("Ind A 2", 3, "S-sociaal", "an"),
    ("FG B 1", 2, "T-mondeling", "an"), ("FG B 1", 3, "T-mondeling", "an"),
    ("FG A 1", 2, "T-mondeling", "bert"), ("FG A 1", 4, "T-mondeling", "bert"),
]
PEOPLE: list[tuple[str, str, list[str], dict[str, Any]]] = [
    ("P-1", "OCMW A", ["FG A 1", "Ind A 2"],
     {"gender": "vrouw", "age": 30, "country_of_birth": "Syrië", "diploma": None}),
    ("P-2", "OCMW A", ["FG A 1"],
     {"gender": "man", "age": 40, "country_of_birth": "Irak", "diploma": "Lager onderwijs"}),
    ("P-3", "OCMW B", ["FG B 1"],
     {"gender": "man", "age": None, "country_of_birth": "Syrië", "diploma": None}),
]
SAMPLING = {"criteria": [
    {"name": "gender", "kind": "balance", "attribute": "gender", "within": 40},
    {"name": "countries", "kind": "distinct", "attribute": "country_of_birth", "at_least": 2},
    {"name": "ages", "kind": "spread", "attribute": "age", "at_least": 5},
    {"name": "types", "kind": "present", "attribute": "type"},
]}


def build_small_study(project: Any) -> dict[str, int]:
    """Fill an empty project with the small study; returns coding ids by "doc ¶n code coder"."""
    cases = project.cases
    cases.define_attribute("role")
    cases.define_attribute("type", "choice", ["Focusgroep", "Individueel"])
    cases.define_attribute("wave", "number")
    cases.define_attribute("date", "date")
    project.codebook.add_category("Taal")
    project.codebook.add_category("Netwerk")
    for code, category in (("T-mondeling", "Taal"), ("T-schriftelijk", "Taal"),
                           ("S-sociaal", "Netwerk")):
        project.codebook.add(code, category=category, definition=f"Over {code}.")
    for name, (text, case, role, kind, wave, date) in DOCUMENTS.items():
        project.documents.add(name, text, case=case)
        for key, value in (("role", role), ("type", kind), ("wave", wave), ("date", date)):
            project.documents.set_attribute(name, key, value)
    for pseudonym, case, docs, demographics in PEOPLE:
        project.participants.add(pseudonym, case, docs, **demographics)
    ids = {}
    for doc, paragraph, code, coder in CODINGS:
        coding = project.codings.apply(doc, code, coder, paragraph=paragraph)
        ids[f"{doc} ¶{paragraph} {code} {coder}"] = coding.id
    return ids


def shared_database(backend: str, folder: Path):  # noqa: ANN201
    """A place for one project shared by a module's tests (the small study is read far more
    than it is written), as ``database`` in tests/conftest.py but once per module."""
    return project_database(backend, folder, "study.stemmen")


def study_fixture(extra: Callable[[Any, dict[str, int]], None] | None = None):  # noqa: ANN201
    """A module-scoped ``study`` fixture per backend: (project, coding ids), with ``extra``
    applied once after the study is built."""

    @pytest.fixture(scope="module", params=BACKENDS)
    def study(request, tmp_path_factory):  # noqa: ANN001, ANN202
        with shared_database(request.param, tmp_path_factory.mktemp("study")) as url:
            project = stemmen.create_project(url, actor="tester")
            ids = build_small_study(project)
            if extra:
                extra(project, ids)
            yield project, ids
            project.close()

    return study

