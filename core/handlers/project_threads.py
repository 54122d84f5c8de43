"""Project chat: a message in a project thread reaches each member on their own channel, and
a member's reply from a chat (`#<code> text`) comes back into the thread.

The thread lives in the project database, which every member reads: its head
"thread:<thread_id>" (short code, title) and one document per message,
"thread:<thread_id>:<key>" (author, channel, time, text), so two people writing at
once never conflict; the web app reads the prefix and orders by `at` (the id is the intent's,
so a retried message is written once). An `ops` index
"thread_code:<code>" finds the thread from the code typed in a chat. Each member's own
database keeps "last_thread", the last thread message they were sent, so the chat can take
a plain reply soon after as a reply to it."""
import re

from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.people import person_card
from core.handlers.team import team_member
from core.ids import derived_id, job_code
from core.ports import OutboundMessage
from core.staff_chat_commands import PostThreadMessage, ReplyToThread, staff_reads

MAX_MESSAGE_CHARS = 1000
THREAD_ID = re.compile(r"^[a-z0-9-]{6,40}$")
LIVE = ("awaiting_confirmation", "confirmed")
CODE_TRIES = 3  # another salt when two threads' codes collide


def thread_doc_id(thread_id: str) -> str:
    return f"thread:{thread_id}"


async def post_thread_message(cmd: PostThreadMessage, services: Services) -> Result:
    roles, _ = await team_member(services, cmd.project_id, cmd.author_id)
    if not roles:
        raise Rejected("Only the production's team can write in its threads.")
    if not THREAD_ID.match(cmd.thread_id):
        raise Rejected("A thread id is 6 to 40 lowercase letters, digits or dashes.")
    _checked_text(cmd.text)  # before the thread is made: an empty first message starts nothing
    project = await services.store.get(scopes.project_db(cmd.project_id), "project")
    if project is None:
        raise Rejected("That project does not exist.")
    head = await _thread_head(services, cmd, project)
    return await _post(services, cmd.intent_id, head, project, cmd.author_id, "app", cmd.text)


async def reply_to_thread(cmd: ReplyToThread, services: Services) -> Result:
    code = cmd.thread_code.strip().lstrip("#").upper()
    index = await services.store.get(scopes.OPS, f"thread_code:{code}")
    if index is None:
        raise Rejected("There is no thread #{code}. Check the code in the message you are answering.", code=code)
    project = await services.store.get(scopes.project_db(index["project_id"]), "project")
    head = await services.store.get(scopes.project_db(index["project_id"]), thread_doc_id(index["thread_id"]))
    if project is None or head is None:
        raise Rejected("There is no thread #{code}. Check the code in the message you are answering.", code=code)
    if cmd.person_id not in await members(services, index["project_id"]):
        raise Rejected("Only the people on {project} can write in its threads.", project=project["title"])
    result = await _post(services, cmd.intent_id, head, project, cmd.person_id, cmd.channel, cmd.text)
    await services.outbox.queue(OutboundMessage(f"staff.{derived_id(cmd.intent_id)}", cmd.person_id,
                                                "thread_reply_sent", {"code": head["code"]}))
    return result


async def members(services: Services, project_id: str) -> set[str]:
    """The production's team and everyone booked on it who has not declined or been cancelled."""
    reads = staff_reads(services)
    team = {doc["person_id"] for doc in await reads.project_team(project_id) if doc.get("roles")}
    booked = {b["person_id"] for b in await reads.project_bookings(project_id) if b.get("status") in LIVE}
    project = await services.store.get(scopes.project_db(project_id), "project") or {}
    return team | booked | ({project["producer_id"]} if project.get("producer_id") else set())


async def _thread_head(services: Services, cmd: PostThreadMessage, project: dict) -> dict:
    db = scopes.project_db(cmd.project_id)
    head = await services.store.get(db, thread_doc_id(cmd.thread_id))
    if head is not None:
        return head
    for salt in range(CODE_TRIES):
        code = job_code(f"{cmd.project_id}/{cmd.thread_id}/{salt}")
        index = await services.store.create(scopes.OPS, {
            "_id": f"thread_code:{code}", "type": "thread_code", "project_id": cmd.project_id,
            "thread_id": cmd.thread_id})
        if (index["project_id"], index["thread_id"]) == (cmd.project_id, cmd.thread_id):
            break
    else:
        raise Rejected("We could not give this thread a code; start it again.")
    title = " ".join(cmd.title.split())[:120] or project["title"]
    return await services.store.create(db, {
        "_id": thread_doc_id(cmd.thread_id), "type": "thread", "thread_id": cmd.thread_id, "code": code,
        "title": title, "project_id": cmd.project_id, "started_by": cmd.author_id,
        "created_at": services.clock.now().isoformat()})


async def _post(services: Services, intent_id: str, head: dict, project: dict, author_id: str, channel: str,
                raw: str) -> Result:
    text = _checked_text(raw)
    author = (await person_card(services, author_id)).get("name") or "A member"
    now = services.clock.now().isoformat()
    entry_id = f"{thread_doc_id(head['thread_id'])}:{derived_id(intent_id)}"
    await services.store.create(scopes.project_db(project["project_id"]), {
        "_id": entry_id, "type": "thread_entry", "thread_id": head["thread_id"], "author_id": author_id,
        "author": author, "channel": channel, "at": now, "text": text, "source_intent": intent_id})
    params = {"code": head["code"], "project_title": project["title"], "sender": author, "text": text}
    for person_id in sorted(await members(services, project["project_id"]) - {author_id}):
        await services.outbox.queue(OutboundMessage(f"thread.{derived_id(intent_id, person_id)}", person_id,
                                                    "thread_message", params))
        await _remember(services, person_id, head, now)
    return Result(ref=entry_id)


def _checked_text(raw: str) -> str:
    text = raw.strip()
    if not 1 <= len(text) <= MAX_MESSAGE_CHARS:
        raise Rejected("Write a message of 1 to {limit} characters.", limit=MAX_MESSAGE_CHARS)
    return text


async def _remember(services: Services, person_id: str, head: dict, at: str) -> None:
    """The person's last thread message, so their chat can take a plain reply as an answer to it."""
    db, wanted = scopes.user_db(person_id), {"code": head["code"], "thread_id": head["thread_id"],
                                             "project_id": head["project_id"], "at": at}
    await services.store.create(db, {"_id": "last_thread", "type": "last_thread", **wanted})
    await services.store.update(db, "last_thread", lambda doc: None if doc.get("at", "") >= at
                                else {**doc, **wanted})


THREAD_HANDLERS = {
    PostThreadMessage: post_thread_message,
    ReplyToThread: reply_to_thread,
}
