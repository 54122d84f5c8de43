"""4-digit booking codes: distinct for one person, and stable when bookings are added."""
import itertools

from bots.flows.short_codes import booking_codes, code_of, split_code


def booking(booking_id: str, created_at: str) -> dict:
    return {"booking_id": booking_id, "created_at": created_at}


def test_every_booking_of_a_person_gets_its_own_four_digits():
    bookings = [booking(f"b{n}", f"2026-11-{n + 1:02d}") for n in range(20)]

    codes = booking_codes(bookings)

    assert len(codes) == 20 and all(len(code) == 4 and code.isdigit() for code in codes)
    assert {b["booking_id"] for b in codes.values()} == {f"b{n}" for n in range(20)}


def test_two_bookings_that_hash_alike_get_different_codes_and_the_older_keeps_its_own():
    # Find two booking ids whose hashes collide on four digits (a birthday search, not a fixed answer).
    seen: dict[str, str] = {}
    for n in itertools.count():
        booking_id = f"booking{n}"
        code = next(iter(booking_codes([booking(booking_id, "")])))
        if code in seen:
            older, newer = seen[code], booking_id
            break
        seen[code] = booking_id
    alone = code_of(booking(older, "2026-11-01"), [booking(older, "2026-11-01")])

    both = [booking(newer, "2026-11-05"), booking(older, "2026-11-01")]

    assert code_of(both[1], both) == alone != code_of(both[0], both)


def test_split_code_takes_a_leading_code_only():
    assert split_code("4821 sick today") == ("4821", "sick today")
    assert split_code("sick") == ("", "sick")
    assert split_code("48210 x") == ("", "48210 x")
