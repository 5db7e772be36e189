"""Events of a CSV export (Final Surge, TrainingPeaks, Garmin Connect and spreadsheets alike):
the columns are found by their headers, in several common spellings."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

from runlift.io.planfile import InputError
from runlift.io.planimport.events import MAX_OCCURRENCES, RawEvent, Span

# Header spellings, compared with case, spaces and signs left out.
COLUMNS = {
    "date": ("date", "workoutday", "day", "startdate", "activitydate", "scheduleddate",
             "planneddate", "workoutdate", "when"),
    "start": ("starttime", "timeofday", "start", "plannedstart", "plannedstarttime"),
    "title": ("title", "name", "workout", "workoutname", "summary", "activityname", "subject"),
    "description": ("description", "workoutdescription", "notes", "details", "comments",
                    "instructions", "coachcomments"),
    "category": ("activitytype", "type", "workouttype", "sport", "activity", "category"),
    "duration": ("duration", "plannedduration", "time", "movingtime", "elapsedtime",
                 "totaltime", "minutes", "durationmin", "durationminutes", "plannedtime",
                 "plannedmovingtime", "durationhours", "plannedhours", "hours"),
    "distance": ("distance", "planneddistance", "distancekm", "distancemi", "distancemiles",
                 "planneddistancekm", "planneddistancemi", "planneddistanceinmeters",
                 "distancem", "distancemeters", "km", "miles"),
    "unit": ("distanceunit", "units", "unit", "distanceunits"),
}  # fmt: skip
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%a, %b %d, %Y")
TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$", re.I)
SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _columns(header: list[str], name: str) -> dict[str, int]:
    keys = [_key(h) for h in header]
    found: dict[str, int] = {}
    for role, spellings in COLUMNS.items():
        for spelling in spellings:  # the first spelling present wins
            if spelling in keys and keys.index(spelling) not in found.values():
                found[role] = keys.index(spelling)
                break
    if "date" not in found:
        raise InputError(
            f"{name}: line 1",
            "no date column; name one Date (also read: Workout Day, Start Date, Activity Date)",
        )
    if "title" not in found and "description" not in found and "category" not in found:
        raise InputError(
            f"{name}: line 1", "no title column; name one Title (also read: Name, Workout, Summary)"
        )
    return found


def _day_order(values: list[str], where: str) -> str:
    """d/m/Y or m/d/Y, from the dates themselves: a part over 12 can only be a day."""
    firsts = [int(m.group(1)) for v in values if (m := SLASHED.match(v.split()[0] if v else ""))]
    seconds = [int(m.group(2)) for v in values if (m := SLASHED.match(v.split()[0] if v else ""))]
    if not firsts:
        return "dmy"
    if any(x > 12 for x in firsts):
        return "dmy"
    if any(x > 12 for x in seconds):
        return "mdy"
    sample = next(v for v in values if SLASHED.match(v.split()[0] if v else ""))
    raise InputError(
        where, f"{sample!r} could be read day first or month first; write dates as YYYY-MM-DD"
    )


def _date(value: str, order: str, where: str) -> tuple[date, int | None]:
    """A date, and the time of day when the cell holds one too ("2026-12-08 06:30:00")."""
    text = value.strip()
    head, _, rest = (
        text.replace("T", " ", 1).partition(" ") if text[:4].isdigit() else (text, "", "")
    )
    try:
        if head[:4].isdigit():
            return date.fromisoformat(head), _clock(rest, where) if rest else None
        slashed = SLASHED.match(text.split(" ")[0])
        if slashed is not None:
            a, b, year = (int(x) for x in slashed.groups())
            day, month = (a, b) if order == "dmy" else (b, a)
            clock = text.split(" ", 1)[1] if " " in text else ""
            return date(year, month, day), _clock(clock, where) if clock else None
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date(), None  # noqa: DTZ007 (a date)
            except ValueError:
                continue
    except ValueError:
        pass
    raise InputError(where, f"{value!r} is not a date; use YYYY-MM-DD (or D/M/YYYY, M/D/YYYY)")


def _clock(value: str, where: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    found = TIME.match(text)
    if found is None:
        raise InputError(where, f"{value!r} is not a time of day; use HH:MM, e.g. 06:30")
    hour, minute, half = int(found.group(1)), int(found.group(2)), found.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise InputError(where, f"{value!r} is not a time of day; use HH:MM, e.g. 06:30")
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise InputError(where, f"{value!r} is not a time of day; use HH:MM, e.g. 06:30")
    return hour * 60 + minute


def _duration(value: str, in_hours: bool, where: str) -> int | None:
    """45, 45:00 (m:ss), 1:15 (h:mm), 01:15:00, 0.75 in an hours column."""
    text = value.strip().lower().removesuffix("min").strip()
    if not text or text in ("-", "--"):
        return None
    parts = text.split(":")
    try:
        if len(parts) == 3:
            return int(parts[0]) * 60 + int(parts[1]) + (1 if int(float(parts[2])) >= 30 else 0)
        if len(parts) == 2:
            first, second = int(parts[0]), int(float(parts[1]))
            return first * 60 + second if first < 10 else first + (1 if second >= 30 else 0)
        number = float(text.replace(",", "."))
    except ValueError:
        raise InputError(
            where, f"{value!r} is not a duration; use minutes, H:MM or HH:MM:SS"
        ) from None
    minutes = round(number * 60) if in_hours else round(number)
    return minutes if minutes > 0 else None


def _distance_km(value: str, header: str, unit: str, where: str) -> float | None:
    text = value.strip().lower().replace(",", ".")
    if not text or text in ("-", "--"):
        return None
    found = re.match(r"^(\d+(?:\.\d+)?)\s*([a-z]*)$", text)
    if found is None:
        raise InputError(where, f"{value!r} is not a distance; use a number, e.g. 8 or 8 km")
    number, written = float(found.group(1)), found.group(2) or _key(unit)
    key = _key(header)
    if written in ("m", "meters", "metres") or "meters" in key or key.endswith("distancem"):
        return round(number / 1000, 3)
    if written in ("mi", "mile", "miles") or key.endswith(("mi", "miles")):
        return round(number * 1.609344, 3)
    return number


def read_csv(text: str, name: str, span: Span) -> list[RawEvent]:
    """Every row in `span` as an event; an error names the row's line and the column."""
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise InputError(f"{name}: line {reader.line_num}", f"not CSV ({error})") from None
    if not rows:
        raise InputError(name, "the file is empty; give a CSV with a header line")
    header = rows[0]
    cols = _columns(header, name)
    dates = [r[cols["date"]].strip() for r in rows[1:] if len(r) > cols["date"]]
    order = _day_order(dates, f"{name}: column {header[cols['date']]!r}")
    found: list[RawEvent] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(role: str, row: list[str] = row) -> str:
            index = cols.get(role)
            return row[index].strip() if index is not None and index < len(row) else ""

        def where(role: str, number: int = number) -> str:
            return f"{name}: line {number}, column {header[cols[role]]!r}"

        if not cell("date"):
            raise InputError(where("date"), "missing; every row needs a date")
        day, clock = _date(cell("date"), order, where("date"))
        if cell("start"):
            clock = _clock(cell("start"), where("start"))
        minutes = None
        if cell("duration"):
            in_hours = "hour" in _key(header[cols["duration"]])
            minutes = _duration(cell("duration"), in_hours, where("duration"))
        description = cell("description")
        if cell("distance"):
            km = _distance_km(cell("distance"), header[cols["distance"]], cell("unit"),
                              where("distance"))  # fmt: skip
            if km:
                description = f"{km:g} km. {description}".strip()
        found.append(RawEvent(number, cell("title"), description, day, clock, minutes,
                              cell("category")))  # fmt: skip
        if len(found) > MAX_OCCURRENCES:
            raise InputError(name, f"more than {MAX_OCCURRENCES} rows; import fewer weeks")
    return [e for e in found if span.holds(e.day)]
