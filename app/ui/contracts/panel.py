"""Contracts: draft the written agreement, send it, mark it signed, make new versions,
record notice; Plan B contacts; preview, print or save the PDF."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Done
from app.core.clients import client_choices
from app.core.contracts.drafting import (
    discard_draft,
    draft_contract,
    new_version,
    send_version,
    sign_version,
    update_version,
)
from app.core.contracts.ending import give_notice, withdraw_notice
from app.core.contracts.form import draft_from_version, new_contract_draft
from app.core.contracts.lookup import get_contract, latest_signed, latest_version
from app.core.contracts.models import NOTICE_BY_LABELS, STATUS_LABELS, ContractStatus, NoticeBy
from app.core.contracts.rows import contract_rows
from app.core.contracts.term_warnings import contract_warnings
from app.core.errors import NotFound
from app.core.formatting import format_date, format_money
from app.ui.contracts import clauses as _clauses  # noqa: F401  (registers the Settings section)
from app.ui.contracts import tab as _tab  # noqa: F401  (registers the client tab)
from app.ui.contracts.dialogs import NewVersionDialog, NoticeDialog, SignDialog
from app.ui.contracts.form import ContractForm
from app.ui.contracts.widgets import (
    PlanBEditor,
    exec_dialog,
    fill,
    preview_version,
    read_only_table,
    selected_id,
)
from app.ui.layout import FlowLayout, heading_label, scrolling, side_by_side
from app.ui.registry import Panel, register_panel
from app.ui.style import INFO_BOX_STYLE, WARNING_BOX_STYLE

WARNING_STYLE = WARNING_BOX_STYLE
BANNER_STYLE = INFO_BOX_STYLE

NEW_TEXT = (
    "Fill in the terms you have agreed, then save the draft. "
    "Nothing is final until you mark it signed."
)
NO_CLIENTS_TEXT = "Add a client first, in Clients."
SIGNED_KEPT = "Signed. The signed copy is kept exactly as it is."


def _first_of_next_month(today: date) -> date:
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


@register_panel
class ContractsPanel(Panel):
    AREA = Area.CONTRACTS
    WATCHES = frozenset({Area.CONTRACTS, Area.CLIENTS, Area.PROFILE})

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.contract_id: int | None = None
        self.version_id: int | None = None
        self.status: ContractStatus | None = None
        self._pdf_dialog = None
        self._dirty = False
        self.rows: list = []

        # Left: every contract.
        self.new_button = QPushButton("&New agreement")
        self.show_ended = QCheckBox("Show &ended")
        self.table = read_only_table(["Client", "Ver.", "Status", "Rate", "Visits"])
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        left = QWidget()
        lv = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(QLabel("Agreements with clients"), 1)
        top.addWidget(self.show_ended)
        top.addWidget(self.new_button)
        lv.addLayout(top)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.count_label)

        # Right: one contract.
        self.heading = heading_label()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_button = QPushButton("Make a new &version…")
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_button)

        self.send_button = QPushButton("Mar&k as sent")
        self.sign_button = QPushButton("Mark as si&gned…")
        self.version_button = QPushButton("New &version…")
        self.notice_button = QPushButton("Give n&otice…")
        self.withdraw_button = QPushButton("&Withdraw notice")
        self.discard_button = QPushButton("&Discard draft")
        self.preview_button = QPushButton("&Preview PDF")
        actions = FlowLayout()
        for b in (
            self.send_button,
            self.sign_button,
            self.version_button,
            self.notice_button,
            self.withdraw_button,
            self.discard_button,
            self.preview_button,
        ):
            actions.addWidget(b)

        self.form = ContractForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.hide()
        self.saved_label = QLabel()
        self.save_button = QPushButton("S&ave draft")
        self.save_button.setDefault(True)
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)
        terms = QWidget()
        tv = QVBoxLayout(terms)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(scroll, 1)
        tv.addWidget(self.warnings)
        tv.addLayout(save_row)

        self.versions = read_only_table(["Version", "Status", "Starts", "Rate", "Signed"])
        self.version_preview = QPushButton("Preview this &version")
        versions_tab = QWidget()
        vv = QVBoxLayout(versions_tab)
        history = QLabel(
            "Every version is kept. A signed version never changes; the PDF "
            "shown is the copy stored when it was signed."
        )
        history.setWordWrap(True)
        vv.addWidget(history)
        vv.addWidget(self.versions, 1)
        vv.addWidget(self.version_preview, 0, Qt.AlignmentFlag.AlignLeft)

        self.plan_b = PlanBEditor(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(terms, "&Terms")
        self.tabs.addTab(scrolling(versions_tab), "Version &history")
        self.tabs.addTab(scrolling(self.plan_b), "Plan &B contacts")

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.heading)
        rv.addWidget(self.status_label)
        rv.addLayout(banner_row)
        rv.addLayout(actions)
        rv.addWidget(self.tabs, 1)

        self.list_detail = side_by_side(
            left,
            right,
            noun="agreements",
            openers=(self.new_button,),
            detail_when_empty=True,
            stretch=(1, 2),
            sizes=(700, 1400),
        )
        QVBoxLayout(self).addWidget(self.list_detail)

        self._warn_timer = QTimer(self)
        self._warn_timer.setSingleShot(True)
        self._warn_timer.setInterval(250)
        self._warn_timer.timeout.connect(self.update_warnings)
        self.form.edited.connect(self._form_edited)
        self.form.client.currentIndexChanged.connect(self._client_chosen)
        self.new_button.clicked.connect(self.new_contract)
        self.show_ended.toggled.connect(lambda _c: self.refresh())
        self.save_button.clicked.connect(self.save)
        self.send_button.clicked.connect(self.send)
        self.sign_button.clicked.connect(self.mark_signed)
        self.version_button.clicked.connect(self.make_new_version)
        self.banner_button.clicked.connect(self.make_new_version)
        self.notice_button.clicked.connect(self.record_notice)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.discard_button.clicked.connect(self.discard)
        self.preview_button.clicked.connect(self.preview)
        self.version_preview.clicked.connect(self.preview_selected_version)
        self.versions.doubleClicked.connect(lambda _i: self.preview_selected_version())
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)
        else:
            self.new_contract()

    # --- data -------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.ctx.today()
        rows = self.ctx.runner.read(lambda s: contract_rows(s))
        if not self.show_ended.isChecked():
            rows = [r for r in rows if r.end_date is None or r.end_date >= today]
        self.rows = rows
        self.table.blockSignals(True)
        fill(
            self.table,
            [
                [
                    r.client_name,
                    str(r.version_no),
                    r.status_label,
                    f"{format_money(r.standard_rate_pence)}/h",
                    r.schedule,
                ]
                for r in rows
            ],
            [r.contract_id for r in rows],
        )
        for i, r in enumerate(rows):
            if r.contract_id == self.contract_id:
                self.table.selectRow(i)
        self.table.blockSignals(False)
        n = len(rows)
        self.count_label.setText(f"{n} agreement{'s' if n != 1 else ''}")
        if self.contract_id is not None:
            self.open_contract(self.contract_id, keep_form=self._dirty)
        else:
            self._offer_clients()

    def _offer_clients(self) -> None:
        """A new agreement on screen: offer clients added since, keeping what is typed."""
        clients = self.ctx.runner.read(client_choices)
        had = self.form.client.currentData()
        self.form.set_clients(clients)
        self.status_label.setText(NEW_TEXT if clients else NO_CLIENTS_TEXT)
        self.save_button.setVisible(bool(clients))
        if had is None and self.form.client.currentData() is not None:
            self._client_chosen()

    def _row_chosen(self) -> None:
        contract_id = selected_id(self.table)
        if contract_id is not None and contract_id != self.contract_id:
            self.open_contract(contract_id)

    def open_contract(self, contract_id: int, *, keep_form: bool = False) -> None:
        def load(s):  # type: ignore[no-untyped-def]
            contract = get_contract(s, contract_id)
            latest = latest_version(contract)
            versions = [
                (
                    v.id,
                    v.version_no,
                    STATUS_LABELS[ContractStatus(v.status)],
                    format_date(v.starts_on),
                    f"{format_money(v.standard_rate_pence)}/h",
                    (f"{format_date(v.signed_on)} ({v.signed_how})" if v.signed_on else ""),
                )
                for v in reversed(contract.versions)
            ]
            return (
                draft_from_version(latest),
                latest.id,
                latest.version_no,
                ContractStatus(latest.status),
                contract.client.name,
                contract.client_id,
                contract.end_date,
                contract.notice_given_by,
                contract.notice_given_on,
                latest.sent_on,
                versions,
                client_choices(s),
                latest_signed(contract) is not None,
            )

        try:
            (
                draft,
                version_id,
                version_no,
                status,
                client_name,
                client_id,
                end_date,
                notice_by,
                notice_on,
                sent_on,
                versions,
                clients,
                signed_any,
            ) = self.ctx.runner.read(load)
        except NotFound:  # the contract went (a discarded draft): start afresh
            self.contract_id = None
            self.new_contract()
            return
        if not (keep_form and version_id == self.version_id):
            self.saved_label.clear()
        self.contract_id, self.version_id, self.status = contract_id, version_id, status
        choices = (
            clients
            if any(c == client_id for c, _ in clients)
            else [(client_id, client_name), *clients]
        )
        if not (keep_form and version_id == self.version_id):
            self.form.set_clients(choices)
            self.form.load(draft)
            self._dirty = False
        self.form.client.setEnabled(False)
        locked = status in (ContractStatus.SIGNED, ContractStatus.SUPERSEDED)
        self.form.setEnabled(not locked)
        self.heading.setText(f"Agreement with {client_name}")
        status_text = f"Version {version_no}: {STATUS_LABELS[status]}"
        if status == ContractStatus.SENT and sent_on:
            status_text += f" (sent {format_date(sent_on)})"
        if notice_on:
            status_text += (
                f". Notice given by {NOTICE_BY_LABELS[NoticeBy(notice_by)]} on "
                f"{format_date(notice_on)}: last day {format_date(end_date)}."
            )
        elif end_date:
            status_text += f". Ends {format_date(end_date)}."
        self.status_label.setText(status_text)
        self.banner.setText(
            f"Version {version_no} is signed, so its terms are locked. To "
            "change them, make a new version that starts on a date."
            if locked
            else ""
        )
        self.banner.setVisible(locked)
        self.banner_button.setVisible(locked)
        self.send_button.setVisible(status == ContractStatus.DRAFT)
        self.sign_button.setVisible(not locked)
        self.discard_button.setVisible(not locked)
        self.version_button.setVisible(False)  # the banner offers it when locked
        self.notice_button.setVisible(signed_any and notice_on is None)
        self.withdraw_button.setVisible(notice_on is not None)
        self.preview_button.setEnabled(True)
        self.save_button.setVisible(not locked)
        self.save_button.setText("S&ave draft")
        fill(
            self.versions,
            [[f"Version {v[1]}", v[2], v[3], v[4], v[5]] for v in versions],
            [v[0] for v in versions],
        )
        self.plan_b.set_client(client_id)
        self.update_warnings()

    def new_contract(self) -> None:
        clients = self.ctx.runner.read(client_choices)
        self.contract_id = self.version_id = None
        self.status = None
        self.table.clearSelection()
        self.form.setEnabled(True)
        self.form.set_clients(clients)
        self.form.client.setEnabled(True)
        self.heading.setText("New agreement")
        self.status_label.setText(NEW_TEXT if clients else NO_CLIENTS_TEXT)
        self.banner.hide()
        self.banner_button.hide()
        for b in (
            self.send_button,
            self.sign_button,
            self.version_button,
            self.notice_button,
            self.withdraw_button,
            self.discard_button,
        ):
            b.hide()
        self.preview_button.setEnabled(False)
        self.save_button.setVisible(bool(clients))
        self.save_button.setText("S&ave draft")
        fill(self.versions, [], [])
        self._client_chosen()
        self._dirty = False
        self.saved_label.clear()

    def _client_chosen(self) -> None:
        if self.contract_id is not None:
            return
        client_id = self.form.client.currentData()
        self.plan_b.set_client(client_id)
        if client_id is None:
            return
        today = self.ctx.today()
        draft = self.ctx.runner.read(lambda s: new_contract_draft(s, client_id, today=today))
        kept = self.form.draft(lenient=True)
        if kept.standard_rate_pence is not None or kept.schedule:
            # Keep what was typed; only the client changed.
            kept.client_id = client_id
            draft = kept
        self.form.load(draft)
        self.update_warnings()

    def _form_edited(self) -> None:
        self._dirty = True
        self.saved_label.clear()
        self._warn_timer.start()

    def update_warnings(self) -> None:
        if self.status in (ContractStatus.SIGNED, ContractStatus.SUPERSEDED):
            self.warnings.hide()
            return
        draft = self.form.draft(lenient=True)
        found = self.ctx.runner.read(lambda s: contract_warnings(s, draft))
        if found:
            self.warnings.setText(
                "Worth a second look (you can still save):\n" + "\n".join(f"• {w}" for w in found)
            )
        self.warnings.setVisible(bool(found))

    # --- actions ----------------------------------------------------------------------
    def save(self) -> bool:
        """Saves the draft on screen; True when saved (or nothing to save)."""
        if self.status in (ContractStatus.SIGNED, ContractStatus.SUPERSEDED):
            return True
        today = self.ctx.today()
        version_id = self.version_id

        def work(session):  # type: ignore[no-untyped-def]
            draft = self.form.draft()
            if version_id is None:
                return draft_contract(session, draft, today=today).map(lambda v: v.contract_id)
            said = update_version(session, version_id, draft, today=today)
            return Done(self.contract_id, said)

        saved = self.ctx.runner.run(work, errors=self.form.errors, parent=self)
        if saved is None:
            self.tabs.setCurrentIndex(0)
            return False
        self.contract_id = saved
        self._dirty = False
        self.refresh()
        self.saved_label.setText("Saved.")
        return True

    def send(self) -> None:
        if self.version_id is None or not self.save():
            return
        version_id, today = self.version_id, self.ctx.today()
        if (
            self.ctx.runner.run(
                lambda s: send_version(s, version_id, sent_on=today),
                parent=self,
            )
            is not None
        ):
            self.refresh()
            self.saved_label.setText("Marked as sent. Preview the PDF to print or save it.")

    def mark_signed(self) -> None:
        if self.version_id is None or not self.save():
            return
        from app.core.contracts.document import signing_render
        from app.documents.contract_pdf import render_contract_pdf

        version_id, today = self.version_id, self.ctx.today()
        dialog = SignDialog(today, self)
        while exec_dialog(dialog):

            def work(session, d=dialog):  # type: ignore[no-untyped-def]
                signed_on = d.signed_on.date_value("signed_on", required=True)
                return sign_version(
                    session,
                    version_id,
                    signed_on=signed_on,
                    how=d.how.text(),
                    today=today,
                    render=signing_render(render_contract_pdf),
                )

            cleared = self.ctx.runner.run(work, errors=dialog.errors, parent=dialog)
            if cleared is not None:
                self.refresh()
                said = " ".join(["Signed.", cleared.summary()]).strip()
                self.saved_label.setText(said.replace("Signed.", SIGNED_KEPT, 1))
                self.offer_planning(said)
                break

    def offer_planning(self, said: str = "Signed.") -> None:
        """Straight after signing: the visits the schedule asks for, from the start date
        (weeks already gone included, to be recorded as delivered) to eight weeks ahead."""
        from app.core.visits.generate import PLAN_AHEAD_WEEKS, plan_from_start

        contract_id, today = self.contract_id, self.ctx.today()
        if contract_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Plan visits",
            "Plan visits from the start date?\n\n"
            f"Daybook adds the visits this agreement's schedule asks for, from its start "
            f"date to {PLAN_AHEAD_WEEKS} weeks ahead. Weeks already gone are included, so "
            "you can record them as delivered. Visits already there are kept.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        result = self.ctx.runner.run(
            lambda s: plan_from_start(s, contract_id, today=today), parent=self
        )
        if result is not None:
            self.saved_label.setText(f"{said} {result.summary()} They are in Visits.")

    def make_new_version(self) -> None:
        if self.contract_id is None:
            return
        contract_id, today = self.contract_id, self.ctx.today()
        dialog = NewVersionDialog(_first_of_next_month(today), self)
        while exec_dialog(dialog):

            def work(session, d=dialog):  # type: ignore[no-untyped-def]
                starts_on = d.starts_on.date_value("starts_on", required=True)
                return new_version(session, contract_id, starts_on=starts_on, today=today).map(
                    lambda v: v.id
                )

            if self.ctx.runner.run(work, errors=dialog.errors, parent=dialog) is not None:
                self.refresh()
                self.tabs.setCurrentIndex(0)
                self.saved_label.setText("New version drafted: change the terms, then save.")
                break

    def record_notice(self) -> None:
        if self.contract_id is None:
            return
        contract_id, today = self.contract_id, self.ctx.today()
        dialog = NoticeDialog(today, self)
        while exec_dialog(dialog):

            def work(session, d=dialog):  # type: ignore[no-untyped-def]
                given_on = d.given_on.date_value("notice_given_on", required=True)
                return give_notice(
                    session, contract_id, by=d.by.currentData(), given_on=given_on, today=today
                )

            done = self.ctx.runner.run(work, errors=dialog.errors, parent=dialog)
            if done is not None:
                self.refresh()
                self.saved_label.setText(
                    f"Notice recorded. The last day is {format_date(done.last_day)}; it shows "
                    f"on Today. {done.visits_said}".strip()
                )
                break

    def withdraw(self) -> None:
        if self.contract_id is None:
            return
        contract_id = self.contract_id
        answer = QMessageBox.question(
            self,
            "Withdraw notice",
            "Withdraw the notice? The agreement carries on as before.\n\n"
            "Visits removed when notice was given come back with Plan from schedules, "
            "in Visits.",
        )
        if (
            answer == QMessageBox.StandardButton.Yes
            and self.ctx.runner.run(
                lambda s: withdraw_notice(s, contract_id),
                parent=self,
            )
            is not None
        ):
            self.refresh()

    def discard(self) -> None:
        if self.version_id is None:
            return
        version_id = self.version_id
        answer = QMessageBox.question(
            self,
            "Discard draft",
            "Discard this draft? It was never signed; signed versions are kept.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.runner.run(lambda s: discard_draft(s, version_id), parent=self) is not None:
            contract_id = self.contract_id
            self.contract_id = None
            self.refresh()
            if contract_id is not None and any(r.contract_id == contract_id for r in self.rows):
                self.open_contract(contract_id)
            else:
                self.new_contract()

    def preview(self) -> None:
        if self.version_id is None or not self.save():
            return
        preview_version(self.ctx, self, self.version_id)

    def preview_selected_version(self) -> None:
        version_id = selected_id(self.versions)
        if version_id is not None:
            preview_version(self.ctx, self, version_id)
