"""Refusals from the shoot optimiser, each carrying reasons an AD can act on."""
from core.errors import Rejected


class BadShootFile(Rejected):
    """The schedule file itself is wrong; nothing was solved."""


class ScheduleInfeasible(Rejected):
    """No schedule meets every rule; `reasons` names the rules, scenes and people in conflict."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


class ScheduleNotFound(Rejected):
    """The solver ran out of time before finding any schedule (it did not prove there is none)."""
