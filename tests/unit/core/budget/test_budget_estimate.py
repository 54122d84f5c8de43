"""The budget estimate: shoot days from eighths at the scale's pace, each line's sum and its why,
the cost index of where the unit shoots, and the rates table's checks."""
import copy
import tomllib
from pathlib import Path

import pytest

from core.budget.estimate import checked_rates, cost_index_bp, estimate_budget
from core.errors import Rejected

RATES_FILE = Path(__file__).resolve().parents[4] / "config" / "rates.toml"
SCALE = {
    "eighths_per_day": 40, "crew_size": 10, "crew_day_rate_ngn": 20000, "lead_day_rate_ngn": 100000,
    "supporting_day_rate_ngn": 30000, "extra_day_rate_ngn": 5000, "extras_per_crowd_scene": 10,
    "equipment_day_rate_ngn": 100000, "location_day_rate_ngn": 50000, "catering_per_head_ngn": 3000,
    "bus_day_rate_ngn": 30000, "post_per_minute_ngn": 20000,
}
RATES = {"currency": "NGN", "screen_minutes_per_page": 1, "lead_share_bp": 5000, "seats_per_bus": 14,
         "contingency_bp": 1000, "scales": {scale: dict(SCALE) for scale in ("micro", "low", "mid", "high")},
         "cost_index_bp": {"states": {"Lagos": 12000}, "cities": {"Lekki": 15000}}}


def _scene(number: int, eighths: int, characters: list[str], set_name: str = "HOUSE", extras: bool = False) -> dict:
    return {"id": str(number), "set": set_name, "eighths": eighths, "characters": characters,
            "elements": {"extras": ["crowd"] if extras else []}}


# 100 eighths (12 4/8 pages) at 40 a day: 3 shoot days.
SCENES = [_scene(1, 40, ["ADA", "OBI"]), _scene(2, 40, ["ADA"], "MARKET", extras=True), _scene(3, 20, ["ADA", "UDE"])]


def _lines(estimate: dict) -> dict[str, dict]:
    return {line["description"]: line for line in estimate["lines"]}


def test_shoot_days_and_each_line_follow_from_the_pages_and_the_rates():
    estimate = estimate_budget(SCENES, "Ogun", "Abeokuta", "low", RATES)
    lines = _lines(estimate)

    assert (estimate["shoot_days"], estimate["eighths"], estimate["cost_index_bp"]) == (3, 100, 10000)
    # ADA is in every scene (a lead, 100 eighths: 3 days); OBI and UDE in one each (supporting, 1 day).
    assert lines["Leads"]["amount_minor"] == 3 * 100000 * 100
    assert lines["Supporting cast"]["amount_minor"] == 2 * 30000 * 100
    assert lines["Extras"]["amount_minor"] == 1 * 10 * 5000 * 100
    assert lines["Crew"]["amount_minor"] == 3 * 10 * 20000 * 100
    assert lines["Crew"]["why"] == "3 shoot days (12 4/8 pages at 5 a day) × 10 crew × ₦20,000 day rate"
    assert lines["Location fees"]["amount_minor"] == (2 + 1) * 50000 * 100  # HOUSE 60 eighths, MARKET 40
    assert lines["Editing, grading and sound"]["amount_minor"] == 13 * 20000 * 100  # 12 4/8 pages, rounded up
    subtotal = sum(line["amount_minor"] for line in estimate["lines"][:-1])
    assert lines["Contingency"]["amount_minor"] == subtotal // 10
    assert estimate["total_minor"] == subtotal + subtotal // 10


def test_where_the_unit_shoots_scales_every_line_but_post():
    plain = _lines(estimate_budget(SCENES, "Ogun", "", "low", RATES))
    lagos = _lines(estimate_budget(SCENES, "Lagos", "Ikeja", "low", RATES))

    assert lagos["Crew"]["amount_minor"] == plain["Crew"]["amount_minor"] * 12 // 10
    assert lagos["Crew"]["why"].endswith("× 120% (Lagos costs)")
    assert lagos["Editing, grading and sound"]["amount_minor"] == plain["Editing, grading and sound"]["amount_minor"]
    assert cost_index_bp(RATES, "Lagos", " lekki ") == (15000, "lekki")


def test_a_faster_scale_means_fewer_days():
    rates = copy.deepcopy(RATES)
    rates["scales"]["micro"]["eighths_per_day"] = 100

    assert estimate_budget(SCENES, "Ogun", "", "micro", rates)["shoot_days"] == 1


@pytest.mark.parametrize("scenes, scale, words", [
    (SCENES, "huge", "The scale is micro, low, mid or high."),
    ([], "low", "The breakdown has no scenes"),
])
def test_a_wrong_scale_or_no_scenes_is_refused(scenes, scale, words):
    with pytest.raises(Rejected, match=words):
        estimate_budget(scenes, "Lagos", "", scale, RATES)


def test_the_shipped_rates_file_passes_the_checks_and_a_broken_one_does_not():
    with RATES_FILE.open("rb") as file:
        assert checked_rates(tomllib.load(file))["currency"] == "NGN"
    broken = copy.deepcopy(RATES)
    broken["scales"]["mid"]["crew_size"] = 0

    with pytest.raises(Rejected, match="The mid scale needs crew_size as a whole number above zero."):
        checked_rates(broken)
