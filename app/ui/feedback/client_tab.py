"""The Feedback tab on each client: complaints, compliments and comments with their dated
entries, and the Commitment agreement tab (print, record signed, open the signed copy)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Changes, Done, changes
from app.core.feedback.models import ENTRY_LABELS, HOW_LABELS, KIND_LABELS, FeedbackKind
from app.core.formatting import format_date
from app.ui.clients.tabs import register_client_tab
from app.ui.contracts.widgets import exec_dialog, fill, read_only_table, selected_id
from app.ui.feedback.dialogs import (
    ConsentDialog,
    EntryDialog,
    FeedbackDialog,
    SignCommitmentDialog,
)


def _status_text(row) -> str:  # type: ignore[no-untyped-def]
    if row.kind != FeedbackKind.COMPLAINT:
        return "Testimonial" if row.testimonial else "Noted"
    if row.resolved_on:
        return f"Resolved {format_date(row.resolved_on)}"
    return f"Open, reply due {format_date(row.reply_due)}"


class _ClientTab(QWidget):
    AREAS: tuple[Area, ...] = ()

    def __init__(self, ctx, client_id: int, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        ctx.runner.changed.connect(self.on_changed)

    def refresh(self) -> None: ...

    def on_changed(self, changed: Changes) -> None:
        try:
            if any(a in changed for a in self.AREAS) and self.isVisible():
                self.refresh()
        except RuntimeError:  # the tab was closed and its widgets are gone
            pass

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        self.refresh()
        super().showEvent(event)


class ClientFeedbackTab(_ClientTab):
    AREAS = (Area.FEEDBACK,)

    def __init__(self, ctx, client_id: int, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, client_id, parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = read_only_table(["Received", "Kind", "How", "Status"])
        self.detail = QTextBrowser()
        self.record_button = QPushButton("&Record feedback…")
        self.entry_button = QPushButton("Add dated &entry…")
        self.testimonial_button = QPushButton("Use as &testimonial…")
        buttons = QHBoxLayout()
        for b in (self.record_button, self.entry_button, self.testimonial_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.detail, 2)
        self.record_button.clicked.connect(self.record)
        self.entry_button.clicked.connect(self.add_entry)
        self.testimonial_button.clicked.connect(self.make_testimonial)
        self.table.itemSelectionChanged.connect(self.show_detail)
        self.rows: list = []
        self.refresh()

    def refresh(self) -> None:
        from app.core.feedback.services import list_feedback

        client_id = self.client_id
        keep = selected_id(self.table)
        self.rows = self.ctx.runner.read(lambda s: list_feedback(s, client_id))
        fill(
            self.table,
            [
                [
                    format_date(r.received_on),
                    KIND_LABELS[r.kind],
                    HOW_LABELS[r.received_how],
                    _status_text(r),
                ]
                for r in self.rows
            ],
            [r.id for r in self.rows],
        )
        open_ = sum(1 for r in self.rows if r.status == "open")
        self.summary.setText(
            "No feedback recorded. Complaints, compliments and comments go here, each with "
            "the date it came in."
            if not self.rows
            else f"{len(self.rows)} item{'s' if len(self.rows) != 1 else ''}"
            f"{f', {open_} complaint still open' if open_ == 1 else ''}"
            f"{f', {open_} complaints still open' if open_ > 1 else ''}. Newest first."
        )
        ids = [r.id for r in self.rows]
        row = ids.index(keep) if keep in ids else 0
        if self.rows:
            self.table.selectRow(row)
        self.show_detail()

    def _selected(self):  # type: ignore[no-untyped-def]
        fid = selected_id(self.table)
        return next((r for r in self.rows if r.id == fid), None)

    def show_detail(self) -> None:
        from app.core.feedback.services import get_feedback
        from app.documents.markup import esc

        row = self._selected()
        self.entry_button.setEnabled(row is not None)
        self.testimonial_button.setEnabled(
            row is not None and row.kind == FeedbackKind.COMPLIMENT and not row.testimonial
        )
        if row is None:
            self.detail.clear()
            return

        def work(session):  # type: ignore[no-untyped-def]
            item = get_feedback(session, row.id)
            parts = [
                f"<p><b>{KIND_LABELS[row.kind]}</b>, received {format_date(item.received_on)} "
                f"({HOW_LABELS[row.received_how].lower()})</p>",
                "<p>" + esc(item.summary).replace("\n", "<br/>") + "</p>",
            ]
            if item.reply_due:
                parts.append(
                    f"<p>Reply due by {format_date(item.reply_due)} "
                    "(from the agreement's complaints clause)</p>"
                )
            lines = [
                f"<li>{format_date(e.happened_on)}: <b>{ENTRY_LABELS[e.kind]}</b>"
                + (f" — {esc(e.text)}" if e.text else "")
                + "</li>"
                for e in item.entries
            ]
            parts.append("<p><b>What happened</b></p><ul>" + "".join(lines) + "</ul>")
            return "".join(parts)

        self.detail.setHtml(self.ctx.runner.read(work))

    def record(self) -> None:
        from app.core.feedback.services import record_feedback

        today = self.ctx.today()
        dialog = FeedbackDialog(self.client_id, today, self)
        while exec_dialog(dialog):

            def work(session, d=dialog):  # type: ignore[no-untyped-def]
                return record_feedback(session, d.draft(), today=today)

            if self.ctx.runner.run(work, errors=dialog.errors, parent=dialog) is not None:
                self.refresh()  # on_changed skips a hidden tab
                break

    def add_entry(self) -> None:
        from app.core.feedback.services import add_entry

        row = self._selected()
        if row is None:
            return
        today = self.ctx.today()
        dialog = EntryDialog(row.kind == FeedbackKind.COMPLAINT, today, self)
        while exec_dialog(dialog):

            def work(session, d=dialog):  # type: ignore[no-untyped-def]
                return add_entry(
                    session,
                    row.id,
                    d.kind.currentData(),
                    happened_on=d.happened_on.date_value("happened_on", required=True),
                    text=d.text.text(),
                    today=today,
                )

            if self.ctx.runner.run(work, errors=dialog.errors, parent=dialog) is not None:
                self.refresh()  # on_changed skips a hidden tab
                break

    def make_testimonial(self) -> None:
        from app.core.clients import Client
        from app.core.feedback.services import make_testimonial

        row = self._selected()
        if row is None:
            return
        today = self.ctx.today()
        name = self.ctx.runner.read(lambda s: s.get(Client, self.client_id).name)
        words = name.split()
        suggested = f"{words[0]} {words[-1][0]}." if len(words) > 1 else name
        dialog = ConsentDialog(today, suggested, self)
        while exec_dialog(dialog):

            def work(session, d=dialog):  # type: ignore[no-untyped-def]
                return make_testimonial(
                    session,
                    row.id,
                    consent_on=d.consent_on.date_value("consent_on", required=True),
                    attribution=d.attribution.text(),
                    today=today,
                )

            if self.ctx.runner.run(work, errors=dialog.errors, parent=dialog) is not None:
                self.refresh()  # on_changed skips a hidden tab
                break


class ClientCommitmentTab(_ClientTab):
    AREAS = (Area.CONTRACTS, Area.PORTFOLIO)

    def __init__(self, ctx, client_id: int, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, client_id, parent)
        intro = QLabel(
            "The Independent Carer Commitment Agreement is a short, voluntary promise you and "
            "the client sign together: clear communication and agreed boundaries; up-to-date "
            "DBS and insurance checks (filled in from your portfolio); safe, respectful and "
            "professional practice; honesty, dignity and mutual respect."
        )
        intro.setWordWrap(True)
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.table = read_only_table(["Signed on", "How"])
        self.print_button = QPushButton("&Preview to print…")
        self.sign_button = QPushButton("Record &signed…")
        self.open_button = QPushButton("&Open signed copy")
        buttons = QHBoxLayout()
        for b in (self.print_button, self.sign_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.checks)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("<b>Signed copies</b>"))
        layout.addWidget(self.table, 1)
        self.print_button.clicked.connect(self.preview)
        self.sign_button.clicked.connect(self.sign)
        self.open_button.clicked.connect(self.open_signed)
        self.table.doubleClicked.connect(lambda _i: self.open_signed())
        self._pdf_dialog = None
        self.refresh()

    def refresh(self) -> None:
        from app.core.commitment import commitment_data, signed_agreements

        client_id, today = self.client_id, self.ctx.today()

        def work(session):  # type: ignore[no-untyped-def]
            data = commitment_data(session, client_id, today=today)
            rows = [
                (a.id, a.signed_on, a.signed_how) for a in signed_agreements(session, client_id)
            ]
            return data, rows

        data, rows = self.ctx.runner.read(work)
        missing = [w for w, c in (("DBS check", data.dbs), ("insurance", data.insurance)) if not c]
        self.checks.setText(
            "Your DBS and insurance details come from the portfolio."
            if not missing
            else f"Not in your portfolio yet: {' and '.join(missing)}. Add "
            f"{'it' if len(missing) == 1 else 'them'} in Portfolio, or write by hand on the paper."
        )
        fill(
            self.table,
            [[format_date(on), how or "—"] for _, on, how in rows],
            [i for i, _, _ in rows],
        )
        if rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(rows))

    def _show(self, pdf: bytes, title: str, filename: str) -> None:
        from app.ui.pdf_preview import show_pdf

        self._pdf_dialog = show_pdf(self, pdf, title, filename)

    def preview(self) -> None:
        from app.core.commitment import commitment_data
        from app.documents.commitment_pdf import render_commitment_pdf, suggested_filename

        client_id, today = self.client_id, self.ctx.today()

        def work(session):  # type: ignore[no-untyped-def]
            data = commitment_data(session, client_id, today=today)
            shown = render_commitment_pdf(data), suggested_filename(data), data.client_name
            return Done(shown, changes())  # reading (and rendering) changes nothing on screen

        result = self.ctx.runner.run(work, parent=self)
        if result is not None:
            pdf, filename, name = result
            self._show(pdf, f"Commitment agreement with {name}", filename)

    def sign(self) -> None:
        from app.core.commitment import sign_commitment
        from app.documents.commitment_pdf import render_commitment_pdf

        today = self.ctx.today()
        dialog = SignCommitmentDialog(today, self)
        while exec_dialog(dialog):

            def work(session, d=dialog):  # type: ignore[no-untyped-def]
                return sign_commitment(
                    session,
                    self.client_id,
                    signed_on=d.signed_on.date_value("signed_on", required=True),
                    how=d.how.text(),
                    today=today,
                    render=render_commitment_pdf,
                )

            if self.ctx.runner.run(work, errors=dialog.errors, parent=dialog) is not None:
                self.refresh()  # on_changed skips a hidden tab
                break

    def open_signed(self) -> None:
        from app.core.commitment import signed_pdf

        agreement_id = selected_id(self.table)
        if agreement_id is None:
            return
        pdf = self.ctx.runner.read(lambda s: bytes(signed_pdf(s, agreement_id)))
        self._show(pdf, "Signed commitment agreement", f"Commitment-agreement-{agreement_id}.pdf")


@register_client_tab("&Feedback", order=45)
def feedback_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return ClientFeedbackTab(ctx, client_id)


@register_client_tab("Commitment a&greement", order=25)
def commitment_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return ClientCommitmentTab(ctx, client_id)
