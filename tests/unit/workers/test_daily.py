"""The money's daily round runs at 06:00 Lagos time, the next one strictly after now."""
from datetime import datetime, timezone

import pytest

from workers.daily import next_run


@pytest.mark.parametrize("now_utc, expected_lagos", [
    (datetime(2026, 12, 1, 4, 59, tzinfo=timezone.utc), "2026-12-01T06:00:00+01:00"),  # 05:59 in Lagos
    (datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc), "2026-12-02T06:00:00+01:00"),   # 06:00 exactly: tomorrow
    (datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc), "2027-01-01T06:00:00+01:00"),  # 00:30 on New Year
])
def test_the_next_round_is_the_next_six_oclock_in_lagos(now_utc, expected_lagos):
    assert next_run(now_utc).isoformat() == expected_lagos
