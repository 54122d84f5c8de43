"""A rough budget from the breakdown: how many shoot days the pages take at the scale's pace, and
what cast, crew, kit, locations, transport, food and post cost at the configured NGN rates where
the unit shoots. Every line says how it was reached ("18 shoot days × 15 crew × ₦25,000 day rate"),
so a producer can argue with a figure rather than with the whole.

The rates are data (config/rates.toml, read by the edge): this module never reads a file. Amounts
are integer kobo; the cost index is applied in basis points and rounded down to the kobo.
"""
import math
from collections import defaultdict

from core.errors import Rejected
from core.money import Money

SCALES = ("micro", "low", "mid", "high")
BP_PER_WHOLE = 10_000
KOBO_PER_NAIRA = 100
EIGHTHS_PER_PAGE = 8
SCALE_FIELDS = (
    "eighths_per_day", "crew_size", "crew_day_rate_ngn", "lead_day_rate_ngn", "supporting_day_rate_ngn",
    "extra_day_rate_ngn", "extras_per_crowd_scene", "equipment_day_rate_ngn", "location_day_rate_ngn",
    "catering_per_head_ngn", "bus_day_rate_ngn", "post_per_minute_ngn",
)
TOP_FIELDS = ("screen_minutes_per_page", "lead_share_bp", "seats_per_bus", "contingency_bp")


def checked_rates(rates: dict) -> dict:
    """The rates table checked: NGN, every scale with every figure a positive whole number."""
    if not isinstance(rates, dict) or rates.get("currency") != "NGN":
        raise Rejected("The rates table must be in NGN.")
    for name in TOP_FIELDS:
        if type(rates.get(name)) is not int or rates[name] < 0:
            raise Rejected("The rates table needs {name} as a whole number.", name=name)
    for scale in SCALES:
        figures = (rates.get("scales") or {}).get(scale)
        if not isinstance(figures, dict):
            raise Rejected("The rates table has no figures for the {scale} scale.", scale=scale)
        for name in SCALE_FIELDS:
            if type(figures.get(name)) is not int or figures[name] <= 0:
                raise Rejected("The {scale} scale needs {name} as a whole number above zero.", scale=scale, name=name)
    return rates


def cost_index_bp(rates: dict, state: str, city: str) -> tuple[int, str]:
    """(basis points against the base rates, the place it is for): a city's figure wins over its state's."""
    index = rates.get("cost_index_bp") or {}
    by_city = {name.casefold(): bp for name, bp in (index.get("cities") or {}).items()}
    by_state = {name.casefold(): bp for name, bp in (index.get("states") or {}).items()}
    if city.strip().casefold() in by_city:
        return by_city[city.strip().casefold()], city.strip()
    return by_state.get(state.strip().casefold(), BP_PER_WHOLE), state.strip()


