"""Queues by priority, each with its limits; which worker listens on which; deterministic ids."""
import re

import pytest
from redis import Redis

from workers import queues
from workers.queues import AI, DEFAULT, MEDIA, MESSAGES, OFFICE, worker_plan


def test_messages_come_first_and_the_assistants_last():
    assert queues.PRIORITY == (MESSAGES, DEFAULT, OFFICE, MEDIA, AI)


def test_every_queue_has_limits_and_messages_have_the_shortest_time_limit():
    assert set(queues.LIMITS) == set(queues.PRIORITY)
    assert queues.LIMITS[MESSAGES].timeout_s == min(limits.timeout_s for limits in queues.LIMITS.values())
    # A finished job's id is kept longer than any retry of the same work could come back.
    assert all(limits.result_ttl_s >= queues.HOUR_S for limits in queues.LIMITS.values())


@pytest.mark.parametrize("flags, listens, forks", [
    ({}, (MESSAGES, DEFAULT), False),
    ({"office": True}, (OFFICE,), True),
    ({"media": True}, (MEDIA,), False),
    ({"ai": True}, (AI,), False),
    ({"listen": "ai,media,office,default,messages"}, queues.PRIORITY, True),
    ({"listen": " AI, messages"}, (MESSAGES, AI), False),
])
def test_each_worker_listens_on_its_queues_most_urgent_first(flags, listens, forks):
    plan = worker_plan(**flags)
    assert (plan.queues, plan.forks) == (listens, forks)


def test_only_a_worker_on_default_schedules_the_daily_round_and_only_senders_load_catalogs():
    assert worker_plan().runs_daily_round and worker_plan().loads_catalogs
    assert not worker_plan(media=True).runs_daily_round and not worker_plan(media=True).loads_catalogs
    assert worker_plan(listen="messages").loads_catalogs and not worker_plan(listen="messages").runs_daily_round


@pytest.mark.parametrize("flags, says", [
    ({"office": True, "media": True}, "one of"),
    ({"ai": True, "listen": "messages"}, "either --queues"),
    ({"listen": "messages,transcripts"}, "unknown queue transcripts"),
    ({"listen": " , "}, "none given"),
])
def test_a_wrong_choice_of_queues_is_said_in_words(flags, says):
    with pytest.raises(ValueError, match=says):
        worker_plan(**flags)


def test_a_queue_gives_its_jobs_its_limits_unless_the_enqueuer_sets_its_own():
    queue = queues.queue(MEDIA, Redis())  # no command is sent: creating a job is local
    limits = queues.LIMITS[MEDIA]
    plain = queue.create_job(test_messages_come_first_and_the_assistants_last)
    own = queue.create_job(test_messages_come_first_and_the_assistants_last, timeout=7, result_ttl=8, failure_ttl=9)
    assert (plain.timeout, plain.result_ttl, plain.failure_ttl) == (
        limits.timeout_s, limits.result_ttl_s, limits.failure_ttl_s)
    assert (own.timeout, own.result_ttl, own.failure_ttl) == (7, 8, 9)


def test_an_unknown_queue_is_a_wiring_bug():
    with pytest.raises(KeyError, match="no queue named"):
        queues.queue("transcripts", Redis())


def test_the_same_key_gives_the_same_job_id_in_rqs_alphabet():
    first, again, other = (queues.job_id("remind", key) for key in ("p1:2026-12-01", "p1:2026-12-01", "p1:2026-12-02"))
    assert first == again != other
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first)
