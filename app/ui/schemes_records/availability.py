"""Settings → Working hours and free time: hours per weekday with a break, travel time
between visits, the week's free time as a grid and as text to paste into the directory."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import availability as av
from app.core.changes import Area, Changes
from app.ui.forms import FieldErrors, error_label
from app.ui.schemes_records.week_grid import WeekGrid
from app.ui.settings.sections import register_settings_section


def _time_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText("hh:mm")
    edit.setMaxLength(5)
    return edit


class WorkingHoursSection(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors()
        intro = QLabel(
            "The hours you are willing to work. Your free time is these hours less your "
            "break and the visits in your signed agreements, with travel time either side of "
            "each visit. Leave a day empty if you do not work that day."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        for col, title in enumerate(("", "Start", "Finish", "Break from", "Break to")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.rows: dict[int, tuple[QLineEdit, QLineEdit, QLineEdit, QLineEdit]] = {}
        for day, name in enumerate(av.DAY_NAMES):
            edits = (_time_edit(), _time_edit(), _time_edit(), _time_edit())
            label = QLabel(name.capitalize())
            label.setBuddy(edits[0])
            r = 1 + day * 2
            grid.addWidget(label, r, 0)
            for c, edit in enumerate(edits):
                edit.setAccessibleName(
                    f"{name.capitalize()} {('start', 'finish', 'break from', 'break to')[c]}"
                )
                grid.addWidget(edit, r, c + 1)
            err = error_label()
            grid.addWidget(err, r + 1, 1, 1, 4)
            self.errors.bind(f"{name}_start", edits[0], err)
            self.errors.bind(f"{name}_end", edits[1], err)
            self.errors.bind(f"{name}_break", edits[2], err)
            self.rows[day] = edits
        grid.setColumnStretch(5, 1)
        self.travel = QSpinBox()
        self.travel.setRange(0, av.MAX_TRAVEL_MINUTES)
        self.travel.setSingleStep(5)
        self.travel.setSuffix(" minutes")
        travel_label = QLabel("&Travel time between visits")
        travel_label.setBuddy(self.travel)
        travel_err = error_label()
        self.errors.bind("travel_minutes", self.travel, travel_err)
        travel_row = QHBoxLayout()
        travel_row.addWidget(travel_label)
        travel_row.addSpacing(8)
        travel_row.addWidget(self.travel)
        travel_row.addStretch(1)
        self.save_button = QPushButton("Save working &hours")
        self.saved_label = QLabel()
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)

        self.grid_view = WeekGrid()
        free_title = QLabel("<b>Your free time this week</b> (green; grey is a booked visit)")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Free time as text for the directory")
        self.text.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        self.copy_button = QPushButton("&Copy for the directory")
        self.copy_state = QLabel()
        self.copy_state.setWordWrap(True)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_state, 1)
        copy_row.addWidget(self.copy_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(travel_row)
        layout.addWidget(travel_err)
        layout.addLayout(save_row)
        layout.addWidget(free_title)
        layout.addWidget(self.grid_view)
        layout.addWidget(self.text)
        layout.addLayout(copy_row)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        ctx.runner.changed.connect(self._changed)
        self.load()

    def _changed(self, changes: Changes) -> None:
        if changes & {Area.CONTRACTS, Area.SETTINGS}:
            try:
                self.show_free_time()
            except RuntimeError:  # the section was closed
                pass

    def load(self) -> None:
        hours = self.ctx.runner.read(av.get_working_hours)
        for day, edits in self.rows.items():
            d = hours.day(day)
            values = (d.start, d.end, d.break_start, d.break_end) if d else ("",) * 4
            for edit, value in zip(edits, values, strict=True):
                edit.setText(value)
        self.travel.setValue(hours.travel_minutes)
        self.show_free_time()

    def show_free_time(self) -> None:
        today = self.ctx.today()
        week, copied = self.ctx.runner.read(
            lambda s: (av.availability(s, today), av.copied_text(s))
        )
        self.grid_view.set_week(week)
        self.text.setPlainText(week.text)
        has_hours = bool(week.hours.days)
        self.copy_button.setEnabled(has_hours)
        if not has_hours:
            self.copy_state.setText("Enter your working hours to see your free time.")
        elif copied == week.text:
            self.copy_state.setText("This is what you last copied: the directory is up to date.")
        elif copied:
            self.copy_state.setText(
                "Your free time has changed since you last copied it: copy it and paste it "
                "into your directory profile."
            )
        else:
            self.copy_state.setText("Copy this and paste it into your directory profile.")

    def save(self) -> None:
        drafts = [
            av.WorkingDayDraft(day, *(e.text() for e in edits)) for day, edits in self.rows.items()
        ]
        travel = self.travel.value()
        if (
            self.ctx.runner.run(
                lambda s: av.save_working_hours(s, drafts, travel),
                errors=self.errors,
                parent=self,
            )
            is not None
        ):
            self.saved_label.setText("Saved.")
            self.load()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        today = self.ctx.today()
        if self.ctx.runner.run(lambda s: av.mark_copied(s, today), parent=self) is not None:
            self.copy_state.setText(
                "Copied. Paste it into your directory profile (Ctrl+V); Today will remind you "
                "when your free time changes."
            )


@register_settings_section("Working hours and free time", order=20)
def working_hours_section(ctx) -> QWidget:  # type: ignore[no-untyped-def]
    return WorkingHoursSection(ctx)
