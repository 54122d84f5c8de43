"""Session tokens: the server keeps only a hash; last_seen_at is written at most once a minute."""
from datetime import datetime, timedelta, timezone

from core.identity import sessions

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
PERSON = "abcdef1234567890abcd"


def test_a_token_names_its_person_and_its_document_by_hash():
    token = sessions.new_token(PERSON)

    assert sessions.person_of(token) == PERSON
    assert sessions.doc_id_for_token(token) == f"session:{PERSON}:{sessions.token_hash(token)}"
    assert token not in str(sessions.new_session(PERSON, token, "laptop", T0))


def test_anything_else_is_not_a_token():
    for junk in ("", "abc", f"{PERSON}.short", f"NOT-AN-ID.{'x' * 43}", f"{PERSON}:{'x' * 43}"):
        assert sessions.doc_id_for_token(junk) is None


def test_last_seen_is_written_at_most_once_a_minute():
    session = sessions.new_session(PERSON, sessions.new_token(PERSON), "laptop", T0)

    assert not sessions.needs_touch(session, T0 + timedelta(seconds=59))
    assert sessions.needs_touch(session, T0 + timedelta(seconds=sessions.SESSION_TOUCH_INTERVAL_S))


def test_a_revoked_session_is_not_live():
    session = sessions.new_session(PERSON, sessions.new_token(PERSON), "", T0)

    assert sessions.is_live(session) and session["device"] == "unnamed device"
    assert not sessions.is_live({**session, "revoked_at": T0.isoformat()})
    assert not sessions.is_live(None)


def test_the_couch_password_is_derived_from_the_secret_and_the_person():
    assert sessions.couch_password("s1", PERSON) == sessions.couch_password("s1", PERSON)
    assert sessions.couch_password("s1", PERSON) != sessions.couch_password("s2", PERSON)
    assert len(sessions.couch_password("s1", PERSON)) == 64
