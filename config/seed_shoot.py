"""The demo production's script and published schedule, so `make dev` opens on a production a
first AD would recognise: a screenplay broken down, a schedule solved and published, a call
sheet for every shoot day.

The script is examples/eko-nights.fountain; the shoot plan is examples/shoot/eko-nights.json
without its scenes, its dates moved to the demo's first shoot day. Through the same commands
the office's intents become, with fixed intent ids: seeding again changes nothing (and solves
nothing again)."""
import json
from datetime import date, timedelta
from pathlib import Path

import structlog

from core import scopes
from core.bus import MessageBus
from core.shoot_commands import AddScriptVersion, PublishSchedule, RequestSchedule, SetShootPlan
from workers.schedule_solving import solve_draft
from workers.script_reading import read_upload

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPT_FILE, PLAN_FILE = EXAMPLES / "eko-nights.fountain", EXAMPLES / "shoot" / "eko-nights.json"
EXAMPLE_FIRST_DAY = date(2026, 12, 1)
log = structlog.get_logger()
SOLVE_LIMIT_S = 30
DEMO_MAKEUP_MIN = 45
# The example's cast, played by the demo's own actors (by name), so their call sheets are theirs.
DEMO_CASTING = {"TUNDE": "Tunde Bakare", "ADA": "Ngozi Eze"}


async def seed_shoot(bus: MessageBus, project_id: str, producer_id: str, people: dict[str, tuple[str, str, str]],
                     first_day: date) -> None:
    """`people`: {person id: (name, role, phone)} of the demo."""
    office, store = scopes.office_db(project_id), bus.services.store
    upload = await bus.services.media.save(producer_id, "script", "text/plain", SCRIPT_FILE.read_bytes())
    ref = await bus.handle(AddScriptVersion("script_upload:demo", project_id, producer_id, upload.media_id,
                                            SCRIPT_FILE.name))
    number = int(ref.split(":")[1])
    await bus.handle(read_upload(project_id, number, SCRIPT_FILE.name, SCRIPT_FILE.read_bytes()))
    await bus.handle(SetShootPlan("shoot_plan_update:demo", project_id, producer_id,
                                  demo_plan(first_day, producer_id, people)))
    ref = await bus.handle(RequestSchedule("schedule_request:demo", project_id, producer_id, False, SOLVE_LIMIT_S))
    draft = await store.get(office, ref)
    if draft is None:  # not solved yet: solve here rather than leave the newcomer waiting for the worker
        log.info("solving_demo_schedule", limit_s=SOLVE_LIMIT_S)  # the first `make dev` waits for it
        plan, breakdown = await store.get(office, "shoot_plan"), await store.get(office, "breakdown")
        draft_number = int(ref.split(":")[1])
        await bus.handle(solve_draft(project_id, draft_number, plan["plan"], breakdown, None, SOLVE_LIMIT_S))
        draft = await store.get(office, ref)
    if draft["status"] == "ready":
        await bus.handle(PublishSchedule("schedule_publish:demo", project_id, producer_id, draft["number"]))


def demo_plan(first_day: date, producer_id: str, people: dict[str, tuple[str, str, str]]) -> dict:
    example = json.loads(PLAN_FILE.read_text())
    shift = first_day - EXAMPLE_FIRST_DAY
    by_name = {name: person_id for person_id, (name, _, _) in people.items()}
    sets: dict[str, set] = {}
    for scene in example.pop("scenes"):
        sets.setdefault(scene["location_id"], set()).add(scene["set"])
    plan = _shifted(example, shift)
    for place in plan["locations"]:
        place["sets"] = sorted(sets.get(place["id"], ()))
    for member in plan["cast"]:
        member.setdefault("makeup_minutes", DEMO_MAKEUP_MIN)
        player = DEMO_CASTING.get(member["characters"][0])
        if player in by_name:
            member.update(name=player, person_id=by_name[player])
    crew = [(person_id, name, role) for person_id, (name, role, _) in people.items() if role != "actor"]
    plan["crew"] = [{"person_id": person_id, "name": name, "department": "production", "role": role.title(),
                     "call_offset_minutes": 0} for person_id, name, role in crew if person_id != producer_id]
    plan["contacts"] = {"producer": {"name": people[producer_id][0], "phone": people[producer_id][2]}}
    return plan


def _shifted(value, shift: timedelta):
    """Every ISO date in the example moved by `shift`."""
    if isinstance(value, dict):
        return {key: _shifted(item, shift) for key, item in value.items()}
    if isinstance(value, list):
        return [_shifted(item, shift) for item in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return (date.fromisoformat(value) + shift).isoformat()
        except ValueError:
            return value
    return value
