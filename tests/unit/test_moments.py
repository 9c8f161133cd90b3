"""Dates and moments as people read them: day/month/year in Dutch and French, the month's name
in English, moments in local time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from stemmen.i18n.moments import format_date, format_moment, iso_utc, local

BRUSSELS = ZoneInfo("Europe/Brussels")
NOON_UTC = dt.datetime(2021, 6, 21, 10, 0, tzinfo=dt.UTC)  # 12:00 in Brussels (summer)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "21/06/2021"), ("fr", "21/06/2021"), ("en", "21 June 2021")])
def test_a_day_follows_the_language(lang: str, expected: str) -> None:
    assert format_date(dt.date(2021, 6, 21), lang) == expected
    assert format_date("2021-06-21", lang) == expected


def test_the_day_and_month_are_never_swapped() -> None:
    assert format_date(dt.date(2021, 12, 6), "nl") == "06/12/2021"
    assert format_date(dt.date(2021, 12, 6), "en") == "6 December 2021"
    assert format_date(dt.date(2021, 1, 2), "fr") == "02/01/2021"


def test_a_moment_is_shown_in_local_time() -> None:
    assert format_moment(NOON_UTC, "nl", BRUSSELS) == "21/06/2021 12:00"
    assert format_moment(NOON_UTC, "en", BRUSSELS) == "21 June 2021 12:00"
    assert format_moment(NOON_UTC, "fr", dt.UTC, seconds=True) == "21/06/2021 10:00:00"
    late = dt.datetime(2021, 12, 31, 23, 30, tzinfo=dt.UTC)  # the next day, next year, locally
    assert format_moment(late, "nl", BRUSSELS) == "01/01/2022 00:30"
    assert format_date(late, "en", BRUSSELS) == "1 January 2022"


def test_iso_text_and_naive_moments_are_utc() -> None:
    assert format_moment("2021-06-21T10:00:00+00:00", "nl", BRUSSELS) == "21/06/2021 12:00"
    assert format_moment("2021-06-21T10:00:00Z", "nl", BRUSSELS) == "21/06/2021 12:00"
    assert local(dt.datetime(2021, 6, 21, 10, 0), BRUSSELS).hour == 12
    assert iso_utc(dt.datetime(2021, 6, 21, 12, 0, tzinfo=BRUSSELS)) == "2021-06-21T10:00:00Z"


def test_nothing_gives_empty_text() -> None:
    assert format_moment(None) == format_date(None) == format_moment("") == iso_utc(None) == ""


def test_the_machines_local_time_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    try:
        assert format_moment(NOON_UTC, "nl") == "21/06/2021 12:00"
        monkeypatch.setenv("TZ", "America/New_York")
        time.tzset()
        assert format_moment(NOON_UTC, "en") == "21 June 2021 06:00"
    finally:
        monkeypatch.undo()
        time.tzset()
