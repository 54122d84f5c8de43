"""From shoot plan to published schedule through the real bus and the real optimiser (small
problems, a few seconds of CP-SAT at most): drafts, publishing, call sheets, re-optimisation,
check-in by the day's set code and the production report at wrap."""
import copy
from datetime import date, datetime, time

import pytest

from core.errors import Rejected
from core.shoot_commands import PublishSchedule, ReportWrap, RequestSchedule, SetShootPlan
from tests.unit.fakes import LAGOS
from tests.unit.production import open_production
from tests.unit.shoot_fakes import EKO_NIGHTS, PLAN, make_office_bus
from tests.unit.workers.test_script_version_jobs import read, upload
from workers.schedule_solving import solve_draft

LIMIT_S = 10


@pytest.fixture
async def production():
    production = await open_production(make_office_bus())
    await read(production, await upload(production, EKO_NIGHTS), EKO_NIGHTS)
    return production


async def set_plan(production, plan: dict = PLAN, intent_id: str = "shoot_plan_update:1") -> None:
    await production.bus.handle(SetShootPlan(intent_id, production.project_id, production.producer_id, plan))


async def solve(production, keep_published: bool = False, intent_id: str = "schedule_request:1") -> dict:
    """Ask for a draft and do what the worker does; the draft document."""
    ref = await production.bus.handle(RequestSchedule(intent_id, production.project_id, production.producer_id,
                                                      keep_published, LIMIT_S))
    number = int(ref.split(":")[1])
    store = production.bus.services.store
    plan, breakdown = await store.get(production.office, "shoot_plan"), await store.get(production.office, "breakdown")
    published = await store.get(production.project, "schedule") if keep_published else None
    await production.bus.handle(solve_draft(production.project_id, number, plan["plan"], breakdown, published, LIMIT_S))
    return await store.get(production.office, ref)


async def publish(production, number: int, intent_id: str = "schedule_publish:1") -> None:
    await production.bus.handle(PublishSchedule(intent_id, production.project_id, production.producer_id, number))


def scenes_on(schedule: dict) -> dict[str, str]:
    return {slot["scene_id"]: day["date"] for day in schedule["days"] for slot in day["scenes"]}


async def test_a_draft_obeys_the_plan_and_publishing_makes_a_call_sheet_per_day(production):
    await set_plan(production)
    draft = await solve(production)
    assert draft["status"] == "ready"
    assert "2026-12-02" not in {scenes_on(draft["schedule"])[s] for s in ("2", "3", "4")}  # Obi is away

    await publish(production, draft["number"])

    store = production.bus.services.store
    schedule = await store.get(production.project, "schedule")
    assert (schedule["status"], schedule["version"]) == ("published", 1)
    for day in schedule["days"]:
        sheet = await store.get(production.project, f"call_sheet:{day['date']}")
        assert sheet["schedule_version"] == 1 and len(sheet["set_code"]) == 4
        assert {row["scene_id"] for row in sheet["scenes"]} == {slot["scene_id"] for slot in day["scenes"]}
        assert all(row["phone"] == "" for row in sheet["cast"])  # members read it: no private numbers
    assert (await store.get(production.office, "stripboard"))["version"] == 1
    assert (await store.get(production.office, "production_sheet"))["cast"][0]["phone"] == "+2348030000003"


async def test_an_impossible_plan_gives_a_draft_with_reasons_naming_the_person(production):
    plan = copy.deepcopy(PLAN)
    plan["cast"][1]["unavailable"] = ["2026-12-01", "2026-12-02", "2026-12-03"]
    await set_plan(production, plan)

    draft = await solve(production)

    assert draft["status"] == "infeasible" and draft["schedule"] is None
    assert any("Kunle Ade" in reason for reason in draft["reasons"])
    with pytest.raises(Rejected, match="no schedule to publish"):
        await publish(production, draft["number"])


async def test_re_optimising_after_an_actor_loses_a_day_keeps_the_rest_and_says_what_moved(production):
    await set_plan(production)
    first = await solve(production)
    await publish(production, first["number"])
    was = scenes_on(first["schedule"])
    lost = was["1"]  # Ada's night scene: take that day from her
    plan = copy.deepcopy(PLAN)
    plan["cast"][0]["unavailable"] = [lost]
    await set_plan(production, plan, "shoot_plan_update:2")

    second = await solve(production, keep_published=True, intent_id="schedule_request:2")
    await publish(production, second["number"], "schedule_publish:2")

    now = scenes_on(second["schedule"])
    assert now["1"] != lost
    schedule = await production.bus.services.store.get(production.project, "schedule")
    assert "1" in {move["scene_id"] for move in schedule["moved"]}
    assert all(now[s] == was[s] for s in was if was[s] != lost)  # scenes on other days stay put


async def solve_board(production, board: dict, intent_id: str = "schedule_request:b") -> dict:
    """Write the office's stripboard, ask for a draft from it and do what the worker does."""
    store = production.bus.services.store
    await store.create(production.office, {"_id": "board", "type": "board", **board})
    ref = await production.bus.handle(RequestSchedule(intent_id, production.project_id, production.producer_id,
                                                      False, LIMIT_S, from_board=True))
    number = int(ref.split(":")[1])
    entry = next(d for d in (await store.get(production.office, "schedule_drafts"))["drafts"] if d["number"] == number)
    plan, breakdown = await store.get(production.office, "shoot_plan"), await store.get(production.office, "breakdown")
    await production.bus.handle(solve_draft(production.project_id, number, plan["plan"], breakdown, None, LIMIT_S,
                                            entry["board"]))
    return await store.get(production.office, ref)


