"""Settings: the default wording new contracts start from."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.core.contracts.clauses import (
    CLAUSE_LABELS,
    ClauseTemplate,
    clause_template,
    reset_clause_template,
    save_clause_template,
)
from app.ui.forms import FormGrid, TextArea
from app.ui.settings.sections import register_settings_section


class ClauseTemplateSection(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        intro = QLabel(
            "New agreements start with this wording; you can still change it in each "
            "agreement. Agreements already drafted or signed keep their own words."
        )
        intro.setWordWrap(True)
        self.grid = FormGrid()
        self.areas = {name: TextArea(5) for name in CLAUSE_LABELS}
        for name, label in CLAUSE_LABELS.items():
            self.grid.add_field(name, label, self.areas[name])
        self.saved_label = QLabel()
        self.save_button = QPushButton("Save &wording")
        self.reset_button = QPushButton("Put back Daybook's wording")
        row = QHBoxLayout()
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.reset_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.grid)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        self.load()

    def load(self) -> None:
        template = self.ctx.runner.read(clause_template)
        for name, area in self.areas.items():
            area.setText(getattr(template, name))

    def save(self) -> None:
        template = ClauseTemplate(**{name: a.text() for name, a in self.areas.items()})
        if (
            self.ctx.runner.run(
                lambda s: save_clause_template(s, template),
                errors=self.grid.errors,
                parent=self,
            )
            is not None
        ):
            self.saved_label.setText("Saved. New agreements will use this wording.")

    def reset(self) -> None:
        answer = QMessageBox.question(
            self, "Contract wording", "Put back the wording Daybook came with?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.runner.run(reset_clause_template, parent=self) is not None:
            self.load()
            self.saved_label.setText("Daybook's wording is back.")


@register_settings_section("Contract wording", order=30)
def clause_section(ctx) -> QWidget:  # type: ignore[no-untyped-def]
    return ClauseTemplateSection(ctx)
