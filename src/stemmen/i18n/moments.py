"""Dates and moments as people read them, in their language and their local time.

The project stores every moment in UTC (aware); this is the one place that turns them into
text for people. Dutch and French write day/month/year with slashes (21/06/2021); English
writes the month's name (21 June 2021), which no reader can take for 6 December. Times are
on the 24-hour clock, in the local time of the machine (``$TZ`` when set).
"""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def local(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """``moment`` in ``zone`` (default: the machine's local time); a naive one is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone)


def format_date(day: dt.date | dt.datetime | str | None, lang: str = "en",
                zone: dt.tzinfo | None = None) -> str:
    """A day as text: ``21/06/2021`` in Dutch and French, ``21 June 2021`` in English.

    A datetime is first put in local time (or ``zone``); ISO text is parsed; None gives ''."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = _parse(day)
    if isinstance(day, dt.datetime):
        day = local(day, zone).date()
    if lang == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_moment(moment: dt.datetime | str | None, lang: str = "en",
                  zone: dt.tzinfo | None = None, seconds: bool = False) -> str:
    """A moment in local time (or ``zone``): ``21/06/2021 12:30`` (nl, fr),
    ``21 June 2021 12:30`` (en); None gives ''."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        parsed = _parse(moment)
        if not isinstance(parsed, dt.datetime):
            return format_date(parsed, lang)
        moment = parsed
    here = local(moment, zone)
    clock = here.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{format_date(here.date(), lang)} {clock}"


def iso_utc(moment: dt.datetime | None) -> str:
    """The moment as ISO 8601 text in UTC ending in ``Z`` (for ``<time datetime>``)."""
    if moment is None:
        return ""
    return local(moment, dt.UTC).isoformat().replace("+00:00", "Z")


def _parse(text: str) -> dt.date | dt.datetime:
    """ISO text as a datetime (when it has a time) or a date."""
    value = text.strip().replace("Z", "+00:00")
    if "T" in value or " " in value or len(value) > 10:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)
