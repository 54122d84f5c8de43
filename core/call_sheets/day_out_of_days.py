"""Day out of days: for each cast member and each shoot day, whether they start, work, hold or finish.

Codes (the usual ones on a DOOD report): SW start work (first day worked), W work, H hold (a paid day
between their first and last work days on which they are not used), WF work finish (last day worked),
SWF start-work-finish (their only day). Outside their first-to-last span the cell is blank.
Drop-and-pickup (letting an actor go and bringing them back to save holds) is not modelled: every
gap day inside the span is counted as a hold, which is what the schedule optimiser minimises."""
import csv
import io

from core.call_sheets import shoot_clock as clock
from core.errors import Rejected

START_WORK, WORK, HOLD, WORK_FINISH, START_WORK_FINISH = "SW", "W", "H", "WF", "SWF"


def day_out_of_days(schedule: dict, scenes_by_id: dict[str, dict], cast: list[dict]) -> dict:
    """{"days": [{"day_number", "date", "label"}], "rows": [{"person_id", "name", "character",
    "cast_number", "codes": [one per day, "" when not yet started or finished], "work_days",
    "hold_days", "total_days", "start" (date or ""), "finish" (date or "")}],
    "totals": {"work_days", "hold_days", "total_days", "start_days", "finish_days"},
    "per_day": [{"working", "holding", "starting", "finishing"} per shoot day]}."""
    days = clock.shoot_days(schedule)
    numbers = clock.cast_numbers(scenes_by_id)
    working = [{name for slot in day.get("scenes", [])
                for name in clock.scene_characters(clock.scene(scenes_by_id, slot["scene_id"]))} for day in days]
    rows = []
    for member in cast:
        if not member.get("character"):
            raise Rejected("Cast member {name} has no character on the production sheet.", name=member.get("name", "?"))
        codes = codes_for([member["character"] in names for names in working])
        worked = [i for i, code in enumerate(codes) if code not in ("", HOLD)]
        rows.append({
            "person_id": member.get("person_id", ""), "name": member.get("name", ""),
            "character": member["character"], "cast_number": numbers.get(member["character"]),
            "codes": codes, "work_days": len(worked), "hold_days": codes.count(HOLD),
            "total_days": len(worked) + codes.count(HOLD),
            "start": days[worked[0]]["date"] if worked else "", "finish": days[worked[-1]]["date"] if worked else "",
        })
    rows.sort(key=lambda row: (row["cast_number"] is None, row["cast_number"] or 0, row["name"]))
    return {
        "schedule_version": schedule.get("version"),
        "days": [{"day_number": int(day["day"]), "date": day["date"],
                  "label": f"Day {day['day']} {clock.day_label(clock.shoot_date(day))}"} for day in days],
        "rows": rows,
        "totals": {key: sum(row[key] for row in rows) for key in ("work_days", "hold_days", "total_days")}
        | {"start_days": sum(1 for row in rows if row["start"]),
           "finish_days": sum(1 for row in rows if row["finish"])},
        "per_day": [_day_counts([row["codes"][i] for row in rows]) for i in range(len(days))],
    }


def _day_counts(codes: list[str]) -> dict[str, int]:
    """How many cast members work, hold, start and finish on one shoot day (the DOOD's bottom rows)."""
    return {"working": sum(code not in ("", HOLD) for code in codes), "holding": codes.count(HOLD),
            "starting": sum(code in (START_WORK, START_WORK_FINISH) for code in codes),
            "finishing": sum(code in (WORK_FINISH, START_WORK_FINISH) for code in codes)}


def codes_for(works: list[bool]) -> list[str]:
    """One code per shoot day from whether the person works that day."""
    worked = [i for i, works_today in enumerate(works) if works_today]
    if not worked:
        return [""] * len(works)
    first, last = worked[0], worked[-1]
    codes = []
    for i, works_today in enumerate(works):
        if i < first or i > last:
            codes.append("")
        elif first == last:
            codes.append(START_WORK_FINISH)
        elif i == first:
            codes.append(START_WORK)
        elif i == last:
            codes.append(WORK_FINISH)
        else:
            codes.append(WORK if works_today else HOLD)
    return codes


def day_out_of_days_csv(report: dict) -> str:
    """The report as CSV text, one row per cast member, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["#", "Character", "Name", *(day["label"] for day in report["days"]),
                     "Work", "Hold", "Total", "Start", "Finish"])
    for row in report["rows"]:
        writer.writerow([row["cast_number"] or "", row["character"], row["name"], *row["codes"],
                         row["work_days"], row["hold_days"], row["total_days"], row["start"], row["finish"]])
    return out.getvalue()
