"""Settings: how long each kind of record is kept (with its source), and the ICO fee."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, changes
from app.core.privacy import ico, retention
from app.ui.forms import DateEdit, FormGrid
from app.ui.settings.sections import register_settings_section


class PrivacySection(QWidget):
    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        v = QVBoxLayout(self)
        intro = QLabel(
            "Records are kept only as long as they are needed. When a client's records may be "
            "erased, Today tells you; erasing keeps the amounts and dates the tax rules need."
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        grid = QGridLayout()
        for col, head in enumerate(("Kind of record", "Years", "Counted from", "Source")):
            grid.addWidget(QLabel(f"<b>{head}</b>"), 0, col)
        self.years: dict[str, QSpinBox] = {}
        for row, rule in enumerate(retention.RULES, start=1):
            kind = QLabel(rule.kind)
            kind.setWordWrap(True)  # the table fits a small screen
            grid.addWidget(kind, row, 0)
            spin = QSpinBox()
            spin.setRange(1, retention.MAX_YEARS)
            spin.setAccessibleName(f"Years to keep: {rule.kind}")
            self.years[rule.key] = spin
            grid.addWidget(spin, row, 1)
            counted_from = QLabel(rule.counted_from)
            counted_from.setWordWrap(True)
            grid.addWidget(counted_from, row, 2)
            source = QLabel(rule.source)
            source.setWordWrap(True)
            grid.addWidget(source, row, 3)
        grid.setColumnStretch(3, 1)
        v.addLayout(grid)

        self.form = FormGrid()
        self.ico_number = QLineEdit()
        self.ico_renewal = DateEdit()
        self.form.add_field(
            "ico_number",
            "ICO &registration number",
            self.ico_number,
            help="From your ICO data protection fee certificate, e.g. ZA123456.",
        )
        self.form.add_field(
            "ico_renewal",
            "ICO fee &renewal date",
            self.ico_renewal,
            help="Today reminds you 30 days before.",
        )
        v.addWidget(self.form)
        row = QHBoxLayout()
        self.saved = QLabel()
        row.addWidget(self.saved, 1)
        self.save_button = QPushButton("Save &data protection settings")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        v.addLayout(row)
        self.load()

    def load(self) -> None:
        def read(session):  # type: ignore[no-untyped-def]
            years = {r.key: retention.years_for(session, r.key) for r in retention.RULES}
            return years, ico.get_ico_fee(session)

        years, fee = self.ctx.runner.read(read)
        for key, spin in self.years.items():
            spin.setValue(years[key])
        self.ico_number.setText(fee.number)
        self.ico_renewal.set_date(fee.renewal)

    def save(self) -> None:
        years = {k: s.value() for k, s in self.years.items()}
        number, renewal = self.ico_number.text(), self.ico_renewal

        def save(session):  # type: ignore[no-untyped-def]
            done = set(ico.save_ico_fee(session, number, renewal.date_value("ico_renewal")))
            for key, value in years.items():
                done |= retention.set_years(session, key, value)
            return changes(*done) if done else changes(Area.SETTINGS)

        if self.ctx.runner.run(save, errors=self.form.errors, parent=self) is not None:
            self.saved.setText("Saved.")
            self.load()


@register_settings_section("Data protection (UK GDPR) and the ICO fee", order=40)
def privacy_section(ctx) -> QWidget:  # type: ignore[no-untyped-def]
    return PrivacySection(ctx)
