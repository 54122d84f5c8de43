"""The Outbox port: a message record in `ops`, then a send job on the messages queue."""
import asyncio

from rq import Queue, Retry

from core import scopes
from core.ports import Clock, DocumentStore, Outbox, OutboundMessage
from workers import queues
from workers.messaging import send_message


class RqOutbox(Outbox):
    def __init__(self, store: DocumentStore, queue: Queue, clock: Clock):
        self._store = store
        self._queue = queue
        self._clock = clock

    async def queue(self, message: OutboundMessage) -> None:
        now = self._clock.now().isoformat()
        record = await self._store.create(
            scopes.OPS,
            {
                "_id": f"message:{message.message_id}",
                "type": "message",
                "person_id": message.person_id,
                "template": message.template,
                "params": message.params,
                "sensitive": message.sensitive,
                "to": message.to,
                "channel": message.channel,
                # A same-day call change goes even in quiet hours (core.ports.OutboundMessage.urgent,
                # read with a default until that field lands).
                "urgent": message.urgent,
                "state": "queued",
                "history": [{"state": "queued", "at": now}],
                "created_at": now,
            },
        )
        # A record left queued by an earlier, interrupted try is queued again; the send job
        # itself does nothing for a message that has left the queued state.
        if record["state"] == "queued":
            await asyncio.to_thread(enqueue_send, self._queue, record["_id"])


def enqueue_send(queue: Queue, message_doc_id: str) -> None:
    queue.enqueue(
        send_message,
        message_doc_id,
        job_id=queues.job_id("send", message_doc_id),
        retry=Retry(max=len(queues.SEND_RETRY_INTERVALS_S), interval=queues.SEND_RETRY_INTERVALS_S),
    )
