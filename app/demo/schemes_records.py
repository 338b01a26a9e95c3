"""Demo: working hours (so the directory's free time shows), and a timesheet for last month's
care signed by the client's representative. Payments (and so receipts) come from invoicing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.availability import WorkingDayDraft, mark_copied, save_working_hours
from app.core.visits.models import Visit, VisitStatus
from app.demo import DemoContext

WEEKDAY_HOURS = ("08:00", "18:00", "12:30", "13:15")


def extend(session: Session, ctx: DemoContext) -> str:
    from app.core.profile import get_profile
    from app.core.visits.timesheets import record_signed, save_timesheet, timesheet_data
    from app.documents.letterhead import Letterhead
    from app.documents.timesheet_pdf import render_timesheet

    days = [WorkingDayDraft(d, *WEEKDAY_HOURS) for d in range(5)]
    days.append(WorkingDayDraft(5, "09:00", "13:00"))
    save_working_hours(session, days, travel_minutes=15)
    # The carer copied their free time, then shortened Fridays: Today asks for an update.
    mark_copied(session, ctx.today)
    save_working_hours(session, days[:4] + days[5:] + [WorkingDayDraft(4, "08:00", "16:00")], 15)

    first_of_month = ctx.today.replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    last_month_start = last_month_end.replace(day=1)
    client_id = session.scalars(
        select(Visit.client_id)
        .where(
            Visit.status == VisitStatus.DELIVERED,
            Visit.client_id.in_(ctx.client_ids or [0]),
        )
        .order_by(Visit.planned_start.desc())
        .limit(1)
    ).first()
    if client_id is None:
        return "working hours set"
    data = timesheet_data(session, client_id, last_month_start, last_month_end)
    pdf = render_timesheet(data, Letterhead.of(get_profile(session)))
    sheet_id = save_timesheet(session, data, pdf, today=first_of_month).value
    signer = data.signer_name or data.client_name
    record_signed(session, sheet_id, signed_on=first_of_month, signed_by=signer, today=ctx.today)
    return f"working hours set; 1 signed timesheet ({len(data.lines)} visits)"
