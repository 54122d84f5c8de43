"""Discovery, pure: which search result to show next in a quick review, and the side-by-side
comparison table of up to four people. Chat and web both render what these return."""
import re
from collections import Counter

from core.errors import Rejected

COMPARE_MIN, COMPARE_MAX = 2, 4
LIST_NAME_MAX_CHARS = 40
DEFAULT_LIST = "shortlist"


def slug(name: str) -> str:
    """"My Lighting Crew " -> "my-lighting-crew": the same list or template however it is typed."""
    return re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")


def list_slug(name: str) -> str:
    cleaned = slug(name or DEFAULT_LIST)
    if not 1 <= len(cleaned) <= LIST_NAME_MAX_CHARS:
        raise Rejected("A list needs a name of 1 to {most} letters or digits.", most=LIST_NAME_MAX_CHARS)
    return cleaned


def shortlist_doc_id(list_name: str) -> str:
    return f"shortlist:{list_slug(list_name)}"


def liked_ids(shortlist_doc: dict | None) -> list[str]:
    return [entry["person_id"] for entry in (shortlist_doc or {}).get("liked", ())]


def next_candidate(ranked_ids: list[str], shortlist_doc: dict | None) -> str | None:
    """The best-ranked person not yet liked or passed on this list; None when all are reviewed."""
    seen = set(liked_ids(shortlist_doc)) | set((shortlist_doc or {}).get("passed", ()))
    return next((person_id for person_id in ranked_ids if person_id not in seen), None)


def compare(cards: list[dict], first_day: str | None = None, last_day: str | None = None) -> dict:
    """The comparison table of 2 to 4 directory person docs. A skill is marked shared when at
    least two of the people compared list it. Busy days count those within first_day..last_day
    (ISO dates, both included) when given."""
    if len(cards) < COMPARE_MIN:
        raise Rejected("Pick at least {least} people to compare.", least=COMPARE_MIN)
    if len(cards) > COMPARE_MAX:
        raise Rejected("You can compare up to {most} people at a time; you picked {picked}.",
                       most=COMPARE_MAX, picked=len(cards))
    skills = [_skills(card) for card in cards]
    held = Counter(skill for own in skills for skill in set(own))
    shared = sorted(skill for skill, count in held.items() if count >= 2)
    rows = [
        _row("rate", "Rate", [_rate(card) for card in cards]),
        _row("rating", "Rating", [_rating(card) for card in cards]),
        _row("verified", "Verified", ["yes" if card.get("verified") else "no" for card in cards]),
        _row("location", "City / state", [
            ", ".join(part for part in (card.get("city"), card.get("state")) if part) or "-" for card in cards]),
        _row("skills", "Skills", [[{"skill": s, "shared": s in shared} for s in own] for own in skills]),
        _row("languages", "Languages", [", ".join(card.get("languages") or ()) or "-" for card in cards]),
        _row("playing_age", "Playing age", [_playing_age(card) for card in cards]),
    ]
    if first_day or last_day:
        first, last = first_day or last_day, last_day or first_day
        rows.append(_row("busy_days", f"Busy days {first} to {last}",
                         [sum(first <= day <= last for day in card.get("busy_days") or ()) for card in cards]))
    people = [{"person_id": card.get("person_id"), "name": card.get("name", "")} for card in cards]
    return {"people": people, "rows": rows, "shared_skills": shared}


def _row(key: str, label: str, values: list) -> dict:
    return {"key": key, "label": label, "values": values}


def _skills(card: dict) -> list[str]:
    """Crew roles and skills, in the order the person gave them, each once."""
    return list(dict.fromkeys(s.strip().lower() for s in [*card.get("crew_roles", ()), *card.get("skills", ())]))


def _rate(card: dict) -> str:
    rate = card.get("rate")
    if not rate:
        return "negotiable"
    whole, kobo = divmod(rate["amount_minor"], 100)
    amount = f"{whole:,}" + (f".{kobo:02d}" if kobo else "")
    symbol = "₦" if rate.get("currency") == "NGN" else f"{rate.get('currency', '')} "
    return f"{symbol}{amount}" + (f" per {rate['per']}" if rate.get("per") else "")


def _rating(card: dict) -> str:
    rating = card.get("rating") or {}
    if not rating.get("count"):
        return "not yet rated"
    return f"{float(rating['average']):.1f} ({rating['count']} ratings)"


def _playing_age(card: dict) -> str:
    age = card.get("playing_age")
    if isinstance(age, dict):
        return f"{age.get('min', '?')}-{age.get('max', '?')}"
    return str(age) if age else "-"
