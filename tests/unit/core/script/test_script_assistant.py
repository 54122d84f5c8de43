"""Merging a breakdown assistant's suggestions (a fake assistant here; the real one is tested in
tests/integration/workers/test_breakdown_assistant.py against a fake OpenAI server)."""
from core.script.assistant import SCENES_PER_REQUEST, assisted_breakdown
from core.script.fountain import parse_fountain
from core.script.ports import AssistantUnavailable, BreakdownAssistant

SCRIPT = "".join(f"INT. ROOM {n} - DAY\n\nADA holds a Lantern.\n\n" for n in range(1, SCENES_PER_REQUEST + 6))


class FakeAssistant(BreakdownAssistant):
    def __init__(self, fail_from_call: int | None = None):
        self.calls: list[list[dict]] = []
        self.fail_from_call = fail_from_call

    def suggest_elements(self, scenes):
        self.calls.append(scenes)
        if self.fail_from_call is not None and len(self.calls) >= self.fail_from_call:
            raise AssistantUnavailable("timed out")
        return {s["id"]: {"props": ["LANTERN", "kerosene"], "wardrobe": [""], "nonsense": ["x"]} for s in scenes}


def test_suggestions_only_add_and_duplicates_in_other_case_are_ignored():
    assistant = FakeAssistant()

    result = assisted_breakdown(parse_fountain(SCRIPT), assistant)

    assert [len(call) for call in assistant.calls] == [SCENES_PER_REQUEST, 5]
    assert all(s["elements"]["props"] == ["kerosene", "lantern"] for s in result["scenes"])
    assert all(s["elements"]["wardrobe"] == [] and "nonsense" not in s["elements"] for s in result["scenes"])


def test_an_unavailable_assistant_keeps_the_rule_based_breakdown_and_says_from_where():
    result = assisted_breakdown(parse_fountain(SCRIPT), FakeAssistant(fail_from_call=2))

    assert result["scenes"][0]["elements"]["props"] == ["kerosene", "lantern"]
    assert result["scenes"][-1]["elements"]["props"] == ["lantern"]
    assert f"from scene {SCENES_PER_REQUEST + 1} on" in result["warnings"][-1]
