"""Staff words become intents; the core parsers turn those intents into the right commands."""
import pytest

from bots.channels.base import Incoming
from bots.staff_chat import STAFF_KEYWORDS, claims, parse_day, parse_rate_minor, plain_reply, respond
from bots.staff_texts import STAFF_TEMPLATES
from core import staff_chat_commands as staff
from core.failed_job_commands import DropFailedJobs, RequeueFailedJobs
from core.intents import _Fields

NOW = "2026-11-30T09:00:00+01:00"
PERSON = "0123456789abcdef0123"


def message(text: str, provider_id: str = "SM1", channel: str = "whatsapp") -> Incoming:
    return Incoming(channel, provider_id, "+2348030000009", text)


async def turn_for(text: str, **kwargs):
    return await respond(message(text, **kwargs), PERSON, reads=None, now=NOW)


def command_of(intent: dict):
    kind, parse = staff.INTENT_PARSERS[intent["type"]]
    assert kind == "user"
    return parse(intent["_id"], intent["author"], _Fields(intent))


@pytest.mark.parametrize("text, mine", [
    ("WHO", True), ("who +2348030000001", True), ("Crewcall camera/focus 2026-12-01 25000", True),
    ("CONFIRM 4821", True), ("#7KQ2D see you there", True), ("stats", True),
    ("CONFIRM", False), ("confirm 12", False), ("YES", False), ("JOBS", False), ("", False), ("# hi", False),
])
def test_claims_only_staff_words_broadcast_codes_and_thread_answers(text, mine):
    assert claims(text) is mine


def test_keywords_are_lowercase_words_that_need_no_yes_word():
    assert all(word == word.lower() and word.isalpha() for word in STAFF_KEYWORDS)
    assert not STAFF_KEYWORDS & {"yes", "no", "confirm", "confirmed", "ok"}


@pytest.mark.parametrize("text, expected", [
    ("WHO", staff.AskCallStatus("", PERSON, "", "")),
    ("who tomorrow @7kq2d", staff.AskCallStatus("", PERSON, "7KQ2D", "2026-12-01")),
    ("WHO 05/12", staff.AskCallStatus("", PERSON, "", "2026-12-05")),
    ("WHO 2026-12-05", staff.AskCallStatus("", PERSON, "", "2026-12-05")),
    ("CHASE", staff.ChaseUnconfirmed("", PERSON, "", "")),
    ("chase today", staff.ChaseUnconfirmed("", PERSON, "", "2026-11-30")),
    ("ANNOUNCE Call moved to 6am @ Marina", staff.AnnounceToUnit("", PERSON, "Call moved to 6am @ Marina", "")),
    ("ANNOUNCE @ABCDE Rain cover", staff.AnnounceToUnit("", PERSON, "Rain cover", "ABCDE")),
    ("CREWCALL camera/focus puller 2026-12-01 25k Lekki Phase 1",
     staff.PostCrewCall("", PERSON, "", "camera", "focus puller", "2026-12-01", 2_500_000, "NGN", "Lekki Phase 1")),
    ("crewcall Sound/boom-op tomorrow ₦18,000",
     staff.PostCrewCall("", PERSON, "", "sound", "boom op", "2026-12-01", 1_800_000, "NGN", "Lagos")),
    ("WHO +234 803 000 0001", staff.LookUpPerson("", PERSON, "+2348030000001")),
    ("VERIFY 08030000001", staff.SetVerifiedByPhone("", PERSON, "08030000001", True, "")),
    ("UNVERIFY +2348030000001 ID was borrowed", staff.SetVerifiedByPhone("", PERSON, "+2348030000001", False,
                                                                          "ID was borrowed")),
    ("SUSPEND +234 803 000 0001 fake reviews", staff.SetSuspendedByPhone("", PERSON, "+2348030000001", True,
                                                                         "fake reviews")),
    ("restore +2348030000001 appeal upheld", staff.SetSuspendedByPhone("", PERSON, "+2348030000001", False,
                                                                       "appeal upheld")),
    ("STATS", staff.AskPlatformStats("", PERSON)),
    ("BROADCAST New jobs in Enugu this week", staff.PrepareBroadcast("", PERSON, "New jobs in Enugu this week")),
    ("confirm 0042", staff.ConfirmBroadcast("", PERSON, "0042")),
    ("RESOLVE 7kq2d split 60%", staff.ResolveDisputeByCode("", PERSON, "7KQ2D", "split", 60)),
    ("resolve 7KQ2D Release", staff.ResolveDisputeByCode("", PERSON, "7KQ2D", "release", 0)),
    ("REQUEUE Media", RequeueFailedJobs("", PERSON, "media")),
    ("drop all", DropFailedJobs("", PERSON, "all")),
    ("#7kq2d I will be there", staff.ReplyToThread("", PERSON, "7KQ2D", "I will be there", "whatsapp")),
])
async def test_each_command_becomes_the_intent_of_its_command(text, expected):
    turn = await turn_for(text)
    assert turn.template == ""  # the core's answer, or its refusal, is the reply
    command = command_of(turn.intent)
    assert command == type(expected)(**{**expected.__dict__, "intent_id": turn.intent["_id"]})
    assert turn.intent["source"] == {"channel": "whatsapp", "message_id": "SM1"}


