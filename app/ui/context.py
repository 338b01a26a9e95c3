"""What every panel is given: the open store, the action runner, and today's date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.core.formatting import today_london
from app.storage.database import Store
from app.ui.actions import ActionRunner


@dataclass
class UiContext:
    store: Store
    runner: ActionRunner
    today: Callable[[], date] = field(default=today_london)
