"""Realistic documents of one project database: what a crew member's phone pulls on joining
a shoot. Deterministic for a given seed."""
import random
from datetime import date, datetime, time as clock_time, timedelta, timezone

FIRST_NAMES = (
    "Adaeze Chukwuemeka Ngozi Obinna Funmilayo Babatunde Aisha Ibrahim Temitope Oluwaseun "
    "Chiamaka Ifeanyi Zainab Musa Yetunde Kelechi Nkechi Emeka Tobiloba Bukola Hauwa Sadiq "
    "Amaka Uchenna Damilola Segun Folake Chidi Halima Kunle Ebuka Osas Efe Tamuno Ireti Nneka"
).split()
SURNAMES = (
    "Okafor Adeyemi Eze Balogun Okonkwo Bello Nwosu Adebayo Ibrahim Obi Olawale Chukwu Abubakar "
    "Onyeka Afolabi Nnaji Ogunleye Uzor Danjuma Okeke Idahosa Ekwueme Lawal Ogbonna Akande "
    "Yusuf Ojo Agu"
).split()
PLACES = [  # area, city, state, latitude, longitude
    ("Lekki Phase 1", "Lagos", "Lagos", 6.4478, 3.4723), ("Ikoyi", "Lagos", "Lagos", 6.4520, 3.4350),
    ("Surulere", "Lagos", "Lagos", 6.5010, 3.3581), ("Festac Town", "Lagos", "Lagos", 6.4660, 3.2830),
    ("Independence Layout", "Enugu", "Enugu", 6.4420, 7.5130), ("Ngwo", "Enugu", "Enugu", 6.4320, 7.4480),
    ("Maitama", "Abuja", "FCT", 9.0880, 7.4930), ("Jabi Lake", "Abuja", "FCT", 9.0700, 7.4230),
]
SETS = [
    "Chief Okoro's living room", "Ada's bedroom", "Market stall", "Church hall", "Office reception",
    "Danfo bus", "Beach bar", "Village compound", "Hospital corridor", "Police station front desk",
    "Rooftop at night", "Wedding reception hall", "Mechanic workshop", "University hostel room",
]
ROLES = [tuple(role.split(": ")) for role in (
    "Camera: Director of Photography", "Camera: 1st AC", "Camera: Focus Puller", "Sound: Sound Recordist",
    "Sound: Boom Operator", "Grip: Key Grip", "Electric: Gaffer", "Electric: Best Boy",
    "Makeup: Makeup Artist", "Wardrobe: Costume Designer", "Art: Production Designer",
    "Art: Props Master", "Production: 1st AD", "Production: 2nd AD", "Production: Production Manager",
    "Production: Location Manager", "Transport: Driver", "Catering: Caterer", "Cast: Lead",
    "Cast: Supporting", "Cast: Day Player", "Cast: Extra")]
SYNOPSES = [
    "{a} confronts {b} about the missing land documents while the family watches in silence.",
    "{a} arrives late to the wedding and discovers {b} has already given the speech.",
    "At the market, {a} haggles with {b} over the price of the wrapper, then recognises her.",
    "{a} reads the letter from Lagos aloud; {b} breaks down and leaves the room.",
    "{b} hides the money in the generator house; {a} sees everything from the window.",
    "A tense dinner: {a} announces the engagement and {b} refuses to eat.",
    "{a} and {b} argue in the danfo as it crawls through Third Mainland Bridge traffic.",
]
NOTICES = [
    "Call time tomorrow moves to {t} because of the {place} road closure. Drivers leave base 45 minutes earlier.",
    "Power will be from the 60 kVA generator only; please do not plug kettles into the camera distro.",
    "Per diem for this week has been paid to your wallet. Check your receipt and tell the PM if anything is wrong.",
    "Rain is forecast after 3pm. Exterior scenes are moved to the morning; interiors after lunch.",
    "Please keep phones on silent during takes. Anyone seen on their phone near set will be asked to step out.",
]
PROPS = ["land documents", "wrapper", "envelope of naira", "Bible", "cutlass", "palm wine gourd", "keke keys"]
DOC_MIX = {  # kind: share of the documents; locations make up the rest
    "check_in_record": 0.39, "schedule_strip": 0.20, "booking": 0.15, "contact_sheet_entry": 0.12,
    "announcement": 0.07, "call_sheet": 0.06,
}
LOCATION_SHARE = 0.01
PROJECT_START = date(2026, 2, 2)
PROJECT_ID = "bench0001"
WAT = timezone(timedelta(hours=1))  # West Africa Time, no daylight saving


