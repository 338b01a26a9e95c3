"""A timesheet for one client and a period (ReportLab, bytes out): each delivered visit with
its date, times, hours and minutes and tasks, the total, and signature lines."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.core.visits.timesheets import TimesheetData, hours_and_minutes
from app.documents.common import (
    INK,
    LINE,
    MUTED,
    RULE,
    SHADE,
    PageSetup,
    build_pdf,
    esc,
    fonts_for,
    format_date,
    signature_lines,
)
from app.documents.letterhead import Letterhead, header, styles


def render_timesheet(data: TimesheetData, head: Letterhead) -> bytes:
    tasks = {line.tasks for line in data.lines}
    fonts = fonts_for(*head.texts(), data.client_name, data.signer_name, *tasks)
    st = styles(fonts)
    period = f"{format_date(data.period_start)} to {format_date(data.period_end)}"
    story: list[object] = header(
        head,
        "TIMESHEET",
        [("Period", period), ("Visits", str(len(data.lines)))],
        st,
    )
    story.append(Spacer(1, 8 * mm))
    story.append(Paragraph("CARE FOR", st["label"]))
    story.append(Paragraph(f"<b>{esc(data.client_name)}</b>", st["body"]))
    story.append(Spacer(1, 6 * mm))

    cell = st["cell"]
    rows: list[list[object]] = [["Date", "Times", "Time spent", "Tasks"]]
    previous = ""
    for line in data.lines:
        # The same tasks visit after visit read as "As above" (as on a paper timesheet).
        tasks = "As above" if line.tasks == previous else line.tasks
        previous = line.tasks
        rows.append(
            [
                f"{line.day:%a} {format_date(line.day)}",
                f"{line.start}–{line.end}",
                hours_and_minutes(line.minutes),
                Paragraph(esc(tasks), cell),
            ]
        )
    if not data.lines:
        rows.append(["", "", "", Paragraph("No visits delivered in this period.", cell)])
    rows.append(["Total", "", hours_and_minutes(data.total_minutes), ""])
    table = Table(rows, colWidths=[30 * mm, 26 * mm, 26 * mm, None], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), fonts.bold, 8.5),
                ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                ("FONT", (0, 1), (-1, -1), fonts.regular, 9.5),
                ("TEXTCOLOR", (0, 1), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, LINE),
                ("FONT", (0, -1), (-1, -1), fonts.bold, 10),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story += [table, Spacer(1, 8 * mm)]
    sign = [
        Paragraph(
            "We confirm that the care above was delivered on these dates and at these times.",
            st["body"],
        ),
        Spacer(1, 4 * mm),
        signature_lines("Client or representative", data.signer_name or data.client_name, fonts),
        Spacer(1, 6 * mm),
        signature_lines("Carer", head.carer_name or head.name, fonts),
    ]
    story.append(KeepTogether(sign))

    return build_pdf(
        story,
        title=f"Timesheet {period}",
        author=head.name,
        footer=f"Timesheet · {data.client_name} · {period}",
        page=PageSetup(top=18 * mm),
        font=fonts.regular,
    )
