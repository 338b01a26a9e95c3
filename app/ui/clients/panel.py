"""Clients: search as you type, add, edit, archive (never a silent delete)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area
from app.core.clients import (
    STATUS_LABELS,
    ClientDraft,
    ClientRow,
    archive_client,
    draft_from_client,
    get_client,
    restore_client,
    save_client,
    search_clients,
)
from app.core.errors import ValidationError
from app.core.formatting import format_date
from app.ui import forms
from app.ui.clients.form import ClientForm
from app.ui.clients.tabs import client_tabs
from app.ui.feedback import client_tab as _feedback_tabs  # noqa: F401  (registers its tabs)
from app.ui.layout import (
    ArchivableRecordButtons,
    detail_column,
    heading_label,
    scrolling,
    side_by_side,
)
from app.ui.lazy_model import LazyTableModel
from app.ui.registry import Panel, register_panel

COLUMNS = [
    ("Name", lambda r: r.name + (f" ({r.preferred_name})" if r.preferred_name else "")),
    ("Status", lambda r: "Archived" if r.archived else STATUS_LABELS[r.status]),
    ("Who pays", lambda r: r.payer),
    ("Phone", lambda r: r.phone),
    ("Since", lambda r: format_date(r.start_date)),
]


@register_panel
class ClientsPanel(Panel):
    AREA = Area.CLIENTS
    WATCHES = frozenset({Area.CLIENTS})

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.current_id: int | None = None

        self.search = QLineEdit()
        self.search.setAccessibleName("Search clients")
        self.search.setPlaceholderText("Search clients…")
        self.search.setToolTip("Type part of a name, payer, phone number or address")
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox("Show &archived")
        self.add_button = QPushButton("&New client")
        self.model: LazyTableModel[ClientRow] = LazyTableModel(COLUMNS, self._fetch, self)
        self.table = QTableView()
        self.table.setAccessibleName("Clients")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(0)  # the rows in view
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()  # one line each: a fixed height, never measured
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(max(rows.defaultSectionSize(), self.fontMetrics().height() + 8))
        self.count_label = QLabel()

        left = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        top.addWidget(self.add_button)
        lv = QVBoxLayout(left)
        lv.addLayout(top)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.count_label)

        self.heading = heading_label()
        self.form = ClientForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "&Details")
        buttons = ArchivableRecordButtons()
        self.save_button, self.archive_button = buttons.save_button, buttons.archive_button
        self.restore_button, self.saved_label = buttons.restore_button, buttons.saved_label
        right = detail_column(self.heading, self.tabs, buttons)
        layout = QVBoxLayout(self)
        self.list_detail = side_by_side(
            left,
            right,
            noun="clients",
            openers=(self.add_button,),
            detail_when_empty=True,
            sizes=(560, 640),
        )
        layout.addWidget(self.list_detail)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.show_archived.toggled.connect(lambda _c: self.refresh())
        self.add_button.clicked.connect(lambda: self.may_leave() and self.new_client())
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(self.archive)
        self.restore_button.clicked.connect(self.restore)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._open_row(cur.row())
        )
        self.new_client()
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(0)

    # --- data -------------------------------------------------------------------------
    def _fetch(self, offset: int, limit: int) -> list[ClientRow]:
        text = self.search.text() if hasattr(self, "search") else ""
        archived = self.show_archived.isChecked() if hasattr(self, "show_archived") else False
        return self.ctx.runner.read(
            lambda s: search_clients(s, text, include_archived=archived, limit=limit, offset=offset)
        )

    def refresh(self) -> None:
        self.model.reset()
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(
            f"{n}{more} client{'s' if n != 1 else ''}"
            + (" match" if self.search.text().strip() else "")
        )
        if self.current_id is not None:
            for i, row in enumerate(self.model.rows()):
                if row.id == self.current_id:
                    self.table.selectRow(i)
                    break

    # --- actions ----------------------------------------------------------------------
    def _open_row(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is not None and r.id != self.current_id and self.may_leave():
            self.open_client(r.id)

    def has_unsaved_changes(self) -> bool:
        try:
            return self.form.draft() != self._loaded
        except ValidationError:
            return True  # something typed that cannot even be read yet

    def may_leave(self) -> bool:
        """Asks before unsaved typing is dropped. True when it is fine to show something else."""
        if not self.has_unsaved_changes():
            return True
        answer = forms.ask_unsaved(
            self, "You have changed this client's details without saving. Save them now?"
        )
        if answer == forms.DISCARD:
            return True
        before = self.current_id
        if answer == forms.STAY:
            self._select(before)
            return False
        self.save()
        if self.has_unsaved_changes():  # the save was refused: stay, the message is shown
            self._select(before)
            return False
        return True

    def _select(self, client_id: int | None) -> None:
        self.table.blockSignals(True)
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        for i, row in enumerate(self.model.rows()):
            if row.id == client_id:
                self.table.selectRow(i)
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)

    def open_client(self, client_id: int) -> None:
        client_draft, archived = self.ctx.runner.read(
            lambda s: (
                draft_from_client(get_client(s, client_id)),
                get_client(s, client_id).archived_at is not None,
            )
        )
        self.current_id = client_id
        self.form.load(client_draft)
        self._loaded = self.form.draft()
        self.heading.setText(client_draft.name + (" — archived" if archived else ""))
        self.archive_button.setVisible(not archived)
        self.restore_button.setVisible(archived)
        self.saved_label.clear()
        self._rebuild_tabs(client_id)

    def new_client(self) -> None:
        self.current_id = None
        self.table.clearSelection()
        self.form.load(ClientDraft())
        self._loaded = self.form.draft()
        self.heading.setText("New client")
        self.archive_button.hide()
        self.restore_button.hide()
        self.saved_label.clear()
        self._rebuild_tabs(None)
        self.form.name.setFocus()

    def _rebuild_tabs(self, client_id: int | None) -> None:
        while self.tabs.count() > 1:
            w = self.tabs.widget(1)
            self.tabs.removeTab(1)
            w.deleteLater()
        if client_id is None:
            return
        for title, factory in client_tabs():
            self.tabs.addTab(scrolling(factory(self.ctx, client_id)), title)

    def save(self) -> None:
        today = self.ctx.today()
        client_id = self.current_id

        saved = self.ctx.runner.run(
            lambda s: save_client(s, client_id, self.form.draft(), today=today),
            errors=self.form.errors,
            parent=self,
        )
        if saved is not None:
            self.current_id = saved
            self.open_client(saved)
            self.saved_label.setText("Saved.")

    def archive(self) -> None:
        if self.current_id is None:
            return
        client_id = self.current_id
        answer = QMessageBox.question(
            self,
            "Archive client",
            "Archive this client? They leave the everyday list, but nothing is deleted: "
            "their contracts, visits and invoices stay, and you can restore them at any time.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.runner.run(lambda s: archive_client(s, client_id), parent=self) is not None:
            self.open_client(client_id)

    def restore(self) -> None:
        if self.current_id is None:
            return
        client_id = self.current_id
        if self.ctx.runner.run(lambda s: restore_client(s, client_id), parent=self) is not None:
            self.open_client(client_id)
