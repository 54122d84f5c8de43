"""Browse the jobs that match me, a page at a time (NEXT for more), and one job's details.

Which jobs fit a person is the core's matching (ChatReads.matching_jobs); the bot only pages."""
import re

from bots.flows.engine import END, Chat, Flow, Reply, State
from bots.flows.words import fold, number
from core.money import Money

PAGE_SIZE = 5
SMS_PAGE_SIZE = 3  # three short lines and the prompt stay within two SMS segments
TIMEOUT_H = 24  # a list older than a day is stale: jobs fill
NEXT_WORDS = frozenset({"next", "more", "n", "m", "+"})


async def start(chat: Chat, rest: str) -> Reply:
    if rest:
        return await start_details(chat, rest)
    return await _page(chat, 0)


async def _page(chat: Chat, offset: int) -> Reply:
    size = SMS_PAGE_SIZE if chat.sms else PAGE_SIZE
    jobs, total = await chat.reads.matching_jobs(chat.person_id, offset, size)
    if total == 0:
        return Reply("jobs_none", goto=END)
    if not jobs:
        return Reply("jobs_end", {"total": total}, flow=BROWSE.name, goto="browsing",
                     data={**chat.data, "offset": offset})
    params = {"first": offset + 1, "last": offset + len(jobs), "total": total}
    data = {"offset": offset, "codes": [job["code"] for job in jobs]}
    return Reply("jobs_page", params, flow=BROWSE.name, goto="browsing", data=data,
                 choices=tuple(job_line(job, chat.sms) for job in jobs))


def job_line(job: dict, sms: bool) -> str:
    where = (job.get("location") or {}).get("city", "")
    if sms:
        return f"{job['code']} {job['title']}, {where}"
    return f"{job['code']} {job['title']}, {job['project_title']}, {where}, from {job['start_date']}"


async def _ask_browsing(chat: Chat) -> Reply:
    """The current page again."""
    return await _page(chat, chat.data.get("offset", 0))


async def _answer_browsing(chat: Chat) -> Reply | None:
    """NEXT pages on; a number opens that job."""
    if fold(chat.text) in NEXT_WORDS:
        size = SMS_PAGE_SIZE if chat.sms else PAGE_SIZE
        return await _page(chat, chat.data.get("offset", 0) + size)
    picked, codes = number(chat.text), chat.data.get("codes", [])
    if picked is not None and 1 <= picked <= len(codes):
        return await start_details(chat, codes[picked - 1])
    return None


async def start_details(chat: Chat, code: str) -> Reply:
    job = await chat.reads.job_by_code(clean_code(code))
    if job is None:
        return Reply("job_unknown", {"code": code.strip()[:12]}, goto=END)
    return Reply("job_details", details(job), flow=DETAILS.name, goto="details",
                 data={"code": job["code"]}, choices=("label_apply", "label_back_to_jobs"))


def clean_code(code: str) -> str:
    return re.sub(r"\W", "", code).upper()


def details(job: dict) -> dict:
    location = job.get("location") or {}
    extra = job.get("character_description") or ""
    if job.get("self_tape_deadline"):
        extra = f"{extra} Self-tape by {job['self_tape_deadline'][:16].replace('T', ' ')}.".strip()
    return {
        "code": job["code"], "title": job["title"], "project_title": job["project_title"],
        "start_date": job["start_date"], "end_date": job.get("end_date", job["start_date"]),
        "city": location.get("city", ""), "state": location.get("state", ""),
        "rate": str(Money.from_doc(job["rate"])) if job.get("rate") else "",
        "rate_per": job.get("rate_per", ""), "call_time": job.get("call_time", ""), "extra": extra,
    }


async def _ask_details(chat: Chat) -> Reply:
    """The job again, with Apply and Back."""
    return await start_details(chat, chat.data.get("code", ""))


async def _answer_details(chat: Chat) -> Reply | None:
    """1 (or APPLY, YES) applies; 2 goes back to the list."""
    from bots.flows import apply  # apply hands back to the list: imported when used

    picked = number(chat.text)
    if picked == 1 or fold(chat.text) in ("apply", "yes", "y"):
        return await apply.start_for(chat, chat.data["code"])
    if picked == 2:
        return await _page(chat, 0)
    return None


BROWSE = Flow("jobs", "browsing", {"browsing": State(_ask_browsing, _answer_browsing, "jobs_help")},
              TIMEOUT_H, "label_jobs")
DETAILS = Flow("job", "details", {"details": State(_ask_details, _answer_details, "job_details_help")},
               TIMEOUT_H, "label_jobs")
