"""Scene headings split into interior/exterior, set, time of day and day/night."""
import pytest

from core.script.sluglines import read_heading


@pytest.mark.parametrize("heading, parts", [
    ("EXT. MARINA - NIGHT", ("EXT", "MARINA", "NIGHT", "NIGHT")),
    ("INT.  WILL'S BEDROOM - NIGHT (1973)", ("INT", "WILL'S BEDROOM", "NIGHT (1973)", "NIGHT")),
    ("INT./EXT. BLOOM HOUSE - (PRESENT) DAY", ("INT/EXT", "BLOOM HOUSE", "(PRESENT) DAY", "DAY")),
    ("I/E DANFO - MOVING - DAY", ("INT/EXT", "DANFO - MOVING", "DAY", "DAY")),
    ("INT. SAN FRANCISCO APARTMENT, DAY", ("INT", "SAN FRANCISCO APARTMENT", "DAY", "DAY")),
    ("INT. HALLWAY, SCOTT'S BUILDING, A MOMENT LATER", ("INT", "HALLWAY, SCOTT'S BUILDING", "A MOMENT LATER", "OTHER")),
    ("INT. LANDCRUISER, DRIVING -- A BIT LATER", ("INT", "LANDCRUISER, DRIVING", "A BIT LATER", "OTHER")),
    ("INT. EDWARD'S CAR - NIGHT - [THE STORM]", ("INT", "EDWARD'S CAR", "[THE STORM]", "OTHER")),
    ("EXT. FIELD - DAY TO NIGHT", ("EXT", "FIELD", "DAY TO NIGHT", "NIGHT")),
    ("EXT. ROAD - PRE-DAWN", ("EXT", "ROAD", "PRE-DAWN", "OTHER")),
    ("EXT. HILL - TWO DAYS LATER", ("EXT", "HILL", "TWO DAYS LATER", "OTHER")),
    ("EST. LAGOS SKYLINE - DUSK", ("EXT", "LAGOS SKYLINE", "DUSK", "OTHER")),
    ("int. kitchen - day", ("INT", "KITCHEN", "DAY", "DAY")),
    ("INT. KITCHEN \u2013 NIGHT", ("INT", "KITCHEN", "NIGHT", "NIGHT")),
    ("EXT. BUKA\u2014DAY", ("EXT", "BUKA", "DAY", "DAY")),
    ("BACK IN THE APARTMENT", ("", "BACK IN THE APARTMENT", "", "OTHER")),
])
def test_heading_parts(heading, parts):
    found = read_heading(heading)

    assert (found["int_ext"], found["set"], found["time_of_day"], found["day_night"]) == parts
