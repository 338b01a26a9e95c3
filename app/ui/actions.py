"""Every user action goes through one helper (as Anki's CollectionOp): a unit of work,
ValidationError beside the field, expected problems in a calm message, anything else to the
error dialog, then a `changed(Changes)` signal every panel listens to."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.changes import ALL, Changes, Done
from app.core.errors import DaybookError, ValidationError
from app.ui.error_dialog import show_unexpected_error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.core.reading import Reader
    from app.storage.database import Store
    from app.ui.forms import FieldErrors

T = TypeVar("T")
log = logging.getLogger("daybook.ui.actions")


class ActionRunner(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def run(
        self,
        fn: Callable[[Session], Changes | Done[T]],
        *,
        errors: FieldErrors | None = None,
        parent: QWidget | None = None,
    ) -> T | Changes | None:
        """Runs `fn(session)` in one unit of work and broadcasts what it changed.

        `fn` returns `Changes` (broadcast, and returned) or `Done(value, changes)` (the
        changes broadcast, the value returned); None after a refused or failed action."""
        if errors is not None:
            errors.clear()
        try:
            with self.store.unit_of_work() as session:
                result = fn(session)
        except ValidationError as exc:
            problems = getattr(exc, "problems", [(exc.field, exc.message)])
            if errors is None or not errors.show_all(problems):
                QMessageBox.information(parent, "Please check", exc.message)
            return None
        except DaybookError as exc:
            QMessageBox.information(parent, "Daybook", str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - a bug: the one error dialog, logged in full
            show_unexpected_error(parent, exc)
            return None
        if isinstance(result, Done):
            self.changed.emit(result.changes)
            return result.value
        if isinstance(result, frozenset):
            self.changed.emit(result)
            return result
        # A service that says nothing of what it changed is a bug: refresh everything rather
        # than leave a panel stale, and say so in the log.
        log.error("%s returned %s, not Changes or Done", fn, type(result).__name__)
        self.changed.emit(ALL)
        return result

    def read(self, fn: Callable[[Session], T]) -> T:
        with self.store.reading() as session:
            return fn(session)

    def read_plain(self, fn: Callable[[Reader], T]) -> T:
        """`fn` over a plain Reader (app/core/reading.py): no ORM, so Today can show before
        SQLAlchemy has loaded."""
        with self.store.plain() as db:
            return fn(db)
