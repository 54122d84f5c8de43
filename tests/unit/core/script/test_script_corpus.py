"""Agreement with independent parsers on real screenplays (../shared/corpus/screenplays/expected.json)."""
import pytest

from core.errors import Rejected
from core.script.breakdown import breakdown
from core.script.characters import cue_name
from core.script.fdx import parse_fdx
from core.script.fountain import parse_fountain
from core.script.page_length import LINES_PER_PAGE, scene_lines
from core.script.sluglines import read_heading
from tests.unit.core.script.screenplay_corpus import corpus_file, counts, expected_files, names_of

PAGE_TOLERANCE = 0.06  # our page layout is a model of afterwriting's, not a copy: within 6 %


def _script(name: str):
    path = corpus_file(name)
    return parse_fdx(path.read_bytes()) if name.endswith(".fdx") else parse_fountain(path.read_text("utf-8"))


def _speakers_per_scene(script) -> list[list[str]]:
    return [sorted({cue_name(e.text) for e in scene.elements if e.kind == "character"}) for scene in script.scenes]


@pytest.mark.parametrize("name", names_of("fountain") + names_of("fdx"))
def test_scene_int_ext_and_day_night_counts_match_the_consensus(name):
    expected = expected_files()[name]["expected"]
    script = _script(name)

    scenes, int_ext, day_night = counts([read_heading(scene.heading) for scene in script.scenes])

    assert (scenes, int_ext, day_night) == (expected["scenes"], expected["int_ext"], expected["day_night"])


@pytest.mark.parametrize("name", names_of("fountain") + names_of("fdx"))
def test_headings_and_time_of_day_match_the_consensus(name):
    expected = expected_files()[name]["expected"]
    script = _script(name)
    histogram: dict[str, int] = {}
    for scene in script.scenes:
        time_of_day = read_heading(scene.heading)["time_of_day"]
        histogram[time_of_day] = histogram.get(time_of_day, 0) + 1

    assert [scene.heading for scene in script.scenes] == [" ".join(h.split()) for h in expected["headings"]]
    assert histogram == expected["time_of_day_histogram"]


@pytest.mark.parametrize("name", names_of("fountain") + names_of("fdx"))
def test_speaking_characters_match_the_consensus_scene_by_scene(name):
    expected = expected_files()[name]["expected"]
    script = _script(name)
    per_scene = _speakers_per_scene(script)

    assert sorted({n for scene in per_scene for n in scene} | _opening_speakers(script)) == sorted(
        expected["speaking_characters"])
    assert per_scene == [sorted(set(scene)) for scene in expected["characters_per_scene"]]


def _opening_speakers(script) -> set[str]:
    return {cue_name(e.text) for e in script.opening if e.kind == "character"}


@pytest.mark.parametrize("name", [n for n in names_of("fountain") if not isinstance(n, str) or
                                  expected_files()[n]["expected"]["scenes"]])
def test_page_length_is_close_to_afterwriting_at_55_lines_a_page(name):
    expected = expected_files()[name]["expected"]
    ours = sum(scene_lines(scene) for scene in _script(name).scenes)
    theirs = sum(expected["scene_length_lines_afterwriting"])

    assert abs(ours - theirs) <= PAGE_TOLERANCE * theirs + 2


@pytest.mark.parametrize("stem", ["Big-Fish", "Brick-and-Steel", "The-Last-Birthday-Card"])
def test_fountain_and_fdx_of_one_script_give_the_same_breakdown(stem):
    from_fountain = breakdown(_script(f"{stem}.fountain"))
    from_fdx = breakdown(_script(f"{stem}.fdx"))

    def shape(result):
        return [(s["heading"], s["int_ext"], s["day_night"], s["characters"]) for s in result["scenes"]]

    assert shape(from_fountain) == shape(from_fdx)


def test_a_script_without_scene_headings_parses_to_no_scenes_and_is_refused_for_breakdown():
    script = _script("afterwriting_hit_or_stand.fountain")

    assert script.scenes == []
    with pytest.raises(Rejected, match="We found no scene headings"):
        breakdown(script)


def test_big_fish_lines_typed_as_action_that_look_like_headings_are_flagged():
    for name in ("Big-Fish.fountain", "Big-Fish.fdx"):
        warnings = _script(name).warnings

        assert len(warnings) == 2 and all("EXT/INT." in warning for warning in warnings)