async def test_a_hand_arranged_board_becomes_a_draft_that_keeps_it_and_can_be_published(production):
    await set_plan(production)
    fresh = scenes_on((await solve(production))["schedule"])
    # The AD's board: the fresh draft's days in reverse, every strip where the plan allows it.
    days = sorted(set(fresh.values()), reverse=True)
    board = {"days": [{"day": n, "date": "", "scenes": [s for s in fresh if fresh[s] == when]}
                      for n, when in enumerate(days, start=1)], "boneyard": []}

    draft = await solve_board(production, board)

    assert draft["status"] == "ready" and draft["schedule"]["from_board"] is True
    kept = {s for s in fresh if s not in {m["scene_id"] for m in draft["schedule"]["moved_by_solver"]}}
    placed_on = scenes_on(draft["schedule"])
    first = sorted(set(placed_on.values()))
    assert all(placed_on[s] == first[days.index(fresh[s])] for s in kept)
    assert all(move["reason"] for move in draft["schedule"]["moved_by_solver"])
    await publish(production, draft["number"], "schedule_publish:b")
    schedule = await production.bus.services.store.get(production.project, "schedule")
    assert schedule["version"] == draft["number"]


async def test_a_board_draft_needs_a_board_and_only_one_starting_point(production):
    await set_plan(production)
    with pytest.raises(Rejected, match="no stripboard to start from"):
        await production.bus.handle(RequestSchedule("schedule_request:n", production.project_id,
                                                    production.producer_id, False, LIMIT_S, from_board=True))
    with pytest.raises(Rejected, match="not both"):
        await production.bus.handle(RequestSchedule("schedule_request:m", production.project_id,
                                                    production.producer_id, True, LIMIT_S, from_board=True))


async def test_a_schedule_needs_a_plan_and_the_plan_needs_the_right_role(production):
    with pytest.raises(Rejected, match="Set the shoot plan first"):
        await solve(production)
    with pytest.raises(Rejected, match="does not let you plan the shoot"):
        await production.bus.handle(SetShootPlan("shoot_plan_update:9", production.project_id,
                                                 production.chidi_id, PLAN))


async def test_a_plan_whose_sets_have_no_location_is_refused_naming_them(production):
    plan = copy.deepcopy(PLAN)
    plan["locations"][1]["sets"] = []

    with pytest.raises(Rejected, match="OBI'S FLAT"):
        await set_plan(production, plan)


async def _booked_and_confirmed(production) -> str:
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    return booking_id


async def test_check_in_takes_only_the_days_set_code_and_the_wrap_report_sees_it(production):
    await set_plan(production)
    draft = await solve(production)
    await publish(production, draft["number"])
    store = production.bus.services.store
    day = draft["schedule"]["days"][0]
    sheet = await store.get(production.project, f"call_sheet:{day['date']}")
    booking_id = await _booked_and_confirmed(production)
    at = datetime.combine(date.fromisoformat(day["date"]), time(16, 0), tzinfo=LAGOS)
    wrong = "0000" if sheet["set_code"] != "0000" else "1111"

    with pytest.raises(Rejected, match="not today's set code"):
        await production.check_in(production.chidi_id, booking_id, at, set_code=wrong)
    await production.check_in(production.chidi_id, booking_id, at, set_code=sheet["set_code"])

    attendance = await store.get(production.project, f"attendance:{day['date']}")
    assert [r["person_id"] for r in attendance["check_ins"]] == [production.chidi_id]
    shot = [slot["scene_id"] for slot in day["scenes"]][:-1]
    wrap = datetime.combine(date.fromisoformat(day["date"]), time(21, 0), tzinfo=LAGOS)
    await production.bus.handle(ReportWrap("wrap_report:1", production.project_id, production.producer_id,
                                           date.fromisoformat(day["date"]), tuple(shot),
                                           at.replace(hour=17), wrap))
    report = await store.get(production.office, f"production_report:{day['date']}")
    assert report["to_boneyard"] == [day["scenes"][-1]["scene_id"]]
    assert report["shot_eighths"] < report["planned_eighths"]


async def test_crew_cannot_file_the_production_report(production):
    with pytest.raises(Rejected, match="production report"):
        await production.bus.handle(ReportWrap("wrap_report:1", production.project_id, production.chidi_id,
                                               date(2026, 12, 1), (), datetime(2026, 12, 1, 7, tzinfo=LAGOS),
                                               datetime(2026, 12, 1, 19, tzinfo=LAGOS)))


class FailsOnACallSheet:
    """A store that breaks down once, as the last call sheet is written."""

    def __init__(self, store):
        self._store, self.failed = store, False

    def __getattr__(self, name):
        return getattr(self._store, name)

    async def create(self, db, doc):
        if doc["_id"].startswith("call_sheet:") and doc.get("day_number") == doc.get("days_total") \
                and not self.failed:
            self.failed = True
            raise ConnectionError("CouchDB went away")
        return await self._store.create(db, doc)


async def test_a_publish_cut_short_is_carried_out_whole_when_retried(production):
    await set_plan(production)
    draft = await solve(production)
    services = production.bus.services
    real, services.store = services.store, FailsOnACallSheet(services.store)

    with pytest.raises(ConnectionError):
        await publish(production, draft["number"])
    assert await real.get(production.project, "schedule") is None  # not published: a retry is due
    await publish(production, draft["number"])

    services.store = real
    schedule = await real.get(production.project, "schedule")
    assert schedule["version"] == draft["number"]
    assert all([await real.get(production.project, f"call_sheet:{day['date']}") for day in schedule["days"]])
