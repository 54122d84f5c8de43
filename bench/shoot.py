"""The shoot-day optimiser on the Eko Nights example and on a larger generated production.

Prints, per instance, the cost parts, whether the solver proved the schedule optimal, and the
seconds taken. Other jobs share the machine's two cores, so the seconds are noisy. Asserts nothing.

    .venv/bin/python -m bench.shoot [--limit-s 60] [--scenes 120 --days 25 --cast 15 --seed 7]
"""
import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

from core.scheduling.shoot import plan_shoot

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "shoot" / "eko-nights.json"
LAGOS_PLACES = [  # (name, latitude, longitude): real neighbourhoods, made-up addresses
    ("Lekki Phase 1 house", 6.4474, 3.4723), ("Ikeja GRA office", 6.5795, 3.3535),
    ("Yaba street", 6.5095, 3.3711), ("Victoria Island hotel", 6.4281, 3.4219),
    ("Festac Town compound", 6.4667, 3.2833), ("Ajah jetty", 6.4698, 3.5852),
    ("Surulere stadium car park", 6.4970, 3.3650), ("Lagos Island market", 6.4541, 3.3947),
]


def generated_production(scenes: int, days: int, cast: int, seed: int) -> dict:
    """A seeded production shaped like a Nollywood feature: a few leads in most scenes, many day players."""
    rng = random.Random(seed)
    start = date(2027, 1, 11)
    dates = [start + timedelta(days=offset) for offset in range(days + days // 6 + 2)]
    people = []
    for number in range(cast):
        lead = number < 3
        unavailable = sorted(rng.sample(dates, rng.randint(0, 2 if lead else 5)))
        people.append({"id": f"cast-{number}", "name": f"Actor {number}", "characters": [f"CHARACTER {number}"],
                       "daily_rate_minor": rng.choice([600, 450, 350] if lead else [250, 150, 100, 80]) * 100_000,
                       "unavailable": [day.isoformat() for day in unavailable]})
    places = [{"id": f"loc-{i}", "name": name, "address": f"{name}, Lagos", "latitude": lat, "longitude": lon}
              for i, (name, lat, lon) in enumerate(LAGOS_PLACES)]
    places[2]["hours"] = {"open": "07:00", "close": "23:30"}  # a street the council closes at night
    scene_list = []
    for number in range(1, scenes + 1):
        int_ext = rng.choice(["INT", "INT", "EXT"])
        day_night = rng.choice(["DAY", "DAY", "NIGHT"])
        place = rng.choice(places)
        size = rng.choice([1, 2, 2, 3])
        who = {rng.randrange(3)} | {rng.randrange(cast) for _ in range(size)}
        eighths = rng.randint(2, 16)
        scene_list.append({
            "id": str(number), "number": str(number), "heading": f"{int_ext}. {place['name'].upper()} - {day_night}",
            "int_ext": int_ext, "set": place["name"].upper(), "time_of_day": day_night, "day_night": day_night,
            "eighths": eighths, "estimated_minutes": eighths * 6, "characters": [f"CHARACTER {i}" for i in sorted(who)],
            "introduced": [], "elements": {}, "synopsis": "", "location_id": place["id"]})
    return {
        "production": {"title": f"Generated {scenes}/{days}/{cast} seed {seed}", "start_date": start.isoformat(),
                       "shoot_days": days, "days_off": [day.isoformat() for day in dates if day.weekday() == 6]},
        "working_day": {"standard_hours": 12, "max_hours": 14, "default_call": "06:00", "latest_wrap": "02:00"},
        "cast": people, "locations": places, "scenes": scene_list,
    }


def report(name: str, data: dict, limit_s: float) -> None:
    result = plan_shoot(data, limit_s)
    cost = result.schedule["cost"]
    print(json.dumps({"instance": name, "scenes": len(data["scenes"]), "days_used": len(result.schedule["days"]),
                      **cost, "lower_bound": result.bound_naira, "proved_optimal": result.proved_optimal,
                      "seconds": result.seconds}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-s", type=float, default=60.0)
    parser.add_argument("--scenes", type=int, default=120)
    parser.add_argument("--days", type=int, default=25)
    parser.add_argument("--cast", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    report("eko-nights", json.loads(EXAMPLE.read_text()), args.limit_s)
    report(f"generated-{args.scenes}x{args.days}x{args.cast}-seed{args.seed}",
           generated_production(args.scenes, args.days, args.cast, args.seed), args.limit_s)


if __name__ == "__main__":
    main()
