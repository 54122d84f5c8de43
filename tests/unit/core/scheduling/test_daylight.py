from datetime import date

import pytest

from core.errors import Rejected
from core.scheduling.daylight import daylight

LAGOS = (6.4541, 3.3947)


def test_lagos_in_december_has_sunrise_near_seven_and_sunset_near_half_past_six():
    sun = daylight(*LAGOS, date(2026, 12, 1)).minutes()
    assert 6 * 60 + 40 <= sun["sunrise"] <= 7 * 60 + 5
    assert 18 * 60 + 15 <= sun["sunset"] <= 18 * 60 + 45
    assert sun["dawn"] < sun["sunrise"] < sun["sunset"] < sun["dusk"]


def test_times_are_in_lagos_time():
    sun = daylight(*LAGOS, date(2026, 6, 21))
    assert sun.sunrise.utcoffset().total_seconds() == 3600


def test_a_place_with_no_sunset_is_refused_in_words():
    with pytest.raises(Rejected, match="does not rise and set"):
        daylight(78.2, 15.6, date(2026, 6, 21), "Arctic/Longyearbyen")


def test_coordinates_off_the_earth_are_refused():
    with pytest.raises(Rejected, match="not on Earth"):
        daylight(95.0, 3.0, date(2026, 6, 21))
