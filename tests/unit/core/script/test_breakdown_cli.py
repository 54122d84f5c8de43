"""`nollycrew breakdown FILE [--json]` (config/breakdown_cli.py); lives here because the CLI is a thin
edge over core.script and config/ tests are another helper's files."""
import json

from config.breakdown_cli import main

SCRIPT = "INT. MARINA OFFICE - NIGHT #12#\n\nADA waits with a lantern.\n\nADA\nWhere is he?\n"


def test_the_table_shows_scene_ie_set_dn_pages_and_cast(tmp_path, capsys):
    path = tmp_path / "draft.fountain"
    path.write_text(SCRIPT)

    assert main([str(path)]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["SCENE", "I/E", "SET", "D/N", "PAGES", "CAST"]
    assert lines[1].split() == ["12", "INT", "MARINA", "OFFICE", "N", "1/8", "ADA"]


def test_json_prints_the_whole_breakdown(tmp_path, capsys):
    path = tmp_path / "draft.fountain"
    path.write_text(SCRIPT)

    assert main([str(path), "--json"]) == 0

    result = json.loads(capsys.readouterr().out)
    assert result["scenes"][0]["elements"]["props"] == ["lantern"]


def test_a_bad_file_is_one_line_on_stderr_and_exit_code_2(tmp_path, capsys):
    path = tmp_path / "notes.fountain"
    path.write_text("Ideas for the film.\n")

    assert main([str(path)]) == 2

    error = capsys.readouterr().err
    assert error.startswith("We found no scene headings") and error.count("\n") == 1


def test_a_missing_file_and_bad_arguments_exit_with_2(tmp_path, capsys):
    assert main([str(tmp_path / "nope.pdf")]) == 2
    assert main([]) == 2
    assert main([str(tmp_path / "a.fountain"), "--yaml"]) == 2
    assert "usage: nollycrew breakdown" in capsys.readouterr().err
