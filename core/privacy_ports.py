"""The port behind a person's own data: everything we hold about them, gathered or erased.
sync/personal_data.py implements it over CouchDB; config/bootstrap.py wires it into Services."""
from abc import ABC, abstractmethod


class PersonalData(ABC):
    @abstractmethod
    async def export(self, person_id: str) -> dict:
        """Everything held about the person, as JSON, with links to their media."""

    @abstractmethod
    async def erase(self, person_id: str) -> None:
        """Remove their personal data; keep ledger and audit entries under a pseudonym.
        Safe to run again after a failure part way."""
