"""`nollycrew chat`: talk to the bots from a terminal, as the person with this phone number.

Messages go through the same queue and conversation engine as WhatsApp; replies come back
through the console channel's Redis list.
"""
import json
import threading
import uuid
from dataclasses import asdict

from redis import Redis
from rq import Queue

from bots.channels.base import Incoming
from bots.channels.console import OUTBOX_KEY
from core.phones import to_e164
from workers import queues
from workers.inbound import handle_inbound

POLL_S = 1


def run_chat(redis: Redis, phone: str) -> None:
    phone = to_e164(phone)
    queue = Queue(queues.MESSAGES, connection=redis)
    print(f"Chatting with NollyCrew as {phone}. Try HI, JOBS, APPLY <code>, YES, STATUS. Ctrl-D to leave.")
    stop = threading.Event()
    threading.Thread(target=_print_replies, args=(redis, phone, stop), daemon=True).start()
    try:
        while True:
            text = input()
            if not text.strip():
                continue
            incoming = Incoming("console", "console-" + uuid.uuid4().hex, phone, text)
            queue.enqueue(handle_inbound, asdict(incoming), job_id=queues.job_id("message", incoming.provider_id))
    except (EOFError, KeyboardInterrupt):
        stop.set()


def _print_replies(redis: Redis, phone: str, stop: threading.Event) -> None:
    key = OUTBOX_KEY.format(phone=phone)
    while not stop.is_set():
        item = redis.blpop([key], timeout=POLL_S)
        if item is not None:
            reply = json.loads(item[1])
            print("\nNollyCrew: " + reply["text"].replace("\n", "\n           ") + "\n", flush=True)
