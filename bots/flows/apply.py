"""Apply for a job or a casting call, with a self-tape: a voice note, photo or video sent in the
chat goes on the application intent as it came (a worker transcribes voice notes later).

Crew jobs apply at once; a casting call asks for the tape first (or a note, or 1 to send none)."""
from bots.flows import jobs
from bots.flows.engine import END, Chat, Flow, Reply, State
from bots.flows.words import whole_message_means

TIMEOUT_H = 48  # long enough to record a self-tape and send it the next day
NOTE_MAX_CHARS = 1000


async def start(chat: Chat, rest: str) -> Reply:
    if not rest.strip():
        return Reply("apply_which", flow=APPLY.name, goto="code")
    return await start_for(chat, rest)


async def start_for(chat: Chat, code: str) -> Reply:
    job = await chat.reads.job_by_code(jobs.clean_code(code))
    if job is None:
        return Reply("job_unknown", {"code": code.strip()[:12]}, goto=END)
    data = {"code": job["code"], "title": job["title"]}
    # Crew apply at once (a showreel may ride along); a part asks for a self-tape unless
    # "APPLY 7KQ2D" came with it attached.
    if chat.incoming.media or not job.get("casting_call_id"):
        return _applied(chat, job, "")
    return Reply("apply_tape", {"job_title": job["title"]}, flow=APPLY.name, goto="tape", data=data,
                 choices=("label_send_without",))


async def _ask_code(chat: Chat) -> Reply:
    """Which job? (its code)"""
    return Reply("apply_which")


async def _answer_code(chat: Chat) -> Reply | None:
    """A code that names an open job moves on to the self-tape."""
    code = chat.text.split()[-1] if chat.text.split() else ""
    if not code or await chat.reads.job_by_code(jobs.clean_code(code)) is None:
        return None
    return await start_for(chat, code)


async def _ask_tape(chat: Chat) -> Reply:
    """Send a self-tape, a note, or 1 / 0 to apply without."""
    return Reply("apply_tape", {"job_title": chat.data.get("title", "")}, choices=("label_send_without",))


async def _answer_tape(chat: Chat) -> Reply | None:
    """Media is the tape; 1, 0 or SKIP sends without; any other text is the note."""
    job = await chat.reads.job_by_code(chat.data.get("code", ""))
    if job is None:
        return Reply("job_closed", {"job_title": chat.data.get("title", "")}, goto=END)
    if chat.incoming.media:
        return _applied(chat, job, "" if whole_message_means(chat.text, "skip") else chat.text)
    if chat.text in ("1", "0") or whole_message_means(chat.text, "skip"):
        return _applied(chat, job, "")
    if len(chat.text) < 2:
        return None
    return _applied(chat, job, chat.text)


def _applied(chat: Chat, job: dict, note: str) -> Reply:
    media = [{"url": m.url, "content_type": m.content_type} for m in chat.incoming.media]
    fields = {"note": note[:NOTE_MAX_CHARS], "media": media}
    if job.get("casting_call_id"):
        intent = chat.intent("casting_application", casting_call_id=job["casting_call_id"], **fields)
    else:
        intent = chat.intent("application_request", job_post_id=job["job_post_id"], **fields)
    template = "application_queued_tape" if media else "application_queued"
    return Reply(template, {"job_title": job["title"]}, goto=END, intents=(intent,))


APPLY = Flow("apply", "tape", {
    "code": State(_ask_code, _answer_code, "apply_which_help"),
    "tape": State(_ask_tape, _answer_tape, "apply_tape_help"),
}, TIMEOUT_H, "label_apply")
