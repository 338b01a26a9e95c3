"""Portfolio: the carer's documents by type with their expiry, each with its files (attached
by a file dialog or drag and drop, kept inside the encrypted database), a preview, the export
of a portfolio PDF, and the log of who was sent or shown it."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area
from app.core.errors import ValidationError
from app.core.formatting import format_date
from app.core.portfolio.expiry import STATUS_LABELS, ExpiryStatus
from app.core.portfolio.models import TYPE_LABELS, TYPE_PLURALS, DocType
from app.core.portfolio.services import (
    MAX_FILE_BYTES,
    DocumentDraft,
    DocumentRow,
    FileRow,
    archive_document,
    attach_file,
    check_file_kind,
    document_row,
    draft_from_document,
    file_content,
    get_document,
    list_documents,
    list_files,
    remove_file,
    restore_document,
    save_document,
)
from app.ui.forms import DateEdit, FormGrid, MoneyEdit, TextArea, error_label
from app.ui.layout import ArchivableRecordButtons, detail_column, heading_label, side_by_side
from app.ui.portfolio.files import FileList, preview_file, thumbnail
from app.ui.portfolio.share_log import ShareLogView
from app.ui.registry import Panel, register_panel
from app.ui.style import CAUTION, DANGER, MUTED

EXPIRED_COLOUR = QColor(DANGER)
SOON_COLOUR = QColor(CAUTION)
FILE_FILTER = (
    "Documents (*.pdf *.jpg *.jpeg *.png *.heic *.PDF *.JPG *.JPEG *.PNG *.HEIC);;All files (*)"
)


class DocumentForm(FormGrid):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc_type = QComboBox()
        for t in DocType:
            self.doc_type.addItem(TYPE_LABELS[t], t.value)
        self.title = QLineEdit()
        self.issuer = QLineEdit()
        self.number = QLineEdit()
        self.issue_date = DateEdit()
        self.expiry_date = DateEdit()
        self.renewal_date = DateEdit()
        self.cover = MoneyEdit()
        self.notes = TextArea(2)
        self.in_default_set = QCheckBox("Include in the &usual portfolio I send")
        self.add_field("doc_type", "&Kind:", self.doc_type)
        self.add_field("title", "&Title:", self.title)
        self.add_field(
            "issuer",
            "Issued &by:",
            self.issuer,
            help="The insurer, training provider, or who wrote it.",
        )
        self.add_field(
            "number", "N&umber:", self.number, help="Certificate or policy number, if it has one."
        )
        self.add_field("issue_date", "&Issued on:", self.issue_date)
        self.add_field(
            "expiry_date",
            "E&xpires on:",
            self.expiry_date,
            help="Daybook reminds you on Today 30 days before.",
        )
        self.add_field(
            "renewal_date",
            "Update service &renewal:",
            self.renewal_date,
            help="When the yearly DBS update service subscription renews.",
        )
        self.add_field("cover_pence", "Co&ver:", self.cover, help="e.g. 5,000,000")
        self.add_field("notes", "&Notes:", self.notes)
        self.add_field("in_default_set", "", self.in_default_set)
        self.doc_type.currentIndexChanged.connect(lambda _i: self._kind_changed())

    def _row_visible(self, widget: QWidget, visible: bool) -> None:
        widget.setVisible(visible)
        for label in self.findChildren(QLabel):
            if label.buddy() is widget:
                label.setVisible(visible)
        # the help line sits in the next grid row
        grid = self._grid
        index = grid.indexOf(widget)
        if index >= 0:
            row, _c, _rs, _cs = grid.getItemPosition(index)
            below = grid.itemAtPosition(row + 1, 1)
            if below is not None and below.widget() is not None and not below.widget().objectName():
                below.widget().setVisible(visible)

    def _kind_changed(self) -> None:
        kind = DocType(self.doc_type.currentData())
        self._row_visible(self.renewal_date, kind == DocType.DBS or bool(self.renewal_date.text()))
        self._row_visible(self.cover, kind == DocType.INSURANCE or bool(self.cover.text()))

    def load(self, d: DocumentDraft) -> None:
        self.errors.clear()
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(DocType(d.doc_type).value)))
        self.title.setText(d.title)
        self.issuer.setText(d.issuer)
        self.number.setText(d.number)
        self.issue_date.set_date(d.issue_date)
        self.expiry_date.set_date(d.expiry_date)
        self.renewal_date.set_date(d.renewal_date)
        self.cover.set_pence(d.cover_pence)
        self.notes.setText(d.notes)
        self.in_default_set.setChecked(d.in_default_set)
        self._kind_changed()

    def draft(self) -> DocumentDraft:
        """The form as a draft; a date or amount that does not read raises ValidationError."""
        return DocumentDraft(
            doc_type=DocType(self.doc_type.currentData()),
            title=self.title.text(),
            issuer=self.issuer.text(),
            number=self.number.text(),
            issue_date=self.issue_date.date_value("issue_date"),
            expiry_date=self.expiry_date.date_value("expiry_date"),
            renewal_date=self.renewal_date.date_value("renewal_date"),
            cover_pence=self.cover.pence("cover_pence", required=False),
            notes=self.notes.text(),
            in_default_set=self.in_default_set.isChecked(),
        )


@register_panel
class PortfolioPanel(Panel):
    AREA = Area.PORTFOLIO
    WATCHES = frozenset({Area.PORTFOLIO, Area.PROFILE})

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.current_id: int | None = None
        self.rows: list[DocumentRow] = []
        self.file_rows: list[FileRow] = []
        self._icons: dict[int, QIcon] = {}
        self.dialogs: list[QWidget] = []

        # left: documents by kind
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Document", "Expires / renews", "Status"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Portfolio documents")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.new_button = QPushButton("&New document")
        self.export_button = QPushButton("&Export portfolio…")
        self.show_archived = QCheckBox("Show &archived")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        left = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)
        top.addStretch(1)
        top.addWidget(self.show_archived)
        lv = QVBoxLayout(left)
        lv.addLayout(top)
        lv.addWidget(self.tree, 1)
        lv.addWidget(self.summary)

        # right: the document and its files
        self.heading = heading_label()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.form = DocumentForm()
        self.files = FileList()
        self.files.setMinimumHeight(150)
        self.attach_button = QPushButton("A&ttach file…")
        self.preview_button = QPushButton("&Preview")
        self.remove_button = QPushButton("Re&move file")
        self.files_hint = QLabel()
        self.files_hint.setWordWrap(True)
        self.file_error = error_label()
        self.file_error.setObjectName("error_file")
        self.form.errors.bind("file", self.files, self.file_error)
        files_box = QGroupBox("Files")
        fb = QVBoxLayout(files_box)
        fb.addWidget(self.files_hint)
        fb.addWidget(self.files, 1)
        fb.addWidget(self.file_error)
        fbuttons = QHBoxLayout()
        fbuttons.addWidget(self.attach_button)
        fbuttons.addWidget(self.preview_button)
        fbuttons.addWidget(self.remove_button)
        fbuttons.addStretch(1)
        fb.addLayout(fbuttons)
        detail = QWidget()
        dv = QVBoxLayout(detail)
        dv.addWidget(self.status_label)
        dv.addWidget(self.form)
        dv.addWidget(files_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        buttons = ArchivableRecordButtons()
        self.save_button, self.archive_button = buttons.save_button, buttons.archive_button
        self.restore_button, self.saved_label = buttons.restore_button, buttons.saved_label
        right = detail_column(self.heading, scroll, buttons)
        splitter = self.list_detail = side_by_side(
            left,
            right,
            noun="documents",
            openers=(self.new_button,),
            detail_when_empty=True,
            stretch=(2, 3),
            sizes=(520, 780),
        )
        self.share_view = ShareLogView(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "&Documents")
        self.tabs.addTab(self.share_view, "Share &log")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.tree.currentItemChanged.connect(lambda cur, _prev: self._open_item(cur))
        self.new_button.clicked.connect(self.new_document)
        self.export_button.clicked.connect(lambda: self.open_export())
        self.show_archived.toggled.connect(lambda _c: self.refresh())
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(self.archive)
        self.restore_button.clicked.connect(self.restore)
        self.attach_button.clicked.connect(self.choose_files)
        self.preview_button.clicked.connect(self.preview)
        self.remove_button.clicked.connect(self.remove)
        self.files.files_dropped.connect(self.attach_paths)
        self.files.itemDoubleClicked.connect(lambda _i: self.preview())
        self.files.currentItemChanged.connect(lambda _c, _p: self._update_file_buttons())
        self.new_document()
        self.refresh()

    # --- list ------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.ctx.today()
        archived = self.show_archived.isChecked()
        self.rows = self.ctx.runner.read(
            lambda s: list_documents(s, today=today, include_archived=archived)
        )
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[DocType, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        select: QTreeWidgetItem | None = None
        for r in self.rows:
            group = groups.get(r.doc_type)
            if group is None:
                group = QTreeWidgetItem(self.tree, [TYPE_PLURALS[r.doc_type]])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setFirstColumnSpanned(True)
                group.setExpanded(True)
                groups[r.doc_type] = group
            when = r.expiry_date or r.renewal_date
            if r.expiry_date and r.renewal_date:
                when = min(r.expiry_date, r.renewal_date)
            status = "Archived" if r.archived else STATUS_LABELS[r.status]
            item = QTreeWidgetItem(group, [r.title, format_date(when) or "—", status])
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(2, r.status_text)
            if r.files_count == 0:
                item.setToolTip(0, "No file attached yet")
            if r.archived:
                for c in range(3):
                    item.setForeground(c, QBrush(QColor(MUTED)))
            elif r.status == ExpiryStatus.EXPIRED:
                item.setForeground(2, QBrush(EXPIRED_COLOUR))
                item.setFont(2, bold)
            elif r.status == ExpiryStatus.EXPIRING_SOON:
                item.setForeground(2, QBrush(SOON_COLOUR))
                item.setFont(2, bold)
            if r.id == self.current_id:
                select = item
        for group in groups.values():
            group.setText(0, f"{group.text(0)} ({group.childCount()})")
        self.tree.blockSignals(False)
        if select is not None:
            self.tree.setCurrentItem(select)
        expired = sum(r.status == ExpiryStatus.EXPIRED and not r.archived for r in self.rows)
        soon = sum(r.status == ExpiryStatus.EXPIRING_SOON and not r.archived for r in self.rows)
        n = sum(not r.archived for r in self.rows)
        parts = [f"{n} document{'s' if n != 1 else ''}"]
        if expired:
            parts.append(f"{expired} expired")
        if soon:
            parts.append(f"{soon} expiring within 30 days")
        self.summary.setText(
            ", ".join(parts) + "."
            if n
            else "No documents yet. Add your DBS certificate, insurance and training "
            "certificates with New document."
        )
        if self.current_id is not None:
            self._show_status()

    def item_for(self, document_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                if child.data(0, Qt.ItemDataRole.UserRole) == document_id:
                    return child
        return None

    # --- one document ----------------------------------------------------------------
    def _open_item(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        doc_id = item.data(0, Qt.ItemDataRole.UserRole)
        if doc_id is not None and doc_id != self.current_id:
            self.open_document(int(doc_id))

    def open_document(self, document_id: int) -> None:
        draft, archived = self.ctx.runner.read(
            lambda s: (
                draft_from_document(get_document(s, document_id)),
                get_document(s, document_id).archived,
            )
        )
        self.current_id = document_id
        self.form.load(draft)
        self.heading.setText(draft.title + (" (archived)" if archived else ""))
        self.archive_button.setVisible(not archived)
        self.restore_button.setVisible(archived)
        self.saved_label.clear()
        self._show_status()
        self._load_files()

    def _show_status(self) -> None:
        if self.current_id is None:
            self.status_label.clear()
            return
        cid, today = self.current_id, self.ctx.today()
        row = self.ctx.runner.read(lambda s: document_row(s, cid, today=today))
        text = row.status_text
        if row.status == ExpiryStatus.EXPIRED:
            self.status_label.setText(
                f"<b style='color:{EXPIRED_COLOUR.name()}'>{html.escape(text)}.</b> Renew it, "
                "then put in the new dates and attach the new certificate."
            )
        elif row.status == ExpiryStatus.EXPIRING_SOON:
            self.status_label.setText(
                f"<b style='color:{SOON_COLOUR.name()}'>Expiring soon:</b> {html.escape(text)}"
            )
        else:
            self.status_label.setText(text)

    def new_document(self) -> None:
        self.current_id = None
        self.tree.clearSelection()
        self.tree.setCurrentItem(None)  # type: ignore[arg-type]
        self.form.load(DocumentDraft(doc_type=DocType.TRAINING))
        self.heading.setText("New document")
        self.status_label.setText("Fill in the details and Save; then attach the scan or photo.")
        self.archive_button.hide()
        self.restore_button.hide()
        self.saved_label.clear()
        self._load_files()
        self.form.title.setFocus()

    def save(self) -> None:
        today = self.ctx.today()
        doc_id = self.current_id

        saved = self.ctx.runner.run(
            lambda s: save_document(s, doc_id, self.form.draft(), today=today),
            errors=self.form.errors,
            parent=self,
        )
        if saved is not None:
            self.current_id = saved
            self.open_document(saved)
            self.refresh()
            self.saved_label.setText("Saved.")

    def archive(self) -> None:
        doc_id = self.current_id
        if doc_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Archive document",
            "Archive this document? It leaves the list and future portfolios; nothing is "
            "deleted and you can restore it (tick Show archived).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.runner.run(lambda s: archive_document(s, doc_id), parent=self) is not None:
            self.new_document()

    def restore(self) -> None:
        doc_id = self.current_id
        if (
            doc_id is not None
            and self.ctx.runner.run(lambda s: restore_document(s, doc_id), parent=self) is not None
        ):
            self.open_document(doc_id)

    # --- files -----------------------------------------------------------------------
    def _load_files(self) -> None:
        doc_id = self.current_id
        self.file_error.hide()
        if doc_id is None:
            self.file_rows = []
            self.files.show_files([], {})
            self.files.accepting = False
            self.files_hint.setText("Save the document first, then attach its files.")
        else:
            self.file_rows = self.ctx.runner.read(lambda s: list_files(s, doc_id))
            for r in self.file_rows:
                if r.id not in self._icons:
                    data = self.ctx.runner.read(lambda s, fid=r.id: file_content(s, fid))
                    self._icons[r.id] = thumbnail(self.files, r, data)
            self.files.show_files(self.file_rows, self._icons)
            self.files.accepting = True
            self.files_hint.setText(
                "Drag PDF, JPEG or PNG files here, or use Attach file. "
                "Double-click a file to see it."
                if self.file_rows
                else "No file yet: drag the scan or photo here, or use Attach file."
            )
        self.attach_button.setEnabled(doc_id is not None)
        self._update_file_buttons()

    def _update_file_buttons(self) -> None:
        has = self.files.current_file_id() is not None
        self.preview_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Attach files", str(Path.home()), FILE_FILTER)
        if names:
            self.attach_paths(names)

    def attach_paths(self, paths: list[str]) -> int:
        """Checks and attaches each file; says plainly why any was refused. Returns how many."""
        doc_id = self.current_id
        if doc_id is None:
            return 0
        from app.documents.portfolio_pdf import check_attachment

        problems: list[str] = []
        attached = 0
        for p in paths:
            path = Path(p)
            try:
                if not path.is_file():
                    problems.append(f"“{path.name}” is not a file that can be attached.")
                    continue
                if path.stat().st_size > MAX_FILE_BYTES:
                    problems.append(f"“{path.name}” is larger than 50 MB; save a smaller copy.")
                    continue
                data = path.read_bytes()
            except OSError as exc:
                problems.append(f"“{path.name}” could not be read ({exc.strerror or 'no access'}).")
                continue
            try:
                check_file_kind(path.name, data)
            except ValidationError as exc:
                problems.append(exc.message)
                continue
            problem = check_attachment(path.name, data)
            if problem:
                problems.append(problem)
                continue
            done = self.ctx.runner.run(
                lambda s, name=path.name, data=data: attach_file(s, doc_id, name, data).map(
                    lambda f: f.id
                ),
                parent=self,
            )
            attached += done is not None
        self._load_files()
        if problems:
            self.file_error.setText("\n".join(problems))
            self.file_error.show()
        return attached

    def preview(self) -> None:
        fid = self.files.current_file_id()
        row = next((r for r in self.file_rows if r.id == fid), None)
        if row is None:
            return
        data = self.ctx.runner.read(lambda s: file_content(s, row.id))
        self.dialogs.append(preview_file(self, row, data))

    def remove(self) -> None:
        fid = self.files.current_file_id()
        row = next((r for r in self.file_rows if r.id == fid), None)
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove file",
            f"Remove “{row.filename}” from this document? The file "
            "stays wherever you attached it from.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.runner.run(lambda s: remove_file(s, row.id), parent=self) is not None:
            self._icons.pop(row.id, None)
            self._load_files()

    # --- export ----------------------------------------------------------------------
    def open_export(self, client_id: int | None = None) -> Any:
        from app.ui.portfolio.export_dialog import ExportDialog

        dialog = ExportDialog(self.ctx, self, client_id=client_id)
        dialog.open()
        self.dialogs.append(dialog)
        return dialog
