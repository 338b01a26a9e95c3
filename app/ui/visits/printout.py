"""The “I'm ill” list of clients to tell, as a PDF (QTextDocument) to preview and print."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.core.formatting import format_date
from app.core.visits.ill import IllResult


def ill_html(result: IllResult, carer_name: str = "") -> str:
    span = (
        format_date(result.first_day)
        if result.first_day == result.last_day
        else f"{format_date(result.first_day)} to {format_date(result.last_day)}"
    )
    out = [f"<h2>Clients to tell: visits cancelled {escape(span)}</h2>"]
    if carer_name:
        out.append(f"<p>{escape(carer_name)} is unwell and cannot visit.</p>")
    if not result.clients:
        out.append("<p>No planned visits were cancelled.</p>")
    for c in result.clients:
        out.append(
            f"<h3>☐ {escape(c.client_name)}"
            + (f" — {escape(c.client_phone)}" if c.client_phone else "")
            + "</h3>"
        )
        out.append(
            "<p><b>Visits cancelled:</b> "
            + "; ".join(
                f"{r.local_start:%a} {format_date(r.local_start.date())} "
                f"{r.local_start:%H:%M}–{r.local_end:%H:%M}"
                for r in c.visits
            )
            + "</p>"
        )
        if c.plan_b:
            out.append(
                "<p><b>Plan B:</b></p><ul>"
                + "".join(
                    f"<li>{escape(p.kind_label)}: {escape(p.name)}"
                    + (f", {escape(p.phone)}" if p.phone else "")
                    + "</li>"
                    for p in c.plan_b
                )
                + "</ul>"
            )
        else:
            out.append("<p><b>Plan B:</b> none recorded in the contract.</p>")
        if c.emergency_contacts:
            out.append(
                "<p><b>Emergency contacts:</b> "
                + "; ".join(
                    f"{escape(p.name)}" + (f", {escape(p.phone)}" if p.phone else "")
                    for p in c.emergency_contacts
                )
                + "</p>"
            )
    if result.kept_locked:
        out.append(
            f"<p>{result.kept_locked} visit(s) could not be cancelled because they are "
            "on an invoice.</p>"
        )
    return "\n".join(out)


def html_to_pdf(html: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle("Clients to tell")
    doc = QTextDocument()
    font = QFont()
    font.setPointSize(11)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet("h3 { margin-top: 14px; }")
    doc.setHtml(html)
    doc.print_(writer)
    del writer
    buffer.close()
    return bytes(data.data())
