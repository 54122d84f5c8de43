"""The check-in log: who is on set, who has gone, who is late and who has not come, for one shoot day.

Status of each person called on the sheet, judged at `now`:
  "out"      checked out (a late arrival stays marked by "was_late");
  "late"     checked in after their call plus LATE_GRACE_MIN;
  "in"       checked in on time;
  "no_show"  no check-in by wrap, or by NO_SHOW_AFTER_CALL_MIN after their call, whichever is first;
  "expected" not checked in and not yet a no-show.
Check-ins arrive as stored by core/handlers/shoot_day.py. A record counts for this sheet when its
time falls between the shoot date's midnight and AFTER_WRAP_H after wrap, not by its "day" field:
a night shoot's 00:30 check-out is stamped with the next date."""
from datetime import datetime, timedelta
from typing import NoReturn

from core.call_sheets.call_sheet import everyone_called
from core.errors import Rejected

LATE_GRACE_MIN = 15  # a first AD's usual tolerance before an arrival is written up as late
NO_SHOW_AFTER_CALL_MIN = 120  # two hours after call with no word, the AD replaces the person
AFTER_WRAP_H = 4  # late check-outs still belong to the day; turnaround keeps the next call further off

# Which time a refusal of `aware` names: each gets whole sentences, so a catalog can translate them.
TIME_NOW = "the time now"
CHECK_IN_TIME = "a check-in time"
CHECK_OUT_TIME = "a check-out time"
FIRST_SHOT_TIME = "the first shot time"
WRAP_TIME = "the wrap time"


def check_in_log(sheet: dict, check_ins: list[dict], check_outs: list[dict], now: datetime) -> list[dict]:
    """One row per person called: {"person_id", "name", "kind", "role", "call", "status", "was_late",
    "minutes_late", "checked_in_at", "checked_out_at", "method"}, in call-sheet order."""
    now = aware(now, TIME_NOW)
    wrap = datetime.fromisoformat(sheet["wrap_at"])
    midnight = datetime.fromisoformat(sheet["crew_call_at"]).replace(hour=0, minute=0)
    window = (midnight, wrap + timedelta(hours=AFTER_WRAP_H))
    arrivals = _first_by_person(check_ins, window, "check_in_record", earliest=True)
    departures = _first_by_person(check_outs, window, "check_out_record", earliest=False)
    rows = []
    for person in everyone_called(sheet):
        call = datetime.fromisoformat(person["call_at"])
        arrived, left = arrivals.get(person["person_id"]), departures.get(person["person_id"])
        arrived_at = aware(arrived["at"], CHECK_IN_TIME) if arrived else None
        minutes_late = max(0, int((arrived_at - call).total_seconds() // 60)) if arrived_at else 0
        was_late = arrived_at is not None and arrived_at > call + timedelta(minutes=LATE_GRACE_MIN)
        if left and arrived_at:
            status = "out"
        elif arrived_at:
            status = "late" if was_late else "in"
        elif now >= min(wrap, call + timedelta(minutes=NO_SHOW_AFTER_CALL_MIN)):
            status = "no_show"
        else:
            status = "expected"
        rows.append({
            "person_id": person["person_id"], "name": person["name"], "kind": person["kind"],
            "role": person.get("character") or person.get("role", ""), "call": person["call"],
            "status": status, "was_late": was_late, "minutes_late": minutes_late,
            "checked_in_at": arrived_at.isoformat() if arrived_at else None,
            "checked_out_at": aware(left["at"], CHECK_OUT_TIME).isoformat() if left and arrived_at else None,
            "method": arrived.get("method", "") if arrived else "",
        })
    return rows


def aware(moment, what: str) -> datetime:
    """An aware datetime from a datetime or an ISO string; a time without its UTC offset is refused
    because 07:00 in Lagos and 07:00 UTC are an hour apart. `what` is TIME_NOW, CHECK_IN_TIME, ..."""
    try:
        moment = moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment))
    except ValueError:
        _not_a_moment(what, repr(moment))
    if moment.utcoffset() is None:
        _no_time_zone(what, moment.isoformat())
    return moment


def _not_a_moment(what: str, said: str) -> NoReturn:
    example = "2026-12-01T07:05:00+01:00"
    if what == CHECK_IN_TIME:
        raise Rejected("{moment} is not a date and time; a check-in time must look like {example}.",
                       moment=said, example=example) from None
    if what == CHECK_OUT_TIME:
        raise Rejected("{moment} is not a date and time; a check-out time must look like {example}.",
                       moment=said, example=example) from None
    if what == FIRST_SHOT_TIME:
        raise Rejected("{moment} is not a date and time; the first shot time must look like {example}.",
                       moment=said, example=example) from None
    if what == WRAP_TIME:
        raise Rejected("{moment} is not a date and time; the wrap time must look like {example}.",
                       moment=said, example=example) from None
    raise Rejected("{moment} is not a date and time; the time now must look like {example}.",
                   moment=said, example=example) from None


def _no_time_zone(what: str, said: str) -> NoReturn:
    if what == CHECK_IN_TIME:
        raise Rejected("A check-in time ({moment}) has no time zone; add it, e.g. +01:00.", moment=said)
    if what == CHECK_OUT_TIME:
        raise Rejected("A check-out time ({moment}) has no time zone; add it, e.g. +01:00.", moment=said)
    if what == FIRST_SHOT_TIME:
        raise Rejected("The first shot time ({moment}) has no time zone; add it, e.g. +01:00.", moment=said)
    if what == WRAP_TIME:
        raise Rejected("The wrap time ({moment}) has no time zone; add it, e.g. +01:00.", moment=said)
    raise Rejected("The time now ({moment}) has no time zone; add it, e.g. +01:00.", moment=said)


def _first_by_person(records: list[dict], window: tuple[datetime, datetime], kind: str,
                     earliest: bool) -> dict[str, dict]:
    """Each person's earliest (or latest) record of `kind` inside the window; repeats are ignored."""
    chosen: dict[str, tuple[datetime, dict]] = {}
    for record in records:
        if record.get("type", kind) != kind or not record.get("person_id"):
            continue
        moment = aware(record.get("at"), CHECK_IN_TIME if kind == "check_in_record" else CHECK_OUT_TIME)
        if not window[0] <= moment <= window[1]:
            continue
        current = chosen.get(record["person_id"])
        if current is None or (moment < current[0] if earliest else moment > current[0]):
            chosen[record["person_id"]] = (moment, record)
    return {person_id: record for person_id, (_, record) in chosen.items()}