def estimate_budget(scenes: list[dict], state: str, city: str, scale: str, rates: dict) -> dict:
    """The estimate: shoot days, lines by category (each with `why`), and the total, in NGN kobo."""
    if scale not in SCALES:
        raise Rejected("The scale is micro, low, mid or high.")
    if not scenes:
        raise Rejected("The breakdown has no scenes to estimate from: read a script first.")
    figures = rates["scales"][scale]
    bp, place = cost_index_bp(rates, state, city)
    eighths = sum(max(1, int(scene.get("eighths") or 1)) for scene in scenes)
    days = math.ceil(eighths / figures["eighths_per_day"])
    pace = f"{_pages(eighths)} pages at {_pages(figures['eighths_per_day'])} a day"
    local = f" × {bp / 100:g}% ({place} costs)" if bp != BP_PER_WHOLE else ""
    lines = []

    def line(category: str, description: str, count: int, rate_ngn: int, per: str, why: str,
             where_shot: bool = True) -> None:
        # Post-production is bought in a suite, not where the unit shoots: no cost index there.
        factor = bp if where_shot else BP_PER_WHOLE
        amount = count * rate_ngn * KOBO_PER_NAIRA * factor // BP_PER_WHOLE
        lines.append({"category": category, "description": description, "amount_minor": amount,
                      "why": f"{why} × {_naira(rate_ngn)} {per}{local if where_shot else ''}"})

    leads, supporting = _cast_days(scenes, figures["eighths_per_day"], days, rates["lead_share_bp"])
    for tier, (people, rate) in (("Leads", (leads, figures["lead_day_rate_ngn"])),
                                 ("Supporting cast", (supporting, figures["supporting_day_rate_ngn"]))):
        if people:
            named = ", ".join(f"{name} {n}" for name, n in people.items())
            line("cast", tier, sum(people.values()), rate, "day rate", f"{sum(people.values())} actor-days ({named})")
    actor_days = sum(leads.values()) + sum(supporting.values())
    crowd_scenes = sum(1 for scene in scenes if (scene.get("elements") or {}).get("extras"))
    extra_days = crowd_scenes * figures["extras_per_crowd_scene"]
    if extra_days:
        line("cast", "Extras", extra_days, figures["extra_day_rate_ngn"], "day rate",
             f"{crowd_scenes} crowd scenes × {figures['extras_per_crowd_scene']} extras")
    crew = figures["crew_size"]
    line("crew", "Crew", days * crew, figures["crew_day_rate_ngn"], "day rate",
         f"{days} shoot days ({pace}) × {crew} crew")
    line("equipment", "Camera, lighting and grip package", days, figures["equipment_day_rate_ngn"], "a day",
         f"{days} shoot days")
    set_days = _set_days(scenes, figures["eighths_per_day"])
    line("locations", "Location fees", sum(set_days.values()), figures["location_day_rate_ngn"], "a location-day",
         f"{sum(set_days.values())} location-days over {len(set_days)} sets")
    cast_a_day = math.ceil(actor_days / days)
    buses = math.ceil((crew + cast_a_day) / rates["seats_per_bus"])
    line("transport", "Crew and cast buses", days * buses, figures["bus_day_rate_ngn"], "a bus-day",
         f"{days} shoot days × {buses} buses ({crew} crew + about {cast_a_day} cast a day)")
    meals = days * crew + actor_days + extra_days
    line("catering", "Meals on set", meals, figures["catering_per_head_ngn"], "a head a day",
         f"{meals} person-days ({days} days × {crew} crew + {actor_days} actor-days + {extra_days} extra-days)")
    minutes = math.ceil(eighths * rates["screen_minutes_per_page"] / EIGHTHS_PER_PAGE)
    line("post", "Editing, grading and sound", minutes, figures["post_per_minute_ngn"], "a minute",
         f"about {minutes} minutes on screen ({_pages(eighths)} pages)", where_shot=False)
    subtotal = sum(item["amount_minor"] for item in lines)
    contingency = subtotal * rates["contingency_bp"] // BP_PER_WHOLE
    lines.append({"category": "contingency", "description": "Contingency", "amount_minor": contingency,
                  "why": f"{rates['contingency_bp'] / 100:g}% of {Money(subtotal, 'NGN')}"})
    return {"type": "budget_estimate", "currency": "NGN", "scale": scale, "state": state, "city": city,
            "cost_index_bp": bp, "shoot_days": days, "eighths": eighths, "lines": lines,
            "total_minor": subtotal + contingency}


def _cast_days(scenes: list[dict], eighths_per_day: int, days: int, lead_share_bp: int):
    """Actor-days per character, leads apart: a character's eighths at the day's pace, at least a day."""
    scene_count, eighths = defaultdict(int), defaultdict(int)
    for scene in scenes:
        for name in dict.fromkeys([*scene.get("characters", ()), *scene.get("introduced", ())]):
            scene_count[name] += 1
            eighths[name] += max(1, int(scene.get("eighths") or 1))
    leads, supporting = {}, {}
    for name in sorted(scene_count, key=lambda n: (-scene_count[n], n)):
        share_bp = scene_count[name] * BP_PER_WHOLE // len(scenes)
        tier = leads if share_bp >= lead_share_bp else supporting
        tier[name] = min(days, max(1, math.ceil(eighths[name] / eighths_per_day)))
    return leads, supporting


def _set_days(scenes: list[dict], eighths_per_day: int) -> dict[str, int]:
    eighths = defaultdict(int)
    for scene in scenes:
        eighths[scene.get("set") or scene.get("heading") or "UNNAMED"] += max(1, int(scene.get("eighths") or 1))
    return {name: math.ceil(total / eighths_per_day) for name, total in eighths.items()}


def _pages(eighths: int) -> str:
    whole, rest = divmod(eighths, EIGHTHS_PER_PAGE)
    return f"{whole} {rest}/8" if rest and whole else (f"{rest}/8" if rest else str(whole))


def _naira(amount_ngn: int) -> str:
    return str(Money(amount_ngn * KOBO_PER_NAIRA, "NGN"))
