"""The hiring pipeline's data module (web/app/src/hiring.js), run in node: the requests it writes
are read by the core's own intent parsers into the commands meant, and a job's funnel counts
where each applicant got to."""
import json
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from core.discovery_commands import RemoveFromShortlist, ReviewDecision
from core.intents import INTENT_TYPES, to_command
from core.offer_commands import DeclineApplication, MakeOffer, Shortlist

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[4] / "web" / "app" / "src" / "hiring.js"
PROJECT_ID, AUTHOR = "proj01abcdef", "prod01abcdef"
HARNESS = """
import { readFileSync } from "node:fs";
const hiring = await import(process.argv[1]);
const { author, application, post, applications } = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify({
  shortlist: hiring.shortlistRequests(author, application),
  back: hiring.shortlistReturn(author, application),
  removal: hiring.shortlistRemoval(author, application),
  decline: hiring.applicationDecline(author, application, "  We went with a local gaffer. "),
  offer: hiring.offerRequest(author, application, { deadlineDate: "2026-12-04", deadlineTime: "18:00", note: " Transport paid " }),
  counts: hiring.jobCounts(post, applications),
  rate: hiring.rateText(post.rate, post.rate_per),
  tapes: hiring.selfTapes(applications[0]),
}));
"""
APPLICATION = {"application_id": "job01abcdef.per01abcdef", "job_post_id": "job01abcdef", "person_id": "per01abcdef"}
POST = {"job_post_id": "job01abcdef", "rate": {"amount_minor": 4_500_000, "currency": "NGN"}, "rate_per": "day",
        "slots": 3, "hired": ["per04abcdef"]}


def step(status: str) -> dict:
    return {"status": status, "by": AUTHOR, "at": "2026-11-28T06:00:00+00:00", "intent": f"x:{status}"}


APPLICATIONS = [
    {**APPLICATION, "status": "received", "media": [{"url": "https://t/a.ogg", "content_type": "audio/ogg"},
                                                    {"url": "https://t/b.jpg", "content_type": "image/jpeg"}],
     "transcripts": [{"media_index": 0, "status": "done", "text": "Scene twelve", "media_id": "m1"}]},
    {"status": "shortlisted", "history": [step("shortlisted")]},
    {"status": "declined", "history": [step("shortlisted"), step("declined")]},  # got to the shortlist
    {"status": "offered", "history": [step("shortlisted"), step("offered")]},
    {"status": "hired", "history": [step("shortlisted"), step("offered")]},
]


@pytest.fixture(scope="module")
def made() -> dict:
    if NODE is None:
        pytest.skip("node is not installed: the web app's modules cannot be run here")
    done = subprocess.run([NODE, "--input-type=module", "-e", HARNESS, MODULE.as_uri()],
                          input=json.dumps({"author": AUTHOR, "application": APPLICATION, "post": POST,
                                            "applications": APPLICATIONS}),
                          capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def command(doc: dict):
    assert doc["type"] in INTENT_TYPES["office"], f"{doc['type']} may not be written in an office database"
    assert doc["_id"].startswith(f"{doc['type']}:") and doc["author"] == AUTHOR
    return to_command("office", PROJECT_ID, doc)


def test_shortlisting_moves_the_application_and_puts_the_person_on_the_jobs_list(made):
    moves, listing = (command(doc) for doc in made["shortlist"])
    assert moves == Shortlist(made["shortlist"][0]["_id"], PROJECT_ID, AUTHOR, APPLICATION["application_id"])
    assert listing == ReviewDecision(made["shortlist"][1]["_id"], PROJECT_ID, AUTHOR, "per01abcdef", "like",
                                     "job-job01abcdef")
    assert command(made["back"]) == ReviewDecision(made["back"]["_id"], PROJECT_ID, AUTHOR, "per01abcdef", "like",
                                                   "job-job01abcdef")
    assert command(made["removal"]) == RemoveFromShortlist(made["removal"]["_id"], PROJECT_ID, AUTHOR, "per01abcdef",
                                                           "job-job01abcdef")


def test_decline_carries_its_feedback_trimmed(made):
    assert command(made["decline"]) == DeclineApplication(
        made["decline"]["_id"], PROJECT_ID, AUTHOR, APPLICATION["application_id"], "We went with a local gaffer.")


def test_an_offer_deadline_typed_in_lagos_time(made):
    offer = command(made["offer"])
    assert isinstance(offer, MakeOffer) and offer.note == "Transport paid"
    assert offer.expires_at == datetime(2026, 12, 4, 17, 0, tzinfo=timezone.utc)
    assert offer.expires_at.utcoffset() == timedelta(hours=1)


def test_each_request_has_its_own_id(made):
    docs = [*made["shortlist"], made["back"], made["removal"], made["decline"], made["offer"]]
    assert len({doc["_id"] for doc in docs}) == len(docs)


def test_the_funnel_counts_where_each_applicant_got_to(made):
    assert made["counts"] == {"applied": 5, "shortlisted": 4, "offered": 2, "hired": 1}


def test_rate_and_self_tapes(made):
    assert made["rate"] == "₦45,000 per day"
    assert [(tape["index"], bool(tape["transcript"])) for tape in made["tapes"]] == [(0, True), (1, False)]
    assert made["tapes"][0]["transcript"]["text"] == "Scene twelve"
