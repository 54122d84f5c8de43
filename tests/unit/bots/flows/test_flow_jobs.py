"""Browse jobs that match me (paged, short on SMS), a job's details, and applying with a self-tape."""
from core.casting_commands import ApplyToCastingCall
from core.commands import ApplyForJob
from core.intents import to_command
from tests.unit.bots.flows.chat_fakes import PERSON, Conversation, FakeChatReads, casting_call, job

VIDEO = ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "video/mp4")


async def test_next_pages_through_the_matches_and_says_when_they_end():
    chat = Conversation(FakeChatReads(jobs=[job(n) for n in range(7)]))
    await chat.say("JOBS")

    second = await chat.say("NEXT")
    end = await chat.say("more")

    assert (second.template, second.params) == ("jobs_page", {"first": 6, "last": 7, "total": 7})
    assert [c.split()[0] for c in second.choices] == ["CODE5", "CODE6"]
    assert (end.template, end.params, chat.place) == ("jobs_end", {"total": 7}, ("jobs", "browsing"))


async def test_sms_pages_are_three_short_lines():
    chat = Conversation(FakeChatReads(jobs=[job(n) for n in range(7)]), channel="sms")

    turn = await chat.say("JOBS")

    assert turn.choices == ("CODE0 Job 0, Lekki", "CODE1 Job 1, Lekki", "CODE2 Job 2, Lekki")
    assert (await chat.say("NEXT")).params["first"] == 4


async def test_a_number_opens_the_job_and_1_applies():
    chat = Conversation(FakeChatReads(jobs=[job(1), job(2)]))
    await chat.say("JOBS")

    details = await chat.say("2")
    applied = await chat.say("1")

    assert (details.template, details.params["code"], details.params["rate"]) == ("job_details", "CODE2", "₦25,000")
    assert details.choices == ("label_apply", "label_back_to_jobs")
    assert to_command("user", PERSON, applied.intent) == ApplyForJob(applied.intent["_id"], PERSON, job(2)["job_post_id"])
    assert chat.place == ("", "")


async def test_2_from_the_details_goes_back_to_the_list():
    chat = Conversation(FakeChatReads(jobs=[job(1)]))
    await chat.say("JOB CODE1")

    turn = await chat.say("2")

    assert (turn.template, chat.place) == ("jobs_page", ("jobs", "browsing"))


async def test_a_casting_call_asks_for_the_self_tape_and_the_video_goes_on_the_intent():
    chat = Conversation(FakeChatReads(jobs=[casting_call(7)]))

    asked = await chat.say("APPLY CODE7")
    assert (asked.template, asked.intent, chat.place) == ("apply_tape", None, ("apply", "tape"))
    sent = await chat.say("my tape", media=[VIDEO])

    assert sent.template == "application_queued_tape"
    intent = sent.intent
    assert (intent["type"], intent["casting_call_id"], intent["note"]) == ("casting_application", "call7", "my tape")
    assert intent["media"] == [{"url": VIDEO[0], "content_type": "video/mp4"}]
    assert to_command("user", PERSON, intent) == ApplyToCastingCall(
        intent["_id"], PERSON, "call7", "my tape", "", ({"url": VIDEO[0], "content_type": "video/mp4"},))


async def test_apply_with_the_tape_attached_needs_no_second_message():
    chat = Conversation(FakeChatReads(jobs=[casting_call(7)]))

    turn = await chat.say("APPLY CODE7", media=[("https://x.test/v.ogg", "audio/ogg")])

    assert (turn.template, turn.intent["media"][0]["content_type"]) == ("application_queued_tape", "audio/ogg")


async def test_a_note_or_1_applies_without_a_tape():
    chat = Conversation(FakeChatReads(jobs=[casting_call(7)]))
    await chat.say("APPLY CODE7")
    noted = await chat.say("I speak Yoruba and Igbo")
    await chat.say("APPLY CODE7")
    bare = await chat.say("1")

    assert (noted.intent["note"], noted.intent["media"]) == ("I speak Yoruba and Igbo", [])
    assert (bare.template, bare.intent["note"]) == ("application_queued", "")


async def test_apply_without_a_code_asks_for_it():
    chat = Conversation(FakeChatReads(jobs=[job(4)]))

    asked = await chat.say("APPLY")
    wrong = await chat.say("ZZZZ")
    applied = await chat.say("code4")

    assert (asked.template, wrong.template) == ("apply_which", "apply_which_help")
    assert applied.intent["job_post_id"] == job(4)["job_post_id"]


async def test_a_job_that_closed_while_the_tape_was_recorded_is_said_so():
    reads = FakeChatReads(jobs=[casting_call(7)])
    chat = Conversation(reads)
    await chat.say("APPLY CODE7")
    reads.jobs = []

    turn = await chat.say("here", media=[VIDEO])

    assert (turn.template, turn.intent, chat.place) == ("job_closed", None, ("", ""))
