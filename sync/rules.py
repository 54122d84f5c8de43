"""Feed rules. The registry is the explicit list built in config/bootstrap.py."""
import time

import structlog

from core import scopes
from core.bus import MessageBus
from core.errors import Rejected
from core.handlers.moderation import require_active
from core.intents import OUTCOME_FIELD, is_intent, to_command
from core.ports import Clock, DocumentStore, OutboundMessage

log = structlog.get_logger()

ACTIVE_FOR_S = 5.0
# A suspended person may still ask for their data.
OPEN_TO_SUSPENDED = frozenset({"data_export_request"})
GIVE_UP_REASON = "We could not process this request. Our team has been told; please try again later."


class IntentRule:
    """An intent becomes a command; its outcome is written back on the intent, exactly once."""

    name = "intents"

    def __init__(self, bus: MessageBus):
        self._bus = bus
        self._active_until: dict[str, float] = {}
        self._store: DocumentStore = bus.services.store
        self._clock: Clock = bus.services.clock

    def filter(self, db: str, doc: dict) -> bool:
        return OUTCOME_FIELD not in doc and is_intent(scopes.kind_of(db)[0], doc)

    async def on_match(self, db: str, doc: dict) -> None:
        kind, scope_id = scopes.kind_of(db)
        channel = "chat" if "source" in doc else "app"
        try:
            if doc["type"] not in OPEN_TO_SUSPENDED:
                await self._require_active(doc.get("author", ""))
            ref = await self._bus.handle(to_command(kind, scope_id, doc), channel=channel)
            outcome = {"status": "accepted", "ref": ref}
        except Rejected as rejection:
            outcome = {"status": "rejected", **rejection.outcome()}
        written = await self._write_outcome(db, doc, outcome)
        if written and outcome["status"] == "rejected" and "source" in doc:
            await self._tell_author(doc, outcome)

    async def _require_active(self, author: str) -> None:
        """A suspended person's intents are refused. Someone found active is not asked again
        for a few seconds: a burst of one producer's intents costs one read, and a suspension
        takes effect within ACTIVE_FOR_S."""
        now = time.monotonic()
        if self._active_until.get(author, 0.0) > now:
            return
        await require_active(self._bus.services, author)
        self._active_until[author] = now + ACTIVE_FOR_S

    async def on_give_up(self, db: str, doc: dict, error: Exception) -> None:
        log.error("intent_given_up", db=db, doc_id=doc["_id"], error=repr(error))
        await self._write_outcome(db, doc, {"status": "rejected", **Rejected(GIVE_UP_REASON).outcome()})

    async def _tell_author(self, doc: dict, outcome: dict) -> None:
        """Intents sent from a chat get their refusal back in the chat, said again in the person's
        language when the message is written (bots/replies.py); apps read the outcome."""
        await self._bus.services.outbox.queue(
            OutboundMessage(f"rejected.{doc['_id']}", doc["author"], "intent_rejected",
                            {key: outcome[key] for key in ("reason", "reason_template", "reason_params")})
        )

    async def _write_outcome(self, db: str, doc: dict, outcome: dict) -> bool:
        """Stamp `outcome` on the intent unless it has one; True if this call stamped it."""
        outcome["at"] = self._clock.now().isoformat()

        def stamp(intent: dict) -> dict | None:
            return None if OUTCOME_FIELD in intent else {**intent, OUTCOME_FIELD: outcome}

        stamped = await self._store.update(db, doc["_id"], stamp, current=doc)
        log.info("intent_outcome", db=db, doc_id=doc["_id"], type=doc["type"], **stamped[OUTCOME_FIELD])
        return stamped[OUTCOME_FIELD] == outcome
