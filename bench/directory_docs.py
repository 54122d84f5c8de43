"""Realistic directory documents for bench/search.py: public profiles and open job posts.

Deterministic for a seed. Proportions are guesses at Nollywood's shape: most people are crew,
Lagos dominates, then Abuja (FCT), Enugu, Rivers, Oyo, Anambra, Edo, Delta, Kano.
"""
import random
from datetime import date, timedelta

from core.profile_lists import DEPARTMENTS, SKILLS

FIRST_NAMES = (
    "Adaeze", "Adebayo", "Adekunle", "Aisha", "Amaka", "Ayodele", "Babajide", "Bisi", "Bolanle", "Chiamaka",
    "Chidi", "Chinedu", "Chioma", "Damilola", "Ebuka", "Efe", "Emeka", "Funke", "Folake", "Garba",
    "Halima", "Ibrahim", "Ifeoma", "Ikenna", "Kelechi", "Kemi", "Musa", "Ngozi", "Nkechi", "Obinna",
    "Olumide", "Omotola", "Osagie", "Rita", "Segun", "Tobi", "Tunde", "Uche", "Yemi", "Zainab",
)
SURNAMES = (
    "Abiola", "Adeyemi", "Adichie", "Akande", "Aliyu", "Bakare", "Balogun", "Danjuma", "Eze", "Ezeh",
    "Igwe", "Ibekwe", "Johnson", "Lawal", "Mohammed", "Nnaji", "Nwosu", "Obi", "Odunsi", "Ogbu",
    "Okafor", "Okeke", "Okonkwo", "Olaniyan", "Omoregie", "Onwueme", "Osahon", "Ugwu", "Usman", "Yusuf",
)
PLACES = {  # state: (weight, cities)
    "Lagos": (40, ("Lekki", "Ikeja", "Surulere", "Yaba", "Victoria Island", "Ikorodu", "Festac")),
    "FCT": (12, ("Abuja", "Gwarinpa", "Wuse", "Garki")),
    "Enugu": (8, ("Enugu", "Nsukka")),
    "Rivers": (7, ("Port Harcourt", "Obio-Akpor")),
    "Oyo": (6, ("Ibadan", "Ogbomosho")),
    "Anambra": (6, ("Asaba", "Onitsha", "Awka")),
    "Edo": (5, ("Benin City",)),
    "Delta": (5, ("Warri", "Asaba")),
    "Kano": (4, ("Kano",)),
    "Ogun": (4, ("Abeokuta", "Sagamu")),
    "Cross River": (3, ("Calabar",)),
}
LOCAL_LANGUAGES = {"Lagos": "yoruba", "Oyo": "yoruba", "Ogun": "yoruba", "Enugu": "igbo", "Anambra": "igbo",
                   "Kano": "hausa", "FCT": "hausa", "Edo": "edo", "Delta": "urhobo", "Rivers": "ijaw",
                   "Cross River": "efik"}
ROLES = (("crew", 65), ("actor", 25), ("producer", 7), ("investor", 3))
ACTOR_HEADLINES = ("Lead and supporting roles", "Comedy and drama", "Stage-trained actor", "Epic and period films")


def _pick(rng: random.Random, weighted) -> str:
    names, weights = zip(*weighted)
    return rng.choices(names, weights)[0]


def _place(rng: random.Random) -> tuple[str, str]:
    state = rng.choices(list(PLACES), [w for w, _ in PLACES.values()])[0]
    return state, rng.choice(PLACES[state][1])


def profile(rng: random.Random, n: int, today: date) -> dict:
    role = _pick(rng, ROLES)
    state, city = _place(rng)
    languages = {"english", LOCAL_LANGUAGES[state]}
    if rng.random() < 0.6:
        languages.add("pidgin")
    if rng.random() < 0.15:
        languages.add(rng.choice(("yoruba", "igbo", "hausa")))
    department, crew_roles, headline = "", [], rng.choice(ACTOR_HEADLINES)
    if role == "crew":
        department = rng.choice(list(DEPARTMENTS))
        crew_roles = rng.sample(DEPARTMENTS[department], min(len(DEPARTMENTS[department]), rng.randint(1, 2)))
        headline = f"{crew_roles[0].replace('_', ' ').capitalize()}, {rng.randint(1, 20)} years on set"
    skills = rng.sample(sorted(SKILLS), rng.randint(0, 4 if role == "actor" else 2))
    count = rng.choice((0, 0, rng.randint(1, 8), rng.randint(5, 60)))
    rate = None
    if rng.random() > 0.1:
        currency = "USD" if rng.random() < 0.03 else "NGN"
        amount = rng.randint(150, 3000) * 10_000 if currency == "NGN" else rng.randint(100, 2000) * 100
        rate = {"amount_minor": amount, "currency": currency, "per": rng.choice(("day", "day", "day", "job"))}
    busy = sorted({(today + timedelta(days=rng.randint(0, 90))).isoformat() for _ in range(rng.randint(0, 25))})
    pid = f"bench{n:07d}"
    return {
        "_id": f"person:{pid}", "type": "person", "person_id": pid,
        "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", "roles": [role],
        "verified": rng.random() < 0.3, "headline": headline, "city": city, "state": state,
        "department": department, "crew_roles": crew_roles, "skills": skills, "languages": sorted(languages),
        "rate": rate,
        "playing_age": {"min": (low := rng.randint(16, 55)), "max": low + rng.randint(5, 15)} if role == "actor" else None,
        "gender": rng.choice(("female", "male", "")) if role == "actor" else "",
        "rating": {"average": round(rng.uniform(3.0, 5.0), 1) if count else 0.0, "count": count},
        "busy_days": busy, "created_at": "2026-01-05T09:00:00+00:00", "updated_at": "2026-11-01T09:00:00+00:00",
    }


def job_post(rng: random.Random, n: int, today: date) -> dict:
    department = rng.choice(list(DEPARTMENTS))
    state, city = _place(rng)
    start = today + timedelta(days=rng.randint(1, 120))
    jid = f"benchjob{n:06d}"
    return {
        "_id": f"job_post:{jid}", "type": "job_post", "job_post_id": jid, "code": f"J{n:05d}",
        "project_id": f"benchproj{n % 400:04d}", "project_title": f"{rng.choice(SURNAMES)}'s {rng.choice(('Wedding', 'Secret', 'Inheritance', 'Return'))}",
        "title": rng.choice(DEPARTMENTS[department]).replace("_", " ").capitalize(), "department": department,
        "start_date": start.isoformat(), "end_date": (start + timedelta(days=rng.randint(0, 20))).isoformat(),
        "call_time": "06:30", "rate": {"amount_minor": rng.randint(150, 2500) * 10_000, "currency": "NGN"},
        "rate_per": "day", "location": {"city": city, "state": state}, "slots": rng.randint(1, 4), "hired": [],
        "status": "open", "posted_by": "benchproducer", "source_intent": f"job_request:{jid}",
        "created_at": "2026-11-01T09:00:00+00:00",
    }


def directory_documents(people: int, jobs: int, seed: int, today: date) -> list[dict]:
    rng = random.Random(seed)
    return [profile(rng, n, today) for n in range(people)] + [job_post(rng, n, today) for n in range(jobs)]
