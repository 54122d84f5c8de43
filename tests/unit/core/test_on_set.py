"""Check-in by location: inside the set's radius, or refused with how far and from where."""
import pytest

from core.errors import Rejected
from core.on_set import SET_RADIUS_M, distance_m, require_on_set

MARINA = (6.4500, 3.3900)
SHEET = {"locations": [{"name": "Marina house", "latitude": MARINA[0], "longitude": MARINA[1]},
                       {"name": "Ikoyi club", "latitude": 6.4550, "longitude": 3.4350}]}


def north_of(place: tuple[float, float], metres: float) -> tuple[float, float]:
    return place[0] + metres / 111_195, place[1]  # a degree of latitude is about 111.2 km


def test_distance_agrees_with_a_known_degree_of_latitude():
    assert distance_m((6.0, 3.0), (7.0, 3.0)) == pytest.approx(111_195, rel=1e-3)


def test_inside_the_radius_of_any_location_of_the_day_is_on_set():
    require_on_set(SHEET, north_of(MARINA, SET_RADIUS_M - 20))
    require_on_set(SHEET, (6.4552, 3.4349))


def test_outside_says_how_far_from_the_nearest_place():
    with pytest.raises(Rejected, match=r"You are 1\.\d km from Marina house"):
        require_on_set(SHEET, north_of(MARINA, 1_500))
    with pytest.raises(Rejected, match=r"You are 4\d\d m from Marina house"):
        require_on_set(SHEET, north_of(MARINA, SET_RADIUS_M + 150))


def test_no_location_on_the_sheet_asks_for_the_set_code():
    with pytest.raises(Rejected, match="set code"):
        require_on_set({"locations": []}, MARINA)
    with pytest.raises(Rejected, match="set code"):
        require_on_set(None, MARINA)
