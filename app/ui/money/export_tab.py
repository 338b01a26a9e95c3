"""Money's export tab: the year's CSV files and the PDF summary for an accountant."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout

from app.core.formatting import plural
from app.core.money.summary import tax_year_summary
from app.ui.money.common import MoneyTab, wrap


class ExportTab(MoneyTab):
    def __init__(self, ctx, year) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, year)
        v = QVBoxLayout(self)
        v.addWidget(
            wrap(
                "Export this tax year for your accountant: income, expenses, mileage, "
                "summary and Making Tax Digital quarters as CSV files (they open in Excel), "
                "and a one-page PDF summary, all in one folder. Receipts stay inside Daybook."
            )
        )
        row = QHBoxLayout()
        self.export_button = QPushButton("&Export to a folder…")
        self.export_button.clicked.connect(self.choose_export_folder)
        self.preview_button = QPushButton("&Preview the PDF summary…")
        self.preview_button.clicked.connect(self.preview_pdf)
        row.addWidget(self.export_button)
        row.addWidget(self.preview_button)
        row.addStretch(1)
        v.addLayout(row)
        self.export_status = wrap()
        self.export_status.setObjectName("export_status")
        v.addWidget(self.export_status)
        v.addStretch(1)

    def refresh(self) -> None:
        self.export_status.clear()  # a message about another year would mislead

    def _pdf(self) -> bytes:
        from app.core.profile import get_profile
        from app.documents.tax_summary_pdf import render_tax_summary

        year = self.year

        def build(session):  # type: ignore[no-untyped-def]
            profile = get_profile(session)
            return render_tax_summary(
                tax_year_summary(session, year),
                trading_name=profile.trading_name if profile else "",
                carer_name=profile.carer_name if profile else "",
            )

        return self.ctx.runner.read(build)

    def preview_pdf(self) -> None:
        from app.ui.pdf_preview import show_pdf

        self.pdf_dialog = show_pdf(
            self,
            self._pdf(),
            f"Tax year {self.year.label} summary",
            f"tax-summary-{self.year.label}.pdf",
        )

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Choose a folder for the export", str(Path.home())
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path] | None:
        from app.core.money.export import export_year

        year = self.year
        try:
            paths = self.ctx.runner.read(lambda s: export_year(s, year, folder))
            pdf_path = folder / f"tax-summary-{year.label}.pdf"
            pdf_path.write_bytes(self._pdf())
        except OSError as exc:
            QMessageBox.information(
                self,
                "Export",
                f"Daybook could not write to that folder ({exc.strerror}). Choose another folder.",
            )
            return None
        paths = [*paths, pdf_path]
        self.export_status.setText(
            f"Saved {plural(len(paths), 'file')} in {folder}: " + ", ".join(p.name for p in paths)
        )
        return paths
