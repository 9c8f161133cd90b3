"""Dates in reports follow the report's language: 01/06/2021 in Dutch and French, 1 June 2021
in English (never 06/01/2021)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_report_rendering import DATA

from stemmen.reports import render


@pytest.mark.parametrize(("lang", "first", "last"), [
    ("nl", "01/06/2021", "01/10/2021"), ("fr", "01/06/2021", "01/10/2021"),
    ("en", "1 June 2021", "1 October 2021")])
def test_the_period_and_the_interview_annex_write_dates_in_the_reports_language(
        lang: str, first: str, last: str) -> None:
    text = render(replace(DATA, lang=lang), "md", "report")["report.md"].decode("utf-8")
    assert first in text and last in text
    assert "2021-06-01" not in text and "06/01/2021" not in text
    (row,) = [line for line in text.splitlines() if "Eindgebruiker (2)" in line]
    assert f"| {first} |" in row  # the interview's own date in the annex of interviews
