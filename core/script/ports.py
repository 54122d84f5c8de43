"""Ports the script code needs from the outside: reading PDF text, and an optional breakdown assistant."""
from abc import ABC, abstractmethod

from core.script.printed import PrintedLine


class PrintedPageReader(ABC):
    """Reads the text lines of a PDF with their positions (adapter: workers/script_pdf.py)."""

    @abstractmethod
    def read_lines(self, data: bytes) -> tuple[list[PrintedLine], int]:
        """Every line in reading order and the page count; Rejected for scans and damaged files."""


class AssistantUnavailable(Exception):
    """The assistant could not answer (down, slow, or answered nonsense); the rule-based breakdown stands."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class BreakdownAssistant(ABC):
    """Suggests breakdown elements for scenes (adapter: workers/breakdown_assistant.py, an LLM)."""

    @abstractmethod
    def suggest_elements(self, scenes: list[dict]) -> dict[str, dict[str, list[str]]]:
        """Per scene id, per category, extra items; scenes are {"id", "heading", "text"} dicts.

        Raises AssistantUnavailable when it cannot answer."""
