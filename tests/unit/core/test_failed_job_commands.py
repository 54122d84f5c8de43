"""What an admin's STATS says of failed background jobs, and which queue an admin may name."""
from datetime import datetime, timedelta, timezone

import pytest

from core.errors import Rejected
from core.failed_job_commands import EVERY_QUEUE, QueueFailures, chosen_queue, failure_figures

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
NAMES = ("messages", "default", "office", "media", "ai")


def test_no_failure_reads_as_zero_and_dashes():
    assert failure_figures([QueueFailures(name, 0) for name in NAMES], NOW) == {
        "failed_jobs": 0, "failed_jobs_by_queue": "-", "oldest_failure_h": 0, "last_failure": "-"}


def test_counts_per_queue_the_oldest_age_and_the_newest_failure():
    summaries = [
        QueueFailures("messages", 2, NOW - timedelta(hours=5, minutes=50), NOW - timedelta(minutes=3),
                      "send_message", "ConnectionError: CouchDB is down"),
        QueueFailures("default", 0),
        QueueFailures("media", 1, NOW - timedelta(hours=30), NOW - timedelta(hours=30),
                      "transcribe_self_tape", "JobTimeoutException: Task exceeded maximum timeout value (1800 seconds)"),
    ]
    assert failure_figures(summaries, NOW) == {
        "failed_jobs": 3, "failed_jobs_by_queue": "messages 2, media 1", "oldest_failure_h": 30,
        "last_failure": "send_message: ConnectionError: CouchDB is down"}


def test_a_long_error_line_is_cut_so_the_answer_fits_an_sms():
    summaries = [QueueFailures("ai", 1, NOW, NOW, "rank_actors", "ValueError: " + "x" * 500)]
    assert len(failure_figures(summaries, NOW)["last_failure"]) == len("rank_actors: ") + 80


@pytest.mark.parametrize("said, chosen", [("", EVERY_QUEUE), ("ALL", EVERY_QUEUE), (" Media ", "media")])
def test_an_admin_names_a_queue_in_any_case_or_all(said, chosen):
    assert chosen_queue(said, NAMES) == chosen


def test_an_unknown_queue_is_refused_with_the_list():
    with pytest.raises(Rejected, match="no job queue called transcripts. The queues are messages, default"):
        chosen_queue("transcripts", NAMES)