def project_documents(count: int, seed: int) -> list[dict]:
    """A shoot's project database, in the mixed order it was written: same seed, same documents."""
    rng = random.Random(seed)
    people = [_person(rng) for _ in range(max(20, count // 8))]
    locations = [_location(rng, i) for i in range(max(3, round(count * LOCATION_SHARE)))]
    makers = {
        "check_in_record": lambda i: _check_in(rng, i, people),
        "schedule_strip": lambda i: _strip(rng, i, people, locations),
        "booking": lambda i: _booking(rng, i, people, locations),
        "contact_sheet_entry": lambda i: _contact(rng, people[i % len(people)]),
        "announcement": lambda i: _announcement(rng, i, people, locations),
        "call_sheet": lambda i: _call_sheet(rng, i, people, locations),
    }
    docs = locations + [makers[kind](i) for kind, share in DOC_MIX.items() for i in range(round(count * share))]
    docs = docs[:count] + [_check_in(rng, count + i, people) for i in range(count - len(docs))]
    rng.shuffle(docs)
    return docs


def _person(rng) -> dict:
    department, role = rng.choice(ROLES)
    return {"person_id": _hex(rng), "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            "phone": _phone(rng), "department": department, "role": role}


def _phone(rng) -> str:
    return "+234" + rng.choice(["803", "806", "810", "813", "703", "706", "805", "905"]) + f"{rng.randrange(10**7):07d}"


def _hex(rng, chars: int = 20) -> str:
    return f"{rng.getrandbits(chars * 4):0{chars}x}"


def _day(index: int) -> date:
    return PROJECT_START + timedelta(days=index % 36)


def _stamp(rng, day: date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}+01:00"


def _location(rng, i: int) -> dict:
    area, city, state, lat, lng = rng.choice(PLACES)
    contact = _person(rng)
    return {
        "_id": f"location:{_hex(rng)}", "type": "location", "project_id": PROJECT_ID,
        "name": f"{rng.choice(SURNAMES)} residence" if i % 3 else f"{area} {rng.choice(['hall', 'compound', 'plaza'])}",
        "address": f"{rng.randrange(1, 80)} {rng.choice(SURNAMES)} Street, {area}, {city}",
        "city": city, "state": state,
        "position": [round(lat + rng.uniform(-0.02, 0.02), 5), round(lng + rng.uniform(-0.02, 0.02), 5)],
        "sets": rng.sample(SETS, 3),
        "contact": {"name": contact["name"], "phone": contact["phone"], "relationship": "owner"},
        "permit": {"status": rng.choice(["granted", "pending"]),
                   "fee": {"amount_minor": rng.randrange(50, 600) * 1000_00, "currency": "NGN"}},
        "daily_rate": {"amount_minor": rng.randrange(80, 400) * 1000_00, "currency": "NGN"},
        "power": rng.choice(["grid and 60 kVA generator", "generator only", "grid, unreliable after 6pm"]),
        "parking": f"Space for {rng.randrange(3, 15)} vehicles inside the compound; trucks park on the street.",
        "nearest_hospital": f"{rng.choice(['General Hospital', 'Reddington Hospital', 'National Hospital'])}, {city}",
        "notes": "Owner asks that crew use the back gate and keep the front lawn clear. " * rng.randrange(1, 4),
        "created_at": _stamp(rng, PROJECT_START - timedelta(days=20), 11),
    }


def _check_in(rng, i: int, people: list[dict]) -> dict:
    person, day = rng.choice(people), _day(i)
    booking_id = _hex(rng)
    at = datetime.combine(day, clock_time(rng.randrange(5, 8), rng.randrange(60), rng.randrange(60)), WAT)
    return {
        "_id": f"check_in:{booking_id}:{day.isoformat()}", "type": "check_in_record",
        "booking_id": booking_id, "person_id": person["person_id"], "day": day.isoformat(),
        "at": at.isoformat(), "received_at": (at + timedelta(seconds=rng.randrange(1, 900))).isoformat(),
        "method": rng.choice(["set_code", "gps", "whatsapp"]), "set_code": f"{rng.randrange(10000):04d}",
        "position": [round(6.45 + rng.uniform(0, 0.1), 5), round(3.4 + rng.uniform(0, 0.1), 5)],
        "source_intent": _hex(rng),
    }


def _strip(rng, i: int, people: list[dict], locations: list[dict]) -> dict:
    cast = rng.sample([p for p in people if p["department"] == "Cast"] or people, 2)
    location = rng.choice(locations)
    return {
        "_id": f"strip:{i + 1:03d}", "type": "schedule_strip", "project_id": PROJECT_ID,
        "scene_number": f"{i + 1}{rng.choice(['', '', 'A', 'B'])}", "int_ext": rng.choice(["INT", "EXT"]),
        "day_night": rng.choice(["DAY", "NIGHT", "DAY", "DUSK"]), "set": rng.choice(SETS),
        "location_id": location["_id"], "location_name": location["name"],
        "synopsis": rng.choice(SYNOPSES).format(a=cast[0]["name"], b=cast[1]["name"]),
        "pages_eighths": rng.randrange(2, 30), "cast_ids": [p["person_id"] for p in cast],
        "extras": rng.randrange(0, 25), "props": rng.sample(PROPS, rng.randrange(1, 4)),
        "shoot_day": i % 36 + 1, "strip_order": i, "estimated_minutes": rng.randrange(30, 240, 15),
        "status": rng.choice(["scheduled", "shot", "scheduled", "moved"]),
    }


def _booking(rng, i: int, people: list[dict], locations: list[dict]) -> dict:
    person, location, booking_id, start = rng.choice(people), rng.choice(locations), _hex(rng), _day(i)
    return {
        "_id": f"booking:{booking_id}", "type": "booking", "booking_id": booking_id,
        "project_id": PROJECT_ID, "project_title": "Ada of Lagos", "job_post_id": _hex(rng),
        "application_id": _hex(rng), "person_id": person["person_id"], "role": person["role"],
        "start_date": start.isoformat(), "end_date": (start + timedelta(days=rng.randrange(1, 20))).isoformat(),
        "call_time": f"{rng.randrange(5, 9):02d}:{rng.choice(['00', '30'])}",
        "location": {"city": location["city"], "state": location["state"]},
        "rate": {"amount_minor": rng.randrange(15, 250) * 1000_00, "currency": "NGN"},
        "rate_per": rng.choice(["day", "day", "job"]),
        "status": rng.choice(["confirmed", "confirmed", "awaiting_confirmation", "declined"]),
        "hired_by": _hex(rng), "source_intent": _hex(rng), "created_at": _stamp(rng, PROJECT_START, 14),
    }


def _contact(rng, person: dict) -> dict:
    first = person["name"].split()[0].lower()
    return {
        "_id": f"contact:{person['person_id']}", "type": "contact_sheet_entry", "project_id": PROJECT_ID,
        "person_id": person["person_id"], "name": person["name"], "department": person["department"],
        "role": person["role"], "phone": person["phone"], "whatsapp": rng.random() < 0.9,
        "telegram": rng.random() < 0.3, "email": f"{first}.{rng.randrange(100)}@gmail.com",
        "emergency_contact": {"name": f"{rng.choice(FIRST_NAMES)} {person['name'].split()[1]}",
                              "phone": _phone(rng)},
        "dietary": rng.choice(["", "", "no pork", "vegetarian", "no pepper"]),
    }


def _announcement(rng, i: int, people: list[dict], locations: list[dict]) -> dict:
    day = _day(i)
    body = " ".join(rng.choice(NOTICES).format(t=f"{rng.randrange(5, 8)}:30am", place=rng.choice(locations)["name"])
                    for _ in range(rng.randrange(1, 5)))
    return {
        "_id": f"announcement:{_hex(rng)}", "type": "announcement", "project_id": PROJECT_ID,
        "title": body.split(".")[0][:60], "body": body, "audience": rng.choice(["all", "crew", "cast"]),
        "posted_by": rng.choice(people)["person_id"], "posted_at": _stamp(rng, day, 19),
        "pinned": rng.random() < 0.1, "channels": ["app", "whatsapp"] + (["sms"] if rng.random() < 0.5 else []),
    }


def _call_sheet(rng, i: int, people: list[dict], locations: list[dict]) -> dict:
    day, location = _day(i), rng.choice(locations)
    general = rng.randrange(5, 8)
    return {
        "_id": f"call_sheet:{i % 36 + 1:02d}:v{i // 36 + 1}", "type": "call_sheet", "project_id": PROJECT_ID,
        "shoot_day": i % 36 + 1, "version": i // 36 + 1, "date": day.isoformat(),
        "general_call": f"{general:02d}:00", "location_id": location["_id"], "location_name": location["name"],
        "address": location["address"], "nearest_hospital": location["nearest_hospital"],
        "weather": rng.choice(["Sunny, 31°C", "Humid, showers after 3pm, 28°C", "Harmattan haze, 33°C"]),
        "sunrise": "06:52", "sunset": "18:58",
        "scenes": [{"scene_number": str(rng.randrange(1, 120)), "set": rng.choice(SETS),
                    "pages_eighths": rng.randrange(2, 20)} for _ in range(rng.randrange(3, 7))],
        "calls": [{"person_id": p["person_id"], "name": p["name"], "role": p["role"],
                   "call": f"{general + rng.randrange(0, 3):02d}:{rng.choice(['00', '15', '30', '45'])}"}
                  for p in rng.sample(people, rng.randrange(10, 22))],
        "notes": "Closed set for scene 42. Bring IDs for the estate gate. " * rng.randrange(1, 3),
        "published_at": _stamp(rng, day - timedelta(days=1), 20), "published_by": rng.choice(people)["person_id"],
    }


