"""Stripboard: strips in shooting order, colours by INT/EXT and DAY/NIGHT, day breaks, boneyard."""
from core.call_sheets.shoot_clock import pages
from core.call_sheets.stripboard import STRIP_COLOURS, strip_colour, stripboard
from tests.unit.core.call_sheets import shoot_fixtures as fixtures


def board() -> dict:
    return stripboard(fixtures.schedule(), fixtures.scenes_by_id())


def test_one_strip_per_scheduled_scene_in_shooting_order_then_a_break_per_day():
    schedule = fixtures.schedule()
    expected = []
    for day in schedule["days"]:
        expected += [slot["scene_id"] for slot in day["scenes"]] + [f"end {day['day']}"]
    got = [s["scene_id"] if s["kind"] == "scene" else f"end {s['day_number']}" for s in board()["strips"]]
    assert got == expected


def test_day_break_labels_give_the_date_and_the_days_pages():
    scenes = fixtures.scenes_by_id()
    second = fixtures.schedule()["days"][1]
    eighths = sum(scenes[slot["scene_id"]]["eighths"] for slot in second["scenes"])
    label = next(s["label"] for s in board()["strips"] if s["kind"] == "day_break" and s["day_number"] == 2)
    assert label == f"End of day 2 - Wed 2 Dec - {pages(eighths)} pages"


def test_colours_follow_the_industry_convention():
    assert strip_colour("INT", "DAY")[0] == "white" and strip_colour("EXT", "DAY")[0] == "yellow"
    assert strip_colour("INT", "NIGHT")[0] == "blue" and strip_colour("EXT", "NIGHT")[0] == "green"
    assert strip_colour("INT/EXT", "NIGHT") == STRIP_COLOURS[("EXT", "NIGHT")]
    scenes = fixtures.scenes_by_id()
    for strip in (s for s in board()["strips"] if s["kind"] == "scene"):
        scene = scenes[strip["scene_id"]]
        assert (strip["colour"], strip["hex"]) == strip_colour(scene["int_ext"], scene["day_night"])


def test_boneyard_holds_the_unscheduled_scenes_and_cast_numbers_rank_by_scene_count():
    result = board()
    assert [s["scene_id"] for s in result["boneyard"]] == fixtures.schedule()["boneyard"]
    scenes = fixtures.scenes_by_id()
    count = {name: sum(name in s["characters"] + s["introduced"] for s in scenes.values())
             for name in result["cast_numbers"]}
    ordered = sorted(result["cast_numbers"], key=result["cast_numbers"].get)
    assert [count[name] for name in ordered] == sorted(count.values(), reverse=True)
