"""A week of free time drawn as a grid: a column per weekday, free time in green, booked
visits in grey, over the working hours."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.availability import DAY_SHORT, Availability, clock
from app.ui import style

FREE = QColor(style.FREE_BG)
FREE_EDGE = QColor(style.FREE_EDGE)
BOOKED = QColor(style.BOOKED_BG)
WORKING = QColor(style.WORKING_BG)


class WeekGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: Availability | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Free time this week")

    def set_week(self, week: Availability) -> None:
        self.week = week
        self.setToolTip(week.text)
        self.setAccessibleDescription(week.text)
        self.updateGeometry()
        self.update()

    def _span(self) -> tuple[int, int]:
        """The hours shown: from the earliest working start to the latest finish (whole hours)."""
        days = self.week.hours.days if self.week else ()
        if not days:
            return 8 * 60, 18 * 60
        first = min(int(d.start[:2]) for d in days) * 60
        last = max(int(d.end[:2]) * 60 + (60 if d.end[3:] != "00" else 0) for d in days)
        return first, max(last, first + 60)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        fm = self.fontMetrics()
        first, last = self._span()
        hours = (last - first) // 60
        return QSize(fm.horizontalAdvance("00:00") * 12, fm.height() * (3 + hours * 2))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return self.sizeHint()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        first, last = self._span()
        left = fm.horizontalAdvance("00:00") + 8
        top = fm.height() + 4
        width = (self.width() - left - 2) / 7
        height = self.height() - top - fm.height() // 2 - 2
        per_minute = height / (last - first)
        text = self.palette().color(QPalette.ColorRole.Text)
        grid = self.palette().color(QPalette.ColorRole.Mid)

        def y(minutes: int) -> float:
            return top + (minutes - first) * per_minute

        for day in range(7):
            x = left + day * width
            p.setPen(text)
            p.drawText(QRectF(x, 0, width, top), Qt.AlignmentFlag.AlignCenter, DAY_SHORT[day])
            working = self.week.hours.day(day) if self.week else None
            if working is not None:
                s = int(working.start[:2]) * 60 + int(working.start[3:])
                e = int(working.end[:2]) * 60 + int(working.end[3:])
                p.fillRect(QRectF(x + 1, y(s), width - 2, y(e) - y(s)), WORKING)
        if self.week:
            for slot in self.week.booked:
                x = left + slot.weekday * width
                p.fillRect(
                    QRectF(x + 3, y(slot.start), width - 6, y(slot.end) - y(slot.start)), BOOKED
                )
            p.setPen(QPen(FREE_EDGE, 1))
            for slot in self.week.free:
                x = left + slot.weekday * width
                rect = QRectF(x + 3, y(slot.start), width - 6, y(slot.end) - y(slot.start))
                p.fillRect(rect, FREE)
                p.drawRect(rect)
                if rect.height() >= fm.height():
                    label = f"{clock(slot.start)}–{clock(slot.end)}"
                    if fm.horizontalAdvance(label) > rect.width() - 4:
                        label = clock(slot.start)
                    p.setPen(text)
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
                    p.setPen(QPen(FREE_EDGE, 1))
        p.setPen(QPen(grid, 0.5))
        for hour in range(first, last + 1, 60):
            p.drawLine(int(left), int(y(hour)), self.width() - 2, int(y(hour)))
            p.setPen(text)
            p.drawText(
                QRectF(0, y(hour) - fm.height() / 2, left - 4, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                clock(hour),
            )
            p.setPen(QPen(grid, 0.5))
        for day in range(8):
            x = left + day * width
            p.drawLine(int(x), top, int(x), self.height() - 2)
        p.end()
