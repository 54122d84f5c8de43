"""A made-up production for the call-sheet tests: four shoot days in Lagos, one day off between
days 2 and 3, and a boneyard. Built fresh by each call so no test can change another's data."""


def scenes_by_id() -> dict[str, dict]:
    def scene(number, int_ext, set_, day_night, eighths, characters, introduced=(), synopsis=""):
        return {"id": number, "number": number, "heading": f"{int_ext}. {set_} - {day_night}",
                "int_ext": int_ext, "set": set_, "time_of_day": day_night, "day_night": day_night,
                "eighths": eighths, "estimated_minutes": eighths * 6, "characters": list(characters),
                "introduced": list(introduced), "elements": {}, "synopsis": synopsis or f"Scene {number}."}
    return {s["id"]: s for s in [
        scene("1", "EXT", "MARINA", "DAY", 11, ["ADA", "OBI"], synopsis="Ada waits at the jetty."),
        scene("2", "INT", "ADA'S FLAT", "NIGHT", 5, ["ADA"], ["MAMA T"]),
        scene("3", "EXT", "MARINA", "NIGHT", 8, ["OBI"]),
        scene("4", "INT", "OFFICE", "DAY", 3, ["ADA", "CHIEF"]),
        scene("5", "INT/EXT", "CAR", "DAY", 9, ["OBI", "ADA"]),
        scene("6", "INT", "OFFICE", "DAY", 6, ["CHIEF"]),
        scene("7", "EXT", "STREET", "DAY", 2, ["EXTRA BOY"]),
    ]}


def slot(scene_id, location_id, start, end):
    return {"scene_id": scene_id, "location_id": location_id, "start": start, "end": end}


def schedule(version: int = 3, status: str = "published") -> dict:
    return {"version": version, "status": status, "timezone": "Africa/Lagos", "boneyard": ["7"],
            "cost": {"hold_days": 1, "company_moves": 1, "overtime_minutes": 0, "objective": 10},
            "days": [
                {"day": 1, "date": "2026-12-01", "call": "06:30", "wrap": "18:30",
                 "scenes": [slot("1", "loc-marina", "07:30", "09:30"), slot("4", "loc-office", "11:00", "12:00")],
                 "moves": [{"from": "loc-marina", "to": "loc-office", "travel_minutes": 40, "at": "09:40"}]},
                {"day": 2, "date": "2026-12-02", "call": "07:00", "wrap": "19:00",
                 "scenes": [slot("6", "loc-office", "08:00", "09:00")], "moves": []},
                {"day": 3, "date": "2026-12-04", "call": "16:00", "wrap": "02:00",
                 "scenes": [slot("3", "loc-marina", "19:30", "21:00"), slot("2", "loc-office", "23:00", "01:00")],
                 "moves": []},
                {"day": 4, "date": "2026-12-05", "call": "07:00", "wrap": "19:00",
                 "scenes": [slot("5", "loc-marina", "08:00", "10:00")], "moves": []},
            ]}


def production() -> dict:
    hospital = {"name": "Lagos Island General Hospital", "address": "Broad St, Lagos Island",
                "phone": "+2348000000001"}
    return {
        "id": "eko-nights", "title": "Eko Nights", "company": "Lagoon Pictures Ltd", "timezone": "Africa/Lagos",
        "producer": {"name": "Bisi Lawal", "phone": "+2348010000001"},
        "director": {"name": "Emeka Obi", "phone": "+2348010000002"},
        "first_ad": {"name": "Zainab Musa", "phone": "+2348010000003"},
        "cast": [
            {"person_id": "p-ada", "name": "Funke Adeyemi", "character": "ADA", "phone": "+2348020000001",
             "pickup": {"place": "Lekki Phase 1 gate", "minutes_before_call": 50}, "makeup_minutes": 45},
            {"person_id": "p-obi", "name": "Tunde Bakare", "character": "OBI", "phone": "+2348020000002",
             "pickup": {"place": "Yaba bus stop"}, "makeup_minutes": 30},
            {"person_id": "p-chief", "name": "Ngozi Okafor", "character": "CHIEF", "phone": "+2348020000003",
             "makeup_minutes": 60},
            {"person_id": "p-mama", "name": "Halima Bello", "character": "MAMA T", "phone": "+2348020000004",
             "makeup_minutes": 20},
        ],
        "crew": [
            {"person_id": "p-dop", "name": "Kunle Ade", "department": "camera", "role": "Director of photography",
             "phone": "+2348030000001", "call_offset_minutes": 0},
            {"person_id": "p-focus", "name": "Ifeoma Eze", "department": "camera", "role": "Focus puller",
             "phone": "+2348030000002", "call_offset_minutes": -30},
            {"person_id": "p-mua", "name": "Aisha Sani", "department": "makeup", "role": "Makeup artist",
             "phone": "+2348030000003", "call_offset_minutes": -60},
            {"person_id": "p-cater", "name": "Segun Ojo", "department": "catering", "role": "Caterer",
             "phone": "+2348030000004", "call_offset_minutes": -45},
        ],
        "locations": [
            {"id": "loc-marina", "name": "Marina jetty", "address": "Marina Rd, Lagos Island",
             "latitude": 6.4495, "longitude": 3.3925, "parking": "CMS bus park", "nearest_hospital": hospital},
            {"id": "loc-office", "name": "Broad Street office", "address": "12 Broad St, Lagos Island",
             "latitude": 6.4530, "longitude": 3.3900, "parking": "Behind the building",
             "nearest_hospital": hospital},
        ],
        "notes": {"2026-12-01": "Rain cover for the jetty. Boat safety briefing at 07:00."},
        "set_codes": {"2026-12-01": "4821", "2026-12-04": "7730"},
    }
