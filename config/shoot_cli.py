"""`nollycrew schedule shoot FILE.json [--limit-s N] [--previous PUBLISHED.json]`.

Prints the draft schedule as JSON (with --previous: {"schedule": ..., "moved": [...]}); a file that
cannot be read or a schedule that cannot be met prints its reasons on stderr and exits 2."""
import json
import sys
from pathlib import Path

from config.one_line_args import OneLineParser, UsageError
from core.errors import Rejected
from core.scheduling.shoot import DEFAULT_LIMIT_S, plan_shoot
from core.scheduling.shoot_errors import ScheduleInfeasible
from core.scheduling.shoot_reschedule import reschedule

REFUSED = 2


def main(argv: list[str]) -> int:
    """Print the schedule (or the re-optimised one) and return 0; print reasons and return 2."""
    parser = OneLineParser(prog="nollycrew schedule shoot", description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the schedule file (docs/shoot-schedule-format.md)")
    parser.add_argument("--limit-s", type=float, default=DEFAULT_LIMIT_S, help="solver time limit in seconds")
    parser.add_argument("--previous", help="the published schedule to keep as much of as possible")
    parser.add_argument("--change", help="a JSON change (or list) to apply first, e.g. an actor losing a day")
    try:
        args = parser.parse_args(argv)
    except UsageError as wrong:
        print(wrong, file=sys.stderr)
        return REFUSED
    try:
        problem = _read_json(args.file, "schedule file")
        if args.limit_s <= 0:
            raise Rejected("--limit-s must be more than 0 seconds.")
        if args.change and not args.previous:
            raise Rejected("--change applies to a published schedule: give it with --previous.")
        if args.previous:
            change = json.loads(args.change) if args.change else None
            out = reschedule(problem, _read_json(args.previous, "previous schedule"), change, args.limit_s)
            summary = f"{len(out['moved'])} scene(s) moved"
        else:
            result = plan_shoot(problem, args.limit_s)
            out = result.schedule
            summary = f"{'proved optimal' if result.proved_optimal else 'best found'} in {result.seconds:.1f} s"
    except ScheduleInfeasible as refused:
        for reason in refused.reasons:
            print(reason, file=sys.stderr)
        return REFUSED
    except Rejected as refused:
        print(refused.reason, file=sys.stderr)
        return REFUSED
    except json.JSONDecodeError as broken:
        print(f"--change is not valid JSON: {broken}", file=sys.stderr)
        return REFUSED
    print(json.dumps(out, indent=2, ensure_ascii=False))
    print(summary, file=sys.stderr)
    return 0


def _read_json(path: str, what: str):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as missing:
        raise Rejected(f"Cannot read the {what} {path}: {missing.strerror}.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as broken:
        raise Rejected(f"The {what} {path} is not valid JSON "
                       f"(line {broken.lineno}, column {broken.colno}: {broken.msg}).")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
