import json

import pytest

from config.schedule_cli import SUBCOMMANDS, main

ADA_AND_OBI = {"actors": [{"id": "ADA", "cost": 3}, {"id": "OBI", "cost": 5}],
               "scenes": [{"id": "1", "duration": 1, "actors": ["ADA"]},
                          {"id": "2", "duration": 2, "actors": ["OBI"]},
                          {"id": "3", "duration": 1, "actors": ["ADA", "OBI"]}]}


def write(tmp_path, text: str):
    path = tmp_path / "talent.json"
    path.write_text(text)
    return str(path)


def test_talent_prints_one_json_line_with_the_order_and_its_pay(tmp_path, capsys):
    assert main(["talent", write(tmp_path, json.dumps(ADA_AND_OBI)), "--limit-s", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert list(answer) == ["order", "total_cost", "proved_optimal", "seconds"]
    assert sorted(answer["order"]) == ["1", "2", "3"]
    assert answer["total_cost"] == 2 * 3 + 3 * 5  # the shared scene between: nobody waits
    assert answer["proved_optimal"] is True
    assert answer["seconds"] >= 0


@pytest.mark.parametrize("text, words", [
    ("", "is empty"),
    ("{not json", "not valid JSON"),
    (json.dumps({"actors": [], "scenes": [{"id": 1, "duration": 1, "actors": ["ADA"]}]}), "not in the cast list"),
])
def test_a_bad_talent_file_gives_one_line_and_exit_2(tmp_path, capsys, text, words):
    assert main(["talent", write(tmp_path, text)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert words in captured.err


@pytest.mark.parametrize("argv, words", [
    (["talent", "/no/such/talent.json"], "Cannot read"),
    (["talent"], "required: file"),
    (["talent", "x.json", "--limit-s", "soon"], "invalid float"),
    (["casting", "x.json"], "say which problem"),
    ([], "say which problem"),
])
def test_bad_arguments_give_one_line_and_exit_2(capsys, argv, words):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1
    assert words in captured.err


def test_a_zero_time_limit_is_refused_in_words(tmp_path, capsys):
    assert main(["talent", write(tmp_path, json.dumps(ADA_AND_OBI)), "--limit-s", "0"]) == 2
    assert "more than 0 seconds" in capsys.readouterr().err


def test_every_problem_has_a_subcommand():
    assert {"talent", "movie", "shoot"} <= set(SUBCOMMANDS)


# Two actors, three scenes at two locations, scene 2 before scene 0 (the movie-shoot README format).
TINY_MOVIE = "2 3 2 1\n3 5\n0 10\n1 2 1\n0 1 0\n1 0 1\n0 1 1\n2 0\n"


def test_movie_prints_one_json_line_with_a_precedence_respecting_order(tmp_path, capsys):
    pytest.importorskip("core.scheduling.movie_shoot", reason="the movie-shoot solver is not in this build")
    path = tmp_path / "movie.txt"
    path.write_text(TINY_MOVIE)
    assert main(["movie", str(path), "--limit-s", "5"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert list(answer) == ["order", "cost", "seconds"]
    assert sorted(answer["order"]) == [0, 1, 2]
    assert answer["order"].index(2) < answer["order"].index(0)


def test_a_short_movie_file_gives_one_line_and_exit_2(tmp_path, capsys):
    pytest.importorskip("core.scheduling.movie_shoot", reason="the movie-shoot solver is not in this build")
    path = tmp_path / "movie.txt"
    path.write_text("2 3")
    assert main(["movie", str(path)]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
