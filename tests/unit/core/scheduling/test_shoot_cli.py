"""`nollycrew schedule shoot FILE.json`: the schedule on stdout, reasons on stderr and exit 2."""
import json

from config.shoot_cli import main
from tests.unit.core.scheduling.test_shoot_builders import cast_member, production, scene

PUBLISHED_KEYS = {"version", "status", "timezone", "days", "boneyard", "cost"}
DAY_KEYS = {"day", "date", "call", "wrap", "scenes", "moves"}


def write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def test_prints_the_published_schedule_shape(tmp_path, capsys):
    data = production([scene("1", "beach", characters=("OBI",)), scene("2")], days=1)

    code = main([write(tmp_path, "shoot.json", data), "--limit-s", "2"])
    printed = json.loads(capsys.readouterr().out)

    assert code == 0
    assert set(printed) == PUBLISHED_KEYS
    assert set(printed["days"][0]) == DAY_KEYS
    assert set(printed["days"][0]["scenes"][0]) == {"scene_id", "location_id", "start", "end"}
    assert set(printed["days"][0]["moves"][0]) == {"from", "to", "travel_minutes", "at"}
    assert set(printed["cost"]) == {"hold_days", "company_moves", "overtime_minutes", "objective"}


def test_with_a_previous_schedule_and_a_change_prints_what_moved(tmp_path, capsys):
    data = production([scene("1"), scene("2", characters=("OBI",))], days=2)
    file = write(tmp_path, "shoot.json", data)
    main([file, "--limit-s", "2"])
    published = json.loads(capsys.readouterr().out)
    ada_day = next(day["date"] for day in published["days"] if any(e["scene_id"] == "1" for e in day["scenes"]))
    change = json.dumps({"kind": "cast_unavailable", "cast_id": "ada", "dates": [ada_day]})

    code = main([file, "--limit-s", "2", "--previous", write(tmp_path, "published.json", published),
                 "--change", change])
    printed = json.loads(capsys.readouterr().out)

    assert code == 0
    assert [move["scene_id"] for move in printed["moved"]] == ["1"]
    assert printed["schedule"]["version"] == published["version"] + 1


def test_an_impossible_schedule_prints_reasons_and_exits_2(tmp_path, capsys):
    data = production([scene("1")], days=1)
    cast_member(data, "ada")["unavailable"] = ["2026-12-01"]

    code = main([write(tmp_path, "shoot.json", data)])
    out = capsys.readouterr()

    assert code == 2
    assert out.out == ""
    assert "Scene 1 (INT. IKOYI FLAT - DAY) needs Ada, but Ada is not free on any shoot day." in out.err
    assert "Traceback" not in out.err


def test_unreadable_or_broken_files_exit_2_with_a_reason(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{\"production\": ")

    assert main([str(tmp_path / "missing.json")]) == 2
    assert "Cannot read the schedule file" in capsys.readouterr().err
    assert main([str(broken)]) == 2
    assert "is not valid JSON (line 1" in capsys.readouterr().err
    assert main([write(tmp_path, "ok.json", production([scene("1")])), "--limit-s", "0"]) == 2
    assert "--limit-s must be more than 0" in capsys.readouterr().err
    assert main([write(tmp_path, "ok.json", production([scene("1")])), "--change", "{}"]) == 2
    assert "give it with --previous" in capsys.readouterr().err


def test_bad_arguments_are_one_line_on_stderr(capsys):
    assert main(["--limit-s", "soon"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nollycrew schedule shoot: ") and err.count("\n") == 1
