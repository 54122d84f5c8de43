"""Command-line parsing whose mistakes are one line on stderr, like every other refusal of the
report commands (`nollycrew breakdown`, `nollycrew schedule ...`)."""
import argparse


class UsageError(Exception):
    """Bad command-line arguments."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print its usage over several lines and exit itself
        raise UsageError(f"{self.prog}: {message}")
