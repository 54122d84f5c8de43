"""Page counts in eighths and shoot-day times past midnight."""
import pytest

from core.call_sheets.shoot_clock import MINUTES_PER_DAY, minute_of, pages, scene_order_key
from core.errors import Rejected


@pytest.mark.parametrize("eighths, written", [(1, "1/8"), (8, "1"), (11, "1 3/8"), (16, "2"), (43, "5 3/8")])
def test_pages_are_written_in_whole_pages_and_eighths(eighths, written):
    assert pages(eighths) == written


def test_a_time_before_the_call_is_the_next_morning():
    call = minute_of("18:00")
    assert minute_of("02:00", call) == minute_of("02:00") + MINUTES_PER_DAY
    assert minute_of("19:00", call) == minute_of("19:00")


def test_scene_numbers_sort_as_in_the_script_and_bad_times_are_refused():
    assert sorted(["10A", "2", "10", "1"], key=scene_order_key) == ["1", "2", "10", "10A"]
    with pytest.raises(Rejected, match="HH:MM"):
        minute_of("25:00")
