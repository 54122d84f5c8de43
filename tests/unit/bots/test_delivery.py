"""The delivery rules as pure functions: quiet hours, waits, the window, choices, variables, history."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bots import delivery
from workers import queues

LAGOS = ZoneInfo("Africa/Lagos")


def lagos(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LAGOS)


@pytest.mark.parametrize("now, expected", [
    (lagos(20, 20, 59), None),
    (lagos(20, 21, 0), lagos(21, 7)),
    (lagos(20, 23, 30), lagos(21, 7)),
    (lagos(21, 0, 10), lagos(21, 7)),
    (lagos(21, 6, 59), lagos(21, 7)),
    (lagos(21, 7, 0), None),
    (lagos(21, 12, 0), None),
])
def test_quiet_hours_run_from_nine_at_night_to_seven_in_the_morning_lagos_time(now, expected):
    assert delivery.quiet_until(now) == expected


def test_quiet_hours_are_lagos_time_whatever_zone_the_clock_tells():
    # 20:30 UTC is 21:30 in Lagos.
    assert delivery.quiet_until(datetime(2026, 11, 20, 20, 30, tzinfo=timezone.utc)) == lagos(21, 7)


@pytest.mark.parametrize("try_number", range(1, queues.SEND_TRIES))
def test_the_wait_after_a_try_stays_within_its_jitter_and_is_the_same_each_time(try_number):
    base_s = queues.SEND_TRY_WAITS_S[try_number - 1]
    waits = {delivery.retry_wait_s(f"message:m{i}", try_number) for i in range(50)}

    assert all(base_s * (1 - queues.SEND_JITTER_FRACTION) <= w <= base_s * (1 + queues.SEND_JITTER_FRACTION) + 1
               for w in waits)
    assert len(waits) > 5  # a fan-out is spread, not retried in one burst
    assert delivery.retry_wait_s("message:m1", try_number) == delivery.retry_wait_s("message:m1", try_number)


def test_the_tries_are_counted_per_channel():
    message = {"history": [{"state": "queued"}, {"state": "retrying", "channel": "whatsapp", "try": 1},
                           {"state": "retrying", "channel": "whatsapp", "try": 2}]}

    assert delivery.next_try(message, "whatsapp") == 3 and delivery.last_try(3)
    assert delivery.next_try(message, "sms") == 1 and not delivery.last_try(1)


def test_the_window_is_open_for_24_hours_after_the_persons_last_message():
    now = lagos(20, 12)

    assert delivery.whatsapp_window_open(now - timedelta(hours=23, minutes=59), now)
    assert not delivery.whatsapp_window_open(now - timedelta(hours=24), now)
    assert not delivery.whatsapp_window_open(None, now)


def test_choices_are_numbered_lines_on_whatsapp_and_sms_and_buttons_on_telegram():
    assert delivery.with_choices("Pick one", ["Crew", "Cast"], "sms") == ("Pick one\n1. Crew\n2. Cast", {})
    assert delivery.with_choices("Pick one", ["Crew", "Cast"], "telegram") == (
        "Pick one", {"buttons": [["1. Crew"], ["2. Cast"]]}
    )
    assert delivery.with_choices("Hello", None, "whatsapp") == ("Hello", {})


def test_template_variables_follow_the_english_placeholders_in_order_flattened_for_whatsapp():
    english = "You are booked as {booking[role]} on {booking[project_title]} at {rate}; {booking[role]} again. {note}"
    fields = {"booking": {"role": "Gaffer", "project_title": "Ọkàn"}, "rate": "₦50,000.00", "note": "  line\n\nbreak "}

    assert delivery.content_variables(english, fields) == {
        "1": "Gaffer", "2": "Ọkàn", "3": "₦50,000.00", "4": "line break",
    }
    assert delivery.content_variables("Your note: {note}.", {"note": ""}) == {"1": "-"}
    long = delivery.content_variables("{lines}", {"lines": "x" * 1000})["1"]
    assert len(long) == delivery.TEMPLATE_VARIABLE_MAX_CHARS


def record(*history: dict, **fields) -> dict:
    return {"state": history[-1]["state"], "history": list(history), **fields}


def test_news_about_an_earlier_attempt_is_history_only():
    message = record({"state": "queued"}, {"state": "sent", "provider_id": "SM2", "channel": "sms"},
                     provider_id="SM2", channel="sms")

    updated = delivery.advanced(message, [{"state": "failed", "provider_id": "SM1", "code": 63016}])

    assert updated["state"] == "sent" and updated["history"][-1]["provider_id"] == "SM1"


def test_a_new_attempt_moves_the_state_whatever_its_rank():
    message = record({"state": "queued"}, {"state": "failed", "provider_id": "SM1"}, provider_id="SM1",
                     fallback="pending")

    updated = delivery.advanced(message, [{"state": "sent", "provider_id": "SM2", "channel": "sms"}],
                                {"fallback": "done"}, new_attempt=True)

    assert (updated["state"], updated["provider_id"], updated["fallback"]) == ("sent", "SM2", "done")


def test_retrying_and_fallback_entries_do_not_move_the_state_and_repeat_once():
    message = record({"state": "queued"})
    retry = {"state": "retrying", "channel": "sms", "try": 1}

    updated = delivery.advanced(message, [retry])

    assert updated["state"] == "queued" and delivery.advanced(updated, [retry]) is None
    assert delivery.advanced(updated, [{**retry, "try": 2}]) is not None


def test_only_a_message_not_yet_fallen_back_from_whatsapp_or_telegram_may_fall_back():
    assert delivery.may_fall_back({}, "whatsapp") and delivery.may_fall_back({}, "telegram")
    assert not delivery.may_fall_back({}, "sms") and not delivery.may_fall_back({}, "console")
    assert not delivery.may_fall_back({"fallback": "done"}, "whatsapp")


def test_sms_choices_take_a_third_part_rather_than_cut_the_question_or_a_choice():
    from bots import sms

    question = "Ẹ̀ka wo ni o ti ń ṣiṣẹ́? Yan nọ́mbà kan nínú àwọn ẹ̀ka iṣẹ́ fíìmù wọ̀nyí, kí a lè rí iṣẹ́ tó bá ọ mu:"
    choices = ["Kámẹ́rà", "Ìmọ́lẹ̀ (iná)", "Grip", "Ohùn", "Iṣẹ́ ọnà", "Aṣọ", "Àtíkè àti irun", "Ìgbéjáde"]

    text, extra = delivery.with_choices(question, choices, "sms")

    assert extra == {} and text.startswith(question + "\n") and sms.segments(text) == 3
    assert all(f"{n}. {label}" in text for n, label in enumerate(choices, start=1))


def test_sms_choices_go_on_one_line_when_that_saves_a_part():
    from bots import sms

    question = "Ẹ̀ka wo lo ti ń ṣiṣẹ́? Yan nọ́mbà kan."
    choices = ["Kámẹ́rà", "Ìmọ́lẹ̀ (iná)", "Grip", "Ohùn", "Iṣẹ́ ọnà", "Aṣọ", "Àtíkè àti irun", "Ìgbéjáde", "Ọ̀nà"]
    assert sms.segments(question + "".join(f"\n{n}. {c}" for n, c in enumerate(choices, start=1))) == 3

    text, _ = delivery.with_choices(question, choices, "sms")

    assert sms.segments(text) == 2 and text == question + "\n" + " ".join(
        f"{n}.{c}" for n, c in enumerate(choices, start=1))


def test_a_short_sms_question_keeps_a_choice_a_line():
    text, _ = delivery.with_choices("Are you an actor, crew, or both?", ["Actor", "Crew", "Both"], "sms")

    assert text == "Are you an actor, crew, or both?\n1. Actor\n2. Crew\n3. Both"


def test_a_consent_is_never_cut_and_keeps_its_choices():
    consent = "NollyCrew ń tọ́jú orúkọ rẹ. " * 8

    text, _ = delivery.with_choices(consent, ["Bẹ́ẹ̀ni", "Bẹ́ẹ̀kọ́"], "sms", whole=True)

    assert text == consent + "\n1.Bẹ́ẹ̀ni 2.Bẹ́ẹ̀kọ́"