async def test_a_redelivered_message_names_the_same_intent():
    first, again, other = await turn_for("STATS"), await turn_for("STATS"), await turn_for("STATS", provider_id="SM2")
    assert first.intent["_id"] == again.intent["_id"] != other.intent["_id"]


@pytest.mark.parametrize("text, says", [
    ("CREWCALL camera 2026-12-01 25000", "CREWCALL <dept>/<role>"),
    ("CREWCALL camera/focus 2026-12-01", "CREWCALL <dept>/<role>"),
    ("CREWCALL camera/focus 2026-12-01 lots", "CREWCALL <dept>/<role>"),
    ("ANNOUNCE", "ANNOUNCE and your message"),
    ("SUSPEND +2348030000001", "SUSPEND +2348030000001 fake profile"),
    ("VERIFY", "VERIFY +234"),
    ("WHO 31/02", "2026-12-01, 01/12"),
    ("RESOLVE 7KQ2D halve", "RESOLVE <booking code>"),
    ("RESOLVE 7KQ2D split", "RESOLVE <booking code>"),
    ("BROADCAST", "BROADCAST and your message"),
    ("REQUEUE", "REQUEUE and a job queue"),
    ("DROP media now", "DROP and a job queue"),
    ("#7KQ2D", "#7KQ2D and your message"),
    ("WHO 12", "WHO +234"),
    ("WHO 🎬🎬", "2026-12-01, 01/12"),
])
async def test_words_that_do_not_fit_get_how_to_write_them(text, says):
    turn = await turn_for(text)
    assert (turn.template, turn.intent) == ("staff_usage", None)
    assert says in turn.params["usage"]
    assert STAFF_TEMPLATES["staff_usage"].format(**turn.params)


@pytest.mark.parametrize("word, template", [("STAFF", "staff_help"), ("admin", "admin_help")])
async def test_help_words_give_the_help_text(word, template):
    turn = await turn_for(word)
    assert (turn.template, turn.intent) == (template, None) and template in STAFF_TEMPLATES


@pytest.mark.parametrize("at, answers", [("2026-11-30T07:30:00+01:00", True), ("2026-11-30T04:59:00+01:00", False)])
async def test_plain_text_soon_after_a_thread_message_answers_it(at, answers):
    last = {"code": "7KQ2D", "thread_id": "costume-fit", "project_id": "p", "at": at}
    turn = await plain_reply(message("Yes I can come"), PERSON, last, NOW)
    if answers:
        assert command_of(turn.intent) == staff.ReplyToThread(turn.intent["_id"], PERSON, "7KQ2D", "Yes I can come",
                                                              "whatsapp")
    else:
        assert turn is None
    assert await plain_reply(message("Yes"), PERSON, None, NOW) is None


@pytest.mark.parametrize("word, expected", [("25000", 2_500_000), ("25,000", 2_500_000), ("N25k", 2_500_000),
                                            ("₦1,250,000", 125_000_000)])
def test_rates_are_read_in_naira_and_kept_in_kobo(word, expected):
    assert parse_rate_minor(word) == expected


@pytest.mark.parametrize("word, expected", [("today", "2026-11-30"), ("Tomorrow", "2026-12-01"),
                                            ("05/01", "2027-01-05"), ("5/12/26", "2026-12-05")])
def test_dates_as_people_type_them(word, expected):
    assert parse_day(word, NOW) == expected


def test_every_template_renders_with_the_params_the_core_gives():
    params = {"usage": "u", "role": "r", "day": "d", "rate": "₦1", "city": "c", "code": "1234",
              "project_title": "p", "confirmed_count": 1, "waiting_count": 2, "declined_count": 0,
              "confirmed": "a", "waiting": "b", "declined": "c", "reminded": 1, "skipped": 0, "count": 3,
              "sender": "s", "text": "t", "phone": "+234", "name": "n", "roles": "crew", "verified": "no",
              "suspended": "no", "opted_out": "no", "channel": "sms", "what": "Verified", "people": 1,
              "projects": 1, "fill_rate": "50%", "failed": 0, "audience": 5, "minutes": 10, "per_minute": 60,
              "decision": "split", "share": "60%", "failed_jobs": 2, "failed_jobs_by_queue": "media 2",
              "oldest_failure_h": 3, "last_failure": "transcribe_self_tape: OSError: disk full", "queue": "media"}
    for name, text in STAFF_TEMPLATES.items():
        assert "{" not in text.format(**params), name


async def test_a_huge_broadcast_is_passed_on_for_the_core_to_refuse_in_words():
    turn = await turn_for("BROADCAST " + "x" * 5000)
    assert command_of(turn.intent).text == "x" * 5000
