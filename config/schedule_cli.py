"""`nollycrew schedule`: solve a sequencing problem from a file and print the answer as one JSON line.

    schedule talent FILE.json [--limit-s N]   talent scheduling (scene order paying the cast least)
    schedule movie FILE.txt [--limit-s N]     movie-shoot scheduling (talent plus locations, precedences)
    schedule shoot FILE.json [...]            the shoot-day optimiser (its own command line)

A bad file or bad arguments print one line on stderr and exit 2, never a traceback.
"""
import json
import sys
from pathlib import Path
from typing import Callable

from config.one_line_args import OneLineParser, UsageError
from core.errors import Rejected

USAGE_EXIT = 2
DEFAULT_LIMIT_S = 60.0


def main(argv: list[str]) -> int:
    """Run one `schedule` subcommand; 0 when it printed an answer, 2 on bad input."""
    if not argv or argv[0] not in SUBCOMMANDS:
        return _refuse(f"schedule: say which problem to solve: {' | '.join(SUBCOMMANDS)} (got {argv[:1]})")
    try:
        return SUBCOMMANDS[argv[0]](argv[1:])
    except (UsageError, Rejected) as exc:
        return _refuse(str(exc))


def _talent(argv: list[str]) -> int:
    from core.scheduling.talent import read_talent, solve_talent

    args = _file_and_limit("schedule talent", "talent problem as JSON (actors, scenes)").parse_args(argv)
    result = solve_talent(read_talent(_json_file(args.file)), limit_s=args.limit_s)
    _print_line({"order": result.order, "total_cost": result.total_cost,
                 "proved_optimal": result.proved_optimal, "seconds": round(result.seconds, 3)})
    return 0


def _movie(argv: list[str]) -> int:
    from core.scheduling.movie_shoot import read_movie, solve_movie

    args = _file_and_limit("schedule movie", "movie-shoot problem in the benchmark text format").parse_args(argv)
    result = solve_movie(read_movie(_text_file(args.file)), limit_s=args.limit_s)
    _print_line({"order": result.order, "cost": result.cost, "seconds": round(result.seconds, 3)})
    return 0


def _shoot(argv: list[str]) -> int:
    try:
        from config.shoot_cli import main as shoot_main
    except ModuleNotFoundError as exc:
        if exc.name != "config.shoot_cli":
            raise
        raise UsageError("schedule shoot: the shoot-day optimiser is not installed in this build") from exc
    return shoot_main(argv)


# The one place a subcommand is added: name -> handler taking the rest of the arguments.
SUBCOMMANDS: dict[str, Callable[[list[str]], int]] = {"talent": _talent, "movie": _movie, "shoot": _shoot}


def _file_and_limit(prog: str, what: str) -> OneLineParser:
    parser = OneLineParser(prog=prog)
    parser.add_argument("file", help=what)
    parser.add_argument("--limit-s", type=float, default=DEFAULT_LIMIT_S, help="seconds to search (default 60)")
    return parser


def _text_file(name: str) -> str:
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Rejected(f"Cannot read {name}: {exc.strerror if isinstance(exc, OSError) else 'not UTF-8 text'}.")


def _json_file(name: str) -> dict:
    text = _text_file(name)
    if not text.strip():
        raise Rejected(f"{name} is empty; it needs a talent problem in JSON.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).")


def _print_line(answer: dict) -> None:
    print(json.dumps(answer, separators=(", ", ": ")))


def _refuse(message: str) -> int:
    print(" ".join(message.split()), file=sys.stderr)  # one line, whatever the message held
    return USAGE_EXIT
