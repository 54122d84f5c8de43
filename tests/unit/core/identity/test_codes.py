"""One-time codes: six digits, ten minutes, single use, hashed, five wrong tries lock the number."""
from datetime import datetime, timedelta, timezone

import pytest

from core.identity import attempts, codes
from core.identity.errors import SignInRefused, TooManyTries
from tests.unit.identity_fakes import CODE_KEY, MemoryCodeStore

PHONE = "+2348031110001"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def later(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def store() -> MemoryCodeStore:
    return MemoryCodeStore()


def wrong_for(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


async def test_a_code_is_six_digits_and_stored_only_as_a_keyed_hash(store):
    code = await codes.issue(store, CODE_KEY, PHONE, T0, {"purpose": "sign_in"})

    assert len(code) == 6 and code.isdigit()
    stored = " ".join(value for value, _ in store.values.values())
    assert code not in stored
    assert codes.code_digest(CODE_KEY, PHONE, code) in stored
    # salted by the number and keyed: the same code for another number or key hashes differently
    assert codes.code_digest(CODE_KEY, "+2348031110002", code) != codes.code_digest(CODE_KEY, PHONE, code)
    assert codes.code_digest(b"other", PHONE, code) != codes.code_digest(CODE_KEY, PHONE, code)


async def test_the_right_code_gives_back_its_details_once(store):
    code = await codes.issue(store, CODE_KEY, PHONE, T0, {"purpose": "sign_up", "roles": ["crew"]})

    details = await codes.check(store, CODE_KEY, PHONE, code, later(60))
    await codes.consume(store, PHONE)

    assert details == {"purpose": "sign_up", "roles": ["crew"]}
    with pytest.raises(SignInRefused, match="already used"):
        await codes.check(store, CODE_KEY, PHONE, code, later(61))
    with pytest.raises(SignInRefused):
        await codes.consume(store, PHONE)  # a second consumer in a race loses


async def test_a_code_expires_after_ten_minutes(store):
    code = await codes.issue(store, CODE_KEY, PHONE, T0, {})

    assert await codes.check(store, CODE_KEY, PHONE, code, later(codes.CODE_TTL_S - 1)) == {}
    with pytest.raises(SignInRefused, match="expired"):
        await codes.check(store, CODE_KEY, PHONE, code, later(codes.CODE_TTL_S))


async def test_a_new_code_replaces_the_earlier_one(store):
    first = await codes.issue(store, CODE_KEY, PHONE, T0, {})
    second = await codes.issue(store, CODE_KEY, PHONE, later(30), {})
    if first == second:
        pytest.skip("the two random codes happened to be equal")

    with pytest.raises(SignInRefused, match="not right"):
        await codes.check(store, CODE_KEY, PHONE, first, later(40))
    assert await codes.check(store, CODE_KEY, PHONE, second, later(41)) == {}


async def test_five_wrong_tries_lock_the_number_for_fifteen_minutes_then_it_unlocks(store):
    code = await codes.issue(store, CODE_KEY, PHONE, T0, {})
    for attempt in range(attempts.MAX_WRONG_TRIES - 1):
        with pytest.raises(SignInRefused, match="not right"):
            await codes.check(store, CODE_KEY, PHONE, wrong_for(code), later(attempt))
    with pytest.raises(TooManyTries) as locked:
        await codes.check(store, CODE_KEY, PHONE, wrong_for(code), later(10))
    assert locked.value.retry_after_s == attempts.LOCKOUT_S

    # locked: even the right code is refused, and no new code is sent
    with pytest.raises(TooManyTries, match="15 minutes"):
        await codes.check(store, CODE_KEY, PHONE, code, later(11))
    with pytest.raises(TooManyTries):
        await codes.issue(store, CODE_KEY, PHONE, later(12), {})
    with pytest.raises(TooManyTries, match="in 1 minute\\."):
        await codes.issue(store, CODE_KEY, PHONE, later(10 + attempts.LOCKOUT_S - 30), {})

    fresh = await codes.issue(store, CODE_KEY, PHONE, later(10 + attempts.LOCKOUT_S), {})
    assert await codes.check(store, CODE_KEY, PHONE, fresh, later(11 + attempts.LOCKOUT_S)) == {}


async def test_the_locked_out_code_is_burned(store):
    code = await codes.issue(store, CODE_KEY, PHONE, T0, {})
    for attempt in range(attempts.MAX_WRONG_TRIES):
        with pytest.raises((SignInRefused, TooManyTries)):
            await codes.check(store, CODE_KEY, PHONE, wrong_for(code), later(attempt))

    with pytest.raises(SignInRefused, match="expired or was already used"):
        await codes.check(store, CODE_KEY, PHONE, code, later(attempts.LOCKOUT_S + 10))


async def test_a_right_code_clears_earlier_wrong_tries(store):
    code = await codes.issue(store, CODE_KEY, PHONE, T0, {})
    for attempt in range(attempts.MAX_WRONG_TRIES - 1):
        with pytest.raises(SignInRefused):
            await codes.check(store, CODE_KEY, PHONE, wrong_for(code), later(attempt))
    await codes.check(store, CODE_KEY, PHONE, code, later(5))
    await codes.consume(store, PHONE)

    again = await codes.issue(store, CODE_KEY, PHONE, later(6), {})
    with pytest.raises(SignInRefused, match="not right"):  # a fresh count: not locked at once
        await codes.check(store, CODE_KEY, PHONE, wrong_for(again), later(7))


async def test_three_sends_per_ten_minutes(store):
    for minute in range(3):
        await codes.issue(store, CODE_KEY, PHONE, later(minute * 60), {})
    with pytest.raises(TooManyTries, match="too many codes"):
        await codes.issue(store, CODE_KEY, PHONE, later(180), {})

    await codes.issue(store, CODE_KEY, PHONE, later(600), {})  # the next window
    await codes.issue(store, CODE_KEY, "+2348031110002", later(181), {})  # per number


async def test_ten_sends_a_day(store):
    sent = 0
    for window in range(4):
        for minute in range(3):
            moment = later(window * 600 + minute * 60)
            if sent == 10:
                with pytest.raises(TooManyTries):
                    await codes.issue(store, CODE_KEY, PHONE, moment, {})
                continue
            await codes.issue(store, CODE_KEY, PHONE, moment, {})
            sent += 1
    assert sent == 10
    await codes.issue(store, CODE_KEY, PHONE, later(24 * 3600), {})
