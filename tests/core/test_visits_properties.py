"""Schedule generation over many inputs: wall-clock times hold across clock changes."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.contracts.models import ContractStatus, ContractVersion
from app.core.formatting import LONDON
from app.core.visits.generate import planned_slots


def version(starts_on: date, slots: list[tuple[int, time, time]], every: int) -> ContractVersion:
    v = ContractVersion(
        id=1,
        version_no=1,
        status=ContractStatus.SIGNED,
        starts_on=starts_on,
        every_n_weeks=every,
        standard_rate_pence=2000,
        schedule=[
            {"weekday": d, "start": a.strftime("%H:%M"), "end": b.strftime("%H:%M")}
            for d, a, b in slots
        ],
    )
    return v


slot = st.builds(
    lambda d, start, length: (
        d,
        time(start // 60, start % 60),
        time((start + length) // 60, (start + length) % 60),
    ),
    st.integers(0, 6),
    st.integers(6 * 60, 20 * 60).map(lambda m: m - m % 15),
    st.sampled_from([30, 45, 60, 90, 120]),
)


@settings(max_examples=60, deadline=None)
@given(
    starts_on=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    slots=st.lists(slot, min_size=1, max_size=4, unique_by=lambda s: s[0]),
    every=st.sampled_from([1, 2]),
    span=st.integers(1, 120),
)
def test_every_generated_visit_keeps_its_wall_clock_time(
    starts_on: date, slots, every: int, span: int
) -> None:  # type: ignore[no-untyped-def]
    v = version(starts_on, slots, every)
    first = starts_on - timedelta(days=3)
    last = starts_on + timedelta(days=span)
    out = planned_slots({7: [v]}, first, last)
    by_day = {d: (a, b) for d, a, b in slots}
    monday0 = starts_on - timedelta(days=starts_on.weekday())
    for p in out:
        local_s, local_e = p.start.astimezone(LONDON), p.end.astimezone(LONDON)
        a, b = by_day[local_s.weekday()]
        assert (local_s.time(), local_e.time()) == (a, b)
        assert starts_on <= local_s.date() <= last
        assert ((local_s.date() - monday0).days // 7) % every == 0
        assert p.start.utcoffset() == timedelta(0)  # stored as UTC
    # Every expected day is there: count weeks in range per slot.
    expected = 0
    day = max(first, starts_on)
    while day <= last:
        if day.weekday() in by_day and ((day - monday0).days // 7) % every == 0:
            expected += 1
        day += timedelta(days=1)
    assert len(out) == expected
