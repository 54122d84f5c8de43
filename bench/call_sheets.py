"""Speed of the shoot-day paperwork on a feature-sized made-up production: 300 scenes, 40 cast,
60 crew, 30 shoot days, 10 locations. Figures are noisy: other jobs share the 2 cores."""
import random
import time
from datetime import date, datetime, timedelta

from core.call_sheets.calendar_feed import person_calendar
from core.call_sheets.call_sheet import call_sheet, personal_call_sheet
from core.call_sheets.check_in_log import check_in_log
from core.call_sheets.day_out_of_days import day_out_of_days, day_out_of_days_csv
from core.call_sheets.production_report import production_report
from core.call_sheets.stripboard import stripboard
from workers.call_sheet_pdf import render as render_sheet
from workers.pdf_fonts import installed_font
from workers.stripboard_pdf import render as render_board

SCENES, CAST, CREW, DAYS, LOCATIONS = 300, 40, 60, 30, 10


def production_data(rng: random.Random):
    names = [f"CHAR{i}" for i in range(CAST)]
    scenes = {str(i): {"id": str(i), "number": str(i), "heading": f"INT. SET {i % 25} - DAY",
                       "int_ext": rng.choice(["INT", "EXT", "INT/EXT"]), "set": f"SET {i % 25}",
                       "time_of_day": "", "day_night": rng.choice(["DAY", "NIGHT"]), "eighths": rng.randint(1, 24),
                       "estimated_minutes": 60, "characters": rng.sample(names[:12], 2) + rng.sample(names, 1),
                       "introduced": [], "elements": {}, "synopsis": f"Something happens in scene {i}."}
              for i in range(1, SCENES + 1)}
    ids, per_day, days = list(scenes), SCENES // DAYS, []
    for d in range(DAYS):
        slots = [{"scene_id": sid, "location_id": f"loc-{(d + k // 5) % LOCATIONS}",
                  "start": f"{7 + k:02d}:00", "end": f"{7 + k:02d}:50"} for k, sid in enumerate(ids[d * per_day:(d + 1) * per_day])]
        days.append({"day": d + 1, "date": (date(2026, 12, 1) + timedelta(days=d)).isoformat(), "call": "06:30",
                     "wrap": "18:30", "scenes": slots, "moves": []})
    schedule = {"version": 1, "status": "published", "timezone": "Africa/Lagos", "days": days, "boneyard": []}
    production = {"id": "bench", "title": "Bench Feature", "producer": {"name": "P", "phone": "1"},
                  "cast": [{"person_id": f"c{i}", "name": f"Actor {i}", "character": names[i], "phone": f"+234{i}",
                            "pickup": {"place": "Yaba"}, "makeup_minutes": 30} for i in range(CAST)],
                  "crew": [{"person_id": f"k{i}", "name": f"Crew {i}", "department": ["camera", "sound", "art"][i % 3],
                            "role": "Hand", "phone": f"+235{i}", "call_offset_minutes": -30 * (i % 3)} for i in range(CREW)],
                  "locations": [{"id": f"loc-{i}", "name": f"Place {i}", "address": "Lagos", "latitude": 6.45 + i / 100,
                                 "longitude": 3.39, "nearest_hospital": {"name": "H", "address": "A", "phone": "1"}}
                                for i in range(LOCATIONS)]}
    return schedule, scenes, production


def timed(label: str, work, repeat: int = 5):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    print(f"{label:<48} {best * 1000:8.1f} ms (best of {repeat})")
    return result


def main() -> None:
    schedule, scenes, production = production_data(random.Random(4))
    sheet = timed("call_sheet, one day", lambda: call_sheet(schedule, 1, scenes, production))
    timed(f"call_sheet, all {DAYS} days", lambda: [call_sheet(schedule, d["day"], scenes, production)
                                                   for d in schedule["days"]], 3)
    timed("personal_call_sheet", lambda: personal_call_sheet(sheet, "c0"))
    timed(f"person_calendar (crew, {DAYS} events)", lambda: person_calendar("k0", schedule, production, scenes), 3)
    timed(f"stripboard, {SCENES} scenes", lambda: stripboard(schedule, scenes))
    dood = timed(f"day_out_of_days, {CAST} cast x {DAYS} days", lambda: day_out_of_days(schedule, scenes, production["cast"]))
    timed("day_out_of_days_csv", lambda: day_out_of_days_csv(dood))
    now = datetime.fromisoformat(sheet["wrap_at"])
    ins = [{"type": "check_in_record", "person_id": f"k{i}", "day": sheet["date"], "at": sheet["crew_call_at"]}
           for i in range(CREW)]
    timed(f"check_in_log, {CREW + len(sheet['cast'])} people", lambda: check_in_log(sheet, ins, [], now))
    timed("production_report", lambda: production_report(sheet, [{"scene_id": r["scene_id"], "completed": True}
                                                                  for r in sheet["scenes"]], ins, [], now, now))
    timed("call sheet PDF (DejaVu)", lambda: render_sheet(sheet, font=installed_font()), 3)
    board = stripboard(schedule, scenes)
    pdf = timed(f"stripboard PDF (DejaVu), {SCENES} strips", lambda: render_board(board, "Bench", font=installed_font()), 3)
    print(f"stripboard PDF size: {len(pdf) // 1024} KiB")


if __name__ == "__main__":
    main()
