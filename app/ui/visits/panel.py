"""Visits: a week at a glance (days as columns) and a list; record what happened."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area
from app.core.errors import ValidationError
from app.core.formatting import LONDON, format_date, format_miles, format_money
from app.core.visits import services as vs
from app.core.visits.models import STATUS_LABELS, VisitStatus
from app.ui.forms import DateEdit, buddy_label, error_label
from app.ui.lazy_model import LazyTableModel
from app.ui.registry import Panel, register_panel
from app.ui.style import CANCELLED_BG, DELIVERED_BG, MUTED, PLANNED_BG, TEXT
from app.ui.visits import client_tab  # noqa: F401  (registers the client tab)
from app.ui.visits.columns import LIST_COLUMNS
from app.ui.visits.dialogs import (
    CancelByClientDialog,
    DeliveredDialog,
    GenerateDialog,
    IllDialog,
    OneOffDialog,
    describe_row,
)

ICS_WEEKS = 8
STATUS_COLOURS = {
    VisitStatus.PLANNED: PLANNED_BG,
    VisitStatus.DELIVERED: DELIVERED_BG,
    VisitStatus.CANCELLED_BY_CLIENT: CANCELLED_BG,
    VisitStatus.CANCELLED_BY_CARER: CANCELLED_BG,
}
ROLE_ID = Qt.ItemDataRole.UserRole


def cell_text(row: vs.VisitRow) -> str:
    status = "" if row.status == VisitStatus.PLANNED else f"\n{STATUS_LABELS[row.status]}"
    extra = " (one-off)" if row.one_off else ""
    return f"{row.local_start:%H:%M}–{row.local_end:%H:%M}{extra}\n{row.client_name}{status}"


@register_panel
class VisitsPanel(Panel):
    AREA = Area.VISITS
    WATCHES = frozenset({Area.VISITS, Area.CLIENTS, Area.CONTRACTS, Area.INVOICES})

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.monday = vs.monday_of(ctx.today())
        self.rows_by_id: dict[int, vs.VisitRow] = {}
        self.dialog: QWidget | None = None

        # --- week navigation
        self.prev_button = QPushButton("◀ &Previous week")
        self.today_button = QPushButton("T&his week")
        self.next_button = QPushButton("Ne&xt week ▶")
        self.week_label = QLabel()
        self.week_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        nav.addSpacing(12)
        nav.addWidget(self.week_label, 1)

        self.week = QTableWidget(0, 7)
        self.week.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # several visits at a time: "they all happened as planned" for a day or a week
        self.week.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.week.setWordWrap(True)
        self.week.verticalHeader().hide()
        self.week.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week.horizontalHeader().setHighlightSections(False)  # only Today stands out
        self.week.setAccessibleName("Visits this week")
        week_page = QWidget()
        wl = QVBoxLayout(week_page)
        wl.addLayout(nav)
        wl.addWidget(self.week, 1)

        # --- list
        self.list_from = DateEdit()
        self.list_to = DateEdit()
        self.list_status = QComboBox()
        self.list_status.addItem("Any status", None)
        for status, label in STATUS_LABELS.items():
            self.list_status.addItem(label, str(status))
        self.list_show = QPushButton("Show &visits")
        self.list_error = error_label()
        self.list_model: LazyTableModel[vs.VisitRow] = LazyTableModel(
            LIST_COLUMNS, self._fetch, self
        )
        self.list = QTableView()
        self.list.setModel(self.list_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.setAlternatingRowColors(True)
        for col in range(len(LIST_COLUMNS)):
            self.list.horizontalHeader().setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch
                if col == 2
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.list_count = QLabel()
        filters = QHBoxLayout()
        for text, widget in (("&From", self.list_from), ("&To", self.list_to)):
            filters.addWidget(buddy_label(text, widget))
            filters.addWidget(widget)
        filters.addWidget(self.list_status)
        filters.addWidget(self.list_show)
        filters.addStretch(1)
        list_page = QWidget()
        ll = QVBoxLayout(list_page)
        ll.addLayout(filters)
        ll.addWidget(self.list_error)
        ll.addWidget(self.list, 1)
        ll.addWidget(self.list_count)

        self.tabs = QTabWidget()
        self.tabs.addTab(week_page, "&Week")
        self.tabs.addTab(list_page, "&List")

        # --- selected visit and actions
        self.selected_label = QLabel("Choose a visit to record what happened.")
        self.selected_label.setWordWrap(True)
        self.delivered_button = QPushButton("Mark &delivered…")
        self.cancel_client_button = QPushButton("Cancelled by &client…")
        self.cancel_carer_button = QPushButton("&Missed by me")
        self.reinstate_button = QPushButton("P&ut back")
        self.delete_button = QPushButton("De&lete")
        self.as_planned_button = QPushButton("Mark delivered as pla&nned")
        self.as_planned_button.setToolTip(
            "Every selected planned visit happened at its planned time "
            "(select several with Ctrl or Shift)"
        )
        visit_actions = QHBoxLayout()
        for b in (
            self.as_planned_button,
            self.delivered_button,
            self.cancel_client_button,
            self.cancel_carer_button,
            self.reinstate_button,
            self.delete_button,
        ):
            visit_actions.addWidget(b)
        visit_actions.addStretch(1)

        self.one_off_button = QPushButton("Add &one-off…")
        self.generate_button = QPushButton("Plan from &schedules…")
        self.ill_button = QPushButton("I'm &ill…")
        self.ics_button = QPushButton("&Export to phone (.ics)…")
        general = QHBoxLayout()
        for b in (self.one_off_button, self.generate_button, self.ill_button, self.ics_button):
            general.addWidget(b)
        general.addStretch(1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("status_label")

        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.selected_label)
        layout.addLayout(visit_actions)
        layout.addWidget(self.status_label)

        self.prev_button.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        self.today_button.clicked.connect(lambda: self.show_week(self.ctx.today()))
        self.week.itemSelectionChanged.connect(self._selection_changed)
        self.week.cellDoubleClicked.connect(lambda *_a: self.mark_delivered())
        self.list.doubleClicked.connect(lambda _i: self.mark_delivered())
        self.list.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.tabs.currentChanged.connect(lambda _i: self._selection_changed())
        self.list_show.clicked.connect(self.refresh_list)
        self.list_status.currentIndexChanged.connect(lambda _i: self.refresh_list())
        self.delivered_button.clicked.connect(self.mark_delivered)
        self.as_planned_button.clicked.connect(self.mark_as_planned)
        self.cancel_client_button.clicked.connect(self.cancel_by_client)
        self.cancel_carer_button.clicked.connect(self.cancel_by_carer)
        self.reinstate_button.clicked.connect(self.reinstate)
        self.delete_button.clicked.connect(self.delete)
        self.one_off_button.clicked.connect(self.add_one_off)
        self.generate_button.clicked.connect(self.generate)
        self.ill_button.clicked.connect(self.ill)
        self.ics_button.clicked.connect(self.export_ics)

        today = ctx.today()
        self.list_from.set_date(today - timedelta(days=28))
        self.list_to.set_date(today + timedelta(days=28))
        self.refresh()

    # --- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_week()
        self.refresh_list()

    def show_week(self, day: date) -> None:
        self.monday = vs.monday_of(day)
        self.refresh_week()

    def refresh_week(self) -> None:
        selected = self.selected_id()
        days = self.ctx.runner.read(lambda s: vs.visits_in_week(s, self.monday))
        sunday = self.monday + timedelta(days=6)
        self.week_label.setText(f"{format_date(self.monday)} – {format_date(sunday)}")
        today = self.ctx.today()
        self.week.clearContents()
        self.week.setRowCount(max([len(r) for r in days.values()] + [1]))
        self.rows_by_id = {r.id: r for rows in days.values() for r in rows}
        for col, (day, rows) in enumerate(days.items()):
            header = QTableWidgetItem(f"{day:%a} {day:%d/%m}")
            if day == today:
                header.setText(f"Today\n{day:%a} {day:%d/%m}")
                font = header.font()
                font.setBold(True)
                header.setFont(font)
            self.week.setHorizontalHeaderItem(col, header)
            for i, row in enumerate(rows):
                item = QTableWidgetItem(cell_text(row))
                item.setData(ROLE_ID, row.id)
                item.setBackground(QBrush(QColor(STATUS_COLOURS[row.status])))
                item.setForeground(QBrush(QColor(TEXT)))
                item.setToolTip(describe_row(row) + f" — {STATUS_LABELS[row.status]}")
                if row.status in (VisitStatus.CANCELLED_BY_CLIENT, VisitStatus.CANCELLED_BY_CARER):
                    font = QFont(item.font())
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(QBrush(QColor(MUTED)))
                self.week.setItem(i, col, item)
                if row.id == selected:
                    self.week.setCurrentCell(i, col)
        self.week.resizeRowsToContents()
        if not self.rows_by_id:
            self.week.setItem(0, 0, QTableWidgetItem("No visits this week."))
        self._selection_changed()

    def _list_filter(self) -> tuple[date, date, str | None] | None:
        try:
            first = self.list_from.date_value("start", required=True)
            last = self.list_to.date_value("end", required=True)
        except ValidationError as exc:
            self.list_error.setText(exc.message)
            self.list_error.show()
            return None
        assert first is not None and last is not None
        if last < first:
            self.list_error.setText("The “To” date is before the “From” date.")
            self.list_error.show()
            return None
        self.list_error.hide()
        return first, last, self.list_status.currentData()

    def _fetch(self, offset: int, limit: int) -> list[vs.VisitRow]:
        f = self._list_filter() if hasattr(self, "list_status") else None
        if f is None:
            return []
        first, last, status = f
        return self.ctx.runner.read(
            lambda s: vs.list_visits(s, first, last, status=status, limit=limit, offset=offset)
        )

    def refresh_list(self) -> None:
        self.list_model.reset()
        n = self.list_model.rowCount()
        more = "+" if self.list_model.canFetchMore() else ""
        self.list_count.setText(f"{n}{more} visit{'s' if n != 1 else ''}")
        for r in self.list_model.rows():
            self.rows_by_id.setdefault(r.id, r)
        self._selection_changed()

    # --- selection ----------------------------------------------------------------------
    def selected_row(self) -> vs.VisitRow | None:
        if self.tabs.currentIndex() == 0:
            item = self.week.currentItem()
            visit_id = item.data(ROLE_ID) if item is not None else None
            return self.rows_by_id.get(visit_id) if visit_id is not None else None
        return self.list_model.row_at(self.list.currentIndex().row())

    def selected_id(self) -> int | None:
        row = self.selected_row() if hasattr(self, "tabs") else None
        return row.id if row else None

    def selected_rows(self) -> list[vs.VisitRow]:
        """Every selected visit (the week view or the list, whichever is showing)."""
        if self.tabs.currentIndex() == 0:
            ids = [item.data(ROLE_ID) for item in self.week.selectedItems()]
            return [self.rows_by_id[i] for i in ids if i in self.rows_by_id]
        rows = sorted({i.row() for i in self.list.selectionModel().selectedRows()})
        return [r for r in (self.list_model.row_at(n) for n in rows) if r is not None]

    def show_planned(self, first: date, last: date) -> int:
        """The list of planned visits from first to last, all selected, ready to mark
        (Today's "Record last week's visits" opens this). Returns how many."""
        self.tabs.setCurrentIndex(1)
        self.list_from.set_date(first)
        self.list_to.set_date(last)
        self.list_status.blockSignals(True)
        self.list_status.setCurrentIndex(self.list_status.findData(str(VisitStatus.PLANNED)))
        self.list_status.blockSignals(False)
        self.refresh_list()
        self.list.selectAll()
        self.list.setFocus()
        return self.list_model.rowCount()

    def show_visit(self, visit_id: int) -> bool:
        """The week holding the visit, with the visit chosen (Today's links use this)."""
        from app.core.errors import NotFound

        try:
            start = self.ctx.runner.read(lambda s: vs.get_visit(s, visit_id).planned_start)
        except NotFound:
            return False
        self.show_week(vs.local_date(start))
        return self.select_visit(visit_id)

    def select_visit(self, visit_id: int) -> bool:
        """Selects a visit in the week view (tests and Today use this)."""
        self.tabs.setCurrentIndex(0)
        for r in range(self.week.rowCount()):
            for c in range(7):
                item = self.week.item(r, c)
                if item is not None and item.data(ROLE_ID) == visit_id:
                    self.week.setCurrentCell(r, c)
                    return True
        return False

    def _selection_changed(self) -> None:
        if not hasattr(self, "as_planned_button"):
            return
        several = self.selected_rows()
        planned = [r for r in several if r.status == VisitStatus.PLANNED]
        self.as_planned_button.setEnabled(bool(planned))
        self.as_planned_button.setText(
            f"Mark {len(planned)} delivered as pla&nned"
            if len(planned) > 1
            else "Mark delivered as pla&nned"
        )
        row = self.selected_row()
        planned = row is not None and row.status == VisitStatus.PLANNED
        cancelled = row is not None and row.status in (
            VisitStatus.CANCELLED_BY_CLIENT,
            VisitStatus.CANCELLED_BY_CARER,
        )
        self.delivered_button.setEnabled(row is not None and not cancelled)
        self.cancel_client_button.setEnabled(planned)
        self.cancel_carer_button.setEnabled(planned)
        self.reinstate_button.setEnabled(cancelled)
        self.delete_button.setEnabled(row is not None)
        if row is None:
            self.selected_label.setText("Choose a visit to record what happened.")
            return
        text = f"{describe_row(row)} — {STATUS_LABELS[row.status]}"
        if row.one_off:
            text += " (one-off)"
        if row.late_cancel_charge_pence:
            text += f", late-cancellation charge {format_money(row.late_cancel_charge_pence)}"
        if row.status == VisitStatus.DELIVERED and row.miles_tenths:
            text += f", {format_miles(row.miles_tenths)} miles"
        self.selected_label.setText(text)

    # --- actions ------------------------------------------------------------------------
    def _now(self) -> datetime:
        """Now, on the context's day (tests fix the day)."""
        now = datetime.now(LONDON)
        if now.date() == self.ctx.today():
            return now
        return datetime.combine(
            self.ctx.today(), now.time().replace(second=0, microsecond=0), tzinfo=LONDON
        )

    def _open(self, dialog: QWidget, after=None) -> QWidget:  # type: ignore[no-untyped-def]
        self.dialog = dialog
        if after is not None:
            dialog.accepted.connect(lambda: after(dialog))
        dialog.open()
        return dialog

    def mark_delivered(self) -> QWidget | None:
        row = self.selected_row()
        if row is None or row.status not in (VisitStatus.PLANNED, VisitStatus.DELIVERED):
            return None
        return self._open(DeliveredDialog(self.ctx, row, self))

    def mark_as_planned(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.status == VisitStatus.PLANNED]
        if not ids:
            return
        result = self.ctx.runner.run(lambda s: vs.mark_delivered_as_planned(s, ids), parent=self)
        if result is not None:
            self.status_label.setText(result.summary())

    def cancel_by_client(self) -> QWidget | None:
        row = self.selected_row()
        if row is None or row.status != VisitStatus.PLANNED:
            return None
        return self._open(CancelByClientDialog(self.ctx, row, self._now(), self))

    def cancel_by_carer(self) -> None:
        row = self.selected_row()
        if row is None or row.status != VisitStatus.PLANNED:
            return
        answer = QMessageBox.question(
            self,
            "Missed by me",
            f"Mark this visit as missed by you?\n\n{describe_row(row)}\n\n"
            "The client is not charged. Remember to let them know.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        now = self._now()
        if (
            self.ctx.runner.run(
                lambda s: vs.cancel_by_carer(s, row.id, cancelled_at=now),
                parent=self,
            )
            is not None
        ):
            self.status_label.setText("Visit marked as missed by you. No charge.")

    def reinstate(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if self.ctx.runner.run(lambda s: vs.reinstate_visit(s, row.id), parent=self) is not None:
            self.status_label.setText("The visit is planned again.")

    def delete(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete visit",
            f"Delete this visit for good?\n\n{describe_row(row)}\n\n"
            "Only do this for a visit entered by mistake. To record that it did not happen, "
            "use “Cancelled by client” or “Missed by me” instead.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.runner.run(lambda s: vs.delete_visit(s, row.id), parent=self) is not None:
            self.status_label.setText("Visit deleted.")

    def add_one_off(self) -> QWidget:
        day = (
            max(self.monday, self.ctx.today())
            if self.monday <= self.ctx.today() + timedelta(days=6)
            else self.monday
        )
        return self._open(OneOffDialog(self.ctx, day, self))

    def generate(self) -> QWidget:
        def done(dialog: GenerateDialog) -> None:
            result = dialog.result_value
            text = result.summary()  # type: ignore[attr-defined]
            clashes = result.clashes  # type: ignore[attr-defined]
            if clashes:
                text += "\nNot added: " + "; ".join(c.describe() for c in clashes[:5])
                if len(clashes) > 5:
                    text += f"; and {len(clashes) - 5} more"
            self.status_label.setText(text)

        from app.core.visits.generate import PLAN_AHEAD_WEEKS, first_unplanned_day

        today = self.ctx.today()
        # from the start of an agreement not yet planned (past weeks too), else from today
        first = self.ctx.runner.read(lambda s: first_unplanned_day(s, today))
        last = max(first, today) + timedelta(weeks=PLAN_AHEAD_WEEKS) - timedelta(days=1)
        return self._open(GenerateDialog(self.ctx, first, self, last), done)

    def ill(self) -> QWidget:
        def done(dialog: IllDialog) -> None:
            from app.core.profile import get_profile
            from app.ui.pdf_preview import show_pdf
            from app.ui.visits.printout import html_to_pdf, ill_html

            result = dialog.result_value
            # read inside the session: a profile object is expired once the read ends
            name = self.ctx.runner.read(
                lambda s: p.carer_name if (p := get_profile(s)) is not None else ""
            )
            n = result.cancelled  # type: ignore[attr-defined]
            self.status_label.setText(
                f"{n} visit{'s' if n != 1 else ''} marked as missed by you; no one is charged. "
                "Tell each client (the list is ready to print)."
            )
            pdf = html_to_pdf(ill_html(result, name))  # type: ignore[arg-type]
            self.dialog = show_pdf(self, pdf, "Clients to tell", "clients-to-tell.pdf")

        return self._open(IllDialog(self.ctx, self.ctx.today(), self), done)

    def export_ics(self) -> Path | None:
        from app.core.visits.ics import visits_ics
        from app.ui.save_as import save_file_as

        first = self.ctx.today()
        last = first + timedelta(weeks=ICS_WEEKS) - timedelta(days=1)
        data = self.ctx.runner.read(lambda s: visits_ics(s, first, last))
        path = save_file_as(
            self,
            data,
            "daybook-visits.ics",
            caption="Export visits for your phone",
            file_filter="Calendar files (*.ics)",
            suffix=".ics",
            what="the file",
            confirm=False,  # said below, with how many and what to do next
        )
        if path is None:
            return None
        n = data.count(b"BEGIN:VEVENT")
        self.status_label.setText(
            f"Saved {n} visit{'s' if n != 1 else ''} ({format_date(first)} to "
            f"{format_date(last)}) to {path}. Open the file on your phone, or import it into "
            "your calendar. Notes and addresses are not in it."
        )
        return path
