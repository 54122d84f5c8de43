"""The optimiser's costs: paid hold days, company moves and overtime are avoided when they can be."""
from core.scheduling.shoot import plan_shoot, schedule_shoot
from tests.unit.core.scheduling.test_shoot_builders import LIMIT_S, minutes, placed, production, scene


def test_an_avoidable_hold_day_is_avoided():
    # Ada's first scene is fixed to 1 Dec; her second could go any day, and only 1 or 2 Dec avoid a hold.
    data = production([scene("1", date="2026-12-01"), scene("2"), scene("3", characters=("OBI",), date="2026-12-03")])

    result = plan_shoot(data, LIMIT_S)
    where = placed(result.schedule)

    assert where["2"]["date"] in ("2026-12-01", "2026-12-02")
    assert result.schedule["cost"]["hold_days"] == 0
    assert result.proved_optimal


def test_an_unavoidable_hold_day_is_counted_and_paid():
    data = production([scene("1", date="2026-12-01"), scene("2", date="2026-12-03"),
                       scene("3", characters=("OBI",), date="2026-12-02")])

    cost = schedule_shoot(data, LIMIT_S)["cost"]

    assert cost["hold_days"] == 1
    # Ada is paid 1-3 Dec (₦300,000 a day) and Obi one day (₦200,000): the hold is charged like a work day.
    assert cost["objective"] == 3 * 300_000 + 200_000


def test_the_cheaper_actor_is_the_one_held():
    # Ada works 1 Dec, Obi 3 Dec, and they share scene 3. On 1 Dec Obi waits a day (₦200,000), on 3 Dec
    # Ada does (₦300,000), on 2 Dec both are paid an extra day: holding Obi is cheapest.
    data = production([scene("1", characters=("ADA",), date="2026-12-01"),
                       scene("2", characters=("OBI",), date="2026-12-03"),
                       scene("3", characters=("ADA", "OBI"))])

    schedule = schedule_shoot(data, LIMIT_S)

    assert placed(schedule)["3"]["date"] == "2026-12-01"
    assert schedule["cost"]["hold_days"] == 1
    assert schedule["cost"]["objective"] == 300_000 + 3 * 200_000


def test_scenes_at_one_location_are_grouped_to_avoid_company_moves():
    # 13 h 20 of shooting needs two days; each day can stay at one place.
    scenes = [scene("1", "beach", minutes=200), scene("2", "flat", minutes=200),
              scene("3", "beach", minutes=200), scene("4", "flat", minutes=200)]
    data = production(scenes, days=2)

    schedule = schedule_shoot(data, LIMIT_S)

    assert schedule["cost"]["company_moves"] == 0
    assert all(len({entry["location_id"] for entry in day["scenes"]}) == 1 for day in schedule["days"])


def test_company_moves_are_paid_when_days_are_short():
    data = production([scene("1", "beach"), scene("2", "flat")], days=1)

    cost = schedule_shoot(data, LIMIT_S)["cost"]

    assert cost["company_moves"] == 1
    assert cost["objective"] == 300_000 + 150_000  # one paid day for Ada and the default move weight


def test_overtime_is_avoided_when_the_work_can_be_split_across_days():
    data = production([scene(str(n), minutes=200) for n in range(1, 7)], days=2)  # 20 h: two 10 h days

    schedule = schedule_shoot(data, LIMIT_S)

    assert schedule["cost"]["overtime_minutes"] == 0
    assert all(minutes(day["wrap"], day["call"]) - minutes(day["call"]) <= 12 * 60 for day in schedule["days"])


def test_weights_change_the_choice():
    # One day of 13 h (an hour of overtime) or two days (a second paid day for Ada, ₦300,000).
    scenes = [scene(str(n), minutes=130) for n in range(1, 7)]
    dear_overtime = placed(schedule_shoot(production(scenes, days=2, weights={"overtime_minute_naira": 10_000}),
                                          LIMIT_S))
    cheap_overtime = placed(schedule_shoot(production(scenes, days=2, weights={"overtime_minute_naira": 1}), LIMIT_S))

    assert len({entry["date"] for entry in dear_overtime.values()}) == 2
    assert len({entry["date"] for entry in cheap_overtime.values()}) == 1


def test_days_are_drawn_tight_around_the_work():
    data = production([scene("1", minutes=120), scene("2", minutes=120)], days=1)

    day = schedule_shoot(data, LIMIT_S)["days"][0]

    assert day["scenes"][0]["end"] == day["scenes"][1]["start"]
    assert minutes(day["scenes"][0]["start"]) - minutes(day["call"]) == 45
    assert day["wrap"] == day["scenes"][1]["end"]


def test_the_move_weight_decides_between_moving_and_paying_an_extra_day():
    # Ada and Obi each have a beach scene and a flat scene. Grouping by place pays both actors two days
    # (₦1,000,000); giving each actor one day with a move each pays ₦500,000 plus two moves.
    scenes = [scene("1", "beach", minutes=200), scene("2", "flat", minutes=200),
              scene("3", "beach", minutes=200, characters=("OBI",)),
              scene("4", "flat", minutes=200, characters=("OBI",))]

    cheap_moves = schedule_shoot(production(scenes, days=2), LIMIT_S)["cost"]
    dear_moves = schedule_shoot(production(scenes, days=2, weights={"company_move_naira": 400_000}), LIMIT_S)["cost"]

    assert (cheap_moves["company_moves"], cheap_moves["objective"]) == (2, 500_000 + 2 * 150_000)
    assert (dear_moves["company_moves"], dear_moves["hold_days"]) == (0, 0)
